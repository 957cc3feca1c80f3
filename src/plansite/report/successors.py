"""Who the bodies of a plan are on the date of a report: the plan names them as they were when it was issued.

A body ceases under the plan's name for it when a successor takes over its duties (agencies.yaml
«successors», from its date) or when the plan's own place ceases (places.yaml «valid_to»): the bodies
of a place go with it, and the place it «becomes» continues it. A report names each body as the data
says it is on the report's date, the day its reports are due: «… (nay là …)» when the data names who
continues it; when the data says who continues it is not known («successor_unknown»), the report says
so instead of naming a body that no longer exists as if it still did. Nothing here is of one plan:
every name and date comes from the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plansite import model as m
from plansite.vi import fmt

NO_SUCCESSOR = "chưa rõ cơ quan kế tiếp"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class PlaceEnd:
    """The plan's own place has ceased by the report's date."""

    place: m.Place
    since: dt.date  # the first day without it (the day after its «valid_to»)
    becomes: tuple[m.Place, ...]  # the places it went into («becomes»)
    event: m.AdminEvent | None  # the reorganisation of that day (places.yaml «events»), when the data has it

    @property
    def into(self) -> str:
        """«tỉnh B»: the places it went into, as the data names them, inside a sentence ("" when it does not say)."""
        return ", ".join(_lower_first(p.full_name) for p in self.becomes)


def place_end(places: m.Places, pid: str, on: dt.date) -> PlaceEnd | None:
    """How the place ``pid`` ceased, when its last day (``valid_to``) is before ``on``; None while it exists."""
    by_id = {p.id: p for p in places.places}
    place = by_id.get(pid)
    if place is None or place.valid_to is None or place.valid_to >= on:
        return None
    since = place.valid_to + dt.timedelta(days=1)
    events = sorted(places.events, key=lambda e: not e.reorganisation)  # a reorganisation of that day first
    event = next((e for e in events if e.date == since), None)
    return PlaceEnd(place, since, tuple(by_id[p] for p in place.becomes if p in by_id), event)


def continued(issuer: str, end: PlaceEnd | None) -> str:
    """The body that continues ``issuer`` (a body of the plan's place) on the report's date.

    ``issuer`` itself while the place exists. Once it has ceased: the same body of the one place it
    became («Ủy ban nhân dân tỉnh A» → «Ủy ban nhân dân tỉnh B», the place names as places.yaml writes
    them); "" when the data does not say (no place or several, or an issuer that does not name its place).
    """
    if end is None:
        return issuer
    if len(end.becomes) != 1:
        return ""
    old, new = end.place.full_name, end.becomes[0].full_name
    for before, after in ((old, new), (_lower_first(old), _lower_first(new))):
        if before in issuer:
            return issuer.replace(before, after)
    return ""


@dataclass(frozen=True)
class Standing:
    """One body of the plan on a date."""

    agency: m.Agency
    took: tuple[m.Successor, ...]  # who took over its duties by the date, in order
    now: str  # who holds its duties on the date: its own name while it exists; "" when the data does not know
    since: dt.date | None  # when it (or the last successor) ceased, or when the one that holds its duties took over
    gone: bool  # it no longer exists under the plan's name for it

    def short(self) -> str:
        """The body in a list: «Sở A», «Sở A (nay là Sở B)», «Sở A (không còn từ 01/07/2025, chưa rõ cơ quan kế tiếp)»."""
        name = self.agency.name
        if not self.gone:
            return name
        if self.now:
            return f"{name} (nay là {self.now})"
        after = f"sau là {self.took[-1].name}; " if self.took else ""
        when = f"không còn từ {fmt.date(self.since)}, " if self.since else ""
        return f"{name} ({after}{when}{NO_SUCCESSOR})"

    @property
    def holder(self) -> str:
        """Who does today what the plan asked of the body: the body itself, its successor, or, not known, who took over from the last one."""
        last = self.took[-1].name if self.took else self.agency.name
        return self.now or f"cơ quan nhận nhiệm vụ của {last}"

    def detail(self) -> str:
        """The body's history up to the date in sentences: each successor, then what is not known (the data's words)."""
        parts: list[str] = []
        for i, s in enumerate(self.took):
            verb = "Nay là" if self.now and i == len(self.took) - 1 else "Sau là"
            parts.append(f"{verb} {s.name}" + (f" (từ {fmt.date(s.date)})" if s.date else "") + ".")
        if not self.now:
            parts.append(f"Không còn từ {fmt.date(self.since)}." if self.since else "Không còn.")
            parts.append(self.agency.successor_unknown or "Dữ liệu chưa ghi cơ quan kế tiếp.")
        elif self.agency.successor_unknown:
            parts.append(self.agency.successor_unknown)
        return " ".join(parts)


def standing(agency: m.Agency, on: dt.date, today: dt.date, end: PlaceEnd | None) -> Standing:
    """The body on the date ``on``, ``end`` being how the plan's place had ceased by then (None: it had not).

    A successor takes over from its date; one without a date has taken over by the build's date, and
    by any date on which the body had ceased. A successor that took over before the place ceased is a
    body of that place, so it ceased with it (who continues it is then not known, unless a later
    successor says so).
    """
    certain = on >= today or end is not None or any(s.date is not None and s.date <= on for s in agency.successors)
    took = tuple(s for s in agency.successors if (s.date <= on if s.date is not None else certain))
    if not took and end is None:
        return Standing(agency, (), agency.name, None, False)
    last = took[-1] if took else None
    if last is not None and (end is None or (last.date is not None and last.date >= end.since)):
        return Standing(agency, took, last.name, last.date, True)
    return Standing(agency, took, "", end.since if end is not None else None, True)
