"""Figures as Vietnamese sources publish them: «hơn 810 tỷ đồng», «2.428.748 triệu đồng», «2 tỷ 060 triệu đồng».

A published value is read by one stated rule, never guessed:

* an optional qualifier first («hơn», «trên», «gần», «khoảng», «dưới», «xấp xỉ»): it stays with the figure;
* then the number in the Vietnamese way: «.» between thousands (groups of three), «,» before decimals
  (``2.428.748``, ``830,14``, ``21,452``); a dot not followed by exactly three digits is refused;
* or an amount in words of scale: «2 tỷ 060 triệu» (tỷ/tỉ, triệu, nghìn/ngàn), with a unit such as «đồng».

Units are converted to one display unit («tỷ đồng») only when the published unit is an exact unit of
money (đồng, nghìn đồng, triệu đồng, tỷ đồng). A bare «tỷ» (the currency not written) is shown as
published and not converted; percentages and quantities (ha, hộ, công trình …) are never converted.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal, NamedTuple

from plansite.vi.text import key

QUALIFIERS = ("hơn", "trên", "gần", "khoảng", "dưới", "xấp xỉ")
DISPLAY_UNIT = "tỷ đồng"

UnitKind = Literal["tien", "ty-le", "so-luong"]
UNIT_KIND_LABELS = {"tien": "tiền", "ty-le": "tỷ lệ phần trăm", "so-luong": "số lượng"}

# Exact units of money and their factor to the display unit (matched with or without diacritics).
EXACT_UNITS: dict[str, Decimal] = {
    "đồng": Decimal("0.000000001"),
    "nghìn đồng": Decimal("0.000001"),
    "ngàn đồng": Decimal("0.000001"),
    "triệu đồng": Decimal("0.001"),
    "tỷ đồng": Decimal(1),
    "tỉ đồng": Decimal(1),
}
_EXACT = {key(u): factor for u, factor in EXACT_UNITS.items()}
_INEXACT_MONEY = {"ty", "ti", "trieu", "nghin", "ngan"}  # a scale without its currency
_SCALES = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "nghin": 10**3, "ngan": 10**3}
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_WORDS = re.compile(r"(\d+)\s*(tỷ|tỉ|triệu|nghìn|ngàn)", re.IGNORECASE)


class Unit(NamedTuple):
    text: str  # as published
    kind: UnitKind
    factor: Decimal | None  # to the display unit; None when not converted


def unit(text: str) -> Unit:
    """What a published unit is: money (exact or not), a percentage, or a quantity."""
    k = key(text)
    if k in _EXACT:
        return Unit(text, "tien", _EXACT[k])
    if k in _INEXACT_MONEY:
        return Unit(text, "tien", None)
    if k == "%":
        return Unit(text, "ty-le", None)
    return Unit(text, "so-luong", None)


class Published(NamedTuple):
    text: str  # as published, qualifier included
    qualifier: str  # «hơn» …, or ""
    number: Decimal  # in the published unit


class PublishedError(ValueError):
    """Why a published value cannot be read (a sentence in Vietnamese)."""


def qualifier_of(text: str) -> tuple[str, str]:
    """(qualifier, the rest) of a published value."""
    s = " ".join(text.split())
    low = s.lower()
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if low == q or low.startswith(q + " "):
            return q, s[len(q) + 1 :].strip()
    return "", s


def published(text: str) -> Published:
    """Read a published value by the rule above; ``PublishedError`` says why it cannot be read."""
    qualifier, rest = qualifier_of(text)
    if not rest:
        raise PublishedError("không có con số")
    if _NUMBER.fullmatch(rest):
        return Published(text.strip(), qualifier, Decimal(rest.replace(".", "").replace(",", ".")))
    if _WORDS.match(rest):
        total, pos = 0, 0
        for m in _WORDS.finditer(rest):
            if rest[pos : m.start()].strip():
                break
            total += int(m.group(1)) * _SCALES[key(m.group(2))]
            pos = m.end()
        if not rest[pos:].strip():
            return Published(text.strip(), qualifier, Decimal(total))
    if re.fullmatch(r"\d+\.\d{1,2}|\d+\.\d{4,}", rest):
        raise PublishedError("dấu chấm chỉ dùng để ngăn hàng nghìn (nhóm ba chữ số); phần thập phân viết sau dấu phẩy")
    raise PublishedError("không phải con số viết theo cách của nguồn (chữ số, dấu chấm ngăn hàng nghìn, dấu phẩy thập phân)")


def in_display_unit(value: Published, of: Unit) -> Decimal | None:
    """The value in «tỷ đồng», when its published unit is exact money; None otherwise."""
    if of.kind != "tien" or of.factor is None:
        return None
    return plain(value.number * of.factor)


def plain(value: Decimal) -> Decimal:
    """The same value without trailing zeros, never in exponent form (810, not 8.1E+2)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def decimals(value: Decimal) -> int:
    """Digits after the decimal mark of an exact value (2428.748 → 3; 810 → 0)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
