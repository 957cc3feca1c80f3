"""A status for every target, by the public method (see the method page of the site).

Level targets follow the progress measure of the UK Office for National Statistics used by
Open SDG platforms: the ratio of the actual compound growth since the base year to the
growth needed to reach the target on time, with thresholds 0.95 / 0.6 / 0. Other kinds are
reduced to that ratio by their own rule (``kinds``). Only comparable points count: the
indicator's main series, the plan's place, and the latest method (a change of method is a break).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import replace

from plansite import model as m
from plansite.check.progress import Observation
from plansite.status import words
from plansite.status.growth import growth_ratio, required_path
from plansite.status.kinds import ASSESSORS, Case
from plansite.status.labels import ORDER, RANK, SO_FAR, STATUSES, StatusCode
from plansite.status.points import Assessment, IndicatorStatus, Point, comparable_points
from plansite.vi import fmt

__all__ = [
    "ORDER",
    "RANK",
    "STATUSES",
    "Assessment",
    "IndicatorStatus",
    "Point",
    "StatusCode",
    "assess",
    "assess_all",
    "comparable_points",
    "growth_ratio",
    "is_finite",
    "past_due",
    "required_path",
]


def assess(
    ind: m.Indicator,
    index: int,
    target: m.Target,
    observations: Sequence[Observation],
    place: str,
    base_year: int,
    reference: tuple[m.Indicator, Sequence[Observation]] | None = None,
) -> Assessment:
    """Judge one target of one indicator, by the assessor of its kind."""
    pts, method, had_break = comparable_points(observations, ind.primary_series, place, target.year)
    brk = words.BREAK if had_break else ""
    case = Case(ind, index, target, observations, place, base_year, pts, method, brk, reference)
    return ASSESSORS[target.kind](case)


def past_due(a: Assessment, deadline: dt.date, today: dt.date) -> Assessment:
    """A target whose year is over: once the report of that year was due (``deadline`` before ``today``)
    and no figure of that year came, a trend read from earlier years no longer judges it. The status
    becomes «chua-co-ket-qua»; the earlier status stays in ``trend`` and in the sentence."""
    last = a.last_year
    if a.status not in SO_FAR or deadline >= today or (last is not None and last >= a.year):
        return a
    head = (
        f"Đã qua hạn báo cáo số liệu năm {a.year} ({fmt.date(deadline)}) mà chưa có số liệu năm đó, "
        "nên chưa biết mục tiêu có đạt hay không."
    )
    known = f" Theo số liệu đến năm {last}: {a.sentence}" if last is not None else f" {a.sentence}"
    return replace(a, status="chua-co-ket-qua", sentence=head + known, trend=a.status)


def assess_all(
    plan: m.PlanData,
    observations: Sequence[Observation],
    today: dt.date | None = None,
) -> dict[str, IndicatorStatus]:
    """Every target of the plan judged on ``observations``; with ``today``, targets whose year's figure is
    overdue are marked so (``past_due``)."""
    deadline = plan.plan.reporting.deadline
    by_ind: dict[str, list[Observation]] = {}
    for o in observations:
        by_ind.setdefault(o.indicator, []).append(o)
    indicators = {ind.id: ind for ind in plan.indicators}
    out: dict[str, IndicatorStatus] = {}
    for ind in plan.indicators:
        obs = by_ind.get(ind.id, [])
        judged = []
        for i, t in enumerate(ind.targets):
            ref = indicators.get(t.reference_indicator or "")
            reference = (ref, by_ind.get(ref.id, [])) if ref is not None else None
            a = assess(ind, i, t, obs, plan.plan.place, plan.plan.base_year, reference)
            judged.append(past_due(a, deadline(t.year), today) if today is not None else a)
        out[ind.id] = IndicatorStatus(ind.id, tuple(judged))
    return out


def is_finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)
