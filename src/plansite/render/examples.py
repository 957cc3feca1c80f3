"""Examples the contributor guide shows, taken from the plan's own data: its agency, indicator, year, a real row.

The guide of any plan then shows only that plan (nothing of another plan leaks into its examples).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from plansite.check.progress.columns import HEADER
from plansite.status.judged import Judged
from plansite.status.reporting import lead_indicators
from plansite.vi import fmt


@dataclass(frozen=True)
class Examples:
    agency: str  # an agency id that leads quantified indicators (a template of it is not empty)
    indicator: str  # an indicator id with a progress file, else the first
    year: int  # a year figures may be reported for
    deadline: str  # the reporting deadline of that year, dd/mm/yyyy
    row: str  # a real row of a progress file, as CSV text (header order)
    source: str  # a source name as staff write it


def examples(judged: Judged) -> Examples:
    plan = judged.plan
    agency = next((a.id for a in plan.agencies if lead_indicators(plan, a.id)), plan.agencies[0].id if plan.agencies else "")
    with_data = judged.by_place.get(plan.plan.place) or judged.observations
    first = max(with_data, key=lambda o: (o.year, o.line), default=None)
    indicator = first.indicator if first is not None else (plan.indicators[0].id if plan.indicators else "")
    years = plan.plan.data_years
    year = max(years.start, min(years.end, judged.today.year - 1))
    deadline = fmt.date(plan.plan.reporting.deadline(year))
    # No figure yet (a new plan): a row of the right shape, its number the one every message of the checker
    # gives as the example of a decimal comma, and a source that names no real document.
    source = "Báo cáo số …/BC-… của " + (plan.agency(agency).name if agency else "cơ quan báo cáo")
    row = _csv_row({"Năm": str(year), "Giá trị": "26,7", "Nguồn": source, "Cơ quan báo cáo": agency, "Ngày báo cáo": deadline})
    if first is not None:
        place = "" if first.place == plan.plan.place else first.place
        cells = {
            "Năm": str(first.year),
            "Giá trị": fmt.number(first.value, 4).replace(".", ""),
            "Địa bàn": place,
            "Chuỗi số liệu": "" if first.series == plan.indicator(first.indicator).primary_series else first.series,
            "Phương pháp": first.method,
            "Nguồn": first.source,
            "Liên kết nguồn": first.url,
            "Cơ quan báo cáo": first.agency,
            "Ngày báo cáo": fmt.date(first.reported) if first.reported else "",
            "Sơ bộ": "x" if first.preliminary else "",
            "Ước tính": "x" if first.estimate else "",
            "Ghi chú": "",
        }
        row, source = _csv_row(cells), first.source
    return Examples(agency, indicator, year, deadline, row, re.sub(r"\s+", " ", source))


def _csv_row(cells: dict[str, str]) -> str:
    """A progress file's row, as CSV text in the header's order."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([cells.get(h, "") for h in HEADER])
    return buf.getvalue()
