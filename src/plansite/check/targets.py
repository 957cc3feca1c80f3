"""A target's year, comparison, value, unit and kind must fit together (problem kind «chi-tieu-khong-khop»).

Each rule is declared once in ``RULES``: the field of the target it points at, what is
wrong and how to fix it (templates with the target's own values). ``target_problems``
says which rules a target breaks.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from plansite import model as m


class TargetRule(NamedTuple):
    field: str  # the field of the target the problem points at
    problem: str  # str.format template
    fix: str  # str.format template


RULES: dict[str, TargetRule] = {
    "period": TargetRule("year", "năm {year} nằm ngoài thời kỳ kế hoạch {start}–{end}", "Sửa năm cho nằm trong {start}–{end}"),
    "qualitative": TargetRule(
        "operator",
        "mục tiêu định tính không có phép so sánh hay con số",
        "Xóa «operator»/«value», hoặc đổi «kind» sang loại định lượng",
    ),
    "comparison": TargetRule(
        "operator",
        "thiếu phép so sánh («operator») hoặc con số («value»)",
        "Ghi «operator» (>, >=, <, <=, =, khoang) và «value»",
    ),
    "range": TargetRule("value_max", "khoảng cần «value» < «value_max»", "Ghi cả hai đầu khoảng, ví dụ value: 3, value_max: 4"),
    "range_only": TargetRule(
        "value_max", "chỉ khi «operator: khoang» mới có «value_max»", "Xóa «value_max» hoặc đổi operator thành khoang"
    ),
    "per_year_unit": TargetRule(
        "unit", "loại «thay đổi mỗi năm» cần đơn vị «…/năm», đang là «{unit}»", 'Ghi đơn vị theo năm, ví dụ unit: "{unit}/năm"'
    ),
    "base_year": TargetRule("base_year", "loại «gấp số lần năm gốc» cần «base_year»", "Ghi năm gốc, ví dụ base_year: {base}"),
    "multiple_unit": TargetRule("unit", "loại «gấp số lần năm gốc» có đơn vị «lần», đang là «{unit}»", "Ghi unit: lần"),
    "reference": TargetRule(
        "reference",
        "loại «tỉ lệ so với chuỗi tham chiếu» cần «reference» là một chuỗi của chỉ tiêu (đang có: {series}) "
        "hoặc «reference_indicator» là mã một chỉ tiêu khác",
        "Khai báo chuỗi tham chiếu trong «series» rồi ghi mã vào «reference», hoặc ghi «reference_indicator»",
    ),
    "reference_one": TargetRule(
        "reference",
        "chỉ ghi một trong «reference» (chuỗi của chỉ tiêu) hoặc «reference_indicator» (chỉ tiêu khác)",
        "Xóa một trong hai trường",
    ),
    "relative_base": TargetRule(
        "base_year", "loại «thay đổi so với năm gốc» cần «base_year»", "Ghi năm gốc, ví dụ base_year: {base}"
    ),
    "relative_unit": TargetRule(
        "unit", "loại «thay đổi so với năm gốc» tính bằng % của năm gốc, đơn vị đang là «{unit}»", 'Ghi unit: "%"'
    ),
    "relative_per_year_unit": TargetRule(
        "unit",
        "thay đổi mỗi năm «tương đối» tính bằng % mỗi năm, đơn vị đang là «{unit}»",
        'Ghi unit: "%/năm", hoặc «change: diem» nếu là điểm phần trăm mỗi năm',
    ),
    "needs_unit": TargetRule(
        "kind",
        "mục tiêu định lượng cần đơn vị của chỉ tiêu («unit» của chỉ tiêu đang trống)",
        'Ghi «unit» cho chỉ tiêu, ví dụ unit: "%"',
    ),
    "ratio_unit": TargetRule("unit", "loại «tỉ lệ so với tham chiếu» có đơn vị «lần», đang là «{unit}»", "Ghi unit: lần"),
    "level_unit": TargetRule(
        "unit",
        "đơn vị «{unit}» khác đơn vị của chỉ tiêu «{indicator_unit}»",
        "Bỏ «unit» của mục tiêu, hoặc sửa cho giống đơn vị chỉ tiêu",
    ),
    "percent": TargetRule("value", "tỉ lệ phần trăm {value} nằm ngoài 0–100", "Ghi số từ 0 đến 100"),
    "maintain": TargetRule("operator", "«duy trì, nâng cao» chỉ đi với «>» hoặc «>=» (hoặc không có)", "Sửa operator"),
    "base_year_kind": TargetRule(
        "base_year", "«base_year» chỉ dùng cho loại «boi-so-goc», «thay-doi-so-voi-goc» hoặc «duy-tri»", "Xóa «base_year»"
    ),
    "start_year": TargetRule("start_year", "«start_year» ({start_year}) phải trước «year»", "Sửa năm bắt đầu"),
}


def target_problems(ind: m.Indicator, t: m.Target, plan: m.Plan | None) -> list[tuple[str, dict[str, Any]]]:
    """The rules ``t`` breaks, as (field of the target, fields of a «chi-tieu-khong-khop» problem)."""
    out: list[tuple[str, dict[str, Any]]] = []

    def bad(rule: str, **values: Any) -> None:
        r = RULES[rule]
        out.append(
            (r.field, {"year": t.year, "indicator": ind.id, "problem": r.problem.format(**values), "fix": r.fix.format(**values)})
        )

    if plan is not None and not plan.period.start <= t.year <= plan.period.end:
        bad("period", year=t.year, start=plan.period.start, end=plan.period.end)
    if t.kind == "dinh-tinh":
        if t.operator is not None or t.value is not None:
            bad("qualitative")
        return out
    if t.kind != "duy-tri" and (t.operator is None or t.value is None):
        bad("comparison")
        return out
    if t.operator == "khoang":
        if t.value_max is None or t.value is None or t.value_max <= t.value:
            bad("range")
    elif t.value_max is not None:
        bad("range_only")
    if not ind.unit.strip() and not t.unit.strip():
        bad("needs_unit")
    _unit_problems(ind, t, plan, bad)
    if t.base_year is not None and t.kind not in ("boi-so-goc", "thay-doi-so-voi-goc", "duy-tri"):
        bad("base_year_kind")
    if t.start_year is not None and t.start_year >= t.year:
        bad("start_year", start_year=t.start_year)
    return out


def _unit_problems(ind: m.Indicator, t: m.Target, plan: m.Plan | None, bad: Any) -> None:
    unit = t.unit or ind.unit
    base = plan.base_year if plan is not None else "<năm gốc>"
    if t.kind == "thay-doi-hang-nam":
        if not unit.endswith("/năm"):
            bad("per_year_unit", unit=unit)
        elif t.change == "tuong-doi" and unit.replace(" ", "") != "%/năm":
            bad("relative_per_year_unit", unit=unit)
    elif t.kind == "thay-doi-so-voi-goc":
        if t.base_year is None:
            bad("relative_base", base=base)
        if (t.unit or "%").strip() != "%":
            bad("relative_unit", unit=t.unit)
    elif t.kind == "boi-so-goc":
        if t.base_year is None:
            bad("base_year", base=base)
        if unit != "lần":
            bad("multiple_unit", unit=unit)
    elif t.kind == "ti-le-tham-chieu":
        if t.reference is not None and t.reference_indicator is not None:
            bad("reference_one")
        elif t.reference_indicator is None and (t.reference is None or t.reference not in ind.series_ids()):
            bad("reference", series=", ".join(ind.series_ids()))
        if unit != "lần":
            bad("ratio_unit", unit=unit)
    elif t.kind in ("muc", "duy-tri"):
        if t.unit and t.unit != ind.unit:
            bad("level_unit", unit=t.unit, indicator_unit=ind.unit)
        if ind.is_percent and t.value is not None and not 0 <= t.value <= 100:
            bad("percent", value=t.value)
        if t.kind == "duy-tri" and t.operator not in (None, ">", ">="):
            bad("maintain")
