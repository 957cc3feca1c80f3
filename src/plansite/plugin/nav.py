"""Navigation entries of sections that exist only when the data has something to show.

mkdocs.yml's ``nav`` is static and names only the sections every plan has. A section that
depends on the data (investment) is added here, with its pages kept out of the navigation's
«not in nav» warnings, only when the plan has data for it: a plan without any says nothing of it.
"""

from __future__ import annotations

from typing import Any

import pathspec
from mkdocs.config.defaults import MkDocsConfig

from plansite.render.pages import investment


def add_sections(config: MkDocsConfig, has_investment: bool) -> None:
    if has_investment:
        _add(config, investment.TITLE, investment.INDEX, after="dia-ban/index.md", folder="dau-tu")


def _add(config: MkDocsConfig, title: str, page: str, after: str, folder: str) -> None:
    nav: list[Any] = list(config.nav or [])
    if any(page in _targets(item) for item in nav):
        return
    at = next((i + 1 for i, item in enumerate(nav) if after in _targets(item)), len(nav))
    nav.insert(at, {title: page})
    config.nav = nav
    extra = pathspec.gitignore.GitIgnoreSpec.from_lines([f"/{folder}/*"])
    config.not_in_nav = config.not_in_nav + extra if config.not_in_nav else extra


def _targets(item: Any) -> list[str]:
    """The pages a nav item points at (a page, a titled page, or a section of them)."""
    if isinstance(item, str):
        return [item]
    if isinstance(item, dict):
        return [t for v in item.values() for t in (_targets(v) if isinstance(v, (list, dict)) else [v])]
    if isinstance(item, list):
        return [t for x in item for t in _targets(x)]
    return []
