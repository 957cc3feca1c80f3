"""Table shapes for pages: the by-place pivot of an indicator, a place's latest figures, sources.

Pure functions of observations, testable without MkDocs. A province with 8 districts or a
ministry with 100 places × 10 years: the indicator page shows its own place's rows in full
detail and every other place's figure in a place × year grid (one cell per figure, so no
figure is dropped), with sources as numbered notes; a place page shows the latest figure
of each indicator there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from plansite.check.progress import Observation


@dataclass(frozen=True, slots=True)
class Note:
    """What a figure says besides its value: where it comes from and any remark."""

    number: int
    source: str
    url: str
    agency: str
    reported: dt.date | None
    note: str


@dataclass(frozen=True, slots=True)
class Cell:
    value: float
    preliminary: bool
    estimate: bool
    note: int  # Note.number, 0 when every cell of the table shares one note


@dataclass(slots=True)
class PivotRow:
    place: str
    series: str
    method: str
    cells: dict[int, Cell] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PivotGroup:
    """The rows of one series measured one way (a method change starts a new group)."""

    series: str
    method: str
    rows: list[PivotRow]


@dataclass(frozen=True, slots=True)
class Pivot:
    years: list[int]
    groups: list[PivotGroup]
    notes: list[Note]
    shared: bool  # True: one note for every cell, shown once under the table

    @property
    def rows(self) -> list[PivotRow]:
        return [r for g in self.groups for r in g.rows]

    @property
    def figures(self) -> int:
        return sum(len(r.cells) for r in self.rows)

    @property
    def places(self) -> int:
        return len({r.place for r in self.rows})


def split_own(obs: Iterable[Observation], own_place: str) -> tuple[list[Observation], list[Observation]]:
    """(figures of the plan's own place, figures of every other place)."""
    own: list[Observation] = []
    other: list[Observation] = []
    for o in obs:
        (own if o.place == own_place else other).append(o)
    return own, other


def place_pivot(obs: Sequence[Observation], place_order: dict[str, int], series_order: dict[str, int]) -> Pivot | None:
    """Place × year grid: one row per (place, series, method), one cell per figure.

    The checker allows one figure per (indicator, year, place, series, method), so no two
    figures share a cell. Rows are grouped by series (in the indicator's order) and method,
    and follow the order of places.yaml within a group.
    """
    if not obs:
        return None
    note_ids: dict[tuple[str, str, str, dt.date | None, str], int] = {}
    rows: dict[tuple[str, str, str, int], PivotRow] = {}
    years: set[int] = set()
    for o in obs:
        nkey = (o.source, o.url, o.agency, o.reported, o.note)
        n = note_ids.setdefault(nkey, len(note_ids) + 1)
        rkey = (o.place, o.series, o.method, 0)
        row = rows.get(rkey)
        while row is not None and o.year in row.cells:  # never drop a figure, even one the checker should have refused
            rkey = (*rkey[:3], rkey[3] + 1)
            row = rows.get(rkey)
        if row is None:
            row = rows[rkey] = PivotRow(o.place, o.series, o.method)
        row.cells[o.year] = Cell(o.value, o.preliminary, o.estimate, n)
        years.add(o.year)
    shared = len(note_ids) == 1
    if shared:
        for row in rows.values():
            row.cells = {y: Cell(c.value, c.preliminary, c.estimate, 0) for y, c in row.cells.items()}
    big = len(place_order) + len(series_order) + 1
    ordered = sorted(
        rows.values(), key=lambda r: (series_order.get(r.series, big), r.series, r.method, place_order.get(r.place, big), r.place)
    )
    groups: list[PivotGroup] = []
    for r in ordered:
        if not groups or (groups[-1].series, groups[-1].method) != (r.series, r.method):
            groups.append(PivotGroup(r.series, r.method, []))
        groups[-1].rows.append(r)
    notes = [Note(n, *k) for k, n in note_ids.items()]
    return Pivot(sorted(years), groups, notes, shared)


def latest(obs: Iterable[Observation]) -> list[Observation]:
    """For each (indicator, series): the figures of its latest year (all methods of that year)."""
    best: dict[tuple[str, str], list[Observation]] = {}
    for o in obs:
        k = (o.indicator, o.series)
        cur = best.get(k)
        if cur is None or o.year > cur[0].year:
            best[k] = [o]
        elif o.year == cur[0].year:
            cur.append(o)
    return [o for group in best.values() for o in sorted(group, key=lambda o: o.method)]


def distinct_sources(obs: Iterable[Observation]) -> list[Observation]:
    """The first figure of each distinct (source, link), in order of appearance."""
    seen: dict[tuple[str, str], Observation] = {}
    for o in obs:
        seen.setdefault((o.source, o.url), o)
    return list(seen.values())
