"""The whole plan after loading and validation."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from plansite.model.indicators import Indicator
from plansite.model.investment import Figure, Programme, Project
from plansite.model.places import Place, Places
from plansite.model.plan import Area, Plan
from plansite.model.tasks import Agency, Task
from plansite.model.updates import TaskUpdate
from plansite.model.words import Abbreviation
from plansite.model.work import WorkUpdate


class PlanData(BaseModel):
    """Everything the data folder says, after loading and validation."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    plan: Plan
    areas: list[Area]
    indicators: list[Indicator]
    tasks: list[Task]
    agencies: list[Agency]
    places: Places
    work_updates: list[WorkUpdate] = []
    abbreviations: list[Abbreviation] = []
    task_updates: list[TaskUpdate] = []  # task-updates.csv, checked
    programmes: list[Programme] = []
    projects: list[Project] = []
    figures: list[Figure] = []  # investment.csv, checked
    anchors: dict[str, int] = {}  # anchor id -> line in the full text

    def indicator(self, iid: str) -> Indicator:
        return next(i for i in self.indicators if i.id == iid)

    def agency(self, aid: str) -> Agency:
        return next(a for a in self.agencies if a.id == aid)

    def place(self, pid: str) -> Place:
        return next(p for p in self.places.places if p.id == pid)

    def area(self, aid: str) -> Area:
        return next(a for a in self.areas if a.id == aid)

    def programme(self, pid: str) -> Programme:
        return next(p for p in self.programmes if p.id == pid)

    def project(self, pid: str) -> Project:
        return next(p for p in self.projects if p.id == pid)

    @property
    def has_investment(self) -> bool:
        """Whether the data says anything about programmes, projects or money (else the site says nothing of it)."""
        return bool(self.programmes or self.projects or self.figures)
