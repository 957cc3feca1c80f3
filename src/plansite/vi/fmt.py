"""Vietnamese formats: 26,7% · 1.234 · 04/06/2020. Used in tables, sentences and charts alike.

Numbers and dates are formatted by babel with explicit patterns (the Vietnamese locale gives
the symbols: «,» decimal mark, «.» between thousands), never with babel's default patterns:
the default Vietnamese percent pattern has no decimals and would print 26,7 as «27%».

* ``#,##0.#`` (one pattern per number of decimals): trailing zeros dropped; ``#,##0.0`` keeps them;
* the negative sub-pattern writes the minus sign «−» (U+2212), as typeset text does; a negative
  number that rounds to zero is written «0», without a sign;
* a float is rounded from its exact binary value, half to even, like Python's own ``format``
  (``Decimal(2.675)`` is 2.67499999…, so two decimals give «2,67»).

The patterns are compiled once, and the text of a number or date already written is remembered:
babel takes about 4 µs a number, and a large plan writes the same figures many times.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import math

from babel import Locale
from babel.dates import parse_pattern as parse_date_pattern
from babel.numbers import NumberPattern
from babel.numbers import parse_pattern as parse_number_pattern

VI = Locale.parse("vi")
MINUS = "\u2212"
DASH = "–"  # what a missing number is written as
DATE_PATTERN = "dd/MM/yyyy"

# d3-format locale for Vega-Lite (config.locale.number), so charts match tables.
D3_NUMBER_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"], "percent": "%"}
D3_TIME_LOCALE = {
    "dateTime": "%A, %e %B %Y г. %X",
    "date": "%d/%m/%Y",
    "time": "%H:%M:%S",
    "periods": ["SA", "CH"],
    "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
    "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
    "months": [f"tháng {i}" for i in range(1, 13)],
    "shortMonths": [f"Th{i}" for i in range(1, 13)],
}


def number_pattern(decimals: int, trim: bool = True) -> str:
    """The babel pattern of ``number``: ``#,##0.#;−#,##0.#`` for one decimal, trimmed."""
    body = "#,##0" + ("." + ("#" if trim else "0") * decimals if decimals else "")
    return f"{body};{MINUS}{body}"


@functools.cache
def _pattern(decimals: int, trim: bool) -> NumberPattern:
    return parse_number_pattern(number_pattern(decimals, trim))


# Compiled once: ``number`` runs for every cell of every table of a large plan.
_PATTERNS = {(d, t): _pattern(d, t) for d in range(9) for t in (True, False)}
_DATE = parse_date_pattern(DATE_PATTERN)
# babel rounds in the current decimal context (28 digits): enough below 10^15 with up to 8
# decimals; larger numbers or more decimals are formatted with room for every digit of a float.
_WIDE = decimal.Context(prec=800, rounding=decimal.ROUND_HALF_EVEN, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


def number(value: float | int | None, decimals: int = 1, trim: bool = True) -> str:
    """1234.5 → «1.234,5»; trailing zeros dropped when ``trim``; «–» for a missing number."""
    if value is None or value != value:  # None, NaN
        return DASH
    try:
        return _remembered(value, decimals, trim)
    except TypeError:  # not hashable
        return _number(value, decimals, trim)


def _number(value: float | int | decimal.Decimal, decimals: int, trim: bool) -> str:
    if isinstance(value, decimal.Decimal):
        exact = value
        if not exact.is_finite():
            return DASH
    else:
        if type(value) is not int:  # bool, numpy numbers …: as the float they stand for
            value = float(value)
            if math.isnan(value) or math.isinf(value):
                return DASH
        exact = decimal.Decimal(value)
    pattern = _PATTERNS.get((decimals, trim)) or _pattern(decimals, trim)
    if decimals <= 8 and -1e15 < value < 1e15:
        out: str = pattern.apply(exact, VI)
    else:
        with decimal.localcontext(_WIDE):
            out = pattern.apply(exact, VI)
    if out[0] == MINUS and not out.strip(MINUS + "0.,"):  # −0,0: the figure rounds to zero
        out = out[1:]
    return out


# The same figures are written again and again (a table, its chart, the place pages …): the text
# depends only on the exact value, so numbers equal as values (1, 1.0, True) share an entry.
_remembered = functools.lru_cache(maxsize=1 << 16)(_number)


def signed(value: float, decimals: int = 1) -> str:
    """«+1,5», «−1,5», «0»."""
    return ("+" if value > 0 else "") + number(value, decimals)


def with_unit(value: float | None, unit: str, decimals: int = 1) -> str:
    """«26,7%», «2 lần», «46,3 triệu đồng/người/năm».

    The value of a «%» unit is a percentage already: the sign is written after the number
    (a babel percent pattern would multiply it by 100). A missing number (None, NaN) is «–», without unit.
    """
    n = number(value, decimals)
    if n == DASH:
        return n
    if unit.strip() == "%" or unit.strip().startswith("%/"):
        return n + unit.strip()
    return f"{n} {unit}".strip()


def date(d: dt.date | None) -> str:
    """04/06/2020; «» for no date."""
    return _date(d) if d else ""


@functools.lru_cache(maxsize=1 << 14)  # the same few dates on many rows
def _date(d: dt.date) -> str:
    text: str = _DATE.apply(d, VI)
    return text


def iso_to_vi(s: str) -> str:
    """«2020-06-04» → «04/06/2020»; text that is not an ISO date is returned unchanged."""
    try:
        return date(dt.date.fromisoformat(s[:10]))
    except ValueError:
        return s


def places_needed(value: float | None, most: int = 4) -> int:
    """The decimals a value of the plan needs to be shown exactly (0,5 needs 1), at most ``most``."""
    if value is None or not math.isfinite(value):
        return 0
    for d in range(most + 1):
        if abs(round(value, d) - value) < 1e-9:
            return d
    return most


def target_number(value: float | None, decimals: int) -> str:
    """A number the plan wrote: never rounded below what it says («≤ 0,5 lần» stays 0,5 with 0 decimals)."""
    return number(value, max(decimals, places_needed(value)))


def target_with_unit(value: float | None, unit: str, decimals: int) -> str:
    return with_unit(value, unit, max(decimals, places_needed(value)))
