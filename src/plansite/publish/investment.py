"""The open-data tables of task updates and money figures: one row per update, one row per published figure.

Values are as published: the qualifier in its own column, the value in the published unit, and
the value in «tỷ đồng» only when that unit is exact money. ``shown_apart`` says why a figure is
not to be added to the plan's own (``status.investment``).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from plansite.check.sheets import counts_as_result
from plansite.model import MEASURE_LABELS, UPDATE_KIND_LABELS, PartialDate
from plansite.publish.inputs import OpenDataInput
from plansite.publish.tables import from_rows
from plansite.status.investment import Investment

__all__ = ["investment", "present", "task_updates"]


def present(data: OpenDataInput) -> set[str]:
    """The optional tables the plan has data for."""
    out = set()
    if data.plan.task_updates:
        out.add("task_updates")
    if data.plan.has_investment:
        out.add("investment")
    return out


def _iso(d: PartialDate | None) -> str | None:
    return d.iso() if d is not None else None


def _number(d: Decimal | None) -> float | None:
    return float(d) if d is not None else None


def task_updates(data: OpenDataInput) -> pd.DataFrame:
    labels = {t.id: t.label for t in data.plan.tasks}
    rows = [
        {
            "task_id": u.task,
            "task_label": labels.get(u.task, ""),
            "date": _iso(u.date),
            "date_note": u.date_note,
            "kind": u.kind,
            "kind_label": UPDATE_KIND_LABELS[u.kind],
            "counts_as_result": counts_as_result(u),
            "document": u.document,
            "issuer": u.issuer,
            "what": u.what,
            "quote": u.quote,
            "source": u.source,
            "source_url": u.url,
            "source_date": _iso(u.source_date),
            "programme_ids": ";".join(u.programmes),
            "project_ids": ";".join(u.projects),
            "caution": u.caution,
            "note": u.note,
        }
        for u in sorted(data.plan.task_updates, key=lambda u: (u.task, u.order))
    ]
    return from_rows("task_updates", rows)


def investment(data: OpenDataInput) -> pd.DataFrame:
    plan = data.plan
    inv = Investment(plan, dict(data.places))
    names = {p.id: p.name for p in plan.programmes}
    projects = {p.id: p.name for p in plan.projects}
    rows = [
        {
            "programme_ids": ";".join(f.programmes),
            "programme_names": "; ".join(names.get(p, p) for p in f.programmes),
            "project_id": f.project,
            "project_name": projects.get(f.project, ""),
            "item": f.item,
            "place_text": f.place_text,
            "place_ids": ";".join(f.places),
            "period_text": f.period_text,
            "year_start": f.years[0] if f.years else None,
            "year_end": f.years[1] if f.years else None,
            "as_of": _iso(f.as_of),
            "measure": f.measure,
            "measure_label": MEASURE_LABELS[f.measure],
            "measure_text": f.measure_text,
            "qualifier": f.qualifier,
            "value": _number(f.value),
            "value_text": f.value_text,
            "unit": f.unit,
            "value_display": _number(f.display),
            "capital_source": f.capital_source,
            "capital_type": f.capital_type,
            "nature": f.nature,
            "caution": f.caution,
            "shown_apart": inv.apart(f),
            "note": f.note,
            "quote": f.quote,
            "source": f.source,
            "source_url": f.url,
            "source_date": _iso(f.source_date),
        }
        for f in plan.figures
    ]
    return from_rows("investment", rows)
