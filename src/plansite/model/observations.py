"""Figures of progress files, once checked: one Observation per row, and the files they came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class Observation(NamedTuple):
    """One figure of one progress row (a tuple: a million of them are made quickly and stay small)."""

    indicator: str
    year: int
    value: float
    place: str
    series: str
    method: str
    source: str
    url: str
    agency: str
    reported: dt.date | None
    preliminary: bool
    estimate: bool
    note: str
    file: str
    line: int


@dataclass
class Progress:
    observations: list[Observation] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # indicator id -> file

    def for_indicator(self, iid: str) -> list[Observation]:
        return [o for o in self.observations if o.indicator == iid]
