"""The rules of a progress row, each written once.

A rule reads one or more columns (their text, stripped), the indicator of the file, or
what earlier rules made of a row (the year, the series …); ``check`` is a function of one
distinct value of what it reads (a tuple when it reads several) and returns what it makes
of it and the problems it finds, as (kind, fields). ``engine.py`` applies every rule once
to each distinct value and maps the results back to the rows.

A rule may also have ``many``: the same rule applied to all distinct values at once (the
number rule reads a column of plain figures in one pass). It must give what ``check``
gives; ``tests/check/test_progress_invariants.py`` compares them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from plansite import model as m
from plansite.check.progress.places import PlaceIndex, alive
from plansite.check.urls import is_safe_url, shown_url
from plansite.load.textio import char_name
from plansite.problems import kinds
from plansite.problems.kinds import Kind, examples
from plansite.vi import fmt
from plansite.vi.numbers import SIMPLE_NUMBER, NumberError, parse_number
from plansite.vi.text import key

Found = tuple[Kind, dict[str, Any]]
Result = tuple[Any, tuple[Found, ...]]
Many = tuple[npt.NDArray[Any], dict[int, tuple[Found, ...]]]  # values, and the problems of some of them by position

# Yes in either flag column; the column's own name is yes only in that column («ước tính» in «Sơ bộ» is refused).
YES_WORDS = {"x", "co", "có", "1", "true", "yes", "dung", "đúng"}
PRELIMINARY_WORDS = {"sb", "sơ bộ", "so bo"}
ESTIMATE_WORDS = {"ước tính", "uoc tinh", "ut"}
TRUE_WORDS = YES_WORDS | PRELIMINARY_WORDS | ESTIMATE_WORDS
FALSE_WORDS = {"", "khong", "không", "0", "false", "no", "sai"}
_PRELIMINARY_KEYS = frozenset(key(w) for w in YES_WORDS | PRELIMINARY_WORDS)
_ESTIMATE_KEYS = frozenset(key(w) for w in YES_WORDS | ESTIMATE_WORDS)
_FALSE_KEYS = frozenset(key(w) for w in FALSE_WORDS)
MAX_CELL = 2000
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_YEAR = re.compile(r"[0-9]{4}")
_PLAIN_COLUMN = re.compile(f"(?:{SIMPLE_NUMBER.pattern})(?:\n(?:{SIMPLE_NUMBER.pattern}))*")
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
# The shapes of DATE_FORMATS: a text of that shape that is no date names a day that does not exist (31/02/2024).
_DATE_SHAPE = re.compile(r"(?:[0-9]{1,2}([/.-])[0-9]{1,2}\1[0-9]{4})|(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})")


@dataclass(frozen=True)
class Lookup:
    """What the rules look things up in: the plan's years, places and agencies, and today's date."""

    today: dt.date
    first: int  # the first and last year that may have figures
    last: int
    province: str
    places: PlaceIndex | None  # None: places.yaml could not be read, places are not checked
    agencies: dict[str, m.Agency]
    agency_keys: dict[str, str]  # folded id, name or short name -> agency id
    whole: frozenset[str] = frozenset()  # folded words that mean the plan's own place («toan tinh»)
    agencies_known: bool = True  # False: agencies.yaml could not be read, agencies are not checked

    @classmethod
    def of(cls, plan: m.PlanData, today: dt.date) -> Lookup:
        return cls.partial(plan.plan, plan.places, plan.agencies, today)

    @classmethod
    def partial(cls, plan: m.Plan | None, places: m.Places | None, agencies: list[m.Agency] | None, today: dt.date) -> Lookup:
        """What could be read of the plan: without plan.yaml any year up to today's is taken, without
        places.yaml any place, without agencies.yaml any agency (each unchecked part is noted by the checker)."""
        found = agencies or []
        # An id typed in capitals («SO-Y-TE») is the id; a name or short name wins over an id that folds the same.
        names = {key(a.id): a.id for a in found} | {key(a.name): a.id for a in found} | {key(a.short_name): a.id for a in found}
        first, last = (plan.data_years.start, plan.data_years.end) if plan is not None else (1900, today.year)
        index = PlaceIndex(places.places, [lv.id for lv in places.levels]) if places is not None else None
        own = next((p for p in places.places if plan is not None and p.id == plan.place), None) if places else None
        labels = [places.whole_label, f"Toàn {own.kind}" if own is not None else ""] if places is not None else []
        whole = frozenset(key(w) for w in labels if w)
        province = plan.place if plan is not None else ""
        return cls(
            today, first, min(last, today.year), province, index, {a.id: a for a in found}, names, whole, agencies is not None
        )


@dataclass(frozen=True)
class Rule:
    name: str  # what it makes: an input of later rules, and a field of the Observation
    reads: tuple[str, ...]  # column ids (stripped text), earlier rules' names, or "indicator"
    column: str | None  # the id of the column its problems point at
    check: Callable[..., Result]  # (lookup, one distinct value of each of ``reads``) -> (value, problems)
    many: Callable[..., Many] | None = None  # (lookup, an array of distinct values of each of ``reads``)


def _fail(kind: Kind, **fields: Any) -> tuple[Found, ...]:
    return ((kind, fields),)


# --------------------------------------------------------------------------- the cell itself (raw text)


def cell(lk: Lookup, raw: str) -> Result:
    """Every cell, before anything else: no control character, not too long. A row with such a cell is not read further."""
    found: list[Found] = []
    if bad := CONTROL.search(raw):
        found.append((kinds.CONTROL_CHAR, {"where": "Ô", "char": char_name(bad.group()), "what": "nội dung ô"}))
    if len(raw) > MAX_CELL:
        found.append((kinds.LONG_CELL, {"length": len(raw), "limit": MAX_CELL}))
    return None, tuple(found)


# --------------------------------------------------------------------------- the rules of a row


def year(lk: Lookup, text: str) -> Result:
    if not text:
        return None, _fail(kinds.MISSING_YEAR, first=lk.first, last=lk.last)
    digits = text.removesuffix(".0")  # Excel writes 2020 as «2020.0»
    if not _YEAR.fullmatch(digits):
        return None, _fail(kinds.BAD_YEAR, value=text, first=lk.first, last=lk.last)
    y = int(digits)
    if lk.first > lk.last:  # the plan takes figures from a year after this one
        return y, _fail(kinds.YEARS_NOT_OPEN, year=y, first=lk.first, today_year=lk.last)
    if not lk.first <= y <= lk.last:
        return y, _fail(kinds.YEAR_OUT_OF_RANGE, year=y, first=lk.first, last=lk.last)
    return y, ()


def value(lk: Lookup, text: str) -> Result:
    if not text:
        return None, _fail(kinds.MISSING_VALUE)
    try:
        return parse_number(text), ()
    except NumberError as exc:
        return None, ((exc.kind, exc.fields),)


def values(lk: Lookup, texts: npt.NDArray[np.object_]) -> Many:
    """``value`` of every distinct text; a column of plain figures («26,7», «-3», «2015») in one pass. NaN: no value."""
    joined = "\n".join(texts)
    if len(texts) and joined.count("\n") == len(texts) - 1 and _PLAIN_COLUMN.fullmatch(joined):
        return np.array(joined.replace(",", ".").split("\n"), dtype=np.float64), {}
    out = np.empty(len(texts), dtype=np.float64)
    found: dict[int, tuple[Found, ...]] = {}
    for i, text in enumerate(texts):
        v, problems = value(lk, text)
        out[i] = math.nan if v is None else v
        if problems:
            found[i] = problems
    return out, found


def series(lk: Lookup, text: str, ind: m.Indicator) -> Result:
    sid = text or ind.primary_series
    ids = ind.series_ids()
    if sid not in ids:  # a code typed in capitals or with diacritics («CHINH», «Chính») is the code
        sid = next((i for i in ids if key(i) == key(sid)), sid)
    if sid not in ids:
        return sid, _fail(kinds.UNKNOWN_SERIES, series=sid, indicator=ind.id, choices=", ".join(ids))
    return sid, ()


def unit(lk: Lookup, sid: str, ind: m.Indicator) -> Result:
    """The unit of the figures of a series (a related series may have its own)."""
    s = ind.series_by_id(sid)
    return (s.unit if s and s.unit else ind.unit).strip(), ()


def percent(lk: Lookup, text: str, number: float | None, unit: str) -> Result:
    """A percentage lies in 0–100; a «%» after a figure of a unit that is no percentage is a contradiction
    («56%» of communes), never dropped silently."""
    if number is None or math.isnan(number):
        return None, ()
    if text.endswith("%") and "%" not in unit:
        return None, _fail(kinds.UNIT_SIGN, value=text, sign="%", unit=unit)
    if unit == "%" and not 0 <= number <= 100:
        return None, _fail(kinds.PERCENT_OUT_OF_RANGE, value=text)
    return None, ()


def percents(
    lk: Lookup, texts: npt.NDArray[np.object_], numbers: npt.NDArray[np.float64], units: npt.NDArray[np.object_]
) -> Many:
    """``percent`` of every distinct (text, figure, unit), compared in one pass."""
    outside = (units == "%") & ((numbers < 0) | (numbers > 100))
    signed = np.fromiter((t.endswith("%") for t in texts), dtype=bool, count=len(texts))
    with_sign = signed & ~np.fromiter(("%" in u for u in units), dtype=bool, count=len(units))
    found = {int(i): percent(lk, texts[i], float(numbers[i]), units[i])[1] for i in np.flatnonzero(outside | with_sign)}
    return np.full(len(texts), None, dtype=object), {i: f for i, f in found.items() if f}


def whole_labels(plan: m.PlanData) -> list[str]:
    """What staff may write for the plan's own place: places.yaml's «whole_label», else «Toàn <kind>»."""
    own = next((p for p in plan.places.places if p.id == plan.plan.place), None)
    return [plan.places.whole_label, f"Toàn {own.kind}" if own is not None else ""]


def place(lk: Lookup, text: str, year: int | None) -> Result:
    """The place id (the plan's own place when empty); a name may need the year to tell two places apart.

    The plan's own place has validity dates too: a figure for it in a year it did not exist is said so,
    whether the column names it or is left empty."""
    if lk.places is None:
        return text or lk.province, ()  # places.yaml could not be read: not checked (noted on that file)
    if not text or key(text) in lk.whole:
        own = lk.places.by_id.get(lk.province)
        if own is not None and year is not None and not alive(own, year):
            start, end = fmt.date(own.valid_from) or "…", fmt.date(own.valid_to) or "…"
            shown = f"{own.full_name} (ô «Địa bàn» {'để trống' if not text else f'«{text}»'}: địa bàn của kế hoạch)"
            return lk.province, _fail(kinds.EXPIRED_PLACE, place=shown, year=year, start=start, end=end)
        return lk.province, ()
    found, why = lk.places.find(text, year)
    if found is None:
        if why.startswith("ambiguous:"):
            matches = why.removeprefix("ambiguous:")
            return None, _fail(kinds.AMBIGUOUS_PLACE, value=text, matches=matches, example=matches.split(" ", 1)[0])
        close = lk.places.nearest(text, year)
        near = lk.places.near(text, year)
        example = ", ".join(f"«{x}»" for x in close) if close else lk.places.examples(year)
        return None, _fail(kinds.UNKNOWN_PLACE, value=text, near=near, example=example)
    if year is not None and not alive(found, year):
        start, end = fmt.date(found.valid_from) or "…", fmt.date(found.valid_to) or "…"
        return found.id, _fail(kinds.EXPIRED_PLACE, place=found.full_name, year=year, start=start, end=end)
    return found.id, ()


def source(lk: Lookup, text: str) -> Result:
    return text, (() if text else _fail(kinds.MISSING_SOURCE))


def url(lk: Lookup, text: str) -> Result:
    return text, (_fail(kinds.UNSAFE_LINK, url=shown_url(text)) if text and not is_safe_url(text) else ())


def agency(lk: Lookup, text: str) -> Result:
    """The agency id, from its id, name or short name."""
    if not text:
        return "", ()
    if not lk.agencies_known:
        return text, ()  # agencies.yaml could not be read: not checked (noted on that file)
    aid = text if text in lk.agencies else lk.agency_keys.get(key(text))
    if aid is None:
        return text, _fail(kinds.UNKNOWN_AGENCY, value=text, example=examples(lk.agencies, near=text))
    return aid, ()


def parse_date(text: str) -> dt.date:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def reported(lk: Lookup, text: str, year: int | None) -> Result:
    """The date the figure was reported: a real date, not in the future, not before the year of the figure."""
    if not text:
        return None, ()
    try:
        d = parse_date(text)
    except ValueError:
        why = "không có trên lịch" if _DATE_SHAPE.fullmatch(text) else "không phải ngày dạng dd/mm/yyyy"
        return None, _fail(kinds.BAD_DATE, value=text, what="ngày báo cáo", why=why)
    if d > lk.today:
        return d, _fail(kinds.FUTURE_DATE, value=text, today=f"{lk.today:%d/%m/%Y}")
    if year is not None and d.year < year:
        return d, _fail(kinds.BAD_DATE, value=text, what="ngày báo cáo", why=f"trước năm của số liệu ({year})")
    return d, ()


def _flag(text: str, yes: frozenset[str]) -> Result:
    if key(text) in yes:
        return True, ()
    if key(text) in _FALSE_KEYS:  # folded: «Không», «KHONG» …
        return False, ()
    return False, _fail(kinds.BAD_FLAG, value=text)


def preliminary(lk: Lookup, text: str) -> Result:
    """«Sơ bộ»: x (or «có», «sơ bộ» …) is yes, empty (or «không» …) is no."""
    return _flag(text, _PRELIMINARY_KEYS)


def estimate(lk: Lookup, text: str) -> Result:
    """«Ước tính»: x (or «có», «ước tính» …) is yes, empty (or «không» …) is no."""
    return _flag(text, _ESTIMATE_KEYS)


# In the order a row's problems are reported. Every row goes through every rule (the problems
# of a row are all reported at once); a row with an error becomes no Observation.
RULES: tuple[Rule, ...] = (
    Rule("year", ("nam",), "nam", year),
    Rule("value", ("gia_tri",), "gia_tri", value, values),
    Rule("series", ("chuoi", "indicator"), "chuoi", series),
    Rule("unit", ("series", "indicator"), None, unit),
    Rule("percent", ("gia_tri", "value", "unit"), "gia_tri", percent, percents),
    Rule("place", ("dia_ban", "year"), "dia_ban", place),
    Rule("source", ("nguon",), "nguon", source),
    Rule("url", ("lien_ket",), "lien_ket", url),
    Rule("agency", ("co_quan",), "co_quan", agency),
    Rule("reported", ("ngay_bao_cao", "year"), "ngay_bao_cao", reported),
    Rule("preliminary", ("so_bo",), "so_bo", preliminary),
    Rule("estimate", ("uoc_tinh",), "uoc_tinh", estimate),
)
CELL = Rule("cell", ("*",), None, cell)  # every column, raw text: applied first
DUPLICATE_KEY = ("year", "place", "series", "phuong_phap")  # two rows of a file may not share these (the method folded)


def duplicate(first: int, year: int, place: str, series: str, method: str) -> tuple[Found, ...]:
    """A row that repeats an earlier row of its file (``first``: that row's line)."""
    return _fail(kinds.DUPLICATE_ROW, first=first, year=year, place=place, series=series, method=method or "(trống)")
