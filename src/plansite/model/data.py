"""The whole plan after loading and validation."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from plansite.model.indicators import Indicator
from plansite.model.places import Place, Places
from plansite.model.plan import Area, Plan
from plansite.model.tasks import Agency, Task
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
    anchors: dict[str, int] = {}  # anchor id -> line in the full text

    def indicator(self, iid: str) -> Indicator:
        return next(i for i in self.indicators if i.id == iid)

    def agency(self, aid: str) -> Agency:
        return next(a for a in self.agencies if a.id == aid)

    def place(self, pid: str) -> Place:
        return next(p for p in self.places.places if p.id == pid)

    def area(self, aid: str) -> Area:
        return next(a for a in self.areas if a.id == aid)
