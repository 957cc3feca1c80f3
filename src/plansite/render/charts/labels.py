"""Which values of a line chart carry a label: as many as fit without overlapping.

A value's label is drawn centred above its point, or starting (ending) at it where a centred one
would stick out of the plot on the left (right), over the axis' labels. On a phone a chart is about 300 px wide, so
figures of neighbouring years with close values wrote over each other («19,93% (sơ bộ)» on
«18,5%»). Labels are placed in order of importance, as line charts of statistics offices do:
each series' latest figure, then its first, then the others from the newest back. A label is
left out when its box would overlap a label already placed or a target's label; its value stays
in the chart's table and text alternative, and its point stays drawn. The disbursement-rate chart
of the investment pages is placed the same way (``labelled_rates``), in its own geometry.

The boxes are measured in the chart's own geometry: years spread evenly over the width (Vega's
point scale, half a step of padding each side), values over the height between the lowest and the
highest value drawn, widened as Vega's «nice» rounding widens it (by a tenth of the range each
side, which makes labels look closer than they will be, never farther). The text width is
``text.text_width``'s, which is never short of how the widest font the chart names draws it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from plansite.render.charts.text import text_width

LABEL_SIZE = 11  # px, the labels' font size (shapes: mark_text fontSize)
LINE_PX = 13.0  # height of one line of such a label
GAP_PX = 2.0  # room kept between two labels
LABEL_DY = -10.0  # a value's label sits this far above its point (shapes: mark_text dy)
EDGE_DX = 4.0  # a label anchored at its point starts (or ends) this far on the other side of it
Align = Literal["center", "left", "right"]
ALIGNS: tuple[Align, ...] = ("center", "left", "right")
TARGET_DX, TARGET_DY = -6.0, -12.0  # a target's label: right-aligned, left of and above its mark


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, gap: float = GAP_PX) -> bool:
        return not (
            self.right + gap <= other.left
            or other.right + gap <= self.left
            or self.bottom + gap <= other.top
            or other.bottom + gap <= self.top
        )


def _text_box(x: float, y: float, text: str, align: str) -> Box:
    width = text_width(text, LABEL_SIZE)
    left = {"center": x - width / 2, "right": x - width, "left": x}[align]
    return Box(left, y - LINE_PX / 2, left + width, y + LINE_PX / 2)


def _priority(points: Sequence[dict[str, Any]], when: Callable[[dict[str, Any]], int]) -> list[int]:
    """Indexes of ``points`` in the order their labels are placed: each series' latest, its first, then the rest,
    newest first (``when``: a point's place in time)."""
    by_series: dict[str, list[int]] = {}
    for i in sorted(range(len(points)), key=lambda i: when(points[i])):
        by_series.setdefault(str(points[i]["chuoi"]), []).append(i)
    latest = [idx[-1] for idx in by_series.values()]
    first = [idx[0] for idx in by_series.values()]
    rest = sorted(range(len(points)), key=lambda i: -when(points[i]))
    return list(dict.fromkeys(latest + first + rest))


def _place(
    spots: Sequence[tuple[int, float, float, str]], placed: list[Box], width: float, edges: bool = True
) -> dict[int, Align]:
    """Which of ``spots`` (index, x, y of the label's middle, text), taken in order, get a label, and how aligned
    (``edges``: a label at the plot's edge may start or end at its point; else every label is centred)."""
    shown: dict[int, Align] = {}
    for i, x, y, text in spots:
        align, box = _value_box(x, y, text, width) if edges else ("center", _text_box(x, y, text, "center"))
        if not any(box.overlaps(other) for other in placed):
            placed.append(box)
            shown[i] = align
    return shown


def label_dx(align: Align) -> float:
    """The offset of a label of that alignment from its point (shapes: mark_text dx)."""
    return {"center": 0.0, "left": -EDGE_DX, "right": EDGE_DX}[align]


def _value_box(x: float, y: float, text: str, width: float) -> tuple[Align, Box]:
    box = _text_box(x, y, text, "center")
    if box.left < 0:
        return "left", _text_box(x + label_dx("left"), y, text, "left")
    if box.right > width:
        return "right", _text_box(x + label_dx("right"), y, text, "right")
    return "center", box


def labelled(
    points: Sequence[dict[str, Any]],
    targets: Sequence[dict[str, Any]],
    path: Sequence[dict[str, Any]],
    years: Sequence[str],
    width: float,
    height: float,
) -> dict[str, list[dict[str, Any]]]:
    """The points of ``points`` (``nam``, ``gia_tri``, ``chuoi``, and ``chu``, the label) whose label fits, in their own order,
    by alignment (``ALIGNS``; every key present)."""
    out: dict[str, list[dict[str, Any]]] = {a: [] for a in ALIGNS}
    if not points or not years:
        return out
    values = [float(v["gia_tri"]) for v in [*points, *targets, *path]]
    low, high = min(values), max(values)
    span = (high - low) or abs(high) or 1.0
    low, high = low - span / 10, high + span / 10
    if not high > low:  # a flat line of tiny values (the tenth rounds to nothing): any scale will do
        low, high = low - 1.0, high + 1.0
    step = width / len(years)
    x_of = {year: (i + 0.5) * step for i, year in enumerate(years)}

    def y_of(value: Any) -> float:
        return height * (high - float(value)) / (high - low)

    placed = [
        _text_box(x_of[str(t["nam"])] + TARGET_DX, y_of(t["gia_tri"]) + TARGET_DY, str(t["nhan"]), "right")
        for t in targets
        if str(t["nam"]) in x_of
    ]
    order = _priority(points, lambda p: int(p["nam"]))
    spots = [(i, x_of[str(points[i]["nam"])], y_of(points[i]["gia_tri"]) + LABEL_DY, str(points[i]["chu"])) for i in order]
    shown = _place(spots, placed, width)
    for i, p in enumerate(points):
        if i in shown:
            out[shown[i]].append(p)
    return out


RATE_DY = -11.0  # a rate's label above its point (shapes: the rates chart's mark_text dy)
RATE_PADDING = 0.2  # the dates' band scale: room between two dates, as a share of a step (half of it at each end)
PLAN_X, PLAN_DY = 2.0, -3.0  # the 100 % line's own label: from the left edge, its bottom just above the line


def labelled_rates(
    points: Sequence[dict[str, Any]], moments: Sequence[str], width: float, height: float, plan_label: str = ""
) -> list[dict[str, Any]]:
    """The points of the disbursement-rate chart (``moc``, ``gia_tri`` in %, ``chuoi``, ``nhan``) whose label fits.

    That chart puts each date in a band and the series side by side within it (Vega-Lite's ``xOffset``: one
    slot per series, in the order they first appear); its scale runs from 0 to 100 %, and ``plan_label`` is
    written above its 100 % line."""
    if not points or not moments:
        return []
    series = list(dict.fromkeys(str(p["chuoi"]) for p in points))
    step = width / len(moments)  # n bands and n - 1 inner gaps, plus half a gap at each end: n steps
    band = step * (1 - RATE_PADDING)
    at = {m: i for i, m in enumerate(moments)}

    def x_of(p: dict[str, Any]) -> float:
        slot = band / len(series)
        return step * RATE_PADDING / 2 + at[str(p["moc"])] * step + slot * (series.index(str(p["chuoi"])) + 0.5)

    def y_of(value: Any) -> float:
        return height * (100 - min(max(float(value), 0.0), 100.0)) / 100

    order = _priority(points, lambda p: at[str(p["moc"])])
    spots = [(i, x_of(points[i]), y_of(points[i]["gia_tri"]) + RATE_DY, str(points[i]["nhan"])) for i in order]
    plan = [Box(PLAN_X, PLAN_DY - LINE_PX, PLAN_X + text_width(plan_label, LABEL_SIZE), PLAN_DY)] if plan_label else []
    shown = _place(spots, plan, width, edges=False)
    return [p for i, p in enumerate(points) if i in shown]
