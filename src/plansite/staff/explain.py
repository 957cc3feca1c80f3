"""What an import says about each row it takes: the figure in words, what it understood, what is missing.

* ``figure``: «Tỷ lệ hộ nghèo, Tỉnh Mẫu, 2025: 17,2%» (indicator, place, year, value with its unit);
* ``understood``: the cells written otherwise than the file will hold them («26,7 %» → 26,7; «Doi Xanh» →
  Huyện Đồi Xanh), so a person can see the import read them as meant;
* ``warn_missing``: a located warning, never blocking, for a row without a method or a reporting agency.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from plansite import model as m
from plansite.check.progress import Observation
from plansite.check.progress.rules import whole_labels
from plansite.problems import Problems, kinds
from plansite.problems.kinds import examples
from plansite.staff.common import number_text
from plansite.vi import fmt
from plansite.vi.text import key


def place_name(plan: m.PlanData, place: str) -> str:
    return next((p.full_name for p in plan.places.places if p.id == place), place)


def value_text(ind: m.Indicator, value: float) -> str:
    """The figure as read, in Vietnamese style with the unit (never rounded to the indicator's decimals)."""
    return fmt.with_unit(value, ind.unit, max(ind.decimals, fmt.places_needed(value)))


def figure(plan: m.PlanData, ind: m.Indicator, o: Observation) -> str:
    """«Tỷ lệ hộ nghèo, Tỉnh Mẫu, 2025: 17,2%» (and the series when it is not the main one)."""
    series = "" if o.series == ind.primary_series else f" (chuỗi «{o.series}»)"
    return f"{ind.name}{series}, {place_name(plan, o.place)}, {o.year}: {value_text(ind, o.value)}"


def understood(plan: m.PlanData, ind: m.Indicator, o: Observation, cells: Sequence[str], cols: dict[str, int]) -> list[str]:
    """«written» → as read, for every cell of the row written otherwise than the file will hold it."""

    def raw(cid: str) -> str:
        i = cols.get(cid)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    out: list[str] = []
    v = raw("gia_tri")
    shown = fmt.number(o.value, max(ind.decimals, fmt.places_needed(o.value)))
    if v not in (number_text(o.value), shown, shown.replace(".", "")):
        out.append(f"«{v}» → {shown}")
    p = raw("dia_ban")
    whole = {key(w) for w in whole_labels(plan) if w}
    if p and key(p) not in whole and p not in (o.place, place_name(plan, o.place)):
        out.append(f"«{p}» → {place_name(plan, o.place)}")
    a = raw("co_quan")
    if a and a != o.agency:
        out.append(f"«{a}» → {o.agency}")
    d = raw("ngay_bao_cao")
    if d and o.reported is not None and d != fmt.date(o.reported):
        out.append(f"«{d}» → {fmt.date(o.reported)}")
    for cid, flag in (("so_bo", o.preliminary), ("uoc_tinh", o.estimate)):
        f = raw(cid)
        if f and f.lower() != "x":
            out.append(f"«{f}» → {'x (có)' if flag else '(không)'}")
    return out


def warn_missing(
    problems: Problems, src: Path, ind: m.Indicator, o: Observation, existing: Sequence[Observation], labels: dict[str, str]
) -> None:
    """A warning at the row (``labels``: column id -> the file's column label) when it has no method or no agency."""
    if not o.method:
        methods = list(dict.fromkeys(x.method for x in existing if x.method))
        known = f"; các số liệu đã có của chỉ tiêu ghi {examples(methods, n=1)}" if methods else ""
        example = f", ví dụ {examples(methods, n=1)}" if methods else ""
        problems.add(src, o.line, kinds.MISSING_METHOD, column=labels.get("phuong_phap"), known=known, example=example)
    if not o.agency:
        leads = [link.agency for link in ind.agencies if link.role == "chu-tri"] or [link.agency for link in ind.agencies]
        problems.add(src, o.line, kinds.MISSING_REPORTER, column=labels.get("co_quan"), example=examples(leads))
