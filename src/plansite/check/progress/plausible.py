"""Checks of a file's figures taken together, after each row has passed its own rules: what no single
row shows wrong, but the whole file suggests was entered in another way than the plan counts.

A percentage entered as a fraction (0,267 for 26,7%: an Excel cell formatted as % and saved as CSV, or
typed so) passes the 0–100 rule. It is only seen when every figure of a series lies in 0–1 while the
plan's target is far above: then a warning says so at the file's first such row; the figures are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from plansite import model as m
from plansite.model.observations import Observation
from plansite.problems import Problems, kinds
from plansite.vi import fmt


class _Source(Protocol):
    path: Path
    rel: str
    indicator: m.Indicator
    problems: Problems


def fraction_warnings(observations: Iterable[Observation], sources: Sequence[_Source]) -> None:
    """Warn, per file and series of a percentage, when every figure lies in 0–1 and at least one is a fraction,
    while the plan's smallest level target of that indicator is above 1%."""
    wanted = {s.rel: (s, floor) for s in sources if (floor := _smallest_target(s.indicator)) is not None}
    if not wanted:
        return
    seen: dict[tuple[str, str], list[Observation] | None] = {}  # None: a figure above 1 was found
    for o in observations:
        if o.file not in wanted or wanted[o.file][0].indicator.unit_of(o.series or None).strip() != "%":
            continue
        k = (o.file, o.series)
        if o.value > 1:
            seen[k] = None
        elif (kept := seen.setdefault(k, [])) is not None:
            kept.append(o)
    for (file, series), rows in seen.items():
        fractions = [o for o in rows or [] if 0 < o.value < 1]
        if fractions:
            source, floor = wanted[file]
            first = min(fractions, key=lambda o: o.line)
            where = f"của chuỗi «{series}»" if series and len(source.indicator.series) > 1 else "của tệp"
            source.problems.add(
                source.path,
                first.line,
                kinds.FRACTION_FOR_PERCENT,
                column="Giá trị",
                where=where,
                example=fmt.number(first.value, 4),
                times=fmt.number(first.value * 100, 2),
                target=fmt.with_unit(floor, "%", 2),
            )


def _smallest_target(ind: m.Indicator) -> float | None:
    """The smallest level that the plan sets for a percentage indicator, when every such level is above 1%
    (a target of 0,5% says small figures are meant); None when there is none or the indicator is no percentage."""
    levels = [t.value for t in ind.targets if t.kind in ("muc", "duy-tri") and t.value is not None and t.unit in ("", "%")]
    if not ind.is_percent or not levels or min(levels) <= 1:
        return None
    return min(levels)
