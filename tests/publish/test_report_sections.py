"""The yearly report's content (plansite.report), on the made-up fixtures, without a site build.

Every target of the plan is in every year's report with the year's figure and its source; the
agencies that are late (or have not reported) after the deadline are named, and before the
deadline the days left and who has not reported yet; task evidence of the year is listed; the
investment section says nothing while there is no investment data; the wording comes from the data
(the second plan's report names its own bodies).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from plansite.pipeline import check
from plansite.report import Report, build_report, report_years
from plansite.report.content import Cell, Heading, Items, Para, Section, Table
from plansite.report.sections import SECTIONS, investment
from plansite.report.year import YearContext
from plansite.status.judged import Judged, judge
from plansite.vi import fmt
from testkit import MINIMAL, SECOND_PLAN, SECOND_TODAY, TODAY, copy_folder, read_only

HEADER = (
    "Năm,Giá trị,Địa bàn,Chuỗi số liệu,Phương pháp,Nguồn,Liên kết nguồn,Cơ quan báo cáo,Ngày báo cáo,Sơ bộ,Ước tính,Ghi chú\n"
)


def judged_of(folder: Path, today: dt.date) -> Judged:
    checked = check(folder, today=today)
    assert checked.ok, [p.message for p in checked.problems.items]
    return judge(checked, today)


@pytest.fixture(scope="module")
def minimal() -> Iterator[Path]:
    yield from read_only(MINIMAL, "tests/fixtures/minimal")


@pytest.fixture(scope="module")
def second() -> Iterator[Path]:
    yield from read_only(SECOND_PLAN, "tests/fixtures/ke-hoach-giao-duc")


@pytest.fixture
def reported(tmp_path: Path) -> Path:
    """The minimal plan where Sở Giáo dục reports its indicator for 2022 late, and the 2022 poverty rate is known."""
    folder = copy_folder(MINIMAL, tmp_path / "data")
    (folder / "progress" / "ty-le-tre-di-hoc.csv").write_text(
        HEADER
        + '2020,96,,,,Báo cáo mẫu ngành giáo dục,,,,,,\n2022,"97,5",,,,Báo cáo mẫu số 9/BC-SGDĐT,,so-giao-duc,20/12/2022,,,\n',
        encoding="utf-8",
    )
    with (folder / "progress" / "ty-le-ho-ngheo.csv").open("a", encoding="utf-8") as f:
        f.write('2022,"24,00",,,B,Báo cáo mẫu số 4b/BC-UBND,https://example.org/bc-4b,ban-dan-toc,10/12/2022,,,\n')
    return folder


def texts(report: Report) -> str:
    """Every word of the report, as one text."""
    out: list[str] = [report.title, report.subject]
    for number, s in report.numbered():
        out.append(report.heading(number, s))
        for b in s.blocks:
            if isinstance(b, Para | Heading):
                out.append(b.text)
            elif isinstance(b, Items):
                out.extend(b.items)
            elif isinstance(b, Table):
                out.extend(b.columns)
                out.extend(c.text for row in b.rows for c in row if c is not None)
    out.extend(n.source for n in report.notes)
    return "\n".join(out)


def section(report: Report, ident: str) -> Section:
    return next(s for s in report.sections if s.id == ident)


def tables(s: Section) -> list[Table]:
    return [b for b in s.blocks if isinstance(b, Table)]


def test_a_report_for_every_year_from_the_plan_to_this_one(minimal: Path, second: Path) -> None:
    plan = judged_of(minimal, TODAY).plan
    assert report_years(plan, TODAY) == [2020, 2021, 2022, 2023, 2024]
    # A plan of 12/03/2022 for 2022–2026: no report before its first year nor after its last.
    other = judged_of(second, SECOND_TODAY).plan
    assert report_years(other, SECOND_TODAY) == [2022, 2023, 2024, 2025, 2026]
    assert report_years(other, dt.date(2031, 1, 1)) == [2022, 2023, 2024, 2025, 2026]


@pytest.mark.parametrize("which", ["minimal", "second"])
def test_every_target_of_the_plan_is_in_every_report(which: str, request: pytest.FixtureRequest) -> None:
    folder, today = (
        (request.getfixturevalue("minimal"), TODAY) if which == "minimal" else (request.getfixturevalue("second"), SECOND_TODAY)
    )
    judged = judged_of(folder, today)
    plan = judged.plan
    for year in report_years(plan, today):
        report = build_report(judged, year)
        s = section(report, "chi-tieu")
        rows = [row for t in tables(s) for row in t.rows]
        assert len(rows) == sum(len(i.targets) or 1 for i in plan.indicators), year  # a reference series: one row
        names = [row[0].text for row in rows if row[0] is not None]
        assert names == [i.name for a in plan.areas for i in plan.indicators if i.area == a.id], year
        statuses = YearContext(judged, year).statuses
        for ind in plan.indicators:
            for a in statuses[ind.id].assessments:
                assert any(
                    row[4] is not None and row[4].status == a.status and row[5] is not None and row[5].text == a.sentence
                    for row in rows
                )
        # Each area with indicators is a numbered sub-heading: the plan's own area names.
        headings = [b.text for b in s.blocks if isinstance(b, Heading)]
        assert [h.split(". ", 1)[1] for h in headings] == [
            a.name for a in plan.areas if any(i.area == a.id for i in plan.indicators)
        ]


def test_the_year_figure_its_change_and_its_source(reported: Path) -> None:
    judged = judged_of(reported, TODAY)
    report = build_report(judged, 2023)
    rows = [row for t in tables(section(report, "chi-tieu")) for row in t.rows]
    name = judged.plan.indicator("ty-le-ho-ngheo").name
    poverty = next(row for row in rows if row[0] is not None and row[0].text == name)
    value, change = poverty[2], poverty[3]
    assert value is not None and change is not None
    assert value.text == "21,95% (sơ bộ)"
    # The change is computed from two figures of the same method, and says which year it compares with.
    assert change.text == f"{fmt.signed(21.95 - 24.0, 2)} điểm % (năm 2022: 24%)"
    (note,) = value.notes
    assert report.notes[note - 1].source == "Báo cáo mẫu số 5/BC-UBND"
    # 2021: two methods were published; the report takes the newer one, and the year before was measured the other way.
    rows21 = [row for t in tables(section(build_report(judged, 2021), "chi-tieu")) for row in t.rows]
    p21 = next(row for row in rows21 if row[0] is not None and row[0].text == name)
    assert p21[2] is not None and p21[2].text == "26,93%"
    assert p21[3] is not None and p21[3].text == "Không có số liệu năm 2020 cùng cách đo"


def test_a_report_judges_on_the_figures_known_for_its_year(minimal: Path) -> None:
    """The 2020 report does not know the figures of 2021–2023: the poverty rate has one comparable figure then."""
    judged = judged_of(minimal, TODAY)
    y2020 = YearContext(judged, 2020).statuses["ty-le-ho-ngheo"].assessments[0]
    now = judged.statuses["ty-le-ho-ngheo"].assessments[0]
    assert y2020.latest is not None and y2020.latest.year == 2020
    assert now.latest is not None and now.latest.year == 2023


def test_targets_without_a_figure_and_who_owes_them(minimal: Path) -> None:
    judged = judged_of(minimal, TODAY)
    plan = judged.plan
    report = build_report(judged, 2021)
    s = section(report, "thieu-so-lieu")
    (table,) = tables(s)
    missing = {row[0].text: row[2].text for row in table.rows if row[0] is not None and row[2] is not None}
    quantified = [i for i in plan.indicators if any(t.kind != "dinh-tinh" for t in i.targets)]
    with_figure = {
        o.indicator
        for o in judged.observations
        if o.year == 2021 and o.place == plan.plan.place and o.series == plan.indicator(o.indicator).primary_series
    }
    expected = {i.name for i in quantified if i.id not in with_figure}
    assert set(missing) == expected and expected
    school = plan.indicator("ty-le-tre-di-hoc")
    assert missing[school.name] == plan.agency("so-giao-duc").name
    assert f"{len(expected)}/{len(quantified)} chỉ tiêu định lượng" in texts(report)


def test_after_the_deadline_late_and_missing_agencies_are_named(reported: Path) -> None:
    judged = judged_of(reported, TODAY)
    plan = judged.plan
    report = build_report(judged, 2022)
    s = section(report, "bao-cao-co-quan")
    words = " ".join(b.text for b in s.blocks if isinstance(b, Para))
    school = plan.agency("so-giao-duc").name
    assert "đã qua" in words and "15/12/2022" in words
    assert f"Cơ quan báo cáo trễ hạn: {school} (1/1 chỉ tiêu)." in words
    (table,) = tables(s)
    row = next(r for r in table.rows if r[0] is not None and r[0].text == school)
    counts = dict(zip(table.columns, [c.text if c else "" for c in row], strict=True))
    assert counts["Trễ hạn"] == "1" and counts["Đúng hạn"] == "0"
    # Ban Dân tộc reported 2022 on time (10/12): it is not late.
    lead = plan.agency(plan.plan.reporting.to).name
    assert f"Cơ quan báo cáo trễ hạn: {lead}" not in words
    # Every late agency of every year is in that year's report.
    for year in report_years(plan, TODAY):
        deadline = dt.date(year, plan.plan.reporting.month, plan.plan.reporting.day)
        text = texts(build_report(judged, year))
        for agency, records in judged.reporting.items():
            r = next(x for x in records if x.year == year)
            if deadline < TODAY and (r.count("tre-han") or r.count("chua-bao-cao") or r.count("nguon-khac")):
                assert plan.agency(agency).name + " (" in text, (year, agency)


def test_before_the_deadline_the_days_left_and_who_has_not_reported(minimal: Path) -> None:
    judged = judged_of(minimal, TODAY)  # 01/06/2024, the deadline is 15/12/2024
    s = section(build_report(judged, 2024), "bao-cao-co-quan")
    words = " ".join(b.text for b in s.blocks if isinstance(b, Para))
    days = (dt.date(2024, 12, 15) - TODAY).days
    assert f"Hạn gửi báo cáo năm 2024 là ngày 15/12/2024: còn {days} ngày (tính đến ngày 01/06/2024)." in words
    assert "Cơ quan chưa báo cáo số liệu năm 2024:" in words
    for agency in ("ban-dan-toc", "so-giao-duc"):
        assert judged.plan.agency(agency).name in words
    assert build_report(judged, 2024).current and not build_report(judged, 2023).current


@pytest.mark.parametrize(
    ("today", "expected"),
    [(dt.date(2024, 12, 15), "Hôm nay, ngày 15/12/2024, là hạn gửi báo cáo năm 2024."), (dt.date(2024, 12, 20), "đã qua 5 ngày")],
)
def test_on_and_after_the_deadline_of_the_current_year(minimal: Path, today: dt.date, expected: str) -> None:
    judged = judged_of(minimal, today)
    words = " ".join(b.text for b in section(build_report(judged, 2024), "bao-cao-co-quan").blocks if isinstance(b, Para))
    assert expected in words
    if today > dt.date(2024, 12, 15):
        assert "Cơ quan đã quá hạn mà chưa báo cáo:" in words


def test_task_evidence_of_the_year_only(minimal: Path) -> None:
    judged = judged_of(minimal, TODAY)
    (update,) = judged.plan.work_updates  # task nv-1, 15/12/2023, with one piece of evidence
    report = build_report(judged, 2023)
    (table,) = tables(section(report, "nhiem-vu"))
    (row,) = table.rows
    assert [c.text if c else "" for c in row][:3] == ["Nhiệm vụ 1: Giảm nghèo", "Đang thực hiện", "15/12/2023"]
    assert row[3] is not None and row[3].text == "Báo cáo số 100/BC-UBND ngày 10/12/2023"
    (note,) = row[3].notes
    assert report.notes[note - 1].url == update.evidence[0].url
    other = section(build_report(judged, 2022), "nhiem-vu")
    assert not tables(other) and "Chưa có đánh giá tiến độ nhiệm vụ nào" in other.blocks[0].text  # type: ignore[union-attr]


def test_the_investment_hook_says_nothing_without_investment_data(minimal: Path) -> None:
    judged = judged_of(minimal, TODAY)
    assert investment in SECTIONS
    assert investment(YearContext(judged, 2023)) is None
    report = build_report(judged, 2023)
    assert "đầu tư" not in texts(report).lower()
    assert [s.id for s in report.sections] == [
        "van-ban",
        "ky-bao-cao",
        "tong-hop",
        "chi-tieu",
        "thieu-so-lieu",
        "nhiem-vu",
        "bao-cao-co-quan",
        "danh-gia",
        "kien-nghi",
    ]


def test_sources_are_numbered_in_the_order_they_are_cited(reported: Path) -> None:
    report = build_report(judged_of(reported, TODAY), 2023)
    cited: list[int] = []
    for s in report.sections:
        for t in tables(s):
            for row in t.rows:
                for c in row:
                    if isinstance(c, Cell):
                        cited += [n for n in c.notes if n not in cited]
    assert cited == [n.number for n in report.notes] == list(range(1, len(report.notes) + 1))
    assert len({(n.source, n.url) for n in report.notes}) == len(report.notes)


def test_counts_by_status_add_up(minimal: Path) -> None:
    judged = judged_of(minimal, TODAY)
    (table,) = tables(section(build_report(judged, 2023), "tong-hop"))
    *rows, total = table.rows
    assert total[0] is not None and total[1] is not None and total[0].text == "Tổng số mục tiêu"
    assert int(total[1].text) == sum(len(i.targets) for i in judged.plan.indicators) == sum(int(r[1].text) for r in rows if r[1])


def test_fields_only_a_person_can_write_are_left_to_fill(minimal: Path) -> None:
    report = build_report(judged_of(minimal, TODAY), 2023)
    for ident in ("danh-gia", "kien-nghi"):
        (block,) = section(report, ident).blocks
        assert isinstance(block, Para) and block.to_fill and "Trang không tự viết phần này" in block.text


def test_the_words_come_from_the_plan(second: Path) -> None:
    """Another plan's report names that plan's issuer, lead agency, place and deadline, and no word of the first plan."""
    judged = judged_of(second, SECOND_TODAY)
    p = judged.plan.plan
    report = build_report(judged, 2025)
    lead = judged.plan.agency(p.reporting.to).name
    assert report.head.issuing_body == lead and report.head.parent_body == p.issuer == report.head.recipient
    text = texts(report)
    assert p.number in report.subject and p.issuer in report.subject
    assert f"Hạn gửi báo cáo: ngày {p.reporting.day:02d}/{p.reporting.month:02d}/2025" in text
    for word in ("Bắc Kạn", "Ban Dân tộc", "Tỉnh Mẫu", "303/KH-UBND"):
        assert word not in text


def test_who_took_over_a_body_that_owes_a_figure(tmp_path: Path) -> None:
    """After a reorganisation the report names who took over the leading body's duties, with its source as a note."""
    folder = copy_folder(MINIMAL, tmp_path / "data")
    agencies = folder / "agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    marker = "    name: Sở Giáo dục và Đào tạo\n"
    assert marker in text
    agencies.write_text(
        text.replace(
            marker,
            marker
            + "    successors:\n      - name: Sở Giáo dục mới\n        date: 01/03/2024\n"
            + "        source: Quyết định mẫu số 7/QĐ-UBND\n        url: https://example.org/qd-7\n",
        ),
        encoding="utf-8",
    )
    judged = judged_of(folder, TODAY)
    report = build_report(judged, 2021)
    (table,) = tables(section(report, "thieu-so-lieu"))
    school = judged.plan.indicator("ty-le-tre-di-hoc").name
    row = next(r for r in table.rows if r[0] is not None and r[0].text == school)
    assert row[2] is not None
    assert row[2].text == "Sở Giáo dục và Đào tạo; nhiệm vụ nay do Sở Giáo dục mới đảm nhận từ 01/03/2024"
    (note,) = row[2].notes
    assert report.notes[note - 1].source == "Quyết định mẫu số 7/QĐ-UBND"
