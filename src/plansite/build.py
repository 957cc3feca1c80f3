"""The build as MkDocs runs it: one Site per build, staging folder, atomic swap.

Kept free of MkDocs imports (the config is used like a mapping) so it can be tested alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from . import opendata, searchfold
from .site import Site, SiteConfig, build_site

_current: Site | None = None
_staging: dict[str, Path] = {}


def current() -> Site:
    if _current is None:
        raise RuntimeError("Chưa nạp dữ liệu: on_config của hook chưa chạy.")
    return _current


def start_build(config: MutableMapping[str, Any], command: str = "build") -> Site:
    """Load everything once; for «build», point MkDocs at a fresh staging folder."""
    global _current
    root = Path(config["config_file_path"]).parent if config.get("config_file_path") else Path.cwd()
    cache = root / ".cache" / "charts"
    folder = os.environ.get("PLAN_DATA_DIR") or str(root / "data")
    _current = build_site(
        folder,
        SiteConfig(repo_url=config.get("repo_url") or "", edit_uri=config.get("edit_uri") or "edit/main/", cache_dir=cache),
    )
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
    opendata.write(current(), site_dir)
    searchfold.fold_index(site_dir / "search" / "search_index.json")
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
