"""The list of agencies and one page per agency: its duties, indicators, tasks and reporting record."""

from __future__ import annotations

from collections.abc import Iterator

from plansite.render.pages.page import Page, Wanted, everything
from plansite.render.view import SiteView


def pages(view: SiteView, wanted: Wanted = everything) -> Iterator[Page]:
    yield Page("co-quan/index.md", "Các cơ quan thực hiện", "agencies_index.html")
    for ag in view.plan.agencies:
        yield Page(
            f"co-quan/{ag.id}.md",
            ag.name,
            "agency.html",
            {"ag": ag, "rel": view.related("agency", ag.id), "record": view.judged.reporting.get(ag.id, [])},
            search_kind="co-quan",
            search_line=f"{len(ag.duties)} nhiệm vụ được giao",
        )
