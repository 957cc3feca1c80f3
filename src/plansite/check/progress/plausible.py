"""Checks of a file's figures taken together, after each row has passed its own rules: what no single
row shows wrong, but the whole file suggests was entered in another way than the plan counts.

A percentage entered as a fraction (0,267 for 26,7%: an Excel cell formatted as % and saved as CSV, or
typed so) passes the 0–100 rule. It is only seen when every figure of a series lies in 0–1 while the
plan's target is far above: then a warning says so at the file's first such row; the figures are kept.
The figures are taken as arrays (one per kept row, in the rows' order), so a national plan's million rows
cost one grouping, not a loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import pandas as pd

from plansite import model as m
from plansite.problems import Problems, kinds
from plansite.vi import fmt


class _Source(Protocol):
    path: Path
    indicator: m.Indicator
    problems: Problems


def fraction_warnings(
    values: npt.NDArray[Any],
    series: npt.NDArray[Any],
    parts: npt.NDArray[np.int64],
    lines: npt.NDArray[Any],
    sources: Sequence[_Source],
) -> None:
    """Warn, per source and series of a percentage, when every figure lies in 0–1 and at least one is a fraction,
    while the plan's smallest level target of that indicator is above 1%. The arrays hold one entry per figure:
    its value, series, source (an index of ``sources``) and line."""
    floors = {i: floor for i, s in enumerate(sources) if (floor := _smallest_target(s.indicator)) is not None}
    pick = np.isin(parts, list(floors))
    if not pick.any():
        return
    df = pd.DataFrame({"part": parts[pick], "series": series[pick], "value": values[pick].astype(float), "line": lines[pick]})
    df["fraction"] = (df["value"] > 0) & (df["value"] < 1)
    groups = df.groupby(["part", "series"], sort=False).agg(top=("value", "max"), fractions=("fraction", "any"))
    for part, sid in groups.index[(groups["top"] <= 1) & groups["fractions"]]:
        source = sources[part]
        if source.indicator.unit_of(sid or None).strip() != "%":
            continue
        mine = df[(df["part"] == part) & (df["series"] == sid) & df["fraction"]]
        first = mine.loc[mine["line"].idxmin()]
        value = float(first["value"])
        where = f"của chuỗi «{sid}»" if sid and len(source.indicator.series) > 1 else "của tệp"
        source.problems.add(
            source.path,
            int(first["line"]),
            kinds.FRACTION_FOR_PERCENT,
            column="Giá trị",
            where=where,
            example=fmt.number(value, 4),
            times=fmt.number(value * 100, 2),
            target=fmt.with_unit(floors[part], "%", 2),
        )


def _smallest_target(ind: m.Indicator) -> float | None:
    """The smallest level that the plan sets for a percentage indicator, when every such level is above 1%
    (a target of 0,5% says small figures are meant); None when there is none or the indicator is no percentage."""
    levels = [t.value for t in ind.targets if t.kind in ("muc", "duy-tri") and t.value is not None and t.unit in ("", "%")]
    if not ind.is_percent or not levels or min(levels) <= 1:
        return None
    return min(levels)
