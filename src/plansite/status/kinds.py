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
from plansite.status.labels import RANK, STATUSES, bucket
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
    reference: tuple[m.Indicator, Sequence[Observation]] | None = None  # another indicator a ratio is measured against

    def result(self, status: str, sentence: str, **more: object) -> Assessment:
        t = self.target
        return replace(
            Assessment(self.ind.id, self.index, t.year, t.kind, status, sentence, method=self.method),
            **more,  # type: ignore[arg-type]
        )


def qualitative(case: Case) -> Assessment:
    return case.result("khong-danh-gia", "Không đo bằng con số: theo dõi qua tiến độ các nhiệm vụ liên quan.", method="")


def _not_enough(case: Case, one_figure: bool = False) -> Assessment | None:
    """The assessment when there is no figure, or one figure only; None when a trend can be judged.

    With ``one_figure`` (targets of a level), one comparable figure at or after the start says what it
    honestly can: the level is reached, or how far it still is (``single_figure``).
    """
    pts = case.points
    if not pts:
        return case.result("cho-so-lieu", "Chưa có số liệu đúng theo định nghĩa của kế hoạch.")
    if base_and_latest(pts, case.target.start_year or case.base_year) is None:
        p = pts[-1]
        if one_figure and p.year >= (case.target.start_year or case.base_year):
            judged = single_figure(case, p)
            if judged is not None:
                return judged
        return case.result(
            "chua-du-so-lieu",
            f"Mới có một số liệu so sánh được ({w.figure(p.value, case.ind)} năm {p.year}{w.flags(p)}); "
            f"cần ít nhất hai năm để đánh giá xu hướng.{case.brk}",
            latest=p,
            points=tuple(pts),
        )
    return None


def single_figure(case: Case, p: Point) -> Assessment | None:
    """One figure against a level («Năm 2023: 97% — đã vượt mức 96% của mục tiêu 2025»); None for other kinds."""
    ind, t = case.ind, case.target
    if t.value is None or t.kind not in ("muc", "duy-tri"):
        return None
    op = t.operator or ">="
    goal = (
        f"{w.op_words(op)} {w.tvalue(t.value, ind)}"
        if op != "khoang"
        else f"{w.tvalue(t.value, ind)}–{w.tvalue(t.value_max or 0, ind)}"
    )
    head = f"Năm {p.year}: {w.figure(p.value, ind)}{w.flags(p)}"
    more = {"latest": p, "points": (p,), "target_value": t.value}
    if met(p.value, op, t.value, t.value_max):
        if t.kind == "duy-tri":
            return case.result(
                "dang-dat",
                f"{head} — đang đạt mức {goal} cần duy trì; cần số liệu các năm sau để biết có giữ được không.{case.brk}",
                **more,
            )
        return case.result("dat", f"{head} — đã đạt mức {goal} của mục tiêu {t.year}.{case.brk}", **more)
    gap = abs(p.value - (t.value if op != "khoang" or p.value < t.value else (t.value_max or t.value)))
    unit = "điểm %" if ind.is_percent else ind.unit
    return case.result(
        "chua-dat",
        f"{head} — còn cách mục tiêu {t.year} ({goal}) {fmt.target_number(gap, ind.decimals)} {unit}; "
        f"mới có một số liệu nên chưa rõ xu hướng.{case.brk}",
        **more,
    )


def change_per_year(case: Case) -> Assessment:
    """«… mỗi năm giảm trên X»: the average change per year since the start of the period, against X.

    In points (``change: diem``), relative (``tuong-doi``: compound % a year), or both when the plan
    does not say (``chua-ro``): then the lower of the two statuses is given, and the sentence says why.
    """
    early = _not_enough(case)
    if early is not None:
        return early
    t = case.target
    if t.change != "chua-ro":
        return _per_year(case, t.change)
    points, relative = _per_year(case, "diem"), _per_year(case, "tuong-doi")
    worse = min((points, relative), key=lambda a: RANK.get(a.status, -1))
    sentence = (
        f"Kế hoạch không nói rõ «{fmt.target_number(abs(t.value or 0), 0)}{t.unit.replace(' ', '')}» là điểm phần trăm hay tỉ lệ "
        f"tương đối; ghi theo cách cho kết quả thấp hơn. Theo điểm: {points.sentence} Tương đối: {relative.sentence}"
    )
    return replace(worse, sentence=sentence)


def _per_year(case: Case, mode: str) -> Assessment:
    ind, target, pts = case.ind, case.target, case.points
    pair = base_and_latest(pts, target.start_year or case.base_year)
    assert pair is not None and target.value is not None
    base, latest = pair
    # A range: its smaller improvement is what is required.
    need: float = target.value
    if target.operator == "khoang" and target.value_max is not None and abs(target.value_max) < abs(target.value):
        need = target.value_max
    years = latest.year - base.year
    if mode == "tuong-doi":
        if base.value <= 0 or latest.value <= 0:
            return case.result("chua-du-so-lieu", f"Không tính được thay đổi tương đối từ số liệu bằng 0 hoặc âm.{case.brk}")
        got = ((latest.value / base.value) ** (1 / years) - 1) * 100
        unit = "%"
    else:
        got = (latest.value - base.value) / years
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
    if mode == "tuong-doi":
        path = tuple((y, base.value * (1 + need / 100) ** (y - base.year)) for y in range(base.year, target.year + 1))
    else:
        path = tuple((y, base.value + need * (y - base.year)) for y in range(base.year, target.year + 1))
    return case.result(
        status, sentence, base=base, latest=latest, target_value=path[-1][1], ratio=ratio, points=tuple(pts), path=path
    )


def multiple_of_base(case: Case) -> Assessment:
    """«… gấp N lần năm gốc»: the level N × the base year's figure, judged as a level."""
    t = case.target
    assert t.value is not None
    value = t.value
    return _from_base(
        case,
        lambda base: value * base,
        lambda base, lvl: (
            f"Cần gấp {w.op_words(t.operator)} {fmt.target_number(value, 0)} lần năm {t.base_year} "
            f"({w.figure(base, case.ind)} → {w.value(lvl, case.ind)}). "
        ),
        f"mức gấp {fmt.target_number(value, 0)} lần",
    )


def relative_to_base(case: Case) -> Assessment:
    """«giảm 50% so với năm 2020»: the level (1 + X/100) × the base year's figure, judged as a level."""
    t = case.target
    assert t.value is not None
    value = t.value
    verb = "giảm" if value < 0 else "tăng"
    return _from_base(
        case,
        lambda base: base * (1 + value / 100),
        lambda base, lvl: (
            f"Cần {w.change_goal(t, 0)}% so với năm {t.base_year} ({w.figure(base, case.ind)} → {w.value(lvl, case.ind)}). "
        ),
        f"mức {verb} {fmt.target_number(abs(value), 0)}%",
    )


def _from_base(case: Case, level_of: Callable[[float], float], prefix: Callable[[float, float], str], what: str) -> Assessment:
    """A target whose level is computed from the figure of its base year, then judged as a level."""
    early = _not_enough(case)
    if early is not None:
        return early
    target, pts = case.target, case.points
    assert target.base_year is not None
    at_base = [p for p in pts if p.year == target.base_year]
    if not at_base:
        return case.result(
            "chua-du-so-lieu",
            f"Thiếu số liệu năm gốc {target.base_year} (cùng phương pháp) để tính {what}.{case.brk}",
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
    goal = level_of(base.value)
    return judge_level(case, base, latest, goal, pts, prefix=prefix(base.value, goal))


def maintain(case: Case) -> Assessment:
    """«duy trì (trên X)»: the latest figure keeps above the floor (if any) and does not fall."""
    early = _not_enough(case, one_figure=True)
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
            f"Cần duy trì {w.op_words(target.operator or '>=')} {w.tvalue(floor, ind)}; "
            f"năm {latest.year} đạt {w.figure(latest.value, ind)}{w.flags(latest)}, "
            f"{trend} so với {w.figure(base.value, ind)} năm {base.year} → {STATUSES[status]['label'].lower()}.{case.brk}"
        )
    else:
        status = ("dat" if done else "dung-huong") if rising else "di-xa-muc-tieu"
        note = w.flags(latest).strip(" ()")
        sentence = (
            f"Cần duy trì hoặc nâng cao; từ {w.figure(base.value, ind)} ({base.year}) đến "
            f"{w.figure(latest.value, ind)} ({latest.year}{note and ', ' + note}) "
            f"→ {STATUSES[status]['label'].lower()}.{case.brk}"
        )
    return case.result(status, sentence, base=base, latest=latest, target_value=floor, points=tuple(pts))


def level(case: Case) -> Assessment:
    """«đạt X vào năm Y»: the ratio of actual to required growth since the base year."""
    early = _not_enough(case, one_figure=True)
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
        goal_text = f"{w.op_words(target.operator)} {w.tvalue(goal, ind, unit)}"
    else:
        goal_text = f"{w.tvalue(target.value or 0, ind, unit)}–{w.tvalue(target.value_max or 0, ind, unit)}"
    now = f"năm {latest.year}{what} là {w.figure(latest.value, ind, unit)}{w.flags(latest)}"
    more = {"base": base, "latest": latest, "target_value": goal, "points": tuple(pts)}
    more["path"] = required_path(base.value, base.year, goal, target.year)
    met_value = target.value if (target.kind == "muc" and target.value is not None) else goal
    if met(latest.value, target.operator, met_value, target.value_max):
        return case.result("dat", f"{prefix}Mục tiêu {target.year}: {goal_text}; {now} → đã đạt.{case.brk}", **more)
    if met(base.value, target.operator, goal, target.value_max):
        sentence = (
            f"{prefix}Mục tiêu {target.year}: {goal_text}; năm {base.year} đã đạt ({w.figure(base.value, ind, unit)}) "
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
        f"{prefix}Mục tiêu {target.year}: {goal_text}. Từ {w.figure(base.value, ind, unit)} năm {base.year}, "
        f"{now}; tốc độ thực tế bằng {fmt.number(ratio * 100, 0)}% tốc độ {'tăng' if goal > base.value else 'giảm'} cần thiết "
        f"→ {STATUSES[status]['label'].lower()}.{case.brk}"
    )
    return case.result(status, sentence, ratio=ratio, **more)


def reference_ratio(case: Case) -> Assessment:
    """«bằng 1/2 bình quân chung …»: the ratio of the indicator to a reference series, year by year, judged as a level."""
    ind, target = case.ind, case.target
    assert target.value is not None
    own, method, b1 = comparable_points(case.observations, ind.primary_series, case.place, target.year)
    if target.reference_indicator is not None and case.reference is not None:
        ref_ind, ref_obs = case.reference
        ref, _, b2 = comparable_points(ref_obs, ref_ind.primary_series, case.place, target.year)
        ref_name = ref_ind.name
    else:
        assert target.reference is not None
        ref, _, b2 = comparable_points(case.observations, target.reference, case.place, target.year)
        ref_series = ind.series_by_id(target.reference)
        ref_name = ref_series.name if ref_series else target.reference
    case = replace(case, method=method, brk=w.BREAK if (b1 or b2) else "")
    ref_by_year = {p.year: p for p in ref}
    ratios = [
        Point(p.year, p.value / r.value, p.preliminary or r.preliminary, p.estimate or r.estimate)
        for p in own
        if (r := ref_by_year.get(p.year)) is not None and r.value != 0
    ]
    if len(ratios) < 2:
        msg = (
            "Chưa có số liệu."
            if not own and not ref
            else f"Cần số liệu của cả chỉ tiêu và «{ref_name}» cho cùng năm, ít nhất hai năm; hiện có {len(ratios)} năm."
        )
        status = "cho-so-lieu" if not own and not ref else "chua-du-so-lieu"
        return case.result(status, msg + case.brk, latest=ratios[-1] if ratios else None, points=tuple(ratios))
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
    "thay-doi-so-voi-goc": relative_to_base,
    "ti-le-tham-chieu": reference_ratio,
    "duy-tri": maintain,
    "dinh-tinh": qualitative,
}
