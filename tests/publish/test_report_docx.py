"""The yearly report's editable draft (.docx), read back with python-docx and checked against the data.

The format of Nghị định 30/2020/NĐ-CP: A4 and its margins; at the head the body the issuer belongs
to (the plan's issuer) and the issuer (the lead agency), the national motto, number and date left
to fill; «BÁO CÁO» and its subject; Times New Roman 13–14 pt; headings I, II, III; «Nơi nhận».
"""

from __future__ import annotations

import dataclasses
import io
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt

from plansite.pipeline import check
from plansite.report import Report, build_report
from plansite.report.content import Cell, Table
from plansite.report.docx import docx_bytes
from plansite.status.judged import Judged, judge
from plansite.status.labels import STATUSES
from testkit import MINIMAL, REPO, SECOND_PLAN, SECOND_TODAY, TODAY, read_only

ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\. \S")


@pytest.fixture(scope="module", params=["minimal", "second"])
def case(request: pytest.FixtureRequest) -> Iterator[tuple[Judged, Report, Any]]:
    folder, today, year = (MINIMAL, TODAY, 2023) if request.param == "minimal" else (SECOND_PLAN, SECOND_TODAY, 2024)
    for f in read_only(folder, str(folder.name)):
        checked = check(f, today=today)
        judged = judge(checked, today)
        report = build_report(judged, year)
        yield judged, report, docx.Document(io.BytesIO(docx_bytes(report, today)))


def test_a4_with_the_decree_margins(case: tuple[Judged, Report, Any]) -> None:
    s = case[2].sections[0]
    got = (s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    assert [round(x.mm) for x in got] == [210, 297, 20, 20, 30, 15]


def test_the_head_names_the_issuer_and_leaves_number_and_date_to_fill(case: tuple[Judged, Report, Any]) -> None:
    judged, report, document = case
    plan = judged.plan
    left, right = document.tables[0].rows[0].cells
    lines = [p.text for p in left.paragraphs if p.text]
    assert lines[0] == plan.plan.issuer.upper()  # the body the lead agency belongs to
    assert lines[1] == plan.agency(plan.plan.reporting.to).name.upper()  # the issuer: the lead agency
    assert lines[2].startswith("Số: [") and "/BC-" in lines[2]
    motto = [p.text for p in right.paragraphs if p.text]
    assert motto[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert re.fullmatch(r".*ngày \[…\] tháng \[…\] năm \[…\]", motto[2])
    for p in (left.paragraphs[-1], right.paragraphs[-1]):  # the number and the date: highlighted for the agency to fill
        assert p.runs and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in p.runs)
    ruled = [
        p for cell in (left, right) for p in cell.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]
    assert len(ruled) == 2  # the short lines under the issuer and under the motto
    texts = [p.text for p in document.paragraphs]
    i = texts.index("BÁO CÁO")
    assert texts[i + 1] == report.subject and plan.plan.number in report.subject


def test_times_new_roman_13_to_14_pt(case: tuple[Judged, Report, Any]) -> None:
    document = case[2]
    for name in ("Normal", "Heading 1", "Heading 2"):
        style = document.styles[name]
        assert style.font.name == "Times New Roman", name
        assert Pt(13) <= style.font.size <= Pt(14), name
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert all(fonts.get(qn(a)) == "Times New Roman" for a in ("w:ascii", "w:hAnsi", "w:cs")), name
    for p in document.paragraphs:
        for r in p.runs:
            assert r.font.name in (None, "Times New Roman")
            assert r.font.size is None or Pt(11) <= r.font.size <= Pt(14), (p.text, r.font.size)


def test_headings_are_the_report_sections_numbered_i_ii_iii(case: tuple[Judged, Report, Any]) -> None:
    _, report, document = case
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    expected = [report.heading(n, s) for n, s in report.numbered() if n]
    assert headings == expected and len(headings) >= 3
    assert all(ROMAN.match(h) for h in headings)
    assert [h.split(". ", 1)[0] for h in headings][:3] == ["I", "II", "III"]


def test_the_tables_hold_every_target_of_the_data(case: tuple[Judged, Report, Any]) -> None:
    judged, report, document = case
    plan = judged.plan
    wanted = [b for _, s in report.numbered() for b in s.blocks if isinstance(b, Table)]
    tables = document.tables[1:-1]  # the head and «Nơi nhận» are layout tables
    assert len(tables) == len(wanted)
    by_area = {a.name: [i for i in plan.indicators if i.area == a.id] for a in plan.areas}
    area_tables = [(t, w) for t, w in zip(tables, wanted, strict=True) if w.label in by_area]
    assert area_tables
    for t, w in area_tables:
        header = [c.text for c in t.rows[0].cells]
        assert header == list(w.columns)
        assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
        inds = by_area[w.label]
        assert len(t.rows) - 1 == sum(len(i.targets) or 1 for i in inds)
        first_column = [row.cells[0].text for row in t.rows[1:]]  # a merged cell reads the same on each of its rows
        assert list(dict.fromkeys(first_column)) == [i.name for i in inds]
        targets = [row.cells[1].text for row in t.rows[1:]]
        assert all(targets), w.label


def test_sources_are_numbered_notes(case: tuple[Judged, Report, Any]) -> None:
    _, report, document = case
    texts = [p.text for p in document.paragraphs]
    for n in report.notes:
        assert any(t.startswith(f"[{n.number}] {n.source}") for t in texts), n


def test_fields_only_a_person_can_write_are_marked_not_invented(case: tuple[Judged, Report, Any]) -> None:
    _, report, document = case
    paragraphs = document.paragraphs
    for ident in ("danh-gia", "kien-nghi"):
        number, section = next((n, s) for n, s in report.numbered() if s.id == ident)
        i = next(k for k, p in enumerate(paragraphs) if p.text == report.heading(number, section))
        body = paragraphs[i + 1]
        assert body.text.startswith("[") and body.text.endswith("]") and "Trang không tự viết phần này" in body.text
        assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in body.runs)
        assert paragraphs[i + 2].style.name == "Heading 1" or paragraphs[i + 2].text == "Nguồn số liệu"


def test_noi_nhan_and_the_signature_at_the_end(case: tuple[Judged, Report, Any]) -> None:
    judged, _, document = case
    left, right = document.tables[-1].rows[0].cells
    lines = [p.text for p in left.paragraphs]
    assert lines[0] == "Nơi nhận:"
    assert lines[1] == f"- {judged.plan.plan.issuer} (để báo cáo);"
    reporting = [a.name for a in judged.plan.agencies if a.reports and a.id != judged.plan.plan.reporting.to]
    assert lines[2:-1] == [f"- {a};" for a in reporting] and lines[-1] == "- Lưu: VT."
    signature = [p.text for p in right.paragraphs if p.text]
    assert signature == ["[QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ]", "[Chữ ký, dấu]", "[Họ và tên]"]


def test_the_same_report_gives_the_same_file(case: tuple[Judged, Report, Any]) -> None:
    judged, report, _ = case
    assert docx_bytes(report, judged.today) == docx_bytes(report, judged.today)


def test_the_draft_is_in_vietnamese(case: tuple[Judged, Report, Any]) -> None:
    document = case[2]
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang is not None and lang.get(qn("w:val")) == "vi-VN"
    assert document.core_properties.language == "vi-VN"


def test_no_path_of_the_machine_in_the_file(case: tuple[Judged, Report, Any]) -> None:
    judged, report, _ = case
    data = docx_bytes(report, judged.today)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            text = z.read(name).decode("utf-8", "replace")
            for path in (str(REPO), str(judged.folder), str(Path.home()), tempfile.gettempdir()):
                assert path not in text, (name, path)


def test_a_long_subject_is_whole_in_the_text_and_cut_only_in_the_properties(case: tuple[Judged, Report, Any]) -> None:
    judged, report, _ = case
    long = dataclasses.replace(report, subject="Kết quả " * 60)
    document = docx.Document(io.BytesIO(docx_bytes(long, judged.today)))
    assert long.subject in [p.text for p in document.paragraphs]
    assert len(document.core_properties.subject) == 255 and document.core_properties.subject.endswith("…")


@pytest.mark.parametrize(
    "cell",
    [
        Cell("Tỷ lệ hộ nghèo"),
        Cell("19,5%", num=True, notes=(1, 12)),
        Cell("đúng tiến độ", status=next(iter(STATUSES))),
        Cell(" có khoảng trắng ở đầu và cuối "),
        Cell("<&> «trích»", notes=(3,)),
        Cell(""),
    ],
    ids=["chu", "so-co-chu-thich", "tinh-trang", "khoang-trang", "ky-tu-dac-biet", "trong"],
)
@pytest.mark.parametrize("bold", [False, True], ids=["thuong", "dam"])
def test_a_cell_written_directly_is_the_xml_python_docx_writes(cell: Cell, bold: bool) -> None:
    """The report's table cells are written element by element for speed; python-docx's own calls give the same XML."""
    from plansite.report import docx as draft

    doc = docx.Document()
    fast, slow = (doc.add_table(rows=1, cols=1).rows[0].cells[0] for _ in range(2))
    draft._cell_text(fast, cell, "Chutrongbang", bold=bold)
    text = f"{STATUSES[cell.status]['symbol']} {cell.text}" if cell.status else cell.text
    draft._cell_text_by_docx(slow, text, cell, "Chutrongbang", bold)
    assert fast._tc.xml == slow._tc.xml
