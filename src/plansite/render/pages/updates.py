"""What changed in the data lately, from the data folder's history."""

from __future__ import annotations

from collections.abc import Iterator

from plansite.render.pages.page import Page, Wanted, everything
from plansite.render.view import SiteView


def pages(view: SiteView, wanted: Wanted = everything) -> Iterator[Page]:
    yield Page("cap-nhat.md", "Cập nhật mới", "updates.html", {"changes": view.recent_changes(100)})
