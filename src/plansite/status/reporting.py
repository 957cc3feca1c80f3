"""Reporting discipline: did each body send its figures for a year by the plan's deadline?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from plansite import model as m
from plansite.check.progress import Observation

ReportState = Literal["dung-han", "tre-han", "khong-ro-ngay", "nguon-khac", "chua-bao-cao", "chua-den-han"]
# A figure the agency reported (its id in «Cơ quan báo cáo») is told apart from one published by someone else
# (the press, the statistics office): the latter is no report of the agency, but it is no «no figure» either.
REPORT_LABELS = {
    "dung-han": "Cơ quan báo cáo đúng hạn",
    "tre-han": "Cơ quan báo cáo trễ hạn",
    "khong-ro-ngay": "Cơ quan có báo cáo, không rõ ngày",
    "nguon-khac": "Cơ quan chưa báo cáo; có số liệu do nguồn khác công bố",
    "chua-bao-cao": "Cơ quan chưa báo cáo, chưa có số liệu",
    "chua-den-han": "Chưa đến hạn báo cáo",
}


@dataclass(frozen=True)
class IndicatorReport:
    indicator: str
    state: ReportState
    reported: dt.date | None


@dataclass(frozen=True)
class YearRecord:
    agency: str
    year: int
    deadline: dt.date
    items: tuple[IndicatorReport, ...]

    def count(self, state: str) -> int:
        return sum(1 for i in self.items if i.state == state)

    @property
    def summary(self) -> str:
        """One state for the body and year: the worst of its indicators."""
        if not self.items:
            return "khong-co-chi-tieu"
        for s in ("chua-bao-cao", "nguon-khac", "tre-han", "khong-ro-ngay", "chua-den-han", "dung-han"):
            if any(i.state == s for i in self.items):
                return s
        return "dung-han"


def lead_indicators(plan: m.PlanData, agency: str) -> list[m.Indicator]:
    """Indicators the body leads (stated or inferred) and quantifies with figures."""
    return [
        i
        for i in plan.indicators
        if any(link.agency == agency and link.role == "chu-tri" for link in i.agencies)
        and any(t.kind != "dinh-tinh" for t in i.targets)
    ]


def reporting_record(plan: m.PlanData, observations: Sequence[Observation], today: dt.date) -> dict[str, list[YearRecord]]:
    """For each reporting body, one record per year from the plan's year to this year."""
    rule = plan.plan.reporting
    first = plan.plan.date.year
    by_key: dict[tuple[str, int, str], list[Observation]] = {}
    # (indicator, year) with a figure of the plan's own series and place, whoever published it
    elsewhere: set[tuple[str, int]] = set()
    primary = {i.id: i.primary_series for i in plan.indicators}
    for o in observations:
        if o.agency:
            by_key.setdefault((o.indicator, o.year, o.agency), []).append(o)
        if o.place == plan.plan.place and o.series == primary.get(o.indicator):
            elsewhere.add((o.indicator, o.year))
    out: dict[str, list[YearRecord]] = {}
    for agency in plan.agencies:
        if not agency.reports:
            continue
        inds = lead_indicators(plan, agency.id)
        records = []
        for year in range(first, today.year + 1):
            deadline = dt.date(year, rule.month, rule.day)
            items = []
            for ind in inds:
                rows = by_key.get((ind.id, year, agency.id), [])
                dates = [o.reported for o in rows if o.reported]
                if rows and dates:
                    first_date = min(dates)
                    state: ReportState = "dung-han" if first_date <= deadline else "tre-han"
                    items.append(IndicatorReport(ind.id, state, first_date))
                elif rows:
                    items.append(IndicatorReport(ind.id, "khong-ro-ngay", None))
                elif today <= deadline:
                    items.append(IndicatorReport(ind.id, "chua-den-han", None))
                else:
                    items.append(IndicatorReport(ind.id, "nguon-khac" if (ind.id, year) in elsewhere else "chua-bao-cao", None))
            records.append(YearRecord(agency.id, year, deadline, tuple(items)))
        out[agency.id] = records
    return out
