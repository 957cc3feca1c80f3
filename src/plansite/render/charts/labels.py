"""Which values of a line chart carry a label: as many as fit without overlapping.

A value's label is drawn centred above its point, or starting (ending) at it where a centred one
would stick out of the plot on the left (right), over the axis' labels. On a phone a chart is about 300 px wide, so
figures of neighbouring years with close values wrote over each other («19,93% (sơ bộ)» on
«18,5%»). Labels are placed in order of importance, as line charts of statistics offices do:
each series' latest figure, then its first, then the others from the newest back. A label is
left out when its box would overlap a label already placed or a target's label; its value stays
in the chart's table and text alternative, and its point stays drawn.

The boxes are measured in the chart's own geometry: years spread evenly over the width (Vega's
point scale, half a step of padding each side), values over the height between the lowest and the
highest value drawn, widened as Vega's «nice» rounding widens it (by a tenth of the range each
side, which makes labels look closer than they will be, never farther). The text width is
``text.text_width``'s, which is never short of how the widest font the chart names draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def _priority(points: Sequence[dict[str, Any]]) -> list[int]:
    """Indexes of ``points`` in the order their labels are placed: each series' latest, its first, then the rest, newest first."""
    by_series: dict[str, list[int]] = {}
    for i in sorted(range(len(points)), key=lambda i: int(points[i]["nam"])):
        by_series.setdefault(str(points[i]["chuoi"]), []).append(i)
    latest = [idx[-1] for idx in by_series.values()]
    first = [idx[0] for idx in by_series.values()]
    rest = sorted(range(len(points)), key=lambda i: -int(points[i]["nam"]))
    return list(dict.fromkeys(latest + first + rest))


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
    shown: dict[int, Align] = {}
    for i in _priority(points):
        p = points[i]
        align, box = _value_box(x_of[str(p["nam"])], y_of(p["gia_tri"]) + LABEL_DY, str(p["chu"]), width)
        if not any(box.overlaps(other) for other in placed):
            placed.append(box)
            shown[i] = align
    for i, p in enumerate(points):
        if i in shown:
            out[shown[i]].append(p)
    return out
