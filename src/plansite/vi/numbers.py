"""Read numbers as staff type them, by one stated rule; never guess.

The rule (also in the contributor guide):

* ``26,7`` and ``26.7`` both mean twenty-six point seven (one separator,
  not followed by exactly three digits, is the decimal mark);
* ``1.234.567`` and ``1 234 567`` are thousands (groups of three);
* ``1.234,5`` and ``1,234.5``: the last separator is the decimal mark;
* ``1.234`` and ``1,234`` are ambiguous (one thousand two hundred thirty-four,
  or one point two three four?) and are rejected with a hint;
* a trailing ``%`` is allowed; a leading ``+``/``-`` sign is allowed.
"""

from __future__ import annotations

import math
import re
from typing import Any

from plansite.problems import kinds
from plansite.problems.kinds import Kind

_GROUPED = re.compile(r"^[0-9]{1,3}([.,\s\u00a0\u202f])[0-9]{3}(?:\1[0-9]{3})*$")
_PLAIN = re.compile(r"^[0-9]+$")
_ONE_SEP = re.compile(r"^([0-9]+)([.,])([0-9]+)$")
_BOTH = re.compile(r"^([0-9]{1,3}(?:([.,\s\u00a0\u202f])[0-9]{3})?(?:\2[0-9]{3})*)([.,])([0-9]+)$")

MAX_ABS = 1e15


class NumberError(ValueError):
    """A value that is not a number: the kind of problem and its fields (``problems.add(…, exc.kind, **exc.fields)``)."""

    def __init__(self, kind: Kind, **fields: Any):
        self.kind = kind
        self.fields = fields
        self.message, self.hint = kind.render(**fields)
        super().__init__(self.message)


def parse_number(text: str) -> float:
    """Parse ``text`` by the rule above; raise ``NumberError`` otherwise."""
    raw = text
    s = text.strip().replace("\u2212", "-")
    if s.endswith("%"):
        s = s[:-1].rstrip()
    sign = 1.0
    if s[:1] in "+-" and s:
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:].strip()
    if not s:
        raise NumberError(kinds.NOT_A_NUMBER, value=raw)
    if _PLAIN.match(s):
        value = float(s)
    elif (m := _ONE_SEP.match(s)) is not None:
        whole, _sep, frac = m.groups()
        if len(frac) == 3 and len(whole) <= 3 and not whole.startswith("0"):
            raise NumberError(kinds.AMBIGUOUS_NUMBER, value=raw, whole=whole, frac=frac)
        value = float(f"{whole}.{frac}")
    elif _GROUPED.match(s) and (s.count(".") + s.count(",") + len(re.findall(r"[\s\u00a0\u202f]", s))) >= 2:
        value = float(re.sub(r"[.,\s\u00a0\u202f]", "", s))
    elif re.match(r"^[0-9]{1,3}(?:[\s\u00a0\u202f][0-9]{3})+$", s):
        value = float(re.sub(r"[\s\u00a0\u202f]", "", s))
    elif (m := _BOTH.match(s)) is not None and m.group(2) and m.group(2) != m.group(3):
        value = float(re.sub(r"[.,\s\u00a0\u202f]", "", m.group(1)) + "." + m.group(4))
    else:
        raise NumberError(kinds.NOT_A_NUMBER, value=raw)
    value *= sign
    if math.isnan(value) or math.isinf(value) or abs(value) > MAX_ABS:
        raise NumberError(kinds.NUMBER_TOO_LARGE, value=raw, limit="10^15")
    return value


# Most staff figures are plain: «26,7», «2015», «-3,5». Those are read without the rules above
# (same result, tested against ``parse_number``); anything else goes through them.
SIMPLE_NUMBER = re.compile(r"-?[0-9]{1,15}(?:,[0-9]{1,2}|,[0-9]{4,12})?")


def parse_number_fast(text: str) -> float:
    """``parse_number``, with a short way for plain figures."""
    if SIMPLE_NUMBER.fullmatch(text):
        return float(text.replace(",", "."))
    return parse_number(text)
