"""The build as MkDocs runs it: one Site per build, staging folder, atomic swap.

Kept free of MkDocs imports (the config is used like a mapping) so it can be tested alone.

Three environment variables serve the benchmark (``python -m plansite.bench``) and change
nothing in the pages:

* ``PLANSITE_CHART_CACHE``: folder of the rendered-chart cache (default ``.cache/charts``
  beside mkdocs.yml), so a benchmark can start from an empty cache;
* ``PLANSITE_BUILD_STATS``: a file to write the time of each step of the build to (JSON);
* ``PLANSITE_DUMP_PAGES``: a folder to write the Markdown of every page to, as MkDocs reads
  it after the macros (front matter included), so the same pages can be built by a bare
  mkdocs-material site for comparison.
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

from . import opendata, searchfold
from .site import Site, SiteConfig, build_site

ENV_CACHE = "PLANSITE_CHART_CACHE"
ENV_STATS = "PLANSITE_BUILD_STATS"
ENV_DUMP = "PLANSITE_DUMP_PAGES"

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
    _current = build_site(
        folder,
        SiteConfig(repo_url=config.get("repo_url") or "", edit_uri=config.get("edit_uri") or "edit/main/", cache_dir=cache),
    )
    _stats.clear()
    _stats.update(started=started, load_check_assess=time.perf_counter() - started)
    if os.environ.get(ENV_DUMP):
        _add_page_dump(config, Path(os.environ[ENV_DUMP]))
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
    out = {k: v for k, v in _stats.items() if k != "started"}
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


class _PageDump:
    """A plugin added at run time: writes each page's Markdown after the macros (benchmark only)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        dest = self.folder / page.file.src_uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        meta = dict(page.meta or {})
        front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" if meta else ""
        dest.write_text(front + markdown, encoding="utf-8")
        return markdown


def _add_page_dump(config: MutableMapping[str, Any], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    plugins = config.get("plugins")
    if plugins is not None:
        plugins["plansite-dump-pages"] = _PageDump(folder)
