"""The site's charts as data: what each chart shows, its text alternative and its table.

A ``Chart`` is a Vega-Lite spec (made from the shapes in ``shapes``), a Vietnamese text
alternative and the rows of the table shown under it. Rendering to SVG is ``svg``'s job.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from plansite import model as m
from plansite.check.progress import Observation
from plansite.render.charts.labels import ALIGNS, labelled
from plansite.render.charts.shapes import HEIGHT, WIDTH, Shapes
from plansite.status.method import STATUSES, Assessment
from plansite.vi import fmt

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"


def base_config() -> dict[str, Any]:
    return {
        "locale": {"number": fmt.D3_NUMBER_LOCALE, "time": fmt.D3_TIME_LOCALE},
        "font": FONT,
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#333", "titleColor": "#333", "gridColor": "#e6e6e6"},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "direction": "vertical", "labelLimit": 300},
        "view": {"stroke": None},
        "background": "white",
    }


@dataclass(frozen=True)
class Chart:
    spec: dict[str, Any]
    alt_text: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Where the chart is kept and shared: «chi-tieu/<id>/xu-huong» names its downloads
    # (bieu-do/<slug>.svg, .png, .csv) and its embed page (nhung/<slug>/); set by the page showing it.
    slug: str = ""
    title: str = ""
    page: str = ""  # source path of the page that shows it
    sources: tuple[str, ...] = ()  # the sources of the figures drawn

    def placed(self, slug: str, title: str, page: str) -> Chart:
        return replace(self, slug=slug, title=title, page=page)

    @functools.cached_property
    def key(self) -> str:
        return hashlib.sha256(json.dumps(self.spec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:20]


def wrapped_labels(labels: list[str], width: int = 40) -> str:
    """A Vega expression giving each long legend label as lines of at most ``width`` characters, so legends wrap."""
    lines = {label: textwrap.wrap(label, width) for label in labels if len(label) > width}
    if not lines:
        return "datum.label"
    return f"({json.dumps(lines, ensure_ascii=False)})[datum.label] || datum.label"


def _fmt_code(ind: m.Indicator) -> str:
    return f",.{ind.decimals}~f"


def indicator_chart(
    shapes: Shapes, ind: m.Indicator, obs: Sequence[Observation], assessments: Sequence[Assessment], place: str
) -> Chart | None:
    """The main series of the plan's place over time, with targets and the path needed."""
    series = ind.primary_series
    rows = sorted((o for o in obs if o.series == series and o.place == place), key=lambda o: (o.method, o.year))
    quant = [a for a in assessments if a.status != "khong-danh-gia" and a.target_value is not None]
    if not rows and not quant:
        return None
    methods = list(dict.fromkeys(o.method or "" for o in sorted(rows, key=lambda o: o.year)))
    multi = len(methods) > 1
    label_of = {mth: (mth or "Số liệu") for mth in methods}
    points: list[dict[str, Any]] = [
        {
            "nam": str(o.year),
            "gia_tri": o.value,
            "chuoi": label_of[o.method or ""],
            "nhan": _figure(o.value, ind) + (" (sơ bộ)" if o.preliminary else ""),
            "chu": _on_chart(o.value, ind) + (" (sơ bộ)" if o.preliminary else ""),
        }
        for o in rows
    ]
    targets = _target_marks(ind, quant)
    path = _needed_path(quant)
    present = {int(p["nam"]) for p in points} | {int(t["nam"]) for t in targets} | {int(p["nam"]) for p in path}
    # Every year between the first and the last, so gaps in the data show as gaps on the axis.
    years: list[str] = [str(y) for y in range(min(present), max(present) + 1)] if present else []
    labels = labelled(points, targets, path, years, WIDTH, HEIGHT)  # the values whose label fits without overlapping
    spec = shapes.spec(
        "indicator",
        (bool(path), bool(points), multi, "".join(a[0] for a in ALIGNS if labels[a]), bool(targets), len(years) <= 8),
        years=years,
        y_title=ind.unit_of(),
        y_format=_fmt_code(ind),
        description=f"Biểu đồ: {ind.name}",
        path=path,
        points=points,
        labels_center=labels["center"],
        labels_left=labels["left"],
        labels_right=labels["right"],
        targets=targets,
        legend_labels=wrapped_labels(list(label_of.values())),
    )
    spec["config"] = base_config()
    alt_text = _indicator_alt_text(ind, rows, points, targets, path, [label_of[x] for x in methods] if multi else [])
    table_rows = tuple((str(p["nam"]), str(p["chuoi"]), str(p["nhan"])) for p in sorted(points, key=lambda p: str(p["nam"])))
    table_rows += tuple((str(t["nam"]), "Mục tiêu", str(t["nhan"])) for t in targets)
    sources = tuple(dict.fromkeys(o.source for o in rows))
    return Chart(spec, alt_text, ("Năm", "Loại", "Giá trị"), table_rows, sources=sources)


def _target_marks(ind: m.Indicator, quant: Sequence[Assessment]) -> list[dict[str, Any]]:
    """A mark for each quantified target, at the level to reach (a ratio to a reference is not on this scale)."""
    out: list[dict[str, Any]] = []
    for a in quant:
        if a.kind == "ti-le-tham-chieu":
            continue
        t = ind.targets[a.index]
        sym = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "=": "=", "khoang": ""}.get(t.operator or "", "")
        value = fmt.target_with_unit(a.target_value, ind.unit, ind.decimals)
        out.append({"nam": str(a.year), "gia_tri": a.target_value, "nhan": f"Mục tiêu {a.year}: {sym}{value}"})
    return out


def _needed_path(quant: Sequence[Assessment]) -> list[dict[str, Any]]:
    """The path needed from the base year to the first target that has one."""
    for a in quant:
        if a.path and a.kind != "ti-le-tham-chieu":
            return [{"nam": str(y), "gia_tri": v, "duong": f"Lộ trình cần thiết đến {a.year}"} for y, v in a.path]
    return []


def _indicator_alt_text(
    ind: m.Indicator,
    rows: Sequence[Observation],
    points: list[dict[str, Any]],
    targets: list[dict[str, Any]],
    path: list[dict[str, Any]],
    methods: list[str],
) -> str:
    parts = []
    if points:
        last = max(rows, key=lambda o: o.year)
        parts.append(
            f"{ind.name}: {len(points)} số liệu từ năm {min(o.year for o in rows)} đến {last.year}; "
            f"mới nhất {_figure(last.value, ind)} năm {last.year}."
        )
        if methods:
            parts.append("Có thay đổi phương pháp: " + "; ".join(methods) + ".")
    else:
        parts.append(f"{ind.name}: chưa có số liệu.")
    parts += [str(tg["nhan"]) + "." for tg in targets]
    if path:
        parts.append("Đường nét đứt là lộ trình cần thiết từ năm gốc đến mục tiêu.")
    return " ".join(parts)


def place_chart(
    shapes: Shapes,
    ind: m.Indicator,
    obs: Sequence[Observation],
    places: dict[str, m.Place],
    province: str,
    hierarchy: m.Places | None = None,
) -> Chart | None:
    """Places of one level side by side, for the latest year with figures for at least two of them.

    Only places of one level are compared (a district beside a commune says little), the
    highest level below the province that has such a year. Only units of one generation are
    compared: in a year of a reorganisation, the units that exist at its end (the new ones) when
    at least two have figures, else the ones that ceased during it; never old beside new.
    Every other figure is in the indicator page's table by place.
    """
    series = ind.primary_series
    picked = _compared_units(obs, series, places, province, hierarchy)
    if picked is None:
        return None
    rows, level, (year, alive) = picked
    units = [places[o.place] for o in rows if o.place in places]
    if not alive:
        level = f"{level}, đơn vị trước sắp xếp" if level else "đơn vị trước sắp xếp"
    elif any(p.valid_from is not None and p.valid_from.year == year for p in units):
        level = f"{level} mới, sau sắp xếp" if level else "đơn vị mới, sau sắp xếp"
    data: list[dict[str, Any]] = [
        {
            "dia_ban": places[o.place].full_name if o.place in places else o.place,
            "gia_tri": o.value,
            "nhan": _figure(o.value, ind),
        }
        for o in rows
    ]
    prov = [o for o in obs if o.series == series and o.place == province and o.year == year]
    spec = shapes.spec(
        "place",
        (bool(prov),),
        x_title=ind.unit_of(),
        x_format=_fmt_code(ind),
        data=data,
        rule=[{"gia_tri": prov[0].value}] if prov else [],
        height=22 * len(data),
        title=f"Theo địa bàn{f' ({level})' if level else ''}, năm {year}",
        description=f"Biểu đồ theo địa bàn{f' {level}' if level else ''}: {ind.name}, năm {year}",
    )
    spec["config"] = base_config()
    alt_text = (
        f"{ind.name} theo địa bàn{f' {level}' if level else ''} năm {year}: "
        + "; ".join(f"{d['dia_ban']} {d['nhan']}" for d in data)
        + "."
        + (f" Đường nét đứt: {_whole(hierarchy, places.get(province))} {_figure(prov[0].value, ind)}." if prov else "")
    )
    table = tuple((str(d["dia_ban"]), str(d["nhan"])) for d in data)
    return Chart(spec, alt_text, ("Địa bàn", "Giá trị"), table, sources=tuple(dict.fromkeys(o.source for o in rows + prov)))


def _compared_units(
    obs: Sequence[Observation], series: str, places: dict[str, m.Place], province: str, hierarchy: m.Places | None
) -> tuple[list[Observation], str, tuple[int, bool]] | None:
    """The figures a chart by place compares (largest first), the name of their level, and (year, alive at its end)."""
    # Levels ranked by places.yaml's «levels» (without it: in the order places first use them).
    order = [lv.id for lv in hierarchy.levels] if hierarchy is not None else list(dict.fromkeys(p.level for p in places.values()))
    ranks = {lvl: i for i, lvl in enumerate(order)}
    by_level: dict[int, dict[tuple[int, bool], list[Observation]]] = {}
    for o in obs:
        if o.series == series and o.place != province:
            place = places.get(o.place)
            r = ranks.get(place.level, len(ranks)) if place is not None else len(ranks)
            by_level.setdefault(r, {}).setdefault((o.year, _alive_at_end(place, o.year)), []).append(o)
    for r in sorted(by_level):
        chosen = {k: v for k, v in by_level[r].items() if len(v) >= 2}
        if chosen:
            level = hierarchy.level_name(order[r]).lower() if hierarchy is not None and r < len(order) else ""
            key = max(chosen)  # the latest year; in it, the units alive at its end before those that ceased
            return sorted(chosen[key], key=lambda o: -o.value), level, key
    return None


def _figure(value: float, ind: m.Indicator) -> str:
    """A figure as it was read, as in the tables under the chart and on the page (up to 4 decimals)."""
    return fmt.with_unit(value, ind.unit_of(), max(ind.decimals, 4))


SHORT_UNIT = 4  # characters: a unit up to this long («%», «xã», «lần») is written in each value label on the chart


def _on_chart(value: float, ind: m.Indicator) -> str:
    """A figure's label on the chart: with its unit when the unit is short («26,7%»), else the number alone
    («46,3»; the axis title names «triệu đồng/người/năm»), so that more labels fit side by side."""
    unit = ind.unit_of()
    return _figure(value, ind) if len(unit.strip()) <= SHORT_UNIT else fmt.number(value, max(ind.decimals, 4))


def _alive_at_end(place: m.Place | None, year: int) -> bool:
    """Whether the unit still exists on the last day of ``year`` (units of one generation are compared)."""
    return place is None or place.valid_to is None or place.valid_to >= dt.date(year, 12, 31)


def _whole(hierarchy: m.Places | None, own: m.Place | None) -> str:
    """How figures of the plan's own place are called, in running text: «toàn tỉnh»."""
    if hierarchy is not None and hierarchy.whole_label:
        return hierarchy.whole_label.lower()
    return f"toàn {own.kind.lower()}" if own is not None else "địa bàn của kế hoạch"


def status_chart(shapes: Shapes, counts: dict[str, int], title: str = "Số mục tiêu theo tình trạng") -> Chart:
    data: list[dict[str, Any]] = [
        {"tinh_trang": f"{STATUSES[s]['symbol']} {STATUSES[s]['label']}", "so_luong": n, "ma": s} for s, n in counts.items()
    ]
    order: list[str] = [str(d["tinh_trang"]) for d in data]
    spec = shapes.spec("status", (), data=data, order=order, height=38 * len(data), description=title)
    spec["config"] = base_config()
    alt_text = title + ": " + "; ".join(f"{STATUSES[s]['label']}: {n}" for s, n in counts.items()) + "."
    return Chart(
        spec, alt_text, ("Tình trạng", "Số mục tiêu"), tuple((STATUSES[s]["label"], fmt.number(n, 0)) for s, n in counts.items())
    )
