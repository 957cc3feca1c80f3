"""Vietnamese formats: 26,7% · 1.234 · 04/06/2020. Used in tables, sentences and charts alike."""

from __future__ import annotations

import datetime as dt
import math

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


def number(value: float | int | None, decimals: int = 1, trim: bool = True) -> str:
    """1234.5 → «1.234,5»; trailing zeros dropped when ``trim``."""
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return "–"
    s = f"{abs(value):,.{decimals}f}"
    whole, _, frac = s.partition(".")
    if trim:
        frac = frac.rstrip("0")
    out = whole.replace(",", ".") + ("," + frac if frac else "")
    if value < 0 and out.strip("0.,"):
        out = "−" + out
    return out


def signed(value: float, decimals: int = 1) -> str:
    return ("+" if value > 0 else "") + number(value, decimals)


def with_unit(value: float | None, unit: str, decimals: int = 1) -> str:
    """«26,7%», «2 lần», «46,3 triệu đồng/người/năm»."""
    if value is None:
        return "–"
    n = number(value, decimals)
    if unit.strip() == "%":
        return n + "%"
    return f"{n} {unit}".strip()


def date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def iso_to_vi(s: str) -> str:
    try:
        return date(dt.date.fromisoformat(s[:10]))
    except ValueError:
        return s
