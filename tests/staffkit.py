"""The staff workflow's test data and helpers, shared by tests/staff and tests/site.

``staff_data`` is the minimal fixture plus what the workflow needs and the fixture lacks (made
here, so that the fixture and the tests that count its rows stay as they are): a second
percentage indicator led by Sở Giáo dục (no figures yet), and the progress file of the first
in the template's column order (so an import appends to it, keeping its rows byte for byte).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl

from plansite import model as m
from plansite.check.progress import HEADER
from plansite.pipeline import check
from plansite.staff import SHEET_DATA
from plansite.status.reporting import lead_indicators
from testkit import MINIMAL, TODAY, copy_folder

YEAR = TODAY.year - 1  # a past year: the checker refuses figures of years still to come
AGENCIES = ("so-giao-duc",)  # preferred; any agency that leads a quantified % indicator will do

SECOND_INDICATOR = """\
  - id: ty-le-truong-dat-chuan
    name: Tỷ lệ trường học đạt chuẩn quốc gia
    area: giao-duc
    unit: "%"
    quote: tỷ lệ trường học đạt chuẩn quốc gia trên 60% vào năm 2025
    anchor: ii-2-6
    agencies:
      - agency: so-giao-duc
        basis: ke-hoach
    targets:
      - year: 2025
        kind: muc
        operator: ">"
        value: 60
        quote: tỷ lệ trường học đạt chuẩn quốc gia trên 60% vào năm 2025
        anchor: ii-2-6
"""
SECOND_PARAGRAPH = "\n- Nâng tỷ lệ trường học đạt chuẩn quốc gia trên 60% vào năm 2025. {#ii-2-6}\n"


def staff_data(dest: Path) -> Path:
    """A valid data folder for the staff workflow at ``dest`` (see the module's docstring)."""
    copy_folder(MINIMAL, dest)
    with (dest / "indicators.yaml").open("a", encoding="utf-8") as f:
        f.write(SECOND_INDICATOR)
    with (dest / "toan-van.md").open("a", encoding="utf-8") as f:
        f.write(SECOND_PARAGRAPH)
    school = dest / "progress" / "ty-le-tre-di-hoc.csv"
    rows = list(csv.DictReader(io.StringIO(school.read_text(encoding="utf-8"), newline="")))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n", restval="")
    w.writeheader()
    w.writerows(rows)
    school.write_text(out.getvalue(), encoding="utf-8")
    checked = check(dest, TODAY)
    assert checked.ok, [p.text() for p in checked.problems.errors]
    return dest


def plan_of(folder: Path) -> m.PlanData:
    plan = check(folder, TODAY).plan
    assert plan is not None
    return plan


def pick(plan: m.PlanData, folder: Path) -> tuple[str, m.Indicator]:
    """An agency from AGENCIES (else any) and a % indicator it leads with no figure for YEAR yet."""
    order = [*AGENCIES, *(a.id for a in plan.agencies if a.id not in AGENCIES)]
    for aid in order:
        for ind in lead_indicators(plan, aid):
            path = folder / "progress" / f"{ind.id}.csv"
            has_year = path.exists() and any(r and r[0] == str(YEAR) for r in csv.reader(io.StringIO(path.read_text("utf-8"))))
            if ind.is_percent and not has_year:
                return aid, ind
    raise AssertionError("no agency leads a quantified % indicator")


def fill_xlsx(template: Path, out: Path, fills: dict[tuple[str, str], dict[str, Any]]) -> Path:
    """Fill the template as an agency would: {(indicator, Địa bàn text): {column label: value}}."""
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEET_DATA]
    col = {c.value: c.column for c in ws[1]}
    for row in ws.iter_rows(min_row=2):
        k = (row[0].value, row[col["Địa bàn"] - 1].value)
        for label, value in fills.get(k, {}).items():  # type: ignore[arg-type]
            ws.cell(row=row[0].row, column=col[label]).value = value
    wb.save(out)
    wb.close()
    return out
