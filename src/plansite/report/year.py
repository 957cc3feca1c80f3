"""One year of the judged plan, as a report sees it: the figures of that year, the statuses they give, the deadline.

A report for a year judges each target on the figures *up to that year* (the figures of later
years are not known to a report on that year), by the same method as the rest of the site
(``status.method.assess_all``). ``YearContext`` is what every section function takes.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from plansite import model as m
from plansite.check.progress import Observation
from plansite.report.content import Notes
from plansite.report.successors import PlaceEnd, Standing, continued, place_end, standing
from plansite.status.judged import Judged
from plansite.status.method import IndicatorStatus, assess_all, comparable_points
from plansite.status.reporting import YearRecord


def report_years(plan: m.PlanData, today: dt.date) -> list[int]:
    """The years with a report: from the plan's first year to the current one, within the plan's period.

    The first year is the one the plan was issued in (or its period's start, if later): the same
    years as the agencies' reporting record (``status.reporting``). The current year's report is
    in progress until its deadline: it says so, and how many days remain.
    """
    p = plan.plan
    first = max(p.date.year, p.period.start)
    last = min(today.year, p.period.end)
    return list(range(first, last + 1))


@dataclass(frozen=True)
class YearFigure:
    """The figure of one indicator for the year (main series, the plan's place, latest method up to the year)."""

    obs: Observation
    previous: Observation | None  # the year before, measured the same way; None when there is none


@dataclass
class YearContext:
    judged: Judged
    year: int
    notes: Notes = field(default_factory=Notes)

    @property
    def plan(self) -> m.PlanData:
        return self.judged.plan

    @property
    def today(self) -> dt.date:
        return self.judged.today

    @property
    def place(self) -> str:
        return self.judged.plan.plan.place

    @property
    def deadline(self) -> dt.date:
        return self.plan.plan.reporting.deadline(self.year)

    @functools.cached_property
    def ended(self) -> PlaceEnd | None:
        """How the plan's own place had ceased by the report's date (its deadline); None while it existed."""
        return place_end(self.plan.places, self.place, self.deadline)

    def standing(self, agency: str, on: dt.date | None = None) -> Standing:
        """A body of the plan on the report's date (or on ``on``): itself, its successor, or not known (``report.successors``)."""
        when = self.deadline if on is None else on
        end = self.ended if on is None else place_end(self.plan.places, self.place, when)
        return standing(self.plan.agency(agency), when, self.today, end)

    @property
    def recipient(self) -> str:
        """Who the report goes to: the plan's issuer, or the body that continues it once the plan's place has ceased;
        "" when the data does not say who that is."""
        return continued(self.plan.plan.issuer, self.ended)

    @functools.cached_property
    def own(self) -> dict[str, list[Observation]]:
        """Figures of the plan's own place up to the year, by indicator (the only ones a status is judged on)."""
        mine: dict[str, list[Observation]] = {}
        for o in self.judged.by_place.get(self.place, []):  # in the order of the figures, as by_indicator
            if o.year <= self.year:
                mine.setdefault(o.indicator, []).append(o)
        return {iid: mine.get(iid, []) for iid in self.judged.by_indicator}

    @functools.cached_property
    def statuses(self) -> dict[str, IndicatorStatus]:
        """Every target judged on the figures known for the year, on the report's date (the same method as the rest
        of the site: a target of an earlier year whose figure was overdue by then is «chua-co-ket-qua»)."""
        return assess_all(self.plan, [o for rows in self.own.values() for o in rows], self.deadline)

    @functools.cached_property
    def records(self) -> dict[str, YearRecord]:
        """Each reporting body's record for the year (``status.reporting``)."""
        out: dict[str, YearRecord] = {}
        for agency, records in self.judged.reporting.items():
            for r in records:
                if r.year == self.year:
                    out[agency] = r
        return out

    def figure(self, ind: m.Indicator) -> YearFigure | None:
        obs = self.own.get(ind.id, [])
        points, method, _ = comparable_points(obs, ind.primary_series, self.place, self.year)
        years = {p.year for p in points}
        if self.year not in years:
            return None

        def find(year: int) -> Observation | None:
            if year not in years:
                return None
            return next(o for o in obs if o.series == ind.primary_series and o.method == method and o.year == year)

        this = find(self.year)
        assert this is not None
        return YearFigure(this, find(self.year - 1))


def quantified(ind: m.Indicator) -> bool:
    """Whether the plan sets the indicator a target measured by figures (some target is not qualitative)."""
    return any(t.kind != "dinh-tinh" for t in ind.targets)


def measured(ind: m.Indicator) -> bool:
    """Whether the indicator has figures: a quantified target, or a reference series (no target of its own)."""
    return ind.reference_only or quantified(ind)
