"""Who owes the figure of a target that cannot be judged yet, by when, and what is known nearby.

A target without a figure of the plan's own series is not «no progress»: it is a figure that a
body owes. For each such target this says which body leads the indicator (and who took over its
duties after a reorganisation), the deadline of the latest year that is due, whether that body's
report for the year was received, and the latest figure of a related series, if there is one,
with why it differs from the plan's words. Nothing is estimated: only figures that were read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from plansite import model as m
from plansite.model.observations import Observation
from plansite.status.points import IndicatorStatus
from plansite.status.reporting import ReportState, YearRecord

# Statuses of a target that has no judgement from the plan's own series.
WAITING = ("cho-so-lieu", "chua-du-so-lieu", "chua-co-ket-qua")
NO_AGENCY = ""  # key of targets whose indicator has no leading body in the plan


@dataclass(frozen=True)
class RelatedFigure:
    """The latest figure of a related series: close to, not the same as, the plan's words."""

    series: str  # the series' name
    year: int
    value: float
    unit: str
    place: str
    relation: str  # why it differs from the plan's definition
    source: str
    url: str


@dataclass(frozen=True)
class Owed:
    indicator: str
    index: int  # the target's position in the indicator
    agency: str  # id of the leading body ("" when the plan names none)
    basis: str  # «ke-hoach» when the plan names it, «suy-luan» when inferred
    year: int  # the year whose figure is owed: the latest one already due (else the plan's first)
    deadline: dt.date
    overdue: bool
    next_deadline: dt.date | None  # the next deadline still ahead, for a year the target counts (None when past it)
    report: ReportState | None  # that year's report of the body for this indicator, when it reports
    related: RelatedFigure | None

    @property
    def key(self) -> tuple[str, int]:
        return (self.indicator, self.index)


def lead(ind: m.Indicator) -> m.AgencyLink | None:
    """The body that leads the indicator: the first «chu-tri» link, stated before inferred."""
    leads = [link for link in ind.agencies if link.role == "chu-tri"]
    leads.sort(key=lambda link: link.basis != "ke-hoach")
    return leads[0] if leads else None


def due_year(plan: m.PlanData, today: dt.date, until: int) -> int:
    """The latest year, no later than ``until``, whose reporting deadline has passed (else the plan's first year)."""
    rule = plan.plan.reporting
    year = min(until, today.year)
    while year > plan.plan.date.year and rule.deadline(year) >= today:
        year -= 1
    return year


def related_figure(ind: m.Indicator, observations: Sequence[Observation], place: str) -> RelatedFigure | None:
    """The latest figure of a related series of the plan's place (else of any place), if one was read."""
    related = {s.id: s for s in ind.series if s.related}
    rows = [o for o in observations if o.series in related]
    own = [o for o in rows if o.place == place]
    chosen = own or rows
    if not chosen:
        return None
    o = max(chosen, key=lambda o: (o.year, o.reported or dt.date.min))
    s = related[o.series]
    return RelatedFigure(s.name, o.year, o.value, s.unit or ind.unit, o.place, s.relation_note, o.source, o.url)


def owed_figures(
    plan: m.PlanData,
    statuses: dict[str, IndicatorStatus],
    by_indicator: dict[str, list[Observation]],
    reporting: dict[str, list[YearRecord]],
    today: dt.date,
) -> dict[tuple[str, int], Owed]:
    """One ``Owed`` for every target waiting for a figure, keyed by (indicator, target position)."""
    out: dict[tuple[str, int], Owed] = {}
    for ind in plan.indicators:
        st = statuses.get(ind.id)
        if st is None:
            continue
        link = lead(ind)
        obs = by_indicator.get(ind.id, [])
        related = related_figure(ind, obs, plan.plan.place)
        for a in st.assessments:
            if a.status not in WAITING:
                continue
            year = due_year(plan, today, a.year)
            deadline = plan.plan.reporting.deadline(year)
            ahead = [plan.plan.reporting.deadline(y) for y in (year, year + 1) if y <= a.year]
            upcoming = next((d for d in ahead if d >= today), None)
            report = None
            if link is not None:
                record = next((r for r in reporting.get(link.agency, []) if r.year == year), None)
                item = next((i for i in record.items if i.indicator == ind.id), None) if record else None
                report = item.state if item else None
            out[(ind.id, a.index)] = Owed(
                ind.id,
                a.index,
                link.agency if link else NO_AGENCY,
                link.basis if link else "",
                year,
                deadline,
                deadline < today,
                upcoming,
                report,
                related,
            )
    return out


@dataclass(frozen=True)
class Debt:
    """One line of the accountability list: a body and the targets waiting for its figures."""

    agency: str  # "" for targets whose body the plan does not name
    targets: tuple[Owed, ...]

    @property
    def count(self) -> int:
        return len(self.targets)

    @property
    def indicators(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.indicator for o in self.targets))


def accountability(owed: Iterable[Owed], indicator_ids: Iterable[str] | None = None) -> list[Debt]:
    """Targets waiting for a figure, counted by the body that owes them: most first, then in the plan's order."""
    wanted = None if indicator_ids is None else set(indicator_ids)
    groups: dict[str, list[Owed]] = {}
    for o in owed:
        if wanted is None or o.indicator in wanted:
            groups.setdefault(o.agency, []).append(o)
    order = {agency: i for i, agency in enumerate(groups)}
    debts = [Debt(agency, tuple(items)) for agency, items in groups.items()]
    return sorted(debts, key=lambda d: (d.agency == NO_AGENCY, -d.count, order[d.agency]))
