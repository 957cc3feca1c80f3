"""The build as MkDocs runs it: one Site per build, staging folder, atomic swap.

Kept free of MkDocs imports (the config is used like a mapping) so it can be tested alone.

Four environment variables serve the benchmark (``python -m plansite.bench``) and change
nothing in the pages:

* ``PLANSITE_CHART_CACHE``: folder of the rendered-chart cache (default ``.cache/charts``
  beside mkdocs.yml), so a benchmark can start from an empty cache;
* ``PLANSITE_CODE_CACHE``: folder of what is compiled from code alone (page templates, chart
  shapes, the workbook skeleton; default ``.cache/templates``), so a benchmark can start cold;
* ``PLANSITE_BUILD_STATS``: a file to write the time of each step of the build to (JSON);
* ``PLANSITE_DUMP_PAGES``: a folder to write the Markdown of every page to, as MkDocs reads
  it after the macros (front matter included), so the same pages can be built by a bare
  mkdocs-material site for comparison.

Generated pages are one raw-HTML block (``<div … markdown="0">``) that Markdown hands back
unchanged, after parsing all of it twice (most of the build time of a large plan). They skip
Markdown (``_Pages``); the first page of each kind still goes through Markdown and its HTML
is compared, so a template that Markdown would change falls back to Markdown by itself.
``PLANSITE_RAW_PAGES=0`` turns this off.

Charts missing from the cache are rendered by helper processes started with the build, while
MkDocs works on the pages: a page holds a token where its SVG goes. When MkDocs reads the page
(``_Pages``) the token becomes the SVG if it is rendered already, or else an HTML comment that
``finish_build`` replaces with the SVG once every page is written, so MkDocs never waits for a
chart. (Search does not index chart SVGs either way: their text is in each chart's caption and
table.) With ``PLANSITE_DUMP_PAGES`` every SVG is put in place at once, as the bare build needs.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import yaml

from plansite.publish import opendata
from plansite.render import charts
from plansite.render import search as searchfold
from plansite.render.site import Site, SiteConfig, build_site

ENV_CACHE = "PLANSITE_CHART_CACHE"
ENV_STATS = "PLANSITE_BUILD_STATS"
ENV_DUMP = "PLANSITE_DUMP_PAGES"
ENV_CODE_CACHE = "PLANSITE_CODE_CACHE"  # compiled templates, chart shapes, workbook skeleton
ENV_RAW = "PLANSITE_RAW_PAGES"  # "0": send the generated pages through Markdown like any page

_current: Site | None = None
_staging: dict[str, Path] = {}
_stats: dict[str, Any] = {}


def current() -> Site:
    if _current is None:
        raise RuntimeError("Chưa nạp dữ liệu: on_config của hook chưa chạy.")
    return _current


def start_build(config: MutableMapping[str, Any], command: str = "build") -> Site:
    """Load everything once; for «build», point MkDocs at a fresh staging folder."""
    global _current
    started = time.perf_counter()
    root = Path(config["config_file_path"]).parent if config.get("config_file_path") else Path.cwd()
    cache = Path(os.environ.get(ENV_CACHE) or root / ".cache" / "charts")
    folder = os.environ.get("PLAN_DATA_DIR") or str(root / "data")
    if _current is not None:
        _current.renderer.close()
    plugins = config.get("plugins")
    pluggable = plugins is not None and hasattr(plugins, "events")
    # Chart helpers start first: they warm vl-convert up while the data is read and checked.
    helpers = charts.start_helpers() if pluggable else None
    try:
        _current = build_site(
            folder,
            SiteConfig(
                repo_url=config.get("repo_url") or "",
                edit_uri=config.get("edit_uri") or "edit/main/",
                cache_dir=cache,
                template_cache=Path(os.environ.get(ENV_CODE_CACHE) or root / ".cache" / "templates"),
            ),
        )
    except BaseException:
        if helpers is not None:
            helpers.close()
        raise
    _stats.clear()
    _stats.update(started=started, load_check_assess=time.perf_counter() - started)
    if pluggable:
        dump = os.environ.get(ENV_DUMP)
        _add_page_plugin(config, _current, Path(dump) if dump else None, raw=os.environ.get(ENV_RAW, "1") != "0")
        if helpers is not None:
            _current.renderer.use_helpers(helpers)
            _current.defer_charts = True
    _staging.clear()
    if command in ("build", "gh-deploy"):
        final = Path(config["site_dir"]).resolve()
        final.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-staging-", dir=final.parent))
        _staging["final"] = final
        _staging["staging"] = staging
        config["site_dir"] = str(staging)
    return _current


def finish_build(config: MutableMapping[str, Any], publish: bool = True) -> None:
    """Write the data files; swap the staging folder into place unless the build is about to fail."""
    site_dir = Path(config["site_dir"])
    plugin = _stats.get("page_plugin")
    if isinstance(plugin, _Pages):
        plugin.fill_charts()
    current().renderer.close()
    t0 = time.perf_counter()
    opendata.write(current(), site_dir)
    t1 = time.perf_counter()
    searchfold.fold_index(site_dir / "search" / "search_index.json")
    t2 = time.perf_counter()
    _stats.update(opendata=t1 - t0, searchfold=t2 - t1)
    _write_stats(t2)
    if _staging and not publish:
        abort_build()
        return
    if _staging:
        swap(_staging["staging"], _staging["final"])
        config["site_dir"] = str(_staging["final"])
        _staging.clear()


def abort_build() -> None:
    if _current is not None:
        _current.renderer.close()
    staging = _staging.get("staging")
    if staging is not None and staging.exists():
        shutil.rmtree(staging, ignore_errors=True)
    _staging.clear()


def swap(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging`` with two renames; the old site is removed only afterwards."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}-old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_stats(now: float) -> None:
    """With ``PLANSITE_BUILD_STATS`` set, write the timings of this build (seconds) as JSON."""
    target = os.environ.get(ENV_STATS)
    if not target or _current is None:
        return
    r = _current.renderer
    plugin = _stats.get("page_plugin")
    out = {k: v for k, v in _stats.items() if k not in ("started", "page_plugin")}
    if isinstance(plugin, _Pages):
        out["pages_without_markdown"] = plugin.skipped
        out["chart_wait"] = plugin.waited
    out.update(_current.timings)
    out.update(
        charts_rendered=r.rendered,
        charts_cached=r.cached,
        chart_render_seconds=r.seconds,
        chart_workers=r.workers,
        until_post_build=now - _stats.get("started", now),
        pages=len(_current.page_sources),
    )
    Path(target).write_text(json.dumps(out, indent=1), encoding="utf-8")


# ---------------------------------------------------------------------------------------------- raw pages

_RAW_OPEN = '<div class="ps-page" markdown="0">'
_MARKDOWN_CHANGES = ("\t", "\r", "\x02", "\x03")  # Markdown expands tabs, normalises line ends, drops STX/ETX


def _page_kind(src_uri: str) -> str:
    """Pages made by one template: «chi-tieu/index», «chi-tieu/*», «toan-van.md» …"""
    folder, _, name = src_uri.rpartition("/")
    if not folder:
        return name
    return f"{folder}/index" if name == "index.md" else f"{folder}/*"


class _Anchors(set):  # type: ignore[type-arg]
    """The anchor ids of a raw-HTML page, found as MkDocs finds them, when a link first asks."""

    def __init__(self, html: str, found: set[str]):
        super().__init__(found)
        self._html: str | None = html

    def __contains__(self, anchor: object) -> bool:
        if self._html is not None:
            from markdown.htmlparser import htmlparser

            ids: set[str] = set()

            class Handler(htmlparser.HTMLParser):  # type: ignore[misc,name-defined]
                def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                    for k, v in attrs:
                        if v is not None and (k == "id" or (k == "name" and tag == "a")):
                            ids.add(v)

            handler = Handler()
            handler.feed(self._html)
            handler.close()
            self.update(ids)
            self._html = None
        return super().__contains__(anchor)


class _Pages:
    """A plugin added at run time, last to see each page's Markdown (after the macros):

    * puts the charts' SVGs in place of their tokens (``Site.defer_charts``), waiting for the
      chart helpers if need be; the helpers render while MkDocs works on the earlier pages;
    * with ``PLANSITE_DUMP_PAGES``, writes the page's Markdown to that folder (benchmark);
    * sends generated pages straight to HTML, skipping Markdown (see the module docstring),
      and empties their File's copy of the text once MkDocs has read it.
    """

    def __init__(self, site: Site, dump: Path | None, raw: bool):
        self.site = site
        self.dump = dump
        self.raw = raw
        self.sources: set[str] | None = None
        self.trusted: dict[str, bool] = {}  # page kind -> Markdown returned its first page unchanged
        self.checking: dict[str, str] = {}  # src_uri -> the HTML expected from Markdown
        self.pending: dict[str, str] = {}  # src_uri -> its HTML, from page_markdown to page_content
        self.skipped = 0
        self.waited = 0.0  # seconds spent putting the charts of ``later`` pages in place
        self.later: list[Any] = []  # pages written with chart marks, filled in by ``fill_charts``

    def fill_charts(self) -> None:
        """Put the SVG of every chart in the pages written before it was rendered."""
        started = time.perf_counter()
        for page in self.later:
            path = Path(page.file.abs_dest_path)
            html = path.read_text(encoding="utf-8")
            path.write_text(self.site.renderer.fill(html), encoding="utf-8")
        self.later.clear()
        self.waited += time.perf_counter() - started

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        if self.dump is None:
            markdown, later = self.site.renderer.resolve_or_mark(markdown)
            if later:
                self.later.append(page)
        else:  # the bare build needs every SVG in its page
            started = time.perf_counter()
            markdown = self.site.renderer.resolve(markdown)
            self.waited += time.perf_counter() - started
            dest = self.dump / page.file.src_uri
            dest.parent.mkdir(parents=True, exist_ok=True)
            meta = dict(page.meta or {})
            front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" if meta else ""
            dest.write_text(front + markdown, encoding="utf-8")
        if not self.raw:
            return markdown
        if self.sources is None:
            self.sources = set(self.site.page_sources)
        src = page.file.src_uri
        if src not in self.sources:
            return markdown
        # MkDocs has read the generated page; its copy in the File is not read again. Letting it
        # go keeps one copy of each page in memory instead of two (a large plan has gigabytes).
        page.file.content_string = ""
        body = markdown.strip()
        if not (body.startswith(_RAW_OPEN) and body.endswith("</div>")) or "markdown=" in body[len(_RAW_OPEN) :]:
            return markdown
        if any(c in body for c in _MARKDOWN_CHANGES):
            return markdown
        kind = _page_kind(src)
        if self.trusted.get(kind):
            self.pending[src] = body
            self.skipped += 1
            return ""
        if kind not in self.trusted:
            self.checking[src] = body
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        src = page.file.src_uri
        body = self.pending.pop(src, None)
        if body is not None:
            page.present_anchor_ids = _Anchors(body, set(page.present_anchor_ids or ()))
            return body
        expected = self.checking.pop(src, None)
        if expected is not None:
            self.trusted[_page_kind(src)] = html == expected
        return html


def _add_page_plugin(config: MutableMapping[str, Any], site: Site, dump: Path | None, raw: bool) -> None:
    plugins = config["plugins"]
    if dump is not None:
        dump.mkdir(parents=True, exist_ok=True)
    plugin = _Pages(site, dump, raw)
    plugins["plansite-pages"] = plugin
    # First to see the content (the others must see the real HTML); last to see the Markdown.
    handlers = plugins.events["page_content"]
    handlers.remove(plugin.on_page_content)
    handlers.insert(0, plugin.on_page_content)
    _stats["page_plugin"] = plugin
