"""Vietnamese number and date formats (plansite.vi.fmt, on babel), against strings written by hand."""

from __future__ import annotations

import datetime as dt
import decimal
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansite.vi import fmt

M = "\u2212"  # the minus sign of the site's text

NUMBERS = [
    # value, decimals, trim, text
    (26.7, 1, True, "26,7"),
    (1234, 1, True, "1.234"),
    (1234, 0, True, "1.234"),
    (1234.5, 1, True, "1.234,5"),
    (0, 1, True, "0"),
    (0.0, 2, False, "0,00"),
    (-0.0, 1, True, "0"),
    (-1234.5, 1, True, f"{M}1.234,5"),
    (-3, 0, True, f"{M}3"),
    (-0.04, 1, True, "0"),  # rounds to zero: no sign
    (-0.04, 1, False, "0,0"),
    (-0.06, 1, True, f"{M}0,1"),
    (0.25, 1, True, "0,2"),  # an exact tie: half to even, as Python rounds
    (0.35, 1, True, "0,3"),  # 0,34999999999999997… in binary
    (2.675, 2, True, "2,67"),  # 2,67499999999999982…
    (26.70, 2, True, "26,7"),
    (26.70, 2, False, "26,70"),
    (2, 2, False, "2,00"),
    (1.5, 4, False, "1,5000"),
    (1234.56789, 0, True, "1.235"),
    (1234.56789, 1, True, "1.234,6"),
    (1234.56789, 2, True, "1.234,57"),
    (1234.56789, 3, True, "1.234,568"),
    (1234.56789, 4, True, "1.234,5679"),
    (1234.56789, 4, False, "1.234,5679"),
    (-1234.56789, 4, True, f"{M}1.234,5679"),
    (-1234.56789, 2, False, f"{M}1.234,57"),
    (0.1, 4, False, "0,1000"),
    (0.00004, 4, True, "0"),
    (0.00005, 4, True, "0,0001"),  # 0,0000500000000000000023…
    (999.96, 1, True, "1.000"),
    (999999.99995, 4, True, "999.999,9999"),  # 999999,99994999…
    (1e15, 0, True, "1.000.000.000.000.000"),
    (-1e15, 1, True, f"{M}1.000.000.000.000.000"),
    (1234567.891, 2, True, "1.234.567,89"),
    (1e20, 1, True, "100.000.000.000.000.000.000"),
    (1e23, 0, True, "99.999.999.999.999.991.611.392"),  # the float's exact value
    (12345678901234567890, 0, True, "12.345.678.901.234.567.890"),
    (True, 1, True, "1"),
    (decimal.Decimal("1.25"), 1, True, "1,2"),
    (np.float64(26.7), 1, True, "26,7"),
    (np.int64(-5), 0, True, f"{M}5"),
]


@pytest.mark.parametrize(("value", "decimals", "trim", "text"), NUMBERS)
def test_number(value: float, decimals: int, trim: bool, text: str) -> None:
    assert fmt.number(value, decimals, trim) == text


@pytest.mark.parametrize("value", [None, math.nan, math.inf, -math.inf, np.nan, decimal.Decimal("NaN")])
def test_missing_number_is_a_dash(value: float | None) -> None:
    assert fmt.number(value) == "–"
    assert fmt.with_unit(value, "%") == "–"


def test_with_unit() -> None:
    assert fmt.with_unit(26.7, "%") == "26,7%"
    assert fmt.with_unit(26.7, " % ") == "26,7%"
    assert fmt.with_unit(-3, "%", 0) == f"{M}3%"
    assert fmt.with_unit(2, "lần") == "2 lần"
    assert fmt.with_unit(46.25, "triệu đồng/người/năm", 2) == "46,25 triệu đồng/người/năm"
    assert fmt.with_unit(1234567, "người", 0) == "1.234.567 người"
    assert fmt.with_unit(5, "") == "5"


def test_percent_is_not_babels_default_pattern() -> None:
    """babel's own Vietnamese percent pattern has no decimals (26,7 would be «27%»); the site keeps one."""
    from babel.numbers import format_percent

    assert format_percent(0.267, locale="vi") == "27%"
    assert fmt.with_unit(26.7, "%") == "26,7%"
    assert fmt.number_pattern(1) == f"#,##0.#;{M}#,##0.#"
    assert fmt.number_pattern(2, trim=False) == f"#,##0.00;{M}#,##0.00"
    assert fmt.number_pattern(0) == f"#,##0;{M}#,##0"


def test_signed() -> None:
    assert fmt.signed(1.5) == "+1,5"
    assert fmt.signed(-1.5) == f"{M}1,5"
    assert fmt.signed(0) == "0"
    assert fmt.signed(0.01) == "+0"
    assert fmt.signed(1234.5, 0) == "+1.234"


def test_dates() -> None:
    assert fmt.date(dt.date(2020, 6, 4)) == "04/06/2020"
    assert fmt.date(dt.date(2025, 12, 31)) == "31/12/2025"
    assert fmt.date(dt.datetime(2020, 6, 4, 23, 59)) == "04/06/2020"
    assert fmt.date(None) == ""
    assert fmt.iso_to_vi("2020-06-04") == "04/06/2020"
    assert fmt.iso_to_vi("2020-06-04T08:30:00+07:00") == "04/06/2020"
    assert fmt.iso_to_vi("chưa rõ") == "chưa rõ"
    assert fmt.iso_to_vi("2020-13-01") == "2020-13-01"


def _by_hand(value: float, decimals: int, trim: bool) -> str:
    """The same number written with Python's own formatting and string replacements."""
    s = f"{abs(value):,.{decimals}f}"
    whole, _, frac = s.partition(".")
    frac = frac.rstrip("0") if trim else frac
    out = whole.replace(",", ".") + ("," + frac if frac else "")
    return M + out if value < 0 and out.strip("0.,") else out


@settings(max_examples=1500, deadline=None)
@given(
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False) | st.integers(-(2**53), 2**53),
    st.integers(0, 8),
    st.booleans(),
)
def test_number_is_pythons_rounding_of_the_exact_value(value: float, decimals: int, trim: bool) -> None:
    assert fmt.number(value, decimals, trim) == _by_hand(value, decimals, trim)


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(0, 12))
def test_any_float_any_decimals(value: float, decimals: int) -> None:
    """Past 10^15 or 8 decimals the number is formatted with room for every digit (no decimal-context error)."""
    assert fmt.number(value, decimals, False) == _by_hand(value, decimals, False)


def test_remembered_texts_do_not_mix_types() -> None:
    """Equal values share a remembered text (1, 1.0, True, Decimal 1): it is the same text."""
    for value in (1, 1.0, True, decimal.Decimal(1), np.float64(1.0), np.int64(1)):
        assert fmt.number(value, 2, trim=False) == "1,00"
    assert fmt.number(0.0) == fmt.number(-0.0) == fmt.number(False) == "0"
    assert fmt.number(0.5, 0) == fmt.number(decimal.Decimal("0.5"), 0) == "0"
    assert fmt.date(dt.date(2020, 6, 4)) == fmt.date(dt.datetime(2020, 6, 4, 8)) == "04/06/2020"
