"""MkDocs hooks: thin glue between MkDocs and the plansite core.

* on_config: load, check and judge the data once per build (a data error stops
  the build with every problem listed); build into a staging folder.
* on_files: hand the generated pages to MkDocs.
* on_post_build: write the open-data files, fold the search index, and swap
  the staging folder into place, so a failed build leaves the old site untouched.
"""

from __future__ import annotations

# Imports at module top: MkDocs resets sys.path after loading hooks.
import logging

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from plansite.plugin import build as core
from plansite.problems import DataError
from plansite.render.site import theme_text

log = logging.getLogger("mkdocs.hooks.plansite")
_state: dict[str, object] = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):  # type: ignore[no-untyped-def]
    try:
        site = core.start_build(config, command=str(_state["command"]))
    except DataError as exc:
        raise PluginError(str(exc)) from None
    config["site_name"] = theme_text(site.plan.plan.short_title)
    config["extra"]["licence"] = site.plan.plan.publisher.license
    return config


def on_files(files: Files, config) -> Files:  # type: ignore[no-untyped-def]
    for src_uri, content in core.current().pages().items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=content))
    return files


def _warnings_so_far() -> int:
    """Warnings counted by MkDocs in strict mode; such a build is aborted right after on_post_build."""
    from mkdocs.utils import CountHandler

    return sum(n for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler) for _, n in h.get_counts())


def on_post_build(config) -> None:  # type: ignore[no-untyped-def]
    core.finish_build(config, publish=not (config.get("strict") and _warnings_so_far()))


def on_serve(server, config, builder):  # type: ignore[no-untyped-def]
    """`mkdocs serve` rebuilds when a data file changes, not only docs/."""
    server.watch(str(core.current().checked.folder.resolve()))
    return server


def on_build_error(error: Exception) -> None:
    core.abort_build()
