"""The live data's yearly reports after its place's reorganisation name no body that had ceased as if it still existed.

Everything is read from the data (places.yaml «valid_to» and «becomes», agencies.yaml «successors» and
«successor_unknown»): the reports due after the plan's place ceased are headed by the body that continues
the issuer, list every body with who continues it or that this is not known, and the report due before is
as the plan names its bodies.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from plansite.pipeline import check
from plansite.report import Report, build_report
from plansite.report.content import Cell, Items, Para, Table
from plansite.status.judged import Judged, judge
from testkit import LIVE_DATA, LIVE_TODAY, read_only


@pytest.fixture(scope="module")
def judged() -> Iterator[Judged]:
    for folder in read_only(LIVE_DATA, "data"):
        checked = check(folder, today=LIVE_TODAY)
        assert checked.ok
        yield judge(checked, LIVE_TODAY)


def _text(report: Report, ident: str) -> str:
    s = next(x for x in report.sections if x.id == ident)
    out: list[str] = []
    for b in s.blocks:
        if isinstance(b, Para):
            out.append(b.text)
        elif isinstance(b, Items):
            out.extend(b.items)
        elif isinstance(b, Table):
            out.extend(c.text for row in b.rows for c in row if isinstance(c, Cell))
    return "\n".join(out)


def _ceased_years(judged: Judged) -> list[int]:
    p = judged.plan.plan
    end = judged.places[p.place].valid_to
    assert end is not None, "the live plan's place has a last day (places.yaml «valid_to»)"
    return [y for y in range(p.period.start, LIVE_TODAY.year + 1) if p.reporting.deadline(y) > end]


def test_the_reports_due_after_the_place_ceased_name_who_continues(judged: Judged) -> None:
    plan, p = judged.plan, judged.plan.plan
    years = _ceased_years(judged)
    assert years == [2025, 2026]
    becomes = [judged.places[x] for x in judged.places[p.place].becomes]
    lead = plan.agency(p.reporting.to)
    for year in years:
        report = build_report(judged, year)
        h = report.head
        assert h.parent_body != p.issuer and h.recipient != p.issuer, year
        assert len(becomes) == 1 and becomes[0].name in h.parent_body and h.place_name == becomes[0].name
        assert p.issuer in report.subject  # the plan is still said to be the old body's
        assert h.issuing_body != lead.name
        reporting = [a for a in plan.agencies if a.reports and a.id != lead.id]
        assert [x.split(" (", 1)[0] for x in h.agencies] == [a.name for a in reporting]
        assert not set(h.agencies) & {a.name for a in reporting}, "a body named bare in «Nơi nhận»"
        section_vii = _text(report, "bao-cao-co-quan")
        for a in plan.agencies:
            if a.reports:
                assert f"\n{a.name}\n" not in f"\n{section_vii}\n", (year, a.id)
        identity = _text(report, "van-ban")
        for a in plan.agencies:
            assert a.successor_unknown in identity, (year, a.id)
        assert f"nơi nhận báo cáo tổng hợp: {p.issuer}." not in identity
        assert f"đề xuất với {p.issuer}." not in _text(report, "kien-nghi")


def test_the_report_due_before_is_as_the_plan_says(judged: Judged) -> None:
    plan, p = judged.plan, judged.plan.plan
    year = min(_ceased_years(judged)) - 1
    h = build_report(judged, year).head
    assert h.parent_body == h.recipient == p.issuer and h.issuing_body == plan.agency(p.reporting.to).name
    assert h.agencies == tuple(a.name for a in plan.agencies if a.reports and a.id != p.reporting.to)
