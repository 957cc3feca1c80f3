"""The yearly report shows every published money figure whose period includes its year, and the year's task acts."""

from __future__ import annotations

import shutil

import pytest

from plansite.pipeline import check
from plansite.report import build_report
from plansite.report.content import Report, Section, Table
from plansite.status.judged import Judged, judge
from testkit import MINIMAL, TODAY, with_investment


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> Judged:
    data = tmp_path_factory.mktemp("report-invest") / "data"
    shutil.copytree(MINIMAL, data)
    with_investment(data)
    checked = check(data, TODAY)
    assert checked.ok, [p.text() for p in checked.problems]
    return judge(checked, TODAY)


def section(report: Report, ident: str) -> Section:
    return next(s for s in report.sections if s.id == ident)


def table_of(s: Section) -> Table:
    return next(b for b in s.blocks if isinstance(b, Table))


def test_every_figure_of_a_year_is_in_its_report_as_published(judged: Judged) -> None:
    figures = judged.plan.figures
    years = sorted({y for f in figures if f.years for y in range(f.years[0], f.years[1] + 1)})
    assert figures and years
    for year in years:
        report = build_report(judged, year)
        rows = table_of(section(report, "dau-tu")).rows
        expected = [f for f in figures if f.years and f.years[0] <= year <= f.years[1]]
        assert len(rows) == len(expected), year
        for row, f in zip(rows, expected, strict=True):
            value = row[2]
            assert value is not None and value.text == f"{f.value_text} {f.unit}".strip()  # with «hơn», «gần» as published
            (note,) = value.notes
            assert report.notes[note - 1].source == f.source.strip()
            assert row[3] is not None and row[3].text in ("Kế hoạch", "Kết quả")
    assert "Chưa có con số vốn nào" in section(build_report(judged, years[0] - 1), "dau-tu").blocks[0].text  # type: ignore[union-attr]


def test_the_years_task_acts_are_in_its_report(judged: Judged) -> None:
    dated = [u for u in judged.plan.task_updates if u.date is not None]
    assert dated
    for year in sorted({u.date.year for u in dated if u.date}):
        rows = table_of(section(build_report(judged, year), "van-ban-su-kien")).rows
        assert len(rows) == sum(1 for u in dated if u.date and u.date.year == year)
