"""The report's Vietnamese words: a target in words, a change between two years, the deadline sentences.

Every name and number comes from the data; only the connecting words are here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from plansite import model as m
from plansite.check.progress import Observation
from plansite.report.year import YearFigure
from plansite.status.reporting import YearRecord
from plansite.vi import fmt


def target_text(ind: m.Indicator, t: m.Target) -> str:
    """«2020–2025 (thay đổi mỗi năm): < −3 điểm %/năm», as the indicator page writes a target (in the column «Mục tiêu»)."""
    unit = t.unit or ind.unit
    years = f"{t.start_year}–{t.year}" if t.start_year else str(t.year)
    if t.kind == "dinh-tinh":
        return f"{years}: định tính"
    if t.kind == "duy-tri" and t.value is None:
        return f"{years}: duy trì hoặc nâng cao"
    if t.operator == "khoang":
        what = f"{fmt.number(t.value, ind.decimals)} đến {fmt.with_unit(t.value_max, unit, ind.decimals)}"
    else:
        what = f"{m.OPERATOR_SYMBOLS[t.operator or '>=']} {fmt.with_unit(t.value, unit, ind.decimals)}"
    base = f", gốc {t.base_year}" if t.base_year else ""
    return f"{years} ({m.KIND_LABELS[t.kind].lower()}{base}): {what}"


def value_text(o: Observation, ind: m.Indicator) -> str:
    flags = " (sơ bộ)" if o.preliminary else (" (ước tính)" if o.estimate else "")
    series = ind.series_by_id(o.series)
    unit = series.unit if series and series.unit else ind.unit
    return fmt.with_unit(o.value, unit, ind.decimals) + flags


def change_text(fig: YearFigure, ind: m.Indicator, year: int) -> str:
    """The change from the year before, computed from the two figures and said to be so."""
    if fig.previous is None:
        return f"Không có số liệu năm {year - 1} cùng cách đo"
    diff = fig.obs.value - fig.previous.value
    unit = "điểm %" if ind.is_percent else ind.unit
    return f"{fmt.signed(diff, ind.decimals)} {unit} (năm {year - 1}: {value_text(fig.previous, ind)})".replace("  ", " ")


def days(n: int) -> str:
    return f"{fmt.number(n, 0)} ngày"


NOT_REPORTED = ("chua-bao-cao", "nguon-khac")  # past the deadline, no report of the agency (a figure from elsewhere is none)


def deadline_sentences(
    plan: m.PlanData,
    records: dict[str, YearRecord],
    deadline: dt.date,
    today: dt.date,
    name: Callable[[str], str] | None = None,
) -> list[str]:
    """Where the year's reporting stands on the build's date: days left and who has not reported, or who is late.

    ``name`` names a body (by its id) as the report names it (``report.successors``); default: the plan's name for it.
    """
    named = name or (lambda a: plan.agency(a).name)
    year = deadline.year
    records = {a: r for a, r in records.items() if r.items}
    out: list[str] = []
    if today < deadline:
        left = days((deadline - today).days)
        out.append(f"Hạn gửi báo cáo năm {year} là ngày {fmt.date(deadline)}: còn {left} (tính đến ngày {fmt.date(today)}).")
    elif today == deadline:
        out.append(f"Hôm nay, ngày {fmt.date(today)}, là hạn gửi báo cáo năm {year}.")
    else:
        past = days((today - deadline).days)
        out.append(f"Hạn gửi báo cáo năm {year} là ngày {fmt.date(deadline)}, đã qua {past} (tính đến ngày {fmt.date(today)}).")
    waiting = _counted(named, records, ("chua-den-han",))
    late = _counted(named, records, ("tre-han",))
    missing = _counted(named, records, NOT_REPORTED)
    undated = _counted(named, records, ("khong-ro-ngay",))
    if today <= deadline:
        if waiting:
            out.append(f"Cơ quan chưa báo cáo số liệu năm {year}: {waiting}.")
        elif records:
            out.append(f"Mọi cơ quan đã báo cáo số liệu năm {year}.")
    else:
        if late:
            out.append(f"Cơ quan báo cáo trễ hạn: {late}.")
        if missing:
            out.append(f"Cơ quan đã quá hạn mà chưa báo cáo: {missing}.")
        if records and not late and not missing:
            out.append("Không có cơ quan nào trễ hạn.")
    if undated:
        out.append(f"Cơ quan có báo cáo nhưng không ghi ngày báo cáo: {undated}.")
    return out


def _counted(name: Callable[[str], str], records: dict[str, YearRecord], states: tuple[str, ...]) -> str:
    """«Sở A (3/4 chỉ tiêu); Sở B (1/2 chỉ tiêu)» for the agencies with an indicator in one of these states."""
    parts = []
    for agency, r in records.items():
        n = sum(r.count(s) for s in states)
        if n:
            elsewhere = r.count("nguon-khac") if "nguon-khac" in states else 0
            more = f", trong đó {elsewhere} có số liệu do nguồn khác công bố" if elsewhere else ""
            parts.append(f"{name(agency)} ({n}/{len(r.items)} chỉ tiêu{more})")
    return "; ".join(parts)
