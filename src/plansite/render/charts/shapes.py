"""The altair shapes of the site's charts, each built once and filled in for every chart.

Building a chart with altair costs tens of milliseconds (its objects are copied and checked
on every step), the same for every chart of one shape. So each shape is built once, with
placeholders where the values go, and each chart's spec is that template with its values put
in: the same dict as altair makes (``Shapes(templates=False)`` builds every chart directly,
and the tests compare the two). Templates depend on the code and altair's version only, so
they are kept in the build's cache and a later build need not import altair at all.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from plansite.cache import Cache, entry_key
from plansite.render.charts.labels import (
    ALIGNS,
    LABEL_DY,
    LABEL_SIZE,
    PLAN_DY,
    PLAN_X,
    RATE_DY,
    RATE_PADDING,
    TARGET_DX,
    TARGET_DY,
    label_dx,
)
from plansite.status.labels import STATUSES

if TYPE_CHECKING:
    import altair as alt
else:

    class _Altair:
        """altair, imported when a shape is first built (not at all when every shape is cached)."""

        def __getattr__(self, name: str) -> Any:
            import altair

            globals()["alt"] = altair
            return getattr(altair, name)

    alt = _Altair()

# Okabe–Ito palette: distinguishable with the common forms of colour blindness.
STATUS_COLORS = {
    "dat": "#009E73",
    "dang-dat": "#009E73",
    "dung-huong": "#0072B2",
    "can-tang-toc": "#E69F00",
    "tien-trien-han-che": "#CC79A7",
    "di-xa-muc-tieu": "#D55E00",
    "chua-dat": "#CC79A7",
    "chua-co-ket-qua": "#56B4E9",
    "chua-du-so-lieu": "#8C8C8C",
    "cho-so-lieu": "#D0D0D0",
    "tham-chieu": "#BDBDBD",
    "khong-danh-gia": "#BDBDBD",
}
SERIES_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
WIDTH = 300
HEIGHT = 210  # of the line charts' plots: the indicator chart and the disbursement-rate chart

_SLOT = "\x00plansite-slot"
# Numbers no chart uses, standing for number slots in a template.
_NUMBER_SLOTS = {"height": 987654321}
Builder = Callable[..., dict[str, Any]]


class Shapes:
    """Chart specs from templates (one per kind and shape), kept in ``cache`` across builds."""

    NAMESPACE = "chart-shapes"

    def __init__(self, cache: Cache | None = None, templates: bool = True):
        self.cache = cache
        self.templates = templates
        self._templates: dict[tuple[Any, ...], dict[str, Any]] = {}
        self._loaded = False
        self._key = entry_key(self.NAMESPACE)

    def spec(self, kind: str, shape: tuple[Any, ...], **values: Any) -> dict[str, Any]:
        build = LAYERS[kind]
        if not self.templates:
            return build(shape, **values)
        key = (kind, shape, tuple(sorted(values)))
        template = self._templates.get(key)
        if template is None and not self._loaded:
            self._load()
            template = self._templates.get(key)
        if template is None:
            template = self._templates[key] = build(shape, **{k: _placeholder(k, v) for k, v in values.items()})
            self._save()
        numbers = {_NUMBER_SLOTS[k]: k for k in values if k in _NUMBER_SLOTS}
        filled: dict[str, Any] = _fill(template, values, numbers)
        return filled

    def _load(self) -> None:
        self._loaded = True
        data = self.cache.get(self.NAMESPACE, self._key, ".json") if self.cache is not None else None
        if data is None:
            return
        try:
            for (kind, shape, names), template in json.loads(data):
                self._templates.setdefault((kind, tuple(shape), tuple(names)), template)
        except (ValueError, TypeError):
            return  # a damaged entry is rebuilt

    def _save(self) -> None:
        if self.cache is not None:
            body = [[[k[0], list(k[1]), list(k[2])], t] for k, t in self._templates.items()]
            self.cache.put(self.NAMESPACE, self._key, json.dumps(body).encode(), ".json")


def _placeholder(name: str, value: Any) -> Any:
    if isinstance(value, str):
        return f"{_SLOT}:{name}\x00"
    if isinstance(value, list):  # a list holding one placeholder string stands for the whole list
        return [f"{_SLOT}[]:{name}\x00"]
    if isinstance(value, int) and not isinstance(value, bool):
        return _NUMBER_SLOTS[name]
    raise TypeError(f"no placeholder for {name}={value!r}")


def _fill(obj: Any, values: dict[str, Any], numbers: dict[int, str]) -> Any:
    t = type(obj)
    if t is dict:
        return {k: _fill(v, values, numbers) for k, v in obj.items()}
    if t is list:
        if len(obj) == 1 and type(obj[0]) is str and obj[0].startswith(_SLOT + "[]:"):
            return values[obj[0][len(_SLOT) + 3 : -1]]
        return [_fill(v, values, numbers) for v in obj]
    if t is str and obj.startswith(_SLOT + ":"):
        return values[obj[len(_SLOT) + 1 : -1]]
    if t is int and obj in numbers:
        return values[numbers[obj]]
    return obj


def _indicator_layers(
    shape: tuple[Any, ...],
    years: list[str],
    y_title: str,
    y_format: str,
    description: str,
    path: list[dict[str, Any]],
    points: list[dict[str, Any]],
    labels_center: list[dict[str, Any]],
    labels_left: list[dict[str, Any]],
    labels_right: list[dict[str, Any]],
    targets: list[dict[str, Any]],
    legend_labels: str,
) -> dict[str, Any]:
    """``labels_*``: the points whose value is written above them, by alignment (charts.labels: those that fit);
    ``shape[3]`` names the alignments used by their first letters («cl»: centred and left)."""
    has_path, has_points, multi, aligns, has_targets, upright = shape
    labels = {"center": labels_center, "left": labels_left, "right": labels_right}
    x = alt.X("nam:O", title="Năm", sort=years, scale=alt.Scale(domain=years), axis=alt.Axis(labelAngle=0 if upright else -45))
    y = alt.Y("gia_tri:Q", title=y_title, axis=alt.Axis(format=y_format), scale=alt.Scale(zero=False, nice=True))
    layers: list[alt.Chart] = []
    if has_path:
        layers.append(
            alt.Chart(alt.Data(values=path))
            .mark_line(strokeDash=[5, 4], color="#555", strokeWidth=1.5)
            .encode(x=x, y=y, detail="duong:N")
        )
    if has_points:
        color = alt.Color(
            "chuoi:N",
            title="Phương pháp" if multi else None,
            scale=alt.Scale(range=SERIES_COLORS),
            legend=alt.Legend(labelExpr=legend_labels, labelLimit=0) if multi else None,
        )
        layers.append(
            alt.Chart(alt.Data(values=points))
            .mark_line(point={"filled": True, "size": 50}, strokeWidth=2)
            .encode(x=x, y=y, color=color)
        )
        for align in (a for a in ALIGNS if a[0] in aligns):
            layers.append(
                alt.Chart(alt.Data(values=labels[align]))
                .mark_text(align=align, dx=label_dx(align), dy=LABEL_DY, fontSize=LABEL_SIZE, color="#222")
                .encode(x=x, y=y, text="chu:N")
            )
    if has_targets:
        layers.append(
            alt.Chart(alt.Data(values=targets))
            .mark_point(shape="diamond", size=140, filled=False, strokeWidth=2, color="#000")
            .encode(x=x, y=y)
        )
        layers.append(
            alt.Chart(alt.Data(values=targets))
            .mark_text(dy=TARGET_DY, dx=TARGET_DX, align="right", fontSize=LABEL_SIZE, fontWeight="bold", color="#000")
            .encode(x=x, y=y, text="nhan:N")
        )
    chart = alt.layer(*layers).properties(width=WIDTH, height=HEIGHT, description=description)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


def _place_layers(
    shape: tuple[bool, ...],
    x_title: str,
    x_format: str,
    data: list[dict[str, Any]],
    rule: list[dict[str, Any]],
    height: int,
    title: str,
    description: str,
) -> dict[str, Any]:
    (has_rule,) = shape
    y = alt.Y("dia_ban:N", title=None, sort=None, axis=alt.Axis(labelLimit=150))
    x = alt.X("gia_tri:Q", title=x_title, axis=alt.Axis(format=x_format))
    bars = alt.Chart(alt.Data(values=data)).mark_bar(color="#0072B2").encode(x=x, y=y)
    text = (
        alt.Chart(alt.Data(values=data)).mark_text(align="left", dx=3, fontSize=11, color="#222").encode(x=x, y=y, text="nhan:N")
    )
    layers = [bars, text]
    if has_rule:
        layers.append(
            alt.Chart(alt.Data(values=rule)).mark_rule(color="#D55E00", strokeDash=[4, 3], strokeWidth=2).encode(x="gia_tri:Q")
        )
    chart = alt.layer(*layers).properties(width=WIDTH - 90, height=height, title=title, description=description)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


def _status_layers(
    shape: tuple[()], data: list[dict[str, Any]], order: list[str], height: int, description: str
) -> dict[str, Any]:
    # Long labels wrap onto lines of their own instead of being cut («… chờ số liệu côn…»).
    lines = {f"{v['symbol']} {v['label']}": textwrap.wrap(f"{v['symbol']} {v['label']}", 24) for v in STATUSES.values()}
    wrap = f"({json.dumps(lines, ensure_ascii=False)})[datum.label] || datum.label"
    y = alt.Y("tinh_trang:N", title=None, sort=order, axis=alt.Axis(labelLimit=0, labelExpr=wrap))
    x = alt.X("so_luong:Q", title="Số mục tiêu", axis=alt.Axis(format="d", tickMinStep=1))
    color = alt.Color("ma:N", legend=None, scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())))
    bars = alt.Chart(alt.Data(values=data)).mark_bar(stroke="#333", strokeWidth=0.5).encode(x=x, y=y, color=color)
    text = (
        alt.Chart(alt.Data(values=data))
        .mark_text(align="left", dx=4, fontSize=12, fontWeight="bold")
        .encode(x=x, y=y, text="so_luong:Q")
    )
    chart = alt.layer(bars, text).properties(width=WIDTH - 140, height=height, description=description)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


def _money_layers(
    shape: tuple[()],
    data: list[dict[str, Any]],
    order: list[str],
    natures: list[str],
    colors: list[str],
    height: int,
    x_title: str,
    description: str,
) -> dict[str, Any]:
    """Capital by year: a bar per figure, light for a plan and dark for a result, its value (with qualifier) beside it."""
    y = alt.Y("dong:N", title=None, sort=order, axis=alt.Axis(labelLimit=240))
    x = alt.X("gia_tri:Q", title=x_title, axis=alt.Axis(format=",.0f"), scale=alt.Scale(zero=True, nice=True))
    color = alt.Color("loai:N", title="Loại số liệu", scale=alt.Scale(domain=natures, range=colors))
    bars = alt.Chart(alt.Data(values=data)).mark_bar(stroke="#0072B2", strokeWidth=1).encode(x=x, y=y, color=color)
    text = (
        alt.Chart(alt.Data(values=data)).mark_text(align="left", dx=3, fontSize=11, color="#222").encode(x=x, y=y, text="nhan:N")
    )
    chart = alt.layer(bars, text).properties(width=WIDTH - 130, height=height, description=description)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


def _rates_layers(
    shape: tuple[bool],
    points: list[dict[str, Any]],
    labels: list[dict[str, Any]],
    moments: list[str],
    plan: list[dict[str, Any]],
    legend_labels: str,
    description: str,
) -> dict[str, Any]:
    """Disbursement rates (results: a point per rate, one colour and shape per series) by date, against the plan
    (100%, dashed). Series stand side by side within a date (``xOffset``): two rates of one date never hide each other."""
    (upright,) = shape
    x = alt.X(
        "moc:O",
        title="Tính đến",
        sort=moments,
        scale=alt.Scale(domain=moments, paddingInner=RATE_PADDING),
        axis=alt.Axis(labelAngle=0 if upright else -45),
    )
    y = alt.Y("gia_tri:Q", title="Tỷ lệ giải ngân (%)", scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(format=",.0f"))
    legend = alt.Legend(labelExpr=legend_labels, labelLimit=0)
    color = alt.Color("chuoi:N", title="Kết quả giải ngân", scale=alt.Scale(range=SERIES_COLORS), legend=legend)
    shape_ = alt.Shape("chuoi:N", title="Kết quả giải ngân", legend=legend)
    offset = alt.XOffset("chuoi:N", sort=None)
    rule = alt.Chart(alt.Data(values=plan)).mark_rule(strokeDash=[5, 4], color="#555", strokeWidth=1.5).encode(y="gia_tri:Q")
    rule_text = (
        alt.Chart(alt.Data(values=plan))
        .mark_text(align="left", baseline="bottom", dy=PLAN_DY, x=PLAN_X, fontSize=LABEL_SIZE, color="#333")
        .encode(y="gia_tri:Q", text="nhan:N")
    )
    marks = (
        alt.Chart(alt.Data(values=points))
        .mark_point(filled=True, size=70, opacity=1)
        .encode(x=x, xOffset=offset, y=y, color=color, shape=shape_)
    )
    text = (  # the rates whose label fits (charts.labels.labelled_rates); the others are in the table
        alt.Chart(alt.Data(values=labels))
        .mark_text(dy=RATE_DY, fontSize=LABEL_SIZE, color="#222")
        .encode(x=x, xOffset=offset, y=y, text="nhan:N")
    )
    chart = alt.layer(rule, rule_text, marks, text).properties(width=WIDTH, height=HEIGHT, description=description)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    return spec


LAYERS: dict[str, Builder] = {
    "indicator": _indicator_layers,
    "place": _place_layers,
    "status": _status_layers,
    "money": _money_layers,
    "rates": _rates_layers,
}
