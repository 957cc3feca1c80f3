"""A generated page before its template is rendered, and which pages a build renders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Which pages a build renders: asked with the page's kind (its ``search_kind``: «chi-tieu», «dia-ban» …)
# and the id of what it is about, before its context is made. A full build renders every page;
# a rebuild of ``mkdocs serve --dirty`` only those that depend on what changed (``plansite.rebuild``).
Wanted = Callable[[str, str], bool]


def everything(kind: str, ident: str) -> bool:
    return True


@dataclass(frozen=True)
class Page:
    src: str  # the page's source path, as MkDocs names it: «chi-tieu/<indicator id>.md»
    title: str
    template: str  # in render/templates/
    context: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    search_kind: str = "trang"  # how search lists it (render.search.KINDS): chi-tieu, linh-vuc, co-quan …
    search_line: str = ""  # the line search shows under its title
