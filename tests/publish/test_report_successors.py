"""The yearly report names each body as the data says it is on the report's date (plansite.report.successors).

On a made-up plan (the minimal fixture copied, with successors and a reorganisation added): a body
that a dated successor took over is «… (nay là …)» in the reports due after that date, and the
successor writes the report when it is the lead agency; once the plan's own place has ceased
(«valid_to» before the deadline), the head names the same body of the place it «becomes», says the
plan was issued by the old one, and a body whose successor the data says is unknown
(«successor_unknown») is said to be so, never named as if it still existed; what the data does not
know is left for a person to fill in the .docx. The reports due before the change are untouched.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import yaml
from docx.enum.text import WD_COLOR_INDEX

from plansite.pipeline import check
from plansite.report import Report, build_report
from plansite.report.content import Cell, Items, Para, Section, Table
from plansite.report.docx import docx_bytes
from plansite.status.judged import Judged, judge
from testkit import MINIMAL, TODAY, copy_folder

OLD_ISSUER = "Ủy ban nhân dân Tỉnh Mẫu"
NEW_ISSUER = "Ủy ban nhân dân Tỉnh Mới"
UNKNOWN = "Chưa rõ: chưa tìm thấy văn bản sắp xếp Sở Giáo dục và Đào tạo của Tỉnh Mẫu."


def _edit(path: Path, change: Any) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _agency(doc: dict[str, Any], aid: str) -> dict[str, Any]:
    return next(a for a in doc["agencies"] if a["id"] == aid)


def successor(name: str, date: str | None, n: int) -> dict[str, str]:
    out = {"name": name, "source": f"Quyết định mẫu số {n}/QĐ-UBND", "url": f"https://example.org/qd-{n}"}
    return out | ({"date": date} if date else {})


def judged_of(folder: Path, today: dt.date = TODAY) -> Judged:
    checked = check(folder, today=today)
    assert checked.ok, [p.message for p in checked.problems.items]
    return judge(checked, today)


def merged(tmp_path: Path, *, into: tuple[str, ...] = ("tinh-moi",), lead: list[dict[str, str]] | None = None) -> Path:
    """Tỉnh Mẫu ceases on 31/03/2024 and becomes ``into``; Sở Giáo dục's successor is not known; the lead agency's
    successors are ``lead`` (default: a body of the new province from 01/04/2024)."""
    folder = copy_folder(MINIMAL, tmp_path / "data")

    def places(doc: dict[str, Any]) -> None:
        old = next(p for p in doc["places"] if p["id"] == "tinh-mau")
        old.update(valid_to="31/03/2024", becomes=list(into))
        for pid, name in (("tinh-moi", "Mới"), ("tinh-khac", "Khác")):
            doc["places"].append({"id": pid, "name": name, "kind": "Tỉnh", "level": "tinh", "valid_from": "01/04/2024"})
        doc["events"].append(
            {
                "id": "hop-nhat-2024",
                "date": "01/04/2024",
                "title": "Hợp nhất Tỉnh Mẫu vào tỉnh mới",
                "description": "Tỉnh Mẫu hợp nhất vào tỉnh mới.",
                "source": "Nghị quyết mẫu số 9/NQ-QH",
                "url": "https://example.org/nq-9",
                "reorganisation": True,
            }
        )

    def agencies(doc: dict[str, Any]) -> None:
        _agency(doc, "so-giao-duc")["successor_unknown"] = UNKNOWN
        chain = lead if lead is not None else [successor("Sở Dân tộc Tỉnh Mới", "01/04/2024", 8)]
        if chain:
            _agency(doc, "ban-dan-toc")["successors"] = chain

    _edit(folder / "places.yaml", places)
    _edit(folder / "agencies.yaml", agencies)
    return folder


def words(report: Report, *idents: str) -> str:
    """Every word of the report's sections (or of the sections ``idents``), as one text."""
    out: list[str] = []
    for s in report.sections:
        if idents and s.id not in idents:
            continue
        for b in s.blocks:
            if isinstance(b, Para):
                out.append(b.text)
            elif isinstance(b, Items):
                out.extend(b.items)
            elif isinstance(b, Table):
                out.extend(c.text for row in b.rows for c in row if isinstance(c, Cell))
    return "\n".join(out)


def section(report: Report, ident: str) -> Section:
    return next(s for s in report.sections if s.id == ident)


def document(report: Report) -> Any:
    return docx.Document(io.BytesIO(docx_bytes(report, TODAY)))


def head_lines(d: Any) -> tuple[list[Any], list[Any], list[Any]]:
    left, right = d.tables[0].rows[0].cells
    foot = d.tables[-1].rows[0].cells[0]
    return [p for p in left.paragraphs if p.text], [p for p in right.paragraphs if p.text], [p for p in foot.paragraphs]


def highlighted(p: Any) -> bool:
    return bool(p.runs) and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in p.runs)


# ------------------------------------------------------------------ a body taken over by a dated successor


def test_a_body_taken_over_is_named_with_its_successor_after_the_date(tmp_path: Path) -> None:
    folder = copy_folder(MINIMAL, tmp_path / "data")
    _edit(
        folder / "agencies.yaml",
        lambda d: (
            _agency(d, "so-giao-duc").update(successors=[successor("Sở Giáo dục mới", "01/03/2024", 7)]),
            _agency(d, "ban-dan-toc").update(successors=[successor("Ban Dân tộc và Tôn giáo tỉnh", "01/01/2024", 6)]),
        ),
    )
    judged = judged_of(folder)
    after, before = build_report(judged, 2024), build_report(judged, 2023)
    # Due 15/12/2024: both bodies had been taken over; the successor of the lead agency writes the report.
    assert after.head.issuing_body == "Ban Dân tộc và Tôn giáo tỉnh" and after.head.to_fill == ()
    assert after.head.agencies == ("Sở Giáo dục và Đào tạo (nay là Sở Giáo dục mới)",)
    assert after.head.parent_body == after.head.recipient == OLD_ISSUER  # the place still exists
    reporting = words(after, "bao-cao-co-quan")
    assert "Sở Giáo dục và Đào tạo (nay là Sở Giáo dục mới) (" in reporting
    assert "Ban Dân tộc tỉnh (nay là Ban Dân tộc và Tôn giáo tỉnh) (" in reporting
    identity = words(after, "van-ban")
    assert "Cơ quan tổng hợp báo cáo: Ban Dân tộc tỉnh (nay là Ban Dân tộc và Tôn giáo tỉnh)" in identity
    assert "Nay là Sở Giáo dục mới (từ 01/03/2024)." in identity
    assert "Phần do Ban Dân tộc và Tôn giáo tỉnh viết" in words(after)
    # Due 15/12/2023: the bodies as the plan names them, as before.
    assert before.head.issuing_body == "Ban Dân tộc tỉnh" and before.head.agencies == ("Sở Giáo dục và Đào tạo",)
    assert "nay là" not in words(before)
    lines, _, foot = head_lines(document(after))
    assert lines[1].text == "BAN DÂN TỘC VÀ TÔN GIÁO TỈNH" and not highlighted(lines[1])
    assert foot[2].text == "- Sở Giáo dục và Đào tạo (nay là Sở Giáo dục mới);"


# ------------------------------------------------------------------ the plan's place has ceased


def test_after_the_place_ceased_the_head_names_the_body_of_the_place_it_became(tmp_path: Path) -> None:
    judged = judged_of(merged(tmp_path))
    report = build_report(judged, 2024)  # due 15/12/2024, after 31/03/2024
    h = report.head
    assert h.parent_body == h.recipient == NEW_ISSUER and h.place_name == "Mới"
    assert h.issuing_body == "Sở Dân tộc Tỉnh Mới" and h.to_fill == ()
    assert h.agencies == ("Sở Giáo dục và Đào tạo (không còn từ 01/04/2024, chưa rõ cơ quan kế tiếp)",)
    # The plan was issued by the old body, and the report says so; the reorganisation is a numbered source.
    assert OLD_ISSUER in report.subject
    (said,) = [b for b in section(report, "van-ban").blocks if isinstance(b, Para) and "không còn từ ngày" in b.text]
    assert said.text.startswith(
        "Tỉnh Mẫu không còn từ ngày 01/04/2024 (Hợp nhất Tỉnh Mẫu vào tỉnh mới); địa bàn nay thuộc tỉnh Mới."
    )
    assert f"{OLD_ISSUER} (cũ) ban hành; báo cáo năm 2024 gửi {NEW_ISSUER}." in said.text
    (note,) = said.notes
    assert report.notes[note - 1].source == "Nghị quyết mẫu số 9/NQ-QH"
    text = words(report)
    assert f"nơi nhận báo cáo tổng hợp: {NEW_ISSUER}." in text and f"kiến nghị, đề xuất với {NEW_ISSUER}." in text
    assert f"với {OLD_ISSUER}" not in text and f"nhận báo cáo tổng hợp: {OLD_ISSUER}" not in text
    # The body whose successor is unknown: said so, with the data's words; never named bare.
    assert UNKNOWN in text
    school = "Sở Giáo dục và Đào tạo (không còn từ 01/04/2024, chưa rõ cơ quan kế tiếp)"
    reporting = section(report, "bao-cao-co-quan")
    names = [r[0].text for t in reporting.blocks if isinstance(t, Table) for r in t.rows if r[0] is not None]
    assert school in names and "Sở Giáo dục và Đào tạo" not in names
    assert any(school + " (" in b.text for b in reporting.blocks if isinstance(b, Para))
    missing = [r[2].text for t in section(report, "thieu-so-lieu").blocks if isinstance(t, Table) for r in t.rows if r[2]]
    assert "Sở Giáo dục và Đào tạo; không còn từ 01/04/2024, chưa rõ cơ quan kế tiếp" in missing
    assert "của Tỉnh Mẫu cũ" in text  # the figures are of the old place


def test_after_the_place_ceased_the_draft_heads_with_the_body_that_continues(tmp_path: Path) -> None:
    report = build_report(judged_of(merged(tmp_path)), 2024)
    left, right, foot = head_lines(document(report))
    assert [p.text for p in left[:2]] == [NEW_ISSUER.upper(), "SỞ DÂN TỘC TỈNH MỚI"]
    assert right[2].text.startswith("Mới, ngày [")
    assert foot[1].text == f"- {NEW_ISSUER} (để báo cáo);"
    assert foot[2].text == "- Sở Giáo dục và Đào tạo (không còn từ 01/04/2024, chưa rõ cơ quan kế tiếp);"


def test_before_the_place_ceased_the_report_is_as_the_plan_says(tmp_path: Path) -> None:
    report = build_report(judged_of(merged(tmp_path)), 2023)  # due 15/12/2023, the place still existed
    h = report.head
    assert h.parent_body == h.recipient == OLD_ISSUER and h.place_name == "Mẫu"
    assert h.issuing_body == "Ban Dân tộc tỉnh" and h.agencies == ("Sở Giáo dục và Đào tạo",) and h.to_fill == ()
    as_planned = words(report, *(s.id for s in report.sections if s.id != "thieu-so-lieu"))
    assert "không còn" not in as_planned and "cũ" not in as_planned
    # Who owes a missing figure is said as of the build's date (01/06/2024), when the place had ceased.
    assert "Sở Giáo dục và Đào tạo; không còn từ 01/04/2024, chưa rõ cơ quan kế tiếp" in words(report, "thieu-so-lieu")


def test_a_lead_agency_whose_successor_is_unknown_is_left_to_fill(tmp_path: Path) -> None:
    """The lead agency's successor (no date) was a body of the old place: it ceased with it, and who continues is unknown."""
    folder = merged(tmp_path, lead=[successor("Sở Dân tộc Tỉnh Mẫu", None, 5)])
    report = build_report(judged_of(folder), 2024)
    h = report.head
    assert h.issuing_body == "cơ quan nhận nhiệm vụ của Sở Dân tộc Tỉnh Mẫu" and h.to_fill == ("issuing_body",)
    text = words(report)
    assert "Cơ quan tổng hợp báo cáo: Ban Dân tộc tỉnh (sau là Sở Dân tộc Tỉnh Mẫu; không còn từ 01/04/2024, chưa rõ" in text
    assert "Sau là Sở Dân tộc Tỉnh Mẫu. Không còn từ 01/04/2024. Dữ liệu chưa ghi cơ quan kế tiếp." in text
    assert "Phần do cơ quan nhận nhiệm vụ của Sở Dân tộc Tỉnh Mẫu viết" in text
    left, _, _ = head_lines(document(report))
    assert left[1].text == "[CƠ QUAN NHẬN NHIỆM VỤ CỦA SỞ DÂN TỘC TỈNH MẪU]" and highlighted(left[1])
    assert not highlighted(left[0])


def test_a_place_that_became_several_leaves_the_issuer_to_fill(tmp_path: Path) -> None:
    report = build_report(judged_of(merged(tmp_path, into=("tinh-moi", "tinh-khac"))), 2024)
    h = report.head
    assert set(h.to_fill) == {"parent_body", "recipient", "place_name"}
    assert h.parent_body == h.recipient == f"cơ quan kế tiếp của {OLD_ISSUER}"
    text = words(report)
    assert "địa bàn nay thuộc tỉnh Mới, tỉnh Khác" in text and f"dữ liệu chưa ghi cơ quan nào thay {OLD_ISSUER}" in text
    assert f"nơi nhận báo cáo tổng hợp: cơ quan kế tiếp của {OLD_ISSUER} (chưa rõ)." in text
    left, right, foot = head_lines(document(report))
    assert left[0].text == f"[CƠ QUAN KẾ TIẾP CỦA {OLD_ISSUER.upper()}]" and highlighted(left[0])
    assert right[2].text.startswith("[địa danh], ngày [")
    assert foot[1].text == f"- [cơ quan kế tiếp của {OLD_ISSUER}] (để báo cáo);" and highlighted(foot[1])
