"""parse_number: the one stated rule for numbers typed by staff (see numbers.py docstring)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plansite.vi import fmt
from plansite.vi.numbers import MAX_ABS, SIMPLE_NUMBER, NumberError, parse_number, parse_number_fast

ACCEPTED = [
    # text, value
    ("26,7", 26.7),
    ("26.7", 26.7),
    ("0,125", 0.125),
    ("0.125", 0.125),
    ("00,125", 0.125),
    ("1234", 1234.0),
    ("0", 0.0),
    ("1.234.567", 1234567.0),
    ("1,234,567", 1234567.0),
    ("1 234 567", 1234567.0),
    ("1\u00a0234\u00a0567", 1234567.0),  # no-break space, as Excel writes it
    ("1\u202f234", 1234.0),  # narrow no-break space
    ("1 234", 1234.0),
    ("1.234,5", 1234.5),
    ("1,234.5", 1234.5),
    ("1.234.567,89", 1234567.89),
    ("1,234,567.89", 1234567.89),
    ("1 234,5", 1234.5),
    ("1234,567", 1234.567),  # four digits before the mark: not a thousands group
    ("12,3456", 12.3456),
    ("26,70", 26.7),
    ("1,2340", 1.234),  # the hint's way of writing a decimal with three digits
    ("26,7%", 26.7),
    ("26,7 %", 26.7),
    ("-3,5", -3.5),
    ("\u22123,5", -3.5),  # typographic minus
    ("+2", 2.0),
    ("- 2,5", -2.5),
    ("  42  ", 42.0),
    ("999999999999999", 999999999999999.0),
]

REJECTED = [
    # text, kind
    ("1.234", "so-mo-ho"),
    ("1,234", "so-mo-ho"),
    ("-1.234", "so-mo-ho"),
    ("12.345", "so-mo-ho"),
    ("999,999", "so-mo-ho"),
    ("1.234%", "so-mo-ho"),
    ("NaN", "khong-phai-so"),
    ("nan", "khong-phai-so"),
    ("inf", "khong-phai-so"),
    ("Infinity", "khong-phai-so"),
    ("-inf", "khong-phai-so"),
    ("1e5", "khong-phai-so"),
    ("1E5", "khong-phai-so"),
    ("2,5e3", "khong-phai-so"),
    ("", "khong-phai-so"),
    ("   ", "khong-phai-so"),
    ("-", "khong-phai-so"),
    ("%", "khong-phai-so"),
    ("abc", "khong-phai-so"),
    ("khoảng 20", "khong-phai-so"),
    ("20 người", "khong-phai-so"),
    ("1.234.5", "khong-phai-so"),
    ("1,234,5", "khong-phai-so"),
    ("1.23.456", "khong-phai-so"),
    ("1.2.3", "khong-phai-so"),
    (".5", "khong-phai-so"),
    ("5.", "khong-phai-so"),
    ("1 234.567 8", "khong-phai-so"),
    ("--5", "khong-phai-so"),
    ("0x10", "khong-phai-so"),
    ("1_000", "khong-phai-so"),
    ("9999999999999999", "so-qua-lon"),
    ("10.000.000.000.000.000", "so-qua-lon"),
    ("-1 000 000 000 000 000 000", "so-qua-lon"),
    ("9" * 400, "so-qua-lon"),
]


@pytest.mark.parametrize(("text", "value"), ACCEPTED, ids=[repr(c[0]) for c in ACCEPTED])
def test_accepted(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value, rel=0, abs=1e-12)


@pytest.mark.parametrize(("text", "kind"), REJECTED, ids=[repr(c[0]) for c in REJECTED])
def test_rejected(text: str, kind: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert info.value.kind.id == kind
    assert info.value.message and info.value.hint
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("text", ["1.234,567.8", "1,234.567,8", "1,234 567,5", "1 234.567,8"])
def test_mixed_group_separators_are_rejected(text: str) -> None:
    # The rule: thousands are groups of three with ONE separator; the last separator is the decimal
    # mark. «1,234.567,8» uses «,» both ways and came out as 1234567.8 — a guess, not a rule.
    with pytest.raises(NumberError):
        parse_number(text)


def test_ambiguous_hint_offers_both_readings() -> None:
    with pytest.raises(NumberError) as info:
        parse_number("1.234")
    assert "1234" in info.value.hint and "1,2340" in info.value.hint


def test_limit() -> None:
    assert parse_number(str(int(MAX_ABS))) == MAX_ABS
    with pytest.raises(NumberError):
        parse_number(str(int(MAX_ABS) + 1))


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_vietnamese_formatting_round_trips(d) -> None:  # type: ignore[no-untyped-def]
    """What the site prints with two decimals (1.234,50) is read back as the same number."""
    value = float(d)
    text = fmt.number(value, 2, trim=False).replace("\u2212", "-")
    assert parse_number(text) == pytest.approx(value, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_never_raises_anything_but_number_error(text: str) -> None:
    try:
        value = parse_number(text)
    except NumberError:
        return
    assert value == value and abs(value) <= MAX_ABS


# ------------------------------------------------------------------ the short way for plain figures


def _same(text: str) -> None:
    try:
        expected: float | str = parse_number(text)
    except NumberError as exc:
        expected = exc.kind
    try:
        got: float | str = parse_number_fast(text)
    except NumberError as exc:
        got = exc.kind
    assert got == expected and str(got) == str(expected), text


@given(st.from_regex(SIMPLE_NUMBER, fullmatch=True))
@settings(max_examples=500, deadline=None)
def test_short_way_agrees_on_plain_figures(text: str) -> None:
    _same(text)


@given(st.text(alphabet="0123456789,.- %\u2212+", max_size=14))
@settings(max_examples=1500, deadline=None)
def test_short_way_agrees_on_any_figure(text: str) -> None:
    _same(text)


@pytest.mark.parametrize(
    "text", ["1,234", "0,123", "1234,567", "12,5", "-3,5", "-0", "007", "999999999999999", "1000000000000000"]
)
def test_short_way_agrees_on_edges(text: str) -> None:
    _same(text)
