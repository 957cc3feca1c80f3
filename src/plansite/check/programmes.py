"""programmes.yaml and projects.yaml: ids once, parents that exist (and no loop), and references to tasks, agencies, places."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from plansite import model as m
from plansite.check.urls import is_safe_url, shown_url
from plansite.load.files import Loaded
from plansite.problems import kinds
from plansite.problems.kinds import examples

if TYPE_CHECKING:
    from plansite.check.references import Context


def check_programmes(loaded: Loaded, c: Context) -> None:
    ids = [p.id for p in loaded.programmes]
    counts = Counter(ids)
    by_id = {p.id: p for p in loaded.programmes}
    for i, p in enumerate(loaded.programmes):

        def pl(*loc: Any, _i: int = i) -> int | None:
            return c.line("programmes", "programmes", _i, *loc)

        if counts[p.id] > 1:
            c.add("programmes", pl("id"), kinds.DUPLICATE_ID, what="chương trình", id=p.id, count=counts[p.id])
        if p.parent is not None and p.parent not in by_id:
            c.add("programmes", pl("parent"), kinds.UNKNOWN_PROGRAMME, **_ref("chương trình", p.parent, ids, "programmes.yaml"))
        elif p.parent is not None and _loops(p, by_id):
            reason = "chương trình không thể thuộc chính nó, kể cả qua chương trình khác"
            c.add(
                "programmes",
                pl("parent"),
                kinds.BAD_VALUE,
                field="parent",
                shown=f"«{p.parent}»",
                reason=reason,
                expected="mã chương trình cấp trên, hoặc xóa dòng «parent»",
            )
        _links(c, "programmes", i, p.tasks, p.sources)


def check_projects(loaded: Loaded, c: Context) -> None:
    counts = Counter(p.id for p in loaded.projects)
    programme_ids = [p.id for p in loaded.programmes]
    for i, p in enumerate(loaded.projects):

        def pl(*loc: Any, _i: int = i) -> int | None:
            return c.line("projects", "projects", _i, *loc)

        if counts[p.id] > 1:
            c.add("projects", pl("id"), kinds.DUPLICATE_ID, what="dự án", id=p.id, count=counts[p.id])
        for j, pid in enumerate(p.programmes):
            if pid not in programme_ids:
                c.add(
                    "projects",
                    pl("programmes", j),
                    kinds.UNKNOWN_PROGRAMME,
                    **_ref("chương trình", pid, programme_ids, "programmes.yaml"),
                )
        if p.agency is not None and p.agency not in c.agency_ids:
            c.add("projects", pl("agency"), kinds.UNKNOWN_AGENCY, value=p.agency, example=examples(c.agency_ids, near=p.agency))
        for j, place in enumerate(p.places):
            if place not in c.place_ids:
                c.add(
                    "projects",
                    pl("places", j),
                    kinds.UNKNOWN_PLACE,
                    value=place,
                    near="",
                    example=examples(c.place_ids, near=place),
                )
        _links(c, "projects", i, p.tasks, p.sources)


def _ref(what: str, value: str, pool: list[str], file: str) -> dict[str, str]:
    return {"what": what, "value": value, "file": file, "example": examples(pool, near=value)}


def _loops(p: m.Programme, by_id: dict[str, m.Programme]) -> bool:
    seen = {p.id}
    parent = p.parent
    while parent is not None and parent in by_id:
        if parent in seen:
            return True
        seen.add(parent)
        parent = by_id[parent].parent
    return False


def _links(c: Context, name: str, i: int, tasks: list[m.TaskLink], sources: list[m.SourceRef]) -> None:
    for j, link in enumerate(tasks):
        if link.task not in c.task_ids:
            line = c.line(name, name, i, "tasks", j, "task")
            c.add(
                name,
                line,
                kinds.UNKNOWN_TASK,
                what="nhóm nhiệm vụ",
                value=link.task,
                file="tasks.yaml",
                example=examples(c.task_ids, near=link.task),
            )
    for j, src in enumerate(sources):
        if src.url and not is_safe_url(src.url):
            c.add(name, c.line(name, name, i, "sources", j, "url"), kinds.UNSAFE_LINK, url=shown_url(src.url))
