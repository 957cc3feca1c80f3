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

_GROUPED = re.compile(r"^\d{1,3}([.,\s\u00a0\u202f])\d{3}(?:\1\d{3})*$")
_PLAIN = re.compile(r"^\d+$")
_ONE_SEP = re.compile(r"^(\d+)([.,])(\d+)$")
_BOTH = re.compile(r"^(\d{1,3}(?:([.,\s\u00a0\u202f])\d{3})?(?:\2\d{3})*)([.,])(\d+)$")

MAX_ABS = 1e15


class NumberError(ValueError):
    """A value that is not a number, with a Vietnamese message and hint."""

    def __init__(self, message: str, hint: str, kind: str = "khong-phai-so"):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.kind = kind


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
        raise NumberError(f"«{raw}» không phải số.", "Ghi một con số, ví dụ 26,7 hoặc 1234.")
    if _PLAIN.match(s):
        value = float(s)
    elif (m := _ONE_SEP.match(s)) is not None:
        whole, _sep, frac = m.groups()
        if len(frac) == 3 and len(whole) <= 3 and not whole.startswith("0"):
            raise NumberError(
                f"«{raw}» có thể hiểu hai cách: {whole}{frac} (hàng nghìn) hoặc {whole},{frac} (thập phân).",
                f"Nếu là số nguyên, viết {whole}{frac} (không dấu chấm/phẩy); "
                f"nếu là số thập phân, viết thêm chữ số 0: {whole},{frac}0.",
                "so-mo-ho",
            )
        value = float(f"{whole}.{frac}")
    elif _GROUPED.match(s) and (s.count(".") + s.count(",") + len(re.findall(r"[\s\u00a0\u202f]", s))) >= 2:
        value = float(re.sub(r"[.,\s\u00a0\u202f]", "", s))
    elif re.match(r"^\d{1,3}(?:[\s\u00a0\u202f]\d{3})+$", s):
        value = float(re.sub(r"[\s\u00a0\u202f]", "", s))
    elif (m := _BOTH.match(s)) is not None and m.group(2) and m.group(2) != m.group(3):
        value = float(re.sub(r"[.,\s\u00a0\u202f]", "", m.group(1)) + "." + m.group(4))
    else:
        raise NumberError(
            f"«{raw}» không phải số.",
            "Chỉ ghi chữ số, một dấu phẩy thập phân (26,7) và không ghi chữ; nếu chưa có số liệu thì xóa dòng này.",
        )
    value *= sign
    if math.isnan(value) or math.isinf(value) or abs(value) > MAX_ABS:
        raise NumberError(f"«{raw}» quá lớn.", "Kiểm tra lại con số và đơn vị tính.", "so-qua-lon")
    return value


# Most staff figures are plain: «26,7», «2015», «-3,5». Those are read without the rules above
# (same result, tested against ``parse_number``); anything else goes through them.
SIMPLE_NUMBER = re.compile(r"-?[0-9]{1,15}(?:,[0-9]{1,2}|,[0-9]{4,12})?")


def parse_number_fast(text: str) -> float:
    """``parse_number``, with a short way for plain figures."""
    if SIMPLE_NUMBER.fullmatch(text):
        return float(text.replace(",", "."))
    return parse_number(text)
