"""Charts made with altair, rendered at build time to static SVG (no JavaScript needed).

Specs are built with ``to_dict(validate=False)``: the schema check costs more
than the chart, and the tests validate each kind of chart once. Rendered SVG
is cached by the hash of its spec, across builds. The charts a build needs
that are not in the cache are rendered together (``SvgRenderer.prerender``):
by this process and by helper processes, fresh interpreters started like
``spawn`` does (a forked process deadlocks after vl-convert has been used),
so every core works.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import altair as alt
else:

    class _Altair:
        """altair, imported when a chart shape is first built (not at all when every shape is cached)."""

        def __getattr__(self, name: str) -> Any:
            import altair

            globals()["alt"] = altair
            return getattr(altair, name)

    alt = _Altair()

from plansite import model as m
from plansite.check.progress import Observation
from plansite.status.method import STATUSES, Assessment
from plansite.vi import fmt

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
    present = {int(p["nam"]) for p in points} | {int(t["nam"]) for t in targets} | {int(p["nam"]) for p in path}
    # Every year between the first and the last, so gaps in the data show as gaps on the axis.
    years: list[str] = [str(y) for y in range(min(present), max(present) + 1)] if present else []
    spec = _spec(
        "indicator",
        (bool(path), bool(points), multi, len(points) <= 12, bool(targets), len(years) <= 8),
        _indicator_layers,
        years=years,
        y_title=ind.unit,
        y_format=_fmt_code(ind),
        description=f"Biểu đồ: {ind.name}",
        path=path,
        points=points,
        targets=targets,
    )
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
    """Places of one level side by side, for the latest year with figures for at least two of them.

    Only places of one level are compared (a district beside a commune says little), the
    highest level below the province that has such a year. Every other figure is in the
    indicator page's table by place.
    """
    series = ind.primary_series
    rank = {lvl: i for i, lvl in enumerate(m.LEVEL_LABELS)}
    by_level: dict[int, dict[int, list[Observation]]] = {}
    for o in obs:
        if o.series == series and o.place != province:
            r = rank.get(places[o.place].level, len(rank)) if o.place in places else len(rank)
            by_level.setdefault(r, {}).setdefault(o.year, []).append(o)
    chosen: dict[int, list[Observation]] = {}
    level = ""
    for r in sorted(by_level):
        chosen = {y: v for y, v in by_level[r].items() if len(v) >= 2}
        if chosen:
            level = list(m.LEVEL_LABELS.values())[r].lower() if r < len(rank) else ""
            break
    if not chosen:
        return None
    year = max(chosen)
    rows = sorted(chosen[year], key=lambda o: -o.value)
    data: list[dict[str, Any]] = [
        {
            "dia_ban": places[o.place].full_name if o.place in places else o.place,
            "gia_tri": o.value,
            "nhan": fmt.with_unit(o.value, ind.unit, ind.decimals),
        }
        for o in rows
    ]
    prov = [o for o in obs if o.series == series and o.place == province and o.year == year]
    spec = _spec(
        "place",
        (bool(prov),),
        _place_layers,
        x_title=ind.unit,
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
        + (f" Đường nét đứt: toàn tỉnh {fmt.with_unit(prov[0].value, ind.unit, ind.decimals)}." if prov else "")
    )
    return Chart(spec, alt_text, ("Địa bàn", "Giá trị"), tuple((str(d["dia_ban"]), str(d["nhan"])) for d in data))


def status_chart(counts: dict[str, int], title: str = "Số mục tiêu theo tình trạng") -> Chart:
    data: list[dict[str, Any]] = [
        {"tinh_trang": f"{STATUSES[s]['symbol']} {STATUSES[s]['label']}", "so_luong": n, "ma": s} for s, n in counts.items()
    ]
    order: list[str] = [str(d["tinh_trang"]) for d in data]
    spec = _spec("status", (), _status_layers, data=data, order=order, height=26 * len(data), description=title)
    spec["config"] = base_config()
    alt_text = title + ": " + "; ".join(f"{STATUSES[s]['label']}: {n}" for s, n in counts.items()) + "."
    return Chart(
        spec, alt_text, ("Tình trạng", "Số mục tiêu"), tuple((STATUSES[s]["label"], fmt.number(n, 0)) for s, n in counts.items())
    )


# ---------------------------------------------------------------------------------------------- specs
#
# Building a chart with altair costs tens of milliseconds (its objects are copied and checked
# on every step), the same for every chart of one shape. So each shape is built once, with
# placeholders where the values go, and each chart's spec is that template with its values
# put in: the same dict as altair makes (``use_templates(False)`` builds every chart directly,
# and the tests compare the two).

_SLOT = "\x00plansite-slot"
_TEMPLATES: dict[tuple[Any, ...], dict[str, Any]] = {}
_settings: dict[str, Any] = {"templates": True, "cache": None}
_loaded: set[Path] = set()


def cache_templates(folder: Path | None) -> None:
    """Keep the shapes' templates in ``folder`` too, so a later build need not import altair.

    A template depends only on the code (this package and altair), not on any data: the file
    is named by a hash of the package's source and altair's version, like compiled code.
    """
    _settings["cache"] = folder


@functools.lru_cache(maxsize=1)
def _code_key() -> str:
    from importlib.metadata import version

    h = hashlib.sha256(version("altair").encode())
    for path in sorted(Path(__file__).parents[1].rglob("*.py")):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:20]


def _template_file() -> Path | None:
    folder = _settings["cache"]
    return folder / f"chart-shapes-{_code_key()}.json" if folder is not None else None


def _load_templates() -> None:
    path = _template_file()
    if path is None or path in _loaded:
        return
    _loaded.add(path)
    with contextlib.suppress(OSError, ValueError, TypeError):
        for key, template in json.loads(path.read_text(encoding="utf-8")):
            kind, shape, names = key
            _TEMPLATES.setdefault((kind, tuple(shape), tuple(names)), template)


def _save_templates() -> None:
    path = _template_file()
    if path is None:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps([[[k[0], list(k[1]), list(k[2])], t] for k, t in _TEMPLATES.items()]), encoding="utf-8")
        tmp.replace(path)


def use_templates(on: bool) -> None:
    """Build specs from templates (default) or directly with altair (for comparison)."""
    _settings["templates"] = on


def _placeholder(name: str, value: Any) -> Any:
    if isinstance(value, str):
        return f"{_SLOT}:{name}\x00"
    if isinstance(value, list):  # a list holding one placeholder string stands for the whole list
        return [f"{_SLOT}[]:{name}\x00"]
    if isinstance(value, int) and not isinstance(value, bool):
        return _NUMBER_SLOTS[name]
    raise TypeError(f"no placeholder for {name}={value!r}")


# Numbers no chart uses, standing for number slots in a template.
_NUMBER_SLOTS = {"height": 987654321}


def _spec(kind: str, shape: tuple[Any, ...], build: Any, **values: Any) -> dict[str, Any]:
    if not _settings["templates"]:
        result: dict[str, Any] = build(shape, **values)
        return result
    key = (kind, shape, tuple(sorted(values)))
    template = _TEMPLATES.get(key)
    if template is None:
        _load_templates()
        template = _TEMPLATES.get(key)
    if template is None:
        template = _TEMPLATES[key] = build(shape, **{k: _placeholder(k, v) for k, v in values.items()})
        _save_templates()
    numbers = {_NUMBER_SLOTS[k]: k for k in values if k in _NUMBER_SLOTS}
    filled: dict[str, Any] = _fill(template, values, numbers)
    return filled


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
    shape: tuple[bool, ...],
    years: list[str],
    y_title: str,
    y_format: str,
    description: str,
    path: list[dict[str, Any]],
    points: list[dict[str, Any]],
    targets: list[dict[str, Any]],
) -> dict[str, Any]:
    has_path, has_points, multi, with_labels, has_targets, upright = shape
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
            legend=alt.Legend() if multi else None,
        )
        layers.append(
            alt.Chart(alt.Data(values=points))
            .mark_line(point={"filled": True, "size": 50}, strokeWidth=2)
            .encode(x=x, y=y, color=color)
        )
        if with_labels:
            layers.append(
                alt.Chart(alt.Data(values=points)).mark_text(dy=-10, fontSize=11, color="#222").encode(x=x, y=y, text="nhan:N")
            )
    if has_targets:
        layers.append(
            alt.Chart(alt.Data(values=targets))
            .mark_point(shape="diamond", size=140, filled=False, strokeWidth=2, color="#000")
            .encode(x=x, y=y)
        )
        layers.append(
            alt.Chart(alt.Data(values=targets))
            .mark_text(dy=-12, dx=-6, align="right", fontSize=11, fontWeight="bold", color="#000")
            .encode(x=x, y=y, text="nhan:N")
        )
    chart = alt.layer(*layers).properties(width=WIDTH, height=210, description=description)
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
    y = alt.Y("tinh_trang:N", title=None, sort=order, axis=alt.Axis(labelLimit=220))
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
    """Renders specs to SVG with vl-convert, caching by content hash in ``cache_dir``.

    Three ways to get a chart's SVG, all giving the same text:

    * ``svg(chart)``: now, in this process (or from the cache);
    * ``prerender(charts)`` then ``svg``: the missing ones rendered together, by this process
      and by helper processes;
    * ``defer(chart)``: a token to put where the SVG goes, handed to the helpers at once;
      ``resolve(text)`` later puts the SVGs in place, or ``resolve_or_mark(text)`` now for
      those rendered already and ``fill(html)`` at the end for the rest. MkDocs's build uses
      this, so that the charts are rendered while MkDocs works on the pages (``plansite.build``).
    """

    def __init__(self, cache_dir: Path | None, workers: int | None = None):
        self.cache_dir = cache_dir
        self.rendered = 0
        self.cached = 0
        self.seconds = 0.0  # time spent in vl-convert, summed over the charts (whichever process rendered them)
        self.workers = 0  # helper processes used
        self.max_workers = default_workers() if workers is None else workers
        self._fresh: dict[str, str] = {}  # rendered ahead, not yet handed out
        self._helpers: _Helpers | None = None
        self._deferred: dict[str, Chart] = {}

    def _cached(self, key: str) -> str | None:
        path = self.cache_dir / f"{key}.svg" if self.cache_dir else None
        if path is not None and path.exists():
            self.cached += 1
            return path.read_text(encoding="utf-8")
        return None

    def svg(self, chart: Chart) -> str:
        fresh = self._fresh.pop(chart.key, None) if self.cache_dir else self._fresh.get(chart.key)
        if fresh is not None:
            return fresh
        cached = self._cached(chart.key)
        if cached is not None:
            return cached
        return self._keep(chart.key, self._render_here(chart), remember=False)

    def _keep(self, key: str, raw: str, remember: bool = True) -> str:
        """A freshly rendered chart: made responsive, counted, cached, and (``remember``) kept for this build."""
        svg = _responsive(raw)
        self._store(key, svg)
        if remember:
            self._fresh[key] = svg
        self.rendered += 1
        return svg

    def _store(self, key: str, svg: str) -> None:
        if self.cache_dir is None:
            return
        path = self.cache_dir / f"{key}.svg"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(path)

    def _missing(self, charts: Iterable[Chart | None]) -> list[Chart]:
        out: dict[str, Chart] = {}
        for chart in charts:
            if chart is None or chart.key in out or chart.key in self._fresh or chart.key in self._deferred:
                continue
            if self.cache_dir is not None and (self.cache_dir / f"{chart.key}.svg").exists():
                continue
            out[chart.key] = chart
        return list(out.values())

    def start_helpers(self, n: int | None = None) -> None:
        """Start helper processes now (they warm vl-convert up while this process does other work)."""
        if self._helpers is None:
            self.use_helpers(start_helpers(self.max_workers if n is None else n))

    def use_helpers(self, helpers: _Helpers | None) -> None:
        """Render with these helper processes (see ``start_helpers``) until ``close``."""
        if helpers is not None and helpers.procs:
            self._helpers = helpers
            self.workers = len(helpers.procs)

    def prerender(self, charts: Iterable[Chart | None]) -> None:
        """Render every chart that is not in the cache yet; ``svg`` then hands them out.

        This process renders from the front of the list while helper processes take charts
        from the end (with few charts missing, this process renders them alone).
        """
        todo = self._missing(charts)
        if not todo:
            return
        helpers = self._helpers
        own = False
        if helpers is None and min(self.max_workers, len(todo) // PARALLEL_MIN) > 0:
            self.start_helpers(min(self.max_workers, len(todo) // PARALLEL_MIN))
            helpers, own = self._helpers, True
        for chart in todo:
            if helpers is not None:
                helpers.submit(chart.key, chart.spec)
        for chart in todo:
            raw = helpers.get(chart.key) if helpers is not None else None
            if raw is None:
                raw = self._render_here(chart)
            self._keep(chart.key, raw)
        if own:
            self.close()

    def _render_here(self, chart: Chart) -> str:
        import vl_convert as vlc

        started = time.perf_counter()
        raw = vlc.vegalite_to_svg(chart.spec)
        self.seconds += time.perf_counter() - started
        return raw

    def defer(self, chart: Chart) -> str | None:
        """A token standing for the chart's SVG until ``resolve``; None when the SVG is at hand."""
        if self._helpers is None:
            return None
        key = chart.key
        if key not in self._deferred:
            if key in self._fresh or (self.cache_dir is not None and (self.cache_dir / f"{key}.svg").exists()):
                return None
            self._deferred[key] = chart
            self._helpers.submit(key, chart.spec)
        return f"{_TOKEN}{key}\x00"

    def defer_all(self, charts: Iterable[Chart | None]) -> None:
        """Hand every missing chart to the helpers now, in this order."""
        if self._helpers is None:
            return
        for chart in self._missing(charts):
            self.defer(chart)

    def resolve(self, text: str) -> str:
        """``text`` with each token's line as it would have been with the SVG in place.

        Pages and fragments keep only the non-blank lines of their HTML, joined by newlines;
        the line holding a token gets the same treatment once the SVG is in it.
        """
        if _TOKEN not in text:
            return text
        lines = text.split("\n")
        for n, line in enumerate(lines):
            if _TOKEN not in line:
                continue
            for key in _TOKEN_RE.findall(line):
                line = line.replace(f"{_TOKEN}{key}\x00", self._deferred_svg(key))
            lines[n] = "\n".join(x for x in line.splitlines() if x.strip())
        return "\n".join(lines)

    def resolve_or_mark(self, text: str) -> tuple[str, bool]:
        """``resolve(text)`` if every chart of ``text`` is rendered already; otherwise ``text``
        with each token turned into an HTML comment (``fill`` puts the SVGs there later) and True.

        MkDocs's build marks the pages whose charts are not ready and fills them in once every
        page is written, so that it never waits for the chart helpers in between.
        """
        if _TOKEN not in text:
            return text, False
        keys = _TOKEN_RE.findall(text)
        if all(self._ready(k) for k in keys):
            return self.resolve(text), False
        return _TOKEN_RE.sub(lambda m: _MARK.format(m.group(1)), text), True

    def _ready(self, key: str) -> bool:
        if key in self._fresh:
            return True
        if self._helpers is None:
            return False
        raw = self._helpers.take(key)
        if raw is None:
            return False
        self._keep(key, raw)
        return True

    def fill(self, html: str) -> str:
        """``html`` with the SVG of each chart marked by ``resolve_or_mark`` in place (its blank lines dropped)."""
        return _MARK_RE.sub(lambda m: "\n".join(x for x in self._deferred_svg(m.group(1)).splitlines() if x.strip()), html)

    def _deferred_svg(self, key: str) -> str:
        svg = self._fresh.get(key)
        if svg is not None:
            return svg
        chart = self._deferred[key]
        raw = self._helpers.get(key) if self._helpers is not None else None
        if raw is None:
            raw = self._render_here(chart)
        return self._keep(key, raw)  # kept: the same chart may stand on several pages of this build

    def close(self) -> None:
        """Stop the helper processes; add up the time they spent rendering."""
        if self._helpers is not None:
            self.seconds += self._helpers.close()
            self._helpers = None


def start_helpers(n: int | None = None) -> _Helpers | None:
    """Helper processes for rendering charts (``default_workers()`` of them), or None for none."""
    n = default_workers() if n is None else n
    return _Helpers(n) if n > 0 else None


_TOKEN = "\x00plansite-svg:"
_TOKEN_RE = re.compile("\x00plansite-svg:([0-9a-f]+)\x00")
_MARK = "<!--plansite-svg:{}-->"
_MARK_RE = re.compile("<!--plansite-svg:([0-9a-f]+)-->")

# A helper process: warms vl-convert up, then reads one spec (JSON) per line and answers one
# line [ok, svg or error, seconds spent].
_WORKER = """
import json, sys, time
import vl_convert as vlc
vlc.vegalite_to_svg({"mark": "point", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}})
out = sys.stdout.buffer
for line in sys.stdin.buffer:
    started = time.perf_counter()
    try:
        answer = [True, vlc.vegalite_to_svg(json.loads(line))]
    except Exception as exc:
        answer = [False, repr(exc)]
    answer.append(time.perf_counter() - started)
    out.write(json.dumps(answer).encode() + b"\\n")
    out.flush()
"""
_AHEAD = 3  # specs queued in each helper, so that it does not wait between charts
_STEAL_MIN = 24  # this process renders a chart it needs itself only when more than this many wait


class _Helpers:
    """Helper processes rendering specs. They take the most recently submitted spec first,
    while this process renders in submission order what it needs next (``get``): the two
    meet only at the end. Fresh interpreters (``subprocess``, like multiprocessing's ``spawn``:
    nothing of this process is inherited or re-imported; a forked process deadlocks after
    vl-convert has been used). A helper that fails leaves its specs to this process."""

    def __init__(self, n: int):
        self.cv = threading.Condition()
        self.todo: deque[str] = deque()  # submitted, not yet sent to a helper
        self.specs: dict[str, dict[str, Any]] = {}
        self.done: dict[str, str] = {}  # raw SVG from a helper
        self.sent: dict[str, subprocess.Popen[bytes]] = {}  # key -> the helper rendering it
        self.inflight: dict[subprocess.Popen[bytes], deque[str]] = {}  # in the order sent
        self.dead: set[subprocess.Popen[bytes]] = set()
        self.closing = False
        self.seconds = 0.0
        self.procs: list[subprocess.Popen[bytes]] = []
        self.threads: list[threading.Thread] = []
        for _ in range(n):
            try:
                proc = subprocess.Popen(
                    [sys.executable, "-c", _WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
                )
            except OSError:
                break
            self.procs.append(proc)
            self.inflight[proc] = deque()
            for target in (self._feed, self._read):
                t = threading.Thread(target=target, args=(proc,), daemon=True)
                t.start()
                self.threads.append(t)

    def submit(self, key: str, spec: dict[str, Any]) -> None:
        with self.cv:
            if key in self.specs:
                return
            self.specs[key] = spec
            self.todo.append(key)
            self.cv.notify_all()

    def _feed(self, proc: subprocess.Popen[bytes]) -> None:
        while True:
            with self.cv:
                while not self.closing and proc not in self.dead and (not self.todo or len(self.inflight[proc]) >= _AHEAD):
                    self.cv.wait()
                if self.closing or proc in self.dead:
                    return
                key = self.todo.pop()  # the most recent: this process needs the oldest first
                self.sent[key] = proc
                self.inflight[proc].append(key)
                spec = self.specs[key]
            try:
                assert proc.stdin is not None
                proc.stdin.write(json.dumps(spec).encode() + b"\n")
                proc.stdin.flush()
            except (OSError, ValueError):
                self._lost(proc)
                return

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        while True:
            line = proc.stdout.readline()
            with self.cv:
                if not line or not self.inflight[proc]:
                    self._lost(proc, locked=True)
                    return
                key = self.inflight[proc].popleft()
                self.sent.pop(key, None)
                try:
                    ok, svg, seconds = json.loads(line)
                except ValueError:
                    self._lost(proc, locked=True)
                    return
                self.seconds += seconds
                if ok:
                    self.done[key] = svg
                self.cv.notify_all()  # a failed spec is rendered by ``get``, so that its error is raised there

    def _lost(self, proc: subprocess.Popen[bytes], locked: bool = False) -> None:
        if not locked:
            with self.cv:
                self._lost(proc, locked=True)
            return
        for k in self.inflight[proc]:
            self.sent.pop(k, None)  # ``get`` renders them in this process
        self.inflight[proc].clear()
        self.dead.add(proc)
        self.cv.notify_all()

    def take(self, key: str) -> str | None:
        """The helpers' SVG for ``key`` if it is done; None at once otherwise."""
        with self.cv:
            return self.done.pop(key, None)

    def get(self, key: str) -> str | None:
        """The helpers' SVG for ``key``, waiting if one is rendering it; None: render it yourself."""
        since = time.monotonic()
        with self.cv:
            while True:
                if key in self.done:
                    return self.done.pop(key)
                if key in self.sent:
                    self.cv.wait(1.0)
                    continue
                if key not in self.todo:
                    return None
                alive = any(p not in self.dead for p in self.procs)
                if not alive or len(self.todo) > _STEAL_MIN or time.monotonic() - since > 60:
                    self.todo.remove(key)  # plenty left for the helpers: render this one here
                    return None
                # Few left: the helpers, warm already, take this one next (this process may still
                # be starting vl-convert up).
                if self.todo[-1] != key:
                    self.todo.remove(key)
                    self.todo.append(key)
                    self.cv.notify_all()
                self.cv.wait(1.0)

    def close(self) -> float:
        with self.cv:
            self.closing = True
            self.cv.notify_all()
        for proc in self.procs:
            if proc.stdin is not None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
        for proc in self.procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for t in self.threads:
            t.join(timeout=5)
        for proc in self.procs:
            if proc.stdout is not None:
                proc.stdout.close()
        return self.seconds


def _responsive(svg: str) -> str:
    """Let the SVG shrink to the screen; hide it from screen readers (the figure has a text alternative)."""
    m_ = _SVG_SIZE.match(svg)
    if not m_:
        return svg
    w, h = m_.group(2), m_.group(3)
    head = f'<svg {m_.group(1)}width="{w}" height="{h}" style="max-width:100%;height:auto" aria-hidden="true" focusable="false"'
    return head + svg[m_.end() :]
