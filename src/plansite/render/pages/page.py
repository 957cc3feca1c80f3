"""A generated page before its template is rendered."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    src: str  # the page's source path, as MkDocs names it: «chi-tieu/<indicator id>.md»
    title: str
    template: str  # in render/templates/
    context: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    search_kind: str = "trang"  # how search lists it (render.search.KINDS): chi-tieu, linh-vuc, co-quan …
    search_line: str = ""  # the line search shows under its title
