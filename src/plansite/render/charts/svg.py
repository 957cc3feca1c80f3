"""Charts rendered to static SVG with vl-convert, in parallel, and kept in the build's cache.

A page holds a token where each chart's SVG goes (``token``). The build hands every chart it
will need to the renderer before MkDocs reads the first page (``start``): charts missing from
the cache go to a ``concurrent.futures`` process pool, in the order the pages need them, so
they are rendered while MkDocs works on the pages. When MkDocs reads a page, ``fill`` puts
each SVG in place, waiting for its future if need be: every page holds its charts when
MkDocs writes it. Workers are fresh interpreters (``spawn``: a forked process deadlocks after
vl-convert has been used). With few charts missing, starting a pool costs more than it saves,
and they are rendered in this process.

Cache entries are named by the chart's spec, this package's code and the versions of altair
and vl-convert (``plansite.cache.entry_key``), so an upgrade never serves an old picture.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import re
import time
from collections.abc import Iterable
from typing import Any

from plansite.cache import Cache, entry_key
from plansite.render.charts.data import Chart

NAMESPACE = "svg"
PARALLEL_MIN = 24  # a worker starts vl-convert in about a second: worth it only for this many charts
ENV_WORKERS = "PLANSITE_CHART_WORKERS"  # number of worker processes; 0 renders in this process only

_TOKEN = "\x00plansite-svg:"
_TOKEN_RE = re.compile("\x00plansite-svg:([0-9a-f]+)\x00")
_SVG_SIZE = re.compile(r'^<svg ([^>]*?)width="([\d.]+)" height="([\d.]+)"')


def default_workers() -> int:
    """Worker processes besides this one: one per other core, unless ``PLANSITE_CHART_WORKERS`` says otherwise."""
    env = os.environ.get(ENV_WORKERS, "").strip()
    if env.isdigit():
        return int(env)
    return max(0, (os.cpu_count() or 1) - 1)


def render_spec(spec: dict[str, Any]) -> tuple[str, float]:
    """One chart to SVG (raw, as vl-convert writes it) and the seconds it took; runs in a worker or here."""
    import vl_convert as vlc

    started = time.perf_counter()
    svg = vlc.vegalite_to_svg(spec)
    return svg, time.perf_counter() - started


def _warm_up() -> None:
    """Worker initializer: vl-convert's first chart costs most of a second; pay it before real work arrives."""
    render_spec({"mark": "point", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}})


def responsive(svg: str) -> str:
    """Let the SVG shrink to the screen; hide it from screen readers (the figure has a text alternative)."""
    m_ = _SVG_SIZE.match(svg)
    if not m_:
        return svg
    w, h = m_.group(2), m_.group(3)
    head = f'<svg {m_.group(1)}width="{w}" height="{h}" style="max-width:100%;height:auto" aria-hidden="true" focusable="false"'
    return head + svg[m_.end() :]


class ChartRenderer:
    """SVGs of the charts of one build: from the cache, a process pool, or this process."""

    def __init__(self, cache: Cache | None = None, workers: int | None = None):
        self.cache = cache
        self.max_workers = default_workers() if workers is None else workers
        self.charts: dict[str, Chart] = {}  # chart key -> chart, in the order pages asked for them
        self.placed: dict[str, Chart] = {}  # slug -> chart shown on a page, to be downloaded and embedded
        self.done: dict[str, str] = {}  # chart key -> responsive SVG
        self.futures: dict[str, cf.Future[tuple[str, float]]] = {}
        self.pool: cf.ProcessPoolExecutor | None = None
        self.rendered = 0
        self.cached = 0
        self.seconds = 0.0  # time vl-convert spent, summed over the charts (whichever process rendered them)
        self.waited = 0.0  # time this process spent waiting for workers
        self.workers = 0

    # ----------------------------------------------------------------------------- asking

    def token(self, chart: Chart) -> str:
        """What a page holds where the chart's SVG goes; ``fill`` replaces it."""
        self.charts.setdefault(chart.key, chart)
        if chart.slug:
            self.placed[chart.slug] = chart
        return f"{_TOKEN}{chart.key}\x00"

    def start(self, charts: Iterable[Chart | None] = ()) -> None:
        """Hand every chart asked for (and ``charts``) over: from the cache now, the others to workers."""
        for chart in charts:
            if chart is not None:
                self.charts.setdefault(chart.key, chart)
        missing = []
        for key, chart in self.charts.items():
            if key in self.done or key in self.futures:
                continue
            cached = self.cache.get(NAMESPACE, self._entry(key), ".svg") if self.cache is not None else None
            if cached is not None:
                self.done[key] = cached.decode("utf-8")
                self.cached += 1
            else:
                missing.append(chart)
        n = min(self.max_workers, len(missing) // PARALLEL_MIN)
        if n <= 0:
            return  # rendered here, when a page first needs them
        if self.pool is None:
            self.pool = cf.ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"), initializer=_warm_up)
            self.workers = n
        for chart in missing:
            self.futures[chart.key] = self.pool.submit(render_spec, chart.spec)

    # ----------------------------------------------------------------------------- answering

    def svg(self, chart: Chart) -> str:
        self.charts.setdefault(chart.key, chart)
        return self._svg(chart.key)

    def placed_svgs(self) -> list[tuple[Chart, str]]:
        """Every chart shown on a page under a slug, with its SVG."""
        return [(chart, self._svg(chart.key)) for chart in self.placed.values()]

    def fill(self, text: str) -> str:
        """``text`` with every token replaced by its chart's SVG.

        Pages keep only the non-blank lines of their HTML, joined by newlines; the line of a
        token gets the same treatment once the SVG is in it.
        """
        if _TOKEN not in text:
            return text
        lines = text.split("\n")
        for n, line in enumerate(lines):
            if _TOKEN in line:
                line = _TOKEN_RE.sub(lambda m: self._svg(m.group(1)), line)
                lines[n] = "\n".join(x for x in line.splitlines() if x.strip())
        return "\n".join(lines)

    def _svg(self, key: str) -> str:
        svg = self.done.get(key)
        if svg is not None:
            return svg
        if self.cache is not None and key not in self.futures:
            cached = self.cache.get(NAMESPACE, self._entry(key), ".svg")
            if cached is not None:
                self.cached += 1
                svg = self.done[key] = cached.decode("utf-8")
                return svg
        future = self.futures.pop(key, None)
        raw: str | None = None
        if future is not None:
            started = time.perf_counter()
            try:
                raw, seconds = future.result()
                self.seconds += seconds
            except (cf.process.BrokenProcessPool, OSError):
                raw = None  # a worker died: render here instead
            self.waited += time.perf_counter() - started
        if raw is None:
            raw, seconds = render_spec(self.charts[key].spec)
            self.seconds += seconds
        svg = self.done[key] = responsive(raw)
        self.rendered += 1
        if self.cache is not None:
            self.cache.put(NAMESPACE, self._entry(key), svg.encode("utf-8"), ".svg")
        return svg

    def _entry(self, key: str) -> str:
        return entry_key(NAMESPACE, key)

    def close(self) -> None:
        if self.pool is not None:
            for future in self.futures.values():
                future.cancel()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
