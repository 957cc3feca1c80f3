"""Charts made with altair, rendered at build time to static SVG (no JavaScript needed).

Specs are built with ``to_dict(validate=False)``: the schema check costs more
than the chart, and the tests validate each kind of chart once. Rendered SVG
is cached by the hash of its spec, across builds. The charts a build needs
that are not in the cache are rendered together (``SvgRenderer.prerender``):
by this process and by helper processes started with ``spawn`` (a forked
process deadlocks after vl-convert has been used), so every core works.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import re
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt

from . import fmt
from . import model as m
from .progress import Observation
from .status import STATUSES, Assessment

# Okabe–Ito palette: distinguishable with the common forms of colour blindness.
STATUS_COLORS = {
    "dat": "#009E73",
    "dung-huong": "#0072B2",
    "can-tang-toc": "#E69F00",
    "tien-trien-han-che": "#CC79A7",
    "di-xa-muc-tieu": "#D55E00",
    "chua-du-so-lieu": "#8C8C8C",
    "khong-danh-gia": "#BDBDBD",
}
SERIES_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"
WIDTH = 300


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

    @functools.cached_property
    def key(self) -> str:
        return hashlib.sha256(json.dumps(self.spec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:20]


def _fmt_code(ind: m.Indicator) -> str:
    return f",.{ind.decimals}~f"


def indicator_chart(ind: m.Indicator, obs: Sequence[Observation], assessments: Sequence[Assessment], place: str) -> Chart | None:
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
            "nhan": fmt.with_unit(o.value, ind.unit, ind.decimals) + (" (sơ bộ)" if o.preliminary else ""),
        }
        for o in rows
    ]
    targets: list[dict[str, Any]] = []
    for a in quant:
        if a.kind == "ti-le-tham-chieu":
            continue  # a ratio is not on this scale
        t = ind.targets[a.index]
        sym = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "=": "=", "khoang": ""}.get(t.operator or "", "")
        targets.append(
            {
                "nam": str(a.year),
                "gia_tri": a.target_value,
                "nhan": f"Mục tiêu {a.year}: {sym}{fmt.with_unit(a.target_value, ind.unit, ind.decimals)}",
            }
        )
    path: list[dict[str, Any]] = []
    for a in quant:
        if a.path and a.kind != "ti-le-tham-chieu":
            path = [{"nam": str(y), "gia_tri": v, "duong": f"Lộ trình cần thiết đến {a.year}"} for y, v in a.path]
            break
    years: list[str] = sorted({str(p["nam"]) for p in points} | {str(t["nam"]) for t in targets} | {str(p["nam"]) for p in path})
    y_title = ind.unit
    x = alt.X(
        "nam:O", title="Năm", sort=years, scale=alt.Scale(domain=years), axis=alt.Axis(labelAngle=0 if len(years) <= 8 else -45)
    )
    y = alt.Y("gia_tri:Q", title=y_title, axis=alt.Axis(format=_fmt_code(ind)), scale=alt.Scale(zero=False, nice=True))
    layers: list[alt.Chart] = []
    if path:
        layers.append(
            alt.Chart(alt.Data(values=path))
            .mark_line(strokeDash=[5, 4], color="#555", strokeWidth=1.5)
            .encode(x=x, y=y, detail="duong:N")
        )
    if points:
        color = alt.Color(
            "chuoi:N",
            title="Phương pháp" if multi else None,
            scale=alt.Scale(range=SERIES_COLORS),
            legend=alt.Legend() if multi else None,
        )
        layers.append(
            alt.Chart(alt.Data(values=points))
            .mark_line(point={"filled": True, "size": 50}, strokeWidth=2)
            .encode(x=x, y=y, color=color)
        )
        if len(points) <= 12:
            layers.append(
                alt.Chart(alt.Data(values=points)).mark_text(dy=-10, fontSize=11, color="#222").encode(x=x, y=y, text="nhan:N")
            )
    if targets:
        layers.append(
            alt.Chart(alt.Data(values=targets))
            .mark_point(shape="diamond", size=140, filled=False, strokeWidth=2, color="#000")
            .encode(x=x, y=y)
        )
        layers.append(
            alt.Chart(alt.Data(values=targets))
            .mark_text(dy=16, fontSize=11, fontWeight="bold", color="#000")
            .encode(x=x, y=y, text="nhan:N")
        )
    chart = alt.layer(*layers).properties(width=WIDTH, height=210, description=f"Biểu đồ: {ind.name}")
    spec = chart.to_dict(validate=False)
    spec["config"] = base_config()
    parts = []
    if points:
        last = max(rows, key=lambda o: o.year)
        parts.append(
            f"{ind.name}: {len(points)} số liệu từ năm {min(o.year for o in rows)} đến {last.year}; "
            f"mới nhất {fmt.with_unit(last.value, ind.unit, ind.decimals)} năm {last.year}."
        )
        if multi:
            parts.append("Có thay đổi phương pháp: " + "; ".join(label_of[x] for x in methods) + ".")
    else:
        parts.append(f"{ind.name}: chưa có số liệu.")
    for tg in targets:
        parts.append(str(tg["nhan"]) + ".")
    if path:
        parts.append("Đường nét đứt là lộ trình cần thiết từ năm gốc đến mục tiêu.")
    table_rows = tuple((str(p["nam"]), str(p["chuoi"]), str(p["nhan"])) for p in sorted(points, key=lambda p: str(p["nam"])))
    table_rows += tuple((str(t["nam"]), "Mục tiêu", str(t["nhan"])) for t in targets)
    return Chart(spec, " ".join(parts), ("Năm", "Loại", "Giá trị"), table_rows)


def place_chart(ind: m.Indicator, obs: Sequence[Observation], places: dict[str, m.Place], province: str) -> Chart | None:
    """Figures by place for the latest year that has figures for at least two places below the province."""
    series = ind.primary_series
    by_year: dict[int, list[Observation]] = {}
    for o in obs:
        if o.series == series and o.place != province:
            by_year.setdefault(o.year, []).append(o)
    years = [y for y, v in by_year.items() if len(v) >= 2]
    if not years:
        return None
    year = max(years)
    rows = sorted(by_year[year], key=lambda o: -o.value)
    data: list[dict[str, Any]] = [
        {
            "dia_ban": places[o.place].full_name if o.place in places else o.place,
            "gia_tri": o.value,
            "nhan": fmt.with_unit(o.value, ind.unit, ind.decimals),
        }
        for o in rows
    ]
    prov = [o for o in obs if o.series == series and o.place == province and o.year == year]
    y = alt.Y("dia_ban:N", title=None, sort=None, axis=alt.Axis(labelLimit=150))
    x = alt.X("gia_tri:Q", title=ind.unit, axis=alt.Axis(format=_fmt_code(ind)))
    bars = alt.Chart(alt.Data(values=data)).mark_bar(color="#0072B2").encode(x=x, y=y)
    text = (
        alt.Chart(alt.Data(values=data)).mark_text(align="left", dx=3, fontSize=11, color="#222").encode(x=x, y=y, text="nhan:N")
    )
    layers = [bars, text]
    if prov:
        rule = (
            alt.Chart(alt.Data(values=[{"gia_tri": prov[0].value}]))
            .mark_rule(color="#D55E00", strokeDash=[4, 3], strokeWidth=2)
            .encode(x="gia_tri:Q")
        )
        layers.append(rule)
    chart = alt.layer(*layers).properties(
        width=WIDTH - 90,
        height=22 * len(data),
        title=f"Theo địa bàn, năm {year}",
        description=f"Biểu đồ theo địa bàn: {ind.name}, năm {year}",
    )
    spec = chart.to_dict(validate=False)
    spec["config"] = base_config()
    alt_text = (
        f"{ind.name} theo địa bàn năm {year}: "
        + "; ".join(f"{d['dia_ban']} {d['nhan']}" for d in data)
        + "."
        + (f" Đường nét đứt: toàn tỉnh {fmt.with_unit(prov[0].value, ind.unit, ind.decimals)}." if prov else "")
    )
    return Chart(spec, alt_text, ("Địa bàn", "Giá trị"), tuple((str(d["dia_ban"]), str(d["nhan"])) for d in data))


def status_chart(counts: dict[str, int], title: str = "Số mục tiêu theo tình trạng") -> Chart:
    data: list[dict[str, Any]] = [
        {"tinh_trang": f"{STATUSES[s]['symbol']} {STATUSES[s]['label']}", "so_luong": n, "ma": s} for s, n in counts.items()
    ]
    order: list[str] = [str(d["tinh_trang"]) for d in data]
    y = alt.Y("tinh_trang:N", title=None, sort=order, axis=alt.Axis(labelLimit=220))
    x = alt.X("so_luong:Q", title="Số mục tiêu", axis=alt.Axis(format="d", tickMinStep=1))
    color = alt.Color("ma:N", legend=None, scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())))
    bars = alt.Chart(alt.Data(values=data)).mark_bar(stroke="#333", strokeWidth=0.5).encode(x=x, y=y, color=color)
    text = (
        alt.Chart(alt.Data(values=data))
        .mark_text(align="left", dx=4, fontSize=12, fontWeight="bold")
        .encode(x=x, y=y, text="so_luong:Q")
    )
    chart = alt.layer(bars, text).properties(width=WIDTH - 140, height=26 * len(data), description=title)
    spec = chart.to_dict(validate=False)
    spec["config"] = base_config()
    alt_text = title + ": " + "; ".join(f"{STATUSES[s]['label']}: {n}" for s, n in counts.items()) + "."
    return Chart(
        spec, alt_text, ("Tình trạng", "Số mục tiêu"), tuple((STATUSES[s]["label"], fmt.number(n, 0)) for s, n in counts.items())
    )


_SVG_SIZE = re.compile(r'^<svg ([^>]*?)width="([\d.]+)" height="([\d.]+)"')


# Helper processes pay off only when many charts are missing (each starts vl-convert, about 1 s).
PARALLEL_MIN = 24
ENV_WORKERS = "PLANSITE_CHART_WORKERS"  # number of helper processes; 0 renders in this process only


def default_workers() -> int:
    """Helper processes besides this one: one per other core, unless ``PLANSITE_CHART_WORKERS`` says otherwise."""
    env = os.environ.get(ENV_WORKERS, "").strip()
    if env.isdigit():
        return int(env)
    return max(0, (os.cpu_count() or 1) - 1)


class SvgRenderer:
    """Renders specs to SVG with vl-convert, caching by content hash in ``cache_dir``."""

    def __init__(self, cache_dir: Path | None, workers: int | None = None):
        self.cache_dir = cache_dir
        self.rendered = 0
        self.cached = 0
        self.seconds = 0.0  # wall time spent rendering
        self.workers = 0  # helper processes used by the last prerender
        self.max_workers = default_workers() if workers is None else workers
        self._fresh: dict[str, str] = {}  # rendered by prerender, not yet handed out

    def svg(self, chart: Chart) -> str:
        fresh = self._fresh.pop(chart.key, None) if self.cache_dir else self._fresh.get(chart.key)
        if fresh is not None:
            return fresh
        path = self.cache_dir / f"{chart.key}.svg" if self.cache_dir else None
        if path is not None and path.exists():
            self.cached += 1
            return path.read_text(encoding="utf-8")
        import vl_convert as vlc

        started = time.perf_counter()
        raw = vlc.vegalite_to_svg(chart.spec)
        self.seconds += time.perf_counter() - started
        self.rendered += 1
        svg = _responsive(raw)
        self._store(chart.key, svg)
        return svg

    def _store(self, key: str, svg: str) -> None:
        if self.cache_dir is None:
            return
        path = self.cache_dir / f"{key}.svg"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(path)

    def prerender(self, charts: Iterable[Chart | None]) -> None:
        """Render every chart that is not in the cache yet; ``svg`` then hands them out.

        The same SVG as ``svg`` would make, only sooner: this process renders from the end
        of the list while helper processes take charts from the front.
        """
        todo: dict[str, dict[str, Any]] = {}
        for chart in charts:
            if chart is None or chart.key in todo or chart.key in self._fresh:
                continue
            if self.cache_dir is not None and (self.cache_dir / f"{chart.key}.svg").exists():
                continue
            todo[chart.key] = chart.spec
        if not todo:
            return
        started = time.perf_counter()
        keys = list(todo)
        workers = min(self.max_workers, len(keys) // PARALLEL_MIN)
        raws = _render_all([todo[k] for k in keys], workers)
        self.workers = workers
        for k, raw in zip(keys, raws, strict=True):
            svg = _responsive(raw)
            self._store(k, svg)
            self._fresh[k] = svg
        self.rendered += len(keys)
        self.seconds += time.perf_counter() - started


def _render_all(specs: list[dict[str, Any]], workers: int) -> list[str]:
    """SVG of each spec, in order; with ``workers`` spawned helpers sharing the work."""
    import vl_convert as vlc

    out: list[str | None] = [None] * len(specs)
    if workers <= 0:
        return [vlc.vegalite_to_svg(spec) for spec in specs]
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError):
        return [vlc.vegalite_to_svg(spec) for spec in specs]
    with pool:
        futures: list[Future[str]] = [pool.submit(vlc.vegalite_to_svg, spec) for spec in specs]
        # Work from the end while the helpers work from the front; a chart a helper has
        # not taken yet is cancelled there and rendered here.
        for i in range(len(specs) - 1, -1, -1):
            if not futures[i].cancel():
                break
            out[i] = vlc.vegalite_to_svg(specs[i])
        for i, fut in enumerate(futures):
            if out[i] is None:
                try:
                    out[i] = fut.result()
                except Exception:  # noqa: BLE001 - a helper died: render that chart here instead
                    out[i] = vlc.vegalite_to_svg(specs[i])
    return [x if x is not None else "" for x in out]


def _responsive(svg: str) -> str:
    """Let the SVG shrink to the screen; hide it from screen readers (the figure has a text alternative)."""
    m_ = _SVG_SIZE.match(svg)
    if not m_:
        return svg
    w, h = m_.group(2), m_.group(3)
    head = f'<svg {m_.group(1)}width="{w}" height="{h}" style="max-width:100%;height:auto" aria-hidden="true" focusable="false"'
    return head + svg[m_.end() :]
