"""The judged plan: the checked data with a status for every target and task group, and a reporting record per agency.

``judge`` is the status stage of the one way through (load → check → judge → render → publish):
it takes what the checker returned and computes everything the pages and downloads show
about progress, once per build. Nothing here knows about pages or MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import PrivateAttr

from plansite import model as m
from plansite.check.progress import Observation
from plansite.pipeline import Checked
from plansite.problems import DataError
from plansite.status.investment import Investment
from plansite.status.method import ORDER, IndicatorStatus, assess_all
from plansite.status.owed import Debt, Owed, accountability, owed_figures
from plansite.status.points import latest_figure
from plansite.status.reporting import YearRecord, reporting_record
from plansite.status.tasks import TaskStatus, task_statuses


class IndexedPlan(m.PlanData):
    """The same plan data, with lookups by id (``indicator``, ``agency``, ``place``, ``area``) in constant time.

    Templates look an item up on every row of a table; ``PlanData`` scans its list each time.
    Results are the same: the first item with that id, and ``StopIteration`` for an unknown id.
    """

    _index: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)

    @classmethod
    def of(cls, plan: m.PlanData) -> IndexedPlan:
        values = {name: getattr(plan, name) for name in type(plan).model_fields}
        return cls.model_construct(_fields_set=set(plan.model_fields_set), **values)

    def _find(self, kind: str, items: list[Any], ident: str) -> Any:
        index = self._index.get(kind)
        if index is None:
            index = {}
            for item in items:
                index.setdefault(item.id, item)
            self._index[kind] = index
        return index.get(ident)

    def indicator(self, iid: str) -> m.Indicator:
        found = self._find("indicators", self.indicators, iid)
        return found if found is not None else super().indicator(iid)

    def agency(self, aid: str) -> m.Agency:
        found = self._find("agencies", self.agencies, aid)
        return found if found is not None else super().agency(aid)

    def place(self, pid: str) -> m.Place:
        found = self._find("places", self.places.places, pid)
        return found if found is not None else super().place(pid)

    def area(self, aid: str) -> m.Area:
        found = self._find("areas", self.areas, aid)
        return found if found is not None else super().area(aid)


@dataclass
class Judged:
    """Everything known about the plan's progress on ``today``."""

    folder: Path
    plan: IndexedPlan
    observations: list[Observation]
    statuses: dict[str, IndicatorStatus]
    reporting: dict[str, list[YearRecord]]
    today: dt.date
    by_indicator: dict[str, list[Observation]] = field(default_factory=dict)
    by_place: dict[str, list[Observation]] = field(default_factory=dict)
    owed: dict[tuple[str, int], Owed] = field(default_factory=dict)  # targets waiting for a figure, and who owes it
    tasks: dict[str, TaskStatus] = field(default_factory=dict)  # task id -> its status by the public rule

    @functools.cached_property
    def places(self) -> dict[str, m.Place]:
        return {p.id: p for p in self.plan.places.places}

    @functools.cached_property
    def investment(self) -> Investment:
        """Programmes, projects and figures; ``plan.has_investment`` says whether there are any."""
        return Investment(self.plan, self.places)

    def observations_of(self, indicator: str) -> list[Observation]:
        return self.by_indicator.get(indicator, [])

    def status_counts(self, indicator_ids: list[str] | None = None) -> dict[str, int]:
        """Number of targets in each status (statuses with none left out), in the method's order."""
        counts: dict[str, int] = {}
        wanted = None if indicator_ids is None else set(indicator_ids)
        for iid, st in self.statuses.items():
            if wanted is None or iid in wanted:
                for a in st.assessments:
                    counts[a.status] = counts.get(a.status, 0) + 1
        return {s: counts[s] for s in ORDER if counts.get(s)}

    def latest(self, indicator: str) -> Observation | None:
        """The latest figure of the indicator's own series for the plan's place (``None``: it has none)."""
        return latest_figure(self.observations_of(indicator), self.plan.indicator(indicator).primary_series, self.plan.plan.place)

    def waiting(self, debts: list[Debt]) -> tuple[int, int, int]:
        """(targets with no figure of the plan's definition, targets with figures too few to judge, targets whose
        year is over without its figure) among ``debts``: pages say each, so a count never calls a target with a
        figure «without a figure»."""
        statuses = [self.status_of(o.indicator, o.index) for d in debts for o in d.targets]
        few, over = statuses.count("chua-du-so-lieu"), statuses.count("chua-co-ket-qua")
        return len(statuses) - few - over, few, over

    def status_of(self, indicator: str, index: int) -> str:
        st = self.statuses.get(indicator)
        return next((a.status for a in st.assessments if a.index == index), "") if st is not None else ""

    def debts(self, indicator_ids: list[str] | None = None, agency: str | None = None) -> list[Debt]:
        """The accountability list: targets waiting for a figure, by the body that owes them."""
        found = accountability(self.owed.values(), indicator_ids)
        return [d for d in found if agency is None or d.agency == agency]


def judge(checked: Checked, today: dt.date) -> Judged:
    """A status for every target and the reporting record; ``DataError`` (every problem) when the data is not valid."""
    if not checked.ok or checked.plan is None:
        raise DataError(checked.problems)
    plan = IndexedPlan.of(checked.plan)
    obs = checked.progress.observations
    by_indicator: dict[str, list[Observation]] = {}
    by_place: dict[str, list[Observation]] = {}
    for o in obs:
        by_indicator.setdefault(o.indicator, []).append(o)
        by_place.setdefault(o.place, []).append(o)
    statuses = assess_all(plan, obs, today)
    reporting = reporting_record(plan, obs, today)
    return Judged(
        folder=checked.folder,
        plan=plan,
        observations=obs,
        statuses=statuses,
        reporting=reporting,
        today=today,
        by_indicator=by_indicator,
        by_place=by_place,
        owed=owed_figures(plan, statuses, by_indicator, reporting, today),
        tasks=task_statuses(plan),
    )
