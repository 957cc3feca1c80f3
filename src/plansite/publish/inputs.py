"""What the open data is made from: a small typed input, not the whole build context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plansite.cache import Cache

if TYPE_CHECKING:
    from plansite.check.progress import Observation
    from plansite.model import Place, PlanData
    from plansite.status.method import IndicatorStatus
    from plansite.status.owed import Owed
    from plansite.status.reporting import YearRecord


@dataclass(frozen=True)
class OpenDataInput:
    plan: PlanData
    observations: Sequence[Observation]
    statuses: Mapping[str, IndicatorStatus]  # indicator id → its assessments
    reporting: Mapping[str, Sequence[YearRecord]]  # agency id → its record, year by year
    places: Mapping[str, Place]  # place id → place
    data_folder: Path  # copied into the zip (nguon/…)
    today: dt.date  # the year of the citation
    cache: Cache = field(default_factory=lambda: Cache(None))  # the .xlsx skeleton
    owed: Mapping[tuple[str, int], Owed] = field(default_factory=dict)  # (indicator, target) → who owes its figure
