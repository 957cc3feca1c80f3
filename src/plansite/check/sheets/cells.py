"""Readers of one cell of a staff file (investment.csv, task-updates.csv): each reads the stripped text of its column.

A reader returns (value, problems), problems as (kind, fields); ``read.py`` reports them at the
line and column of the cell. What the readers look things up in is the ``Lookup`` of the plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from plansite import model as m
from plansite.check.progress.columns import Column
from plansite.check.progress.places import PlaceIndex
from plansite.check.urls import is_safe_url, shown_url
from plansite.problems import kinds
from plansite.problems.kinds import Kind, examples
from plansite.vi import money
from plansite.vi.text import key

Found = tuple[Kind, dict[str, Any]]
Result = tuple[Any, tuple[Found, ...]]
Reader = Callable[["Lookup", Column, str], Result]
_LIST = re.compile(r"\s*[;,]\s*")
_RANGE = re.compile(r"(\d{4})\s*[-–—]\s*(\d{4})")


@dataclass(frozen=True)
class Lookup:
    """The plan's ids, places and years the cells are checked against, and today's date."""

    today: dt.date
    first: int  # the years figures may be about
    last: int
    places: PlaceIndex
    tasks: tuple[str, ...]
    programmes: tuple[str, ...]
    projects: tuple[str, ...]

    @classmethod
    def of(cls, plan: m.PlanData, today: dt.date) -> Lookup:
        years = plan.plan.data_years
        return cls(
            today,
            years.start,
            years.end,
            PlaceIndex(plan.places.places),
            tuple(t.id for t in plan.tasks),
            tuple(p.id for p in plan.programmes),
            tuple(p.id for p in plan.projects),
        )


def _fail(kind: Kind, **fields: Any) -> tuple[Found, ...]:
    return ((kind, fields),)


def text(lk: Lookup, col: Column, s: str) -> Result:
    return s, ()


def choice(lk: Lookup, col: Column, s: str) -> Result:
    """One of the column's codes (written as the code, with or without diacritics and case)."""
    if not s:
        return "", ()
    found = next((c for c in col.choices if key(c) == key(s)), None)
    if found is None:
        return s, _fail(kinds.BAD_CHOICE, value=s, label=col.label, choices=", ".join(col.choices))
    return found, ()


def _ids(s: str) -> list[str]:
    return [x for x in _LIST.split(s) if x]


def _references(known: str, what: str, file: str) -> Reader:
    def read(lk: Lookup, col: Column, s: str) -> Result:
        ids = _ids(s)
        pool: tuple[str, ...] = getattr(lk, known)
        found = tuple(
            (kinds.UNKNOWN_PROGRAMME, {"what": what, "value": i, "file": file, "example": examples(pool, near=i)})
            for i in ids
            if i not in pool
        )
        return tuple(ids), found

    return read


programmes = _references("programmes", "chương trình", "programmes.yaml")
projects = _references("projects", "dự án", "projects.yaml")


def task(lk: Lookup, col: Column, s: str) -> Result:
    if s not in lk.tasks:
        return s, _fail(kinds.UNKNOWN_TASK, what="nhóm nhiệm vụ", value=s, file="tasks.yaml", example=examples(lk.tasks, near=s))
    return s, ()


def places(lk: Lookup, col: Column, s: str) -> Result:
    """Place ids or names, separated by «;» (or the one word «ngoai-danh-muc»); () when empty."""
    if not s:
        return (), ()
    if key(s) == key(m.OUTSIDE):
        return (m.OUTSIDE,), ()
    out: list[str] = []
    found: list[Found] = []
    for name in _ids(s):
        place, why = lk.places.find(name, None)
        if place is not None:
            out.append(place.id)
        elif why.startswith("ambiguous:"):
            matches = why.removeprefix("ambiguous:")
            found.append((kinds.AMBIGUOUS_PLACE, {"value": name, "matches": matches, "example": matches.split(" ", 1)[0]}))
        else:
            found.append(
                (kinds.UNKNOWN_PLACE, {"value": name, "near": lk.places.near(name, None), "example": outside_example(lk)})
            )
    return tuple(out), tuple(found)


def outside_example(lk: Lookup) -> str:
    return f"{lk.places.examples()}; địa bàn không có trong danh mục thì ghi «{m.OUTSIDE}» ở cột «Mã địa bàn»"


def date(lk: Lookup, col: Column, s: str) -> Result:
    """A day, a month or a year («14/10/2020», «11/2020», «2020»), not after today."""
    if not s:
        return None, ()
    try:
        d = m.PartialDate.parse(s)
    except ValueError:
        why = "không phải ngày dạng dd/mm/yyyy, mm/yyyy hoặc yyyy"
        return None, _fail(kinds.BAD_DATE, value=s, what=f"cột «{col.label}»", why=why)
    if d.first > lk.today:
        return d, _fail(kinds.BAD_DATE, value=s, what=f"cột «{col.label}»", why=f"ở sau hôm nay ({lk.today:%d/%m/%Y})")
    return d, ()


def years(lk: Lookup, col: Column, s: str) -> Result:
    """A year («2023») or a period («2021-2025»), as (start, end); None when empty."""
    if not s:
        return None, ()
    if re.fullmatch(r"\d{4}", s):
        start = end = int(s)
    elif r := _RANGE.fullmatch(s):
        start, end = int(r.group(1)), int(r.group(2))
    else:
        return None, _fail(kinds.BAD_YEAR, value=s, first=lk.first, last=lk.last)
    if end < start:
        fix = f"Ghi năm đầu trước năm cuối, ví dụ {end}-{start}"
        return None, _fail(kinds.ROW_MISMATCH, problem=f"Giai đoạn «{s}» có năm cuối trước năm đầu", fix=fix)
    if lk.first > lk.last:  # the plan takes figures from a year after this one
        return (start, end), _fail(kinds.YEARS_NOT_OPEN, year=s, first=lk.first, today_year=lk.last)
    if start < lk.first or end > lk.last:
        return (start, end), _fail(kinds.YEAR_OUT_OF_RANGE, year=s, first=lk.first, last=lk.last)
    return (start, end), ()


def url(lk: Lookup, col: Column, s: str) -> Result:
    return s, (_fail(kinds.UNSAFE_LINK, url=shown_url(s)) if s and not is_safe_url(s) else ())


def published(lk: Lookup, col: Column, s: str) -> Result:
    """A value as the source publishes it, with its qualifier (``vi.money``)."""
    try:
        return money.published(s), ()
    except money.PublishedError as exc:
        return None, _fail(kinds.BAD_PUBLISHED, value=s, why=str(exc), qualifiers=", ".join(money.QUALIFIERS))
