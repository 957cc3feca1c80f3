"""Vietnamese words of the status sentences: values with units, comparators, required changes."""

from __future__ import annotations

from plansite import model as m
from plansite.status.points import Point
from plansite.vi import fmt

BREAK = " Chỉ dùng số liệu sau lần đổi phương pháp gần nhất."


def value(x: float, ind: m.Indicator, unit: str | None = None) -> str:
    return fmt.with_unit(x, unit if unit is not None else ind.unit, ind.decimals)


def figure(x: float, ind: m.Indicator, unit: str | None = None) -> str:
    """A figure as it was read: as in the tables (up to 4 decimals), never rounded to the indicator's decimals."""
    return fmt.with_unit(x, unit if unit is not None else ind.unit_of(), max(ind.decimals, 4))


def tvalue(x: float, ind: m.Indicator, unit: str | None = None) -> str:
    """A value the plan wrote, never rounded below its own decimals."""
    return fmt.target_with_unit(x, unit if unit is not None else ind.unit, ind.decimals)


def op_words(op: str | None) -> str:
    return {">": "trên", ">=": "ít nhất", "<": "dưới", "<=": "không quá", "=": "bằng", "khoang": "trong khoảng"}.get(op or "", "")


def change_goal(target: m.Target, decimals: int) -> str:
    """Words for a required yearly change, from its sign and comparator: «giảm trên 3», «tăng ít nhất 2»."""
    v = target.value or 0.0
    if target.operator == "khoang":
        lo, hi = sorted((abs(v), abs(target.value_max or 0.0)))
        verb = "giảm" if max(v, target.value_max or 0.0) <= 0 else "tăng"
        return f"{verb} từ {fmt.target_number(lo, decimals)} đến {fmt.target_number(hi, decimals)}"
    verb = "giảm" if v < 0 else "tăng"
    op = target.operator or ">="
    # For a decrease, «< −3» means a fall of more than 3; for an increase, «> 3» means a rise of more than 3.
    more = (op in ("<", "<=") and v < 0) or (op in (">", ">=") and v >= 0)
    strict = op in ("<", ">")
    if op == "=":
        words = "đúng"
    elif more:
        words = "trên" if strict else "ít nhất"
    else:
        words = "dưới" if strict else "không quá"
    return f"{verb} {words} {fmt.target_number(abs(v), decimals)}"


def flags(p: Point) -> str:
    return " (sơ bộ)" if p.preliminary else (" (ước tính)" if p.estimate else "")
