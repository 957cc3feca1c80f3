"""One assessor per kind of target: how a target of that kind is judged from its figures.

Every assessor takes the ``Case`` of one target (the indicator, the target, its comparable
figures) and returns an ``Assessment`` with a status and one Vietnamese sentence that
explains it from the numbers. To add a target kind: declare it in ``model`` (TargetKind),
write its assessor here, add it to ``ASSESSORS``, and explain it on the method page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from plansite import model as m
from plansite.check.progress import Observation
from plansite.status import words as w
from plansite.status.growth import growth_ratio, met, required_path
from plansite.status.labels import STATUSES, bucket
from plansite.status.points import Assessment, Point, base_and_latest, comparable_points
from plansite.vi import fmt


@dataclass(frozen=True)
class Case:
    """One target to judge, with the comparable figures of its indicator's main series at the plan's place."""

    ind: m.Indicator
    index: int
    target: m.Target
    observations: Sequence[Observation]
    place: str
    base_year: int
    points: list[Point]
    method: str
    brk: str  # the sentence's note when a change of method cut the series, else ""

    def result(self, status: str, sentence: str, **more: object) -> Assessment:
        t = self.target
        return replace(
            Assessment(self.ind.id, self.index, t.year, t.kind, status, sentence, method=self.method),
            **more,  # type: ignore[arg-type]
        )


def qualitative(case: Case) -> Assessment:
    return case.result(
        "khong-danh-gia", "Mục tiêu định tính: không đo bằng con số; xem tiến độ các nhiệm vụ liên quan.", method=""
    )


def _not_enough(case: Case) -> Assessment | None:
    """The assessment when there is no figure, or one figure only; None when a trend can be judged."""
    pts = case.points
    if not pts:
        return case.result("chua-du-so-lieu", "Chưa có số liệu.")
    if base_and_latest(pts, case.target.start_year or case.base_year) is None:
        p = pts[-1]
        return case.result(
            "chua-du-so-lieu",
            f"Mới có một số liệu so sánh được ({w.value(p.value, case.ind)} năm {p.year}{w.flags(p)}); "
            f"cần ít nhất hai năm để đánh giá xu hướng.{case.brk}",
            latest=p,
            points=tuple(pts),
        )
    return None


def change_per_year(case: Case) -> Assessment:
    """«… mỗi năm giảm trên X»: the average change per year since the start of the period, against X."""
    early = _not_enough(case)
    if early is not None:
        return early
    ind, target, pts = case.ind, case.target, case.points
    pair = base_and_latest(pts, target.start_year or case.base_year)
    assert pair is not None and target.value is not None
    base, latest = pair
    # A range: its smaller improvement is what is required.
    need: float = target.value
    if target.operator == "khoang" and target.value_max is not None and abs(target.value_max) < abs(target.value):
        need = target.value_max
    got = (latest.value - base.value) / (latest.year - base.year)
    unit = (target.unit or ind.unit).replace("/năm", "")
    if target.operator != "khoang":
        ok = met(got, target.operator, target.value, target.value_max)
    else:
        ok = got <= need + 1e-9 if need < 0 else got >= need - 1e-9
    ratio = got / need if need else None
    if ok:
        status = "dat" if latest.year >= target.year else "dung-huong"
    else:
        status = bucket(ratio) if ratio is not None else "chua-du-so-lieu"
        status = "can-tang-toc" if status == "dung-huong" else status
    sentence = (
        f"Cần {w.change_goal(target, ind.decimals)} {unit}/năm; bình quân {base.year}–{latest.year} "
        f"{'giảm' if got < 0 else 'tăng'} {fmt.number(abs(got), 2)} {unit}/năm → {STATUSES[status]['label'].lower()}.{case.brk}"
    )
    path = tuple((y, base.value + need * (y - base.year)) for y in range(base.year, target.year + 1))
    implied = base.value + need * (target.year - base.year)
    return case.result(
        status, sentence, base=base, latest=latest, target_value=implied, ratio=ratio, points=tuple(pts), path=path
    )


def multiple_of_base(case: Case) -> Assessment:
    """«… gấp N lần năm gốc»: the level N × the base year's figure, judged as a level."""
    early = _not_enough(case)
    if early is not None:
        return early
    ind, target, pts = case.ind, case.target, case.points
    assert target.value is not None and target.base_year is not None
    at_base = [p for p in pts if p.year == target.base_year]
    if not at_base:
        return case.result(
            "chua-du-so-lieu",
            f"Thiếu số liệu năm gốc {target.base_year} (cùng phương pháp) để tính mức gấp {fmt.number(target.value)} lần.{case.brk}",
            latest=pts[-1],
            points=tuple(pts),
        )
    base, latest = at_base[0], pts[-1]
    if latest.year <= base.year:
        return case.result(
            "chua-du-so-lieu",
            f"Mới có số liệu năm gốc {base.year}; cần thêm số liệu các năm sau.{case.brk}",
            base=base,
            latest=latest,
            points=tuple(pts),
        )
    level = target.value * base.value
    prefix = (
        f"Cần gấp {w.op_words(target.operator)} {fmt.number(target.value)} lần năm {base.year} "
        f"({w.value(base.value, ind)} → {w.value(level, ind)}). "
    )
    return judge_level(case, base, latest, level, pts, prefix=prefix)


def maintain(case: Case) -> Assessment:
    """«duy trì (trên X)»: the latest figure keeps above the floor (if any) and does not fall."""
    early = _not_enough(case)
    if early is not None:
        return early
    ind, target, pts = case.ind, case.target, case.points
    pair = base_and_latest(pts, target.start_year or case.base_year)
    assert pair is not None
    base, latest = pair
    done = latest.year >= target.year
    rising = latest.value >= base.value
    floor = target.value
    if floor is not None:
        meets = met(latest.value, target.operator or ">=", floor)
        if meets:
            status = ("dat" if done else "dung-huong") if rising else "can-tang-toc"
        else:
            status = "tien-trien-han-che" if rising else "di-xa-muc-tieu"
        trend = "tăng" if latest.value > base.value else ("giảm" if latest.value < base.value else "không đổi")
        sentence = (
            f"Cần duy trì {w.op_words(target.operator or '>=')} {w.value(floor, ind)}; "
            f"năm {latest.year} đạt {w.value(latest.value, ind)}{w.flags(latest)}, "
            f"{trend} so với {w.value(base.value, ind)} năm {base.year} → {STATUSES[status]['label'].lower()}.{case.brk}"
        )
    else:
        status = ("dat" if done else "dung-huong") if rising else "di-xa-muc-tieu"
        note = w.flags(latest).strip(" ()")
        sentence = (
            f"Cần duy trì hoặc nâng cao; từ {w.value(base.value, ind)} ({base.year}) đến "
            f"{w.value(latest.value, ind)} ({latest.year}{note and ', ' + note}) "
            f"→ {STATUSES[status]['label'].lower()}.{case.brk}"
        )
    return case.result(status, sentence, base=base, latest=latest, target_value=floor, points=tuple(pts))


def level(case: Case) -> Assessment:
    """«đạt X vào năm Y»: the ratio of actual to required growth since the base year."""
    early = _not_enough(case)
    if early is not None:
        return early
    target, pts = case.target, case.points
    pair = base_and_latest(pts, target.start_year or case.base_year)
    assert pair is not None and target.value is not None
    base, latest = pair
    goal = target.value
    if target.operator == "khoang" and base.value >= target.value:
        goal = target.value_max or target.value  # coming from above: the upper end is the goal
    return judge_level(case, base, latest, goal, pts, prefix="")


def judge_level(
    case: Case,
    base: Point,
    latest: Point,
    goal: float,
    pts: list[Point],
    prefix: str,
    unit: str | None = None,
    what: str = "",
) -> Assessment:
    """Judge a level ``goal`` for the target's year from ``base`` and ``latest``: met, gone away, or the growth ratio."""
    ind, target = case.ind, case.target
    done = latest.year >= target.year
    if target.operator != "khoang":
        goal_text = f"{w.op_words(target.operator)} {w.value(goal, ind, unit)}"
    else:
        goal_text = f"{w.value(target.value or 0, ind, unit)}–{w.value(target.value_max or 0, ind, unit)}"
    now = f"năm {latest.year}{what} là {w.value(latest.value, ind, unit)}{w.flags(latest)}"
    more = {"base": base, "latest": latest, "target_value": goal, "points": tuple(pts)}
    more["path"] = required_path(base.value, base.year, goal, target.year)
    met_value = target.value if (target.kind == "muc" and target.value is not None) else goal
    if met(latest.value, target.operator, met_value, target.value_max):
        return case.result("dat", f"{prefix}Mục tiêu {target.year}: {goal_text}; {now} → đã đạt.{case.brk}", **more)
    if met(base.value, target.operator, goal, target.value_max):
        sentence = (
            f"{prefix}Mục tiêu {target.year}: {goal_text}; năm {base.year} đã đạt ({w.value(base.value, ind, unit)}) "
            f"nhưng {now} → đi xa mục tiêu.{case.brk}"
        )
        return case.result("di-xa-muc-tieu", sentence, **more)
    ratio = growth_ratio(base.value, base.year, latest.value, latest.year, goal, target.year)
    if ratio is None:
        return case.result("chua-du-so-lieu", f"{prefix}Không tính được tốc độ cần thiết từ số liệu hiện có.{case.brk}", **more)
    status = bucket(ratio)
    if done and status == "dung-huong":
        status = "can-tang-toc"  # the deadline has come and the target is not met
    sentence = (
        f"{prefix}Mục tiêu {target.year}: {goal_text}. Từ {w.value(base.value, ind, unit)} năm {base.year}, "
        f"{now}; tốc độ thực tế bằng {fmt.number(ratio * 100, 0)}% tốc độ {'tăng' if goal > base.value else 'giảm'} cần thiết "
        f"→ {STATUSES[status]['label'].lower()}.{case.brk}"
    )
    return case.result(status, sentence, ratio=ratio, **more)


def reference_ratio(case: Case) -> Assessment:
    """«bằng 1/2 bình quân chung …»: the ratio of the indicator to a reference series, year by year, judged as a level."""
    ind, target = case.ind, case.target
    assert target.reference is not None and target.value is not None
    own, method, b1 = comparable_points(case.observations, ind.primary_series, case.place, target.year)
    ref, _, b2 = comparable_points(case.observations, target.reference, case.place, target.year)
    case = replace(case, method=method, brk=w.BREAK if (b1 or b2) else "")
    ref_by_year = {p.year: p for p in ref}
    ratios = [
        Point(p.year, p.value / r.value, p.preliminary or r.preliminary, p.estimate or r.estimate)
        for p in own
        if (r := ref_by_year.get(p.year)) is not None and r.value != 0
    ]
    ref_series = ind.series_by_id(target.reference)
    ref_name = ref_series.name if ref_series else target.reference
    if len(ratios) < 2:
        msg = (
            "Chưa có số liệu."
            if not own and not ref
            else f"Cần số liệu của cả chỉ tiêu và «{ref_name}» cho cùng năm, ít nhất hai năm; hiện có {len(ratios)} năm."
        )
        return case.result("chua-du-so-lieu", msg + case.brk, latest=ratios[-1] if ratios else None, points=tuple(ratios))
    pair = base_and_latest(ratios, case.base_year)
    if pair is None:
        return case.result("chua-du-so-lieu", f"Cần ít nhất hai năm khác nhau có cả hai số liệu.{case.brk}", points=tuple(ratios))
    base, latest = pair
    return judge_level(case, base, latest, target.value, ratios, prefix=f"Tỉ lệ so với {ref_name}. ", unit="lần", what=" tỉ lệ")


Assessor = Callable[[Case], Assessment]
ASSESSORS: dict[str, Assessor] = {
    "muc": level,
    "thay-doi-hang-nam": change_per_year,
    "boi-so-goc": multiple_of_base,
    "ti-le-tham-chieu": reference_ratio,
    "duy-tri": maintain,
    "dinh-tinh": qualitative,
}
