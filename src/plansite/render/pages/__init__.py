"""Every generated page, by type: one module per page type, each a function ``pages(view) -> [Page]``.

To add a page type, write a module here with such a function and its template in
``render/templates/``, then add it to ``PAGE_TYPES``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plansite.render.html import page_markdown, relative
from plansite.render.pages import agencies, areas, fulltext, indicators, investment, places, reports, tasks, updates
from plansite.render.pages.page import Page, Wanted, everything
from plansite.render.view import SiteView

PageType = Callable[[SiteView, Wanted], Iterable[Page]]  # may skip a page ``wanted`` refuses, before making its context
PAGE_TYPES: tuple[PageType, ...] = (
    indicators.pages,
    areas.pages,
    tasks.pages,
    agencies.pages,
    places.pages,
    investment.pages,
    fulltext.pages,
    updates.pages,
    reports.pages,
)


@dataclass(frozen=True)
class Rendered:
    src: str
    markdown: str  # front matter and one HTML block
    search_kind: str
    search_line: str


def make_pages(view: SiteView, wanted: Wanted = everything) -> list[Rendered]:
    """Every generated page, rendered; with ``wanted``, those it asks for and every page that depends on all the data.

    Every page's context is made first, so that the charts of all pages are known and handed to
    the chart renderer together (those missing from the cache are rendered in parallel while
    MkDocs works); the templates are rendered after.
    """
    pages = [page for make in PAGE_TYPES for page in make(view, wanted)]
    view.charts.start()
    return [Rendered(page.src, render(view, page), page.search_kind, page.search_line) for page in pages]


def render(view: SiteView, page: Page) -> str:
    link: Callable[[str], str] = lambda to: relative(page.src, to, view.settings.directory_urls)  # noqa: E731
    body = view.env.get_template(page.template).render(link=link, src=page.src, title=page.title, site=view, **page.context)
    return page_markdown(page.title, body, page.description)


__all__ = ["PAGE_TYPES", "Page", "Wanted", "everything", "make_pages"]
