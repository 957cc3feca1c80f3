"""The list of task groups and one page per group: the plan's words, progress, agencies, indicators."""

from __future__ import annotations

from collections.abc import Iterator

from plansite.render.pages.page import Page, Wanted, everything
from plansite.render.view import SiteView


def pages(view: SiteView, wanted: Wanted = everything) -> Iterator[Page]:
    yield Page("nhiem-vu/index.md", "Các nhóm nhiệm vụ", "tasks_index.html")
    for task in view.plan.tasks:
        yield Page(
            f"nhiem-vu/{task.id}.md",
            f"Nhiệm vụ {task.number}: {task.label}",
            "task.html",
            {"task": task},
            search_kind="nhiem-vu",
            search_line=f"{len(task.agencies)} cơ quan thực hiện",
        )
