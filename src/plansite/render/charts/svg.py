"""Charts rendered to static SVG with vl-convert, in parallel, and kept in the build's cache.

A page holds a token where each chart's SVG goes (``token``). The build hands every chart it
will need to the renderer before MkDocs reads the first page (``start``): charts missing from
the cache go to a ``concurrent.futures`` process pool, in the order the pages need them, so
they are rendered while MkDocs works on the pages. When MkDocs reads a page, ``fill`` puts
each SVG in place: every page holds its charts when MkDocs writes it. A chart a worker has
taken is waited for, and while waiting this process draws the next chart no worker has taken
yet (``_draw_ahead``), so both cores draw.

Workers are fresh interpreters (``spawn``: a forked process deadlocks after vl-convert has been
used) and import only ``plansite.render.vega``, so one is ready in about half a second. With
few charts missing, starting a pool costs more than it saves, and they are rendered in this
process. When the cache holds no chart drawn by this code (a first build, or the first after
the code or a library changed), every chart will be missing: the build starts its workers
before it loads the data (``warm``), and templates hand charts over as they ask for them.

Cache entries are named by the chart's spec, this package's code and the versions of altair
and vl-convert (``plansite.cache.entry_key``), so an upgrade never serves an old picture.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import multiprocessing
import os
import re
import time
from collections.abc import Iterable

from plansite.cache import Cache, entry_key
from plansite.render.charts.data import Chart
from plansite.render.vega import render_spec, warm_up

NAMESPACE = "svg"
PARALLEL_MIN = 24  # a worker starts vl-convert in about a second: worth it only for this many charts
ENV_WORKERS = "PLANSITE_CHART_WORKERS"  # number of worker processes; 0 renders in this process only

_TOKEN = "\x00plansite-svg:"
_TOKEN_RE = re.compile("\x00plansite-svg:([0-9a-f]+)\x00")
_SVG_SIZE = re.compile(r'^<svg ([^>]*?)width="([\d.]+)" height="([\d.]+)"')
_DRAWN = "\x00drawn"  # input of the entry that says: a build with this code drew its charts into this cache


def default_workers() -> int:
    """Worker processes besides this one: one per other core, unless ``PLANSITE_CHART_WORKERS`` says otherwise."""
    env = os.environ.get(ENV_WORKERS, "").strip()
    if env.isdigit():
        return int(env)
    return max(0, (os.cpu_count() or 1) - 1)


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
        self.queue: collections.deque[str] = collections.deque()  # keys handed to workers, in the pages' order
        self.drawn_here = 0  # charts handed to workers but drawn in this process (``_draw_ahead``)
        self.pool: cf.ProcessPoolExecutor | None = None
        self.rendered = 0
        self.cached = 0
        self.seconds = 0.0  # time vl-convert spent, summed over the charts (whichever process rendered them)
        self.waited = 0.0  # time this process spent waiting for workers
        self.workers = 0

    # ----------------------------------------------------------------------------- asking

    def token(self, chart: Chart) -> str:
        """What a page holds where the chart's SVG goes; ``fill`` replaces it. With workers started (``warm``), a chart
        missing from the cache goes to them now, while the other pages are rendered."""
        if chart.key not in self.charts:
            self.charts[chart.key] = chart
            if self.pool is not None and self._missing(chart.key):
                self._hand_over(chart)
        if chart.slug:
            self.placed[chart.slug] = chart
        return f"{_TOKEN}{chart.key}\x00"

    def _missing(self, key: str) -> bool:
        """False when the chart is drawn, on its way, or in the cache (then kept in ``done``)."""
        if key in self.done or key in self.futures:
            return False
        cached = self.cache.get(NAMESPACE, self._entry(key), ".svg") if self.cache is not None else None
        if cached is None:
            return True
        self.done[key] = cached.decode("utf-8")
        self.cached += 1
        return False

    def start(self, charts: Iterable[Chart | None] = ()) -> None:
        """Hand every chart asked for (and ``charts``) over: from the cache now, the others to workers."""
        for chart in charts:
            if chart is not None:
                self.charts.setdefault(chart.key, chart)
        missing = [chart for chart in self.charts.values() if self._missing(chart.key)]
        if self.pool is None:
            n = min(self.max_workers, len(missing) // PARALLEL_MIN)
            if n <= 0:
                return  # rendered here, when a page first needs them
            self._open_pool(n)
        elif not missing and not self.futures:
            self._close_pool()  # started by ``warm``, but the cache had every chart after all
            return
        assert self.pool is not None
        for chart in missing:
            self._hand_over(chart)

    def _hand_over(self, chart: Chart) -> None:
        assert self.pool is not None
        self.futures[chart.key] = self.pool.submit(render_spec, chart.spec)
        self.queue.append(chart.key)

    def cold(self) -> bool:
        """True when no build with this code and these libraries has drawn charts into the cache."""
        return self.cache is None or not self.cache.has(NAMESPACE, self._entry(_DRAWN), ".mark")

    def warm(self) -> None:
        """Start the workers now if the cache is ``cold``: they start vl-convert while the data is loaded."""
        if self.pool is None and self.max_workers > 0 and self.cold():
            self._open_pool(self.max_workers)
            assert self.pool is not None
            self.pool.submit(int)  # a first task starts one worker (and its ``warm_up``); more start with the charts

    def _open_pool(self, n: int) -> None:
        self.pool = cf.ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"), initializer=warm_up)
        self.workers = n

    def _close_pool(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

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
        if key not in self.futures and not self._missing(key):
            return self.done[key]  # found in the cache
        future = self.futures.pop(key, None)
        if future is not None and future.cancel():
            future = None  # no worker has taken it yet (they are busy with earlier charts): draw it here, not wait
            self.drawn_here += 1
        elif future is None and self.pool is not None:
            future = self.pool.submit(render_spec, self.charts[key].spec)  # asked for late: a worker is warm, not this
        raw: str | None = None
        if future is not None:
            started, drawing = time.perf_counter(), self.seconds
            while not future.done() and self._draw_ahead():
                pass  # a worker is on it: rather than wait, draw a later chart no worker has taken
            drew = self.seconds - drawing
            try:
                raw, seconds = future.result()
                self.seconds += seconds
            except (cf.process.BrokenProcessPool, OSError):
                raw = None  # a worker died: render here instead
            self.waited += time.perf_counter() - started - drew
        return self._draw_here(key) if raw is None else self._keep(key, raw)

    def _draw_ahead(self) -> bool:
        """Draw here the next chart, in the pages' order, that no worker has taken yet; False if there is none."""
        while self.queue:
            key = self.queue.popleft()
            future = self.futures.get(key)
            if future is not None and future.cancel():
                del self.futures[key]
                self.drawn_here += 1
                self._draw_here(key)
                return True
        return False

    def _draw_here(self, key: str) -> str:
        raw, seconds = render_spec(self.charts[key].spec)
        self.seconds += seconds
        return self._keep(key, raw)

    def _keep(self, key: str, raw: str) -> str:
        svg = self.done[key] = responsive(raw)
        self.rendered += 1
        if self.cache is not None:
            self.cache.put(NAMESPACE, self._entry(key), svg.encode("utf-8"), ".svg")
        return svg

    def _entry(self, key: str) -> str:
        return entry_key(NAMESPACE, key)

    def close(self, wait: bool = True) -> None:
        """Stop the workers (``wait``: until they have exited) and note in the cache that its charts are drawn."""
        if self.pool is not None:
            for future in self.futures.values():
                future.cancel()
            self.pool.shutdown(wait=wait, cancel_futures=True)
            self.pool = None
        if self.done and self.cache is not None and self.cold():
            self.cache.put(NAMESPACE, self._entry(_DRAWN), b"", ".mark")  # the cache has charts: the next build need not ``warm``
