"""The figures a target is judged on: its indicator's main series, the plan's place, the latest method."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from plansite.check.progress import Observation


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    preliminary: bool = False
    estimate: bool = False


@dataclass(frozen=True)
class Assessment:
    indicator: str
    index: int  # position of the target in the indicator
    year: int
    kind: str
    status: str
    sentence: str
    base: Point | None = None
    latest: Point | None = None
    target_value: float | None = None  # the level to reach (computed for baseline/ratio kinds)
    ratio: float | None = None
    points: tuple[Point, ...] = ()
    method: str = ""
    path: tuple[tuple[int, float], ...] = field(default=())  # the path needed from the base year
    trend: str = ""  # with «chua-co-ket-qua»: the status the figures before the target year give

    @property
    def last_year(self) -> int | None:
        """The year of the latest figure the assessment read (``None``: it read none)."""
        years = [p.year for p in self.points] + ([self.latest.year] if self.latest is not None else [])
        return max(years) if years else None

    @property
    def label(self) -> str:
        from plansite.status.labels import STATUSES

        return STATUSES[self.status]["label"]


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: str
    assessments: tuple[Assessment, ...]

    @property
    def headline(self) -> Assessment:
        """The assessment of the earliest quantified target (else the first)."""
        if not self.assessments:  # a reference series: the plan sets it no target
            return Assessment(self.indicator, -1, 0, "tham-chieu", "tham-chieu", "Chuỗi tham chiếu: kế hoạch không đặt mục tiêu.")
        quant = [a for a in self.assessments if a.status != "khong-danh-gia"]
        return min(quant or self.assessments, key=lambda a: a.year)


def in_order(rows: Sequence[Observation]) -> list[Observation]:
    """Figures by year; within a year, a newer method after an older one.

    A newer method may overlap an older one in its first year (both figures published for that year):
    methods are ordered by the year they first appear, so the newer one comes last within a year.
    """
    first_year: dict[str, int] = {}
    for o in rows:
        first_year[o.method] = min(first_year.get(o.method, o.year), o.year)
    return sorted(rows, key=lambda o: (o.year, first_year[o.method], o.method))


def latest_figure(observations: Sequence[Observation], series: str, place: str) -> Observation | None:
    """The latest figure of one series and place: what every page shows as «the latest figure»."""
    rows = [o for o in observations if o.series == series and o.place == place]
    return in_order(rows)[-1] if rows else None


def comparable_points(observations: Sequence[Observation], series: str, place: str, until: int) -> tuple[list[Point], str, bool]:
    """Points of one series and place up to ``until``, after the last change of method.

    Returns (points, method, had_break).
    """
    chosen = [o for o in observations if o.series == series and o.place == place and o.year <= until]
    if not chosen:
        return [], "", False
    rows = in_order(chosen)
    last_method = rows[-1].method
    # The segment is the run of the latest method back to the most recent change.
    segment: list[Observation] = []
    for o in reversed(rows):
        if o.method != last_method:
            break
        segment.append(o)
    had_break = len(segment) < len(rows)
    segment.reverse()
    return [Point(o.year, o.value, o.preliminary, o.estimate) for o in segment], last_method, had_break


def base_and_latest(points: list[Point], base_year: int) -> tuple[Point, Point] | None:
    """The base point (the latest at or before ``base_year``, else the first) and the latest point, if they differ."""
    if len(points) < 2:
        return None
    before = [p for p in points if p.year <= base_year]
    base = before[-1] if before else points[0]
    latest = points[-1]
    if latest.year <= base.year:
        return None
    return base, latest
