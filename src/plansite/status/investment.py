"""Programmes, projects and their figures, looked up the ways pages need them, and which figures are shown apart.

No figure is added to another, converted from a unit that is not exact, or derived: pages show
figures as published. A figure is **shown apart** (never beside, nor counted with, the plan's own
figures) when it is about a place outside the plan's place, or when it was published, or stands at
a date, after the plan's place ceased to exist (``valid_to`` of the place): a successor unit reported it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plansite import model as m


@dataclass
class Investment:
    plan: m.PlanData
    places: dict[str, m.Place]
    _children: dict[str, list[m.Programme]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for p in self.plan.programmes:
            if p.parent is not None:
                self._children.setdefault(p.parent, []).append(p)

    # ------------------------------------------------------------------ the plan's place
    @property
    def own_place(self) -> m.Place | None:
        return self.places.get(self.plan.plan.place)

    def within(self, pid: str, root: str) -> bool:
        """Whether place ``pid`` is ``root`` or lies under it (by ``parent``)."""
        seen: set[str] = set()
        while pid and pid not in seen:
            if pid == root:
                return True
            seen.add(pid)
            parent = self.places[pid].parent if pid in self.places else None
            pid = parent or ""
        return False

    @property
    def ended(self) -> dt.date | None:
        """The last day of the plan's place, if it ceased to exist."""
        own = self.own_place
        return own.valid_to if own else None

    def apart(self, f: m.Figure) -> str:
        """Why the figure is shown apart («» when it is not): «ngoai» (another place) or «sau» (after the place ended)."""
        own = self.plan.plan.place
        if not any(self.within(p, own) for p in f.places):
            return "ngoai"
        end = self.ended
        dates = [d for d in (f.as_of, f.source_date) if d is not None]
        if end is not None and any(d.first > end for d in dates):
            return "sau"
        return ""

    def events_after_end(self) -> list[m.AdminEvent]:
        end = self.ended
        return [e for e in self.plan.places.events if end is not None and e.date > end]

    # ------------------------------------------------------------------ programmes
    def children(self, pid: str) -> list[m.Programme]:
        return self._children.get(pid, [])

    def family(self, pid: str) -> list[str]:
        """The programme and every component below it."""
        out, todo = [], [pid]
        while todo:
            p = todo.pop(0)
            if p not in out:
                out.append(p)
                todo += [c.id for c in self.children(p)]
        return out

    @property
    def top(self) -> list[m.Programme]:
        known = {p.id for p in self.plan.programmes}
        return [p for p in self.plan.programmes if p.parent is None or p.parent not in known]

    def figures_of(self, pid: str, components: bool = False) -> list[m.Figure]:
        """Figures of a programme (and of its components and their projects, with ``components``)."""
        ids = set(self.family(pid)) if components else {pid}
        projects = {p.id for p in self.plan.projects if ids & set(p.programmes)}
        return [f for f in self.plan.figures if ids & set(f.programmes) or (f.project in projects and not f.programmes)]

    def own_figures(self, pid: str) -> list[m.Figure]:
        """Figures of this programme alone (not shared with another programme, not of a project), not shown apart."""
        return [f for f in self.plan.figures if f.programmes == (pid,) and not f.project and not self.apart(f)]

    def projects_of(self, pid: str) -> list[m.Project]:
        ids = set(self.family(pid))
        return [p for p in self.plan.projects if ids & set(p.programmes)]

    # ------------------------------------------------------------------ projects
    def project_figures(self, pid: str) -> list[m.Figure]:
        return [f for f in self.plan.figures if f.project == pid]

    def updates_about(self, programme: str | None = None, project: str | None = None) -> list[m.TaskUpdate]:
        found = [
            u
            for u in self.plan.task_updates
            if (programme is not None and programme in u.programmes) or (project is not None and project in u.projects)
        ]
        return sorted(found, key=lambda u: u.order)

    def non_delivery(self, project: str) -> list[m.TaskUpdate]:
        return [u for u in self.updates_about(project=project) if u.kind == "chua-thuc-hien"]

    # ------------------------------------------------------------------ links from other pages
    def for_task(self, tid: str) -> tuple[list[tuple[m.Programme, m.TaskLink | None]], list[tuple[m.Project, m.TaskLink | None]]]:
        """Programmes and projects that carry out a task group: linked in their files, or named by its updates."""
        named_p = {p for u in self.plan.task_updates if u.task == tid for p in u.programmes}
        named_j = {p for u in self.plan.task_updates if u.task == tid for p in u.projects}
        progs = [(p, _link(p.tasks, tid)) for p in self.plan.programmes if _link(p.tasks, tid) or p.id in named_p]
        projs = [(p, _link(p.tasks, tid)) for p in self.plan.projects if _link(p.tasks, tid) or p.id in named_j]
        return progs, projs

    def for_agency(self, aid: str) -> list[m.Project]:
        return [p for p in self.plan.projects if p.agency == aid]

    def for_place(self, pid: str) -> list[tuple[m.Project, list[str]]]:
        """Projects located in the place or in a place under it, with the places of the project that are there."""
        out = []
        for p in self.plan.projects:
            here = [q for q in p.places if self.within(q, pid)]
            if here:
                out.append((p, here))
        return out


def _link(links: list[m.TaskLink], tid: str) -> m.TaskLink | None:
    return next((link for link in links if link.task == tid), None)
