"""The list of areas and one page per area: its indicators, their statuses, related tasks."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from plansite.render import charts as ch
from plansite.render.pages.page import Page, Wanted, everything
from plansite.render.view import SiteView


def pages(view: SiteView, wanted: Wanted = everything) -> Iterator[Page]:
    yield Page("linh-vuc/index.md", "Các lĩnh vực", "areas_index.html")
    for area in view.plan.areas:
        rel = view.related("area", area.id)
        counts = view.status_counts([i.id for i in rel["indicators"]])
        src = f"linh-vuc/{area.id}.md"
        title = f"Tình trạng các mục tiêu: {area.name}"
        chart = (
            ch.status_chart(view.shapes, counts, title).placed(f"linh-vuc/{area.id}/tinh-trang", title, src) if counts else None
        )
        yield Page(
            src,
            area.name,
            "area.html",
            {"area": area, "rel": rel, "chart": view.chart_html(chart) if chart is not None else Markup("")},
            search_kind="linh-vuc",
            search_line=f"{len(rel['indicators'])} chỉ tiêu",
        )
