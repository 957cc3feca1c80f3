"""Charts of published money figures: capital by year, and disbursement rates over time.

Only figures the charts can show honestly are drawn: money in an exact unit (converted to
«tỷ đồng»), one year each, not marked ambiguous or weak, and not shown apart (the caller
leaves those out). Every drawn value keeps its qualifier («hơn 810 tỷ đồng») in its label,
the text alternative and the table. Plans (money given, approved, expected) and results
(money disbursed or spent) are told apart by colour and in the legend; on the rates chart the
plan is the 100% line every rate is measured against. On the rates chart a rate's label is left out
where it would overlap another (``labels.labelled_rates``); the value stays in the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from plansite import model as m
from plansite.render.charts.data import Chart, base_config, wrapped_labels
from plansite.render.charts.labels import labelled_rates
from plansite.render.charts.shapes import HEIGHT, WIDTH, Shapes
from plansite.vi import fmt, money

NATURE_COLORS = {"ke-hoach": "#9CC7E6", "ket-qua": "#0072B2"}  # light: plan; dark: result (same hue, told by lightness)
SHORT_MEASURE = {
    "phan-bo": "giao, phân bổ",
    "tong-muc-dau-tu": "tổng mức đầu tư",
    "du-kien": "dự kiến",
    "giai-ngan": "đã giải ngân",
    "thuc-hien": "đã thực hiện",
}
SHORT_SOURCE = {"trung-uong": "trung ương", "dia-phuong": "địa phương"}
SHORT_TYPE = {"dau-tu": "đầu tư", "su-nghiep": "sự nghiệp"}
RATE_PLAN = "Kế hoạch vốn được giao (100%)"
NATURE_CHART_LABELS = {"ke-hoach": "Kế hoạch: vốn giao, duyệt, dự kiến", "ket-qua": "Kết quả: vốn đã giải ngân, đã chi"}


def value_text(f: m.Figure) -> str:
    """«hơn 810 tỷ đồng»: the value in the display unit with its qualifier, or as published when not converted."""
    if f.display is None:
        return f"{f.value_text} {f.unit}" if f.unit != "%" else f"{f.value_text}%"
    number = fmt.number(f.display, money.decimals(f.display))
    return f"{f.qualifier} {number} {money.DISPLAY_UNIT}".strip()


def published_text(f: m.Figure) -> str:
    """As published: «2.428.748 triệu đồng», «trên 6%»."""
    return f"{f.value_text}%" if f.unit.strip() == "%" else f"{f.value_text} {f.unit}"


def drawable(f: m.Figure) -> bool:
    return not f.caution


def _row_label(f: m.Figure, year: int) -> str:
    parts = [str(year), SHORT_MEASURE.get(f.measure, f.measure)]
    extra = [x for x in (SHORT_SOURCE.get(f.capital_source, ""), SHORT_TYPE.get(f.capital_type, "")) if x]
    return " · ".join(parts + extra)


def money_chart(shapes: Shapes, figures: Sequence[m.Figure], name: str) -> Chart | None:
    """Capital by year: one bar per figure of one year in an exact unit of money, plan light and result dark."""
    rows = sorted(
        (f for f in figures if drawable(f) and f.display is not None and f.single_year is not None),
        key=lambda f: (f.single_year, f.nature, f.measure, f.capital_source, f.capital_type, f.line),
    )
    if not rows:
        return None
    data: list[dict[str, Any]] = []
    labels: list[str] = []
    for f in rows:
        label = _row_label(f, f.single_year or 0)
        while label in labels:  # two figures of one kind in one year (two sources): both shown
            label += " "
        labels.append(label)
        data.append(
            {
                "dong": label,
                "gia_tri": float(f.display or Decimal(0)),
                "loai": NATURE_CHART_LABELS[f.nature],
                "nhan": value_text(f),
            }
        )
    natures = [n for n in m.NATURE_LABELS if any(f.nature == n for f in rows)]
    spec = shapes.spec(
        "money",
        (),
        data=data,
        order=labels,
        natures=[NATURE_CHART_LABELS[n] for n in natures],
        colors=[NATURE_COLORS[n] for n in natures],
        height=24 * len(data),
        x_title=f"{money.DISPLAY_UNIT} (quy đổi từ đơn vị công bố)",
        description=f"Biểu đồ vốn theo năm: {name}",
    )
    spec["config"] = base_config()
    alt = (
        f"Vốn theo năm, {name}: "
        + "; ".join(
            f"{d['dong'].strip()}: {d['nhan']} ({m.NATURE_LABELS[f.nature].lower()})" for d, f in zip(data, rows, strict=True)
        )
        + "."
    )
    table = tuple(
        (str(f.single_year), f.measure_text, published_text(f), value_text(f), m.NATURE_LABELS[f.nature], f.source) for f in rows
    )
    columns = ("Năm", "Chỉ số (như nguồn viết)", "Giá trị công bố", "Quy đổi", "Kế hoạch hay kết quả", "Nguồn")
    return Chart(spec, alt, columns, table, sources=tuple(dict.fromkeys(f.source for f in rows)))


def _when(f: m.Figure) -> tuple[m.PartialDate, str]:
    if f.as_of is not None:
        return f.as_of, f.as_of.short()
    if f.years is not None:
        return m.PartialDate(f.years[1]), (str(f.years[0]) if f.years[0] == f.years[1] else f"{f.years[0]}–{f.years[1]}")
    return m.PartialDate(0), f.period_text


def rates_chart(
    shapes: Shapes, figures: Sequence[m.Figure], places: dict[str, m.Place], name: str, series_of: dict[str, str] | None = None
) -> Chart | None:
    """Disbursement rates by the date they stand at, one series per place and kind of capital, against the 100% of the plan.

    ``series_of``: a label per programme id, put before each series' name (the summary page shows several programmes)."""
    rows = sorted(
        (f for f in figures if drawable(f) and f.measure == "ty-le-giai-ngan" and (f.as_of or f.years)),
        key=lambda f: (_when(f)[0], f.line),
    )
    if not rows:
        return None
    moments = list(dict.fromkeys(_when(f)[1] for f in rows))
    points: list[dict[str, Any]] = []
    for f in rows:
        where = ", ".join(places[p].full_name for p in f.places if p in places) or f.place_text
        kind = m.CAPITAL_TYPE_LABELS.get(f.capital_type, "").lower() if f.capital_type else "chung các loại vốn"
        head = " + ".join(series_of[p] for p in f.programmes if p in series_of) + " · " if series_of else ""
        points.append({"moc": _when(f)[1], "gia_tri": float(f.value), "chuoi": f"{head}{where} · {kind}", "nhan": value_text(f)})
    series = list(dict.fromkeys(str(p["chuoi"]) for p in points))
    spec = shapes.spec(
        "rates",
        (len(moments) <= 6,),
        points=points,
        labels=labelled_rates(points, moments, WIDTH, HEIGHT, RATE_PLAN),  # the rates whose label fits without overlapping
        moments=moments,
        plan=[{"gia_tri": 100.0, "nhan": RATE_PLAN}],
        legend_labels=wrapped_labels(series, 38),
        description=f"Biểu đồ tỷ lệ giải ngân: {name}",
    )
    spec["config"] = base_config()
    alt = (
        f"Tỷ lệ giải ngân đã công bố, {name}: "
        + "; ".join(f"{p['chuoi']}, {p['moc']}: {p['nhan']}" for p in points)
        + ". Đường nét đứt ở 100% là kế hoạch vốn được giao; các điểm là kết quả giải ngân."
    )
    table = tuple(
        (str(p["moc"]), str(p["chuoi"]), str(p["nhan"]), f.period_text, f.source) for p, f in zip(points, rows, strict=True)
    )
    columns = ("Tính đến", "Chuỗi", "Tỷ lệ giải ngân", "Thời gian (như nguồn viết)", "Nguồn")
    return Chart(spec, alt, columns, table, sources=tuple(dict.fromkeys(f.source for f in rows)))
