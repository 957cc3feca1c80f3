"""A status for every target, by the public method (see the method page of the site).

Level targets follow the progress measure of the UK Office for National
Statistics used by Open SDG platforms: the ratio of the actual compound growth
since the base year to the growth needed to reach the target on time, with
thresholds 0.95 / 0.6 / 0. Other kinds are reduced to that ratio by their own
rule. Only comparable points count: the indicator's main series, the plan's
place, and the latest method (a change of method is a break).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from plansite import model as m
from plansite.check.progress import Observation
from plansite.vi import fmt

StatusCode = Literal[
    "dat", "dung-huong", "can-tang-toc", "tien-trien-han-che", "di-xa-muc-tieu", "chua-du-so-lieu", "khong-danh-gia"
]

STATUSES: dict[str, dict[str, str]] = {
    "dat": {"label": "Đã đạt", "symbol": "✔", "shape": "circle"},
    "dung-huong": {"label": "Đúng tiến độ", "symbol": "▲", "shape": "triangle-up"},
    "can-tang-toc": {"label": "Có tiến bộ, cần tăng tốc", "symbol": "◆", "shape": "diamond"},
    "tien-trien-han-che": {"label": "Tiến bộ hạn chế", "symbol": "■", "shape": "square"},
    "di-xa-muc-tieu": {"label": "Đi xa mục tiêu", "symbol": "▼", "shape": "triangle-down"},
    "chua-du-so-lieu": {"label": "Chưa đủ số liệu", "symbol": "○", "shape": "stroke"},
    "khong-danh-gia": {"label": "Không đánh giá (định tính)", "symbol": "–", "shape": "cross"},
}
ORDER: tuple[str, ...] = tuple(STATUSES)
RANK = {"di-xa-muc-tieu": 0, "tien-trien-han-che": 1, "can-tang-toc": 2, "dung-huong": 3, "dat": 4}
ON_TRACK, ACCELERATE, LIMITED = 0.95, 0.6, 0.0


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    preliminary: bool = False
    estimate: bool = False


@dataclass(frozen=True)
class Assessment:
    indicator: str
    index: int  # position of the target in the indicator
    year: int
    kind: str
    status: str
    sentence: str
    base: Point | None = None
    latest: Point | None = None
    target_value: float | None = None  # the level to reach (computed for baseline/ratio kinds)
    ratio: float | None = None
    points: tuple[Point, ...] = ()
    method: str = ""
    path: tuple[tuple[int, float], ...] = field(default=())  # the path needed from the base year

    @property
    def label(self) -> str:
        if self.status == "chua-du-so-lieu" and not self.points:
            return "Chưa có số liệu"
        return STATUSES[self.status]["label"]


def comparable_points(observations: Sequence[Observation], series: str, place: str, until: int) -> tuple[list[Point], str, bool]:
    """Points of one series and place up to ``until``, after the last change of method.

    Returns (points, method, had_break).
    """
    chosen = [o for o in observations if o.series == series and o.place == place and o.year <= until]
    if not chosen:
        return [], "", False
    # A newer method may overlap an older one in its first year (both figures published for that year):
    # order methods by the year they first appear, so the newer one comes last within a year.
    first_year: dict[str, int] = {}
    for o in chosen:
        first_year[o.method] = min(first_year.get(o.method, o.year), o.year)
    rows = sorted(chosen, key=lambda o: (o.year, first_year[o.method], o.method))
    last_method = rows[-1].method
    # The segment is the run of the latest method back to the most recent change.
    segment: list[Observation] = []
    for o in reversed(rows):
        if o.method != last_method:
            break
        segment.append(o)
    had_break = len(segment) < len(rows)
    segment.reverse()
    return [Point(o.year, o.value, o.preliminary, o.estimate) for o in segment], last_method, had_break


def _met(value: float, op: str | None, target: float, target_max: float | None = None, eps: float = 1e-9) -> bool:
    if op == ">":
        return value > target + eps
    if op == ">=" or op is None:
        return value >= target - eps
    if op == "<":
        return value < target - eps
    if op == "<=":
        return value <= target + eps
    if op == "=":
        return abs(value - target) <= max(eps, abs(target) * 1e-6)
    if op == "khoang":
        return target - eps <= value <= (target_max if target_max is not None else target) + eps
    return False


def _bucket(ratio: float) -> str:
    if ratio >= ON_TRACK:
        return "dung-huong"
    if ratio >= ACCELERATE:
        return "can-tang-toc"
    if ratio >= LIMITED:
        return "tien-trien-han-che"
    return "di-xa-muc-tieu"


def growth_ratio(x0: float, t0: int, xt: float, t: int, target: float, year: int) -> float | None:
    """Actual over required growth: compound when all values are positive, else linear."""
    if t <= t0 or year <= t0:
        return None
    if x0 > 0 and xt > 0 and target > 0:
        need = (target / x0) ** (1 / (year - t0)) - 1
        got = (xt / x0) ** (1 / (t - t0)) - 1
    else:
        need = (target - x0) / (year - t0)
        got = (xt - x0) / (t - t0)
    if abs(need) < 1e-12:
        return None
    return got / need


def required_path(x0: float, t0: int, target: float, year: int) -> tuple[tuple[int, float], ...]:
    if year <= t0:
        return ()
    if x0 > 0 and target > 0:
        r = (target / x0) ** (1 / (year - t0))
        return tuple((y, x0 * r ** (y - t0)) for y in range(t0, year + 1))
    step = (target - x0) / (year - t0)
    return tuple((y, x0 + step * (y - t0)) for y in range(t0, year + 1))


def _base_and_latest(points: list[Point], base_year: int) -> tuple[Point, Point] | None:
    if len(points) < 2:
        return None
    before = [p for p in points if p.year <= base_year]
    base = before[-1] if before else points[0]
    latest = points[-1]
    if latest.year <= base.year:
        return None
    return base, latest


def _v(x: float, ind: m.Indicator, unit: str | None = None) -> str:
    return fmt.with_unit(x, unit if unit is not None else ind.unit, ind.decimals)


def _op_words(op: str | None) -> str:
    return {">": "trên", ">=": "ít nhất", "<": "dưới", "<=": "không quá", "=": "bằng", "khoang": "trong khoảng"}.get(op or "", "")


def _change_goal(target: m.Target, decimals: int) -> str:
    """Words for a required yearly change, from its sign and comparator: «giảm trên 3», «tăng ít nhất 2»."""
    v = target.value or 0.0
    if target.operator == "khoang":
        lo, hi = sorted((abs(v), abs(target.value_max or 0.0)))
        verb = "giảm" if max(v, target.value_max or 0.0) <= 0 else "tăng"
        return f"{verb} từ {fmt.number(lo, decimals)} đến {fmt.number(hi, decimals)}"
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
    return f"{verb} {words} {fmt.number(abs(v), decimals)}"


def _flags(p: Point) -> str:
    return " (sơ bộ)" if p.preliminary else (" (ước tính)" if p.estimate else "")


def assess(
    ind: m.Indicator, index: int, target: m.Target, observations: Sequence[Observation], place: str, base_year: int
) -> Assessment:
    """Judge one target of one indicator."""
    A = Assessment
    if target.kind == "dinh-tinh":
        return A(
            ind.id,
            index,
            target.year,
            target.kind,
            "khong-danh-gia",
            "Mục tiêu định tính: không đo bằng con số; xem tiến độ các nhiệm vụ liên quan.",
        )
    series = ind.primary_series
    pts, method, had_break = comparable_points(observations, series, place, target.year)
    brk = " Chỉ dùng số liệu sau lần đổi phương pháp gần nhất." if had_break else ""
    if target.kind == "ti-le-tham-chieu":
        return _assess_reference(ind, index, target, observations, place, base_year)
    if not pts:
        return A(ind.id, index, target.year, target.kind, "chua-du-so-lieu", "Chưa có số liệu.", method=method)
    pair = _base_and_latest(pts, target.start_year or base_year)
    if pair is None:
        p = pts[-1]
        return A(
            ind.id,
            index,
            target.year,
            target.kind,
            "chua-du-so-lieu",
            f"Mới có một số liệu so sánh được ({_v(p.value, ind)} năm {p.year}{_flags(p)}); "
            f"cần ít nhất hai năm để đánh giá xu hướng.{brk}",
            latest=p,
            points=tuple(pts),
            method=method,
        )
    base, latest = pair
    span = f"{base.year}–{latest.year}"
    done = latest.year >= target.year

    if target.kind == "thay-doi-hang-nam":
        assert target.value is not None
        need = (
            target.value
            if target.operator != "khoang"
            else (target.value_max if abs(target.value_max or 0) < abs(target.value) else target.value)
        )  # the smaller improvement
        assert need is not None
        got = (latest.value - base.value) / (latest.year - base.year)
        unit = target.unit or ind.unit
        verb_got = "giảm" if got < 0 else "tăng"
        op_ok = (
            _met(got, target.operator, target.value, target.value_max)
            if target.operator != "khoang"
            else (got <= need + 1e-9 if need < 0 else got >= need - 1e-9)
        )
        ratio = got / need if need else None
        if op_ok:
            status = "dat" if done else "dung-huong"
        else:
            status = _bucket(ratio) if ratio is not None else "chua-du-so-lieu"
            if status == "dung-huong":
                status = "can-tang-toc"
        goal = _change_goal(target, ind.decimals)
        sentence = (
            f"Cần {goal} {unit.replace('/năm', '')}/năm; bình quân {span} {verb_got} "
            f"{fmt.number(abs(got), 2)} {unit.replace('/năm', '')}/năm → {STATUSES[status]['label'].lower()}.{brk}"
        )
        implied = base.value + need * (target.year - base.year)
        path = tuple((y, base.value + need * (y - base.year)) for y in range(base.year, target.year + 1))
        return A(
            ind.id, index, target.year, target.kind, status, sentence, base, latest, implied, ratio, tuple(pts), method, path
        )

    if target.kind == "boi-so-goc":
        assert target.value is not None and target.base_year is not None
        at_base = [p for p in pts if p.year == target.base_year]
        if not at_base:
            return A(
                ind.id,
                index,
                target.year,
                target.kind,
                "chua-du-so-lieu",
                f"Thiếu số liệu năm gốc {target.base_year} (cùng phương pháp) để tính mức gấp {fmt.number(target.value)} lần.{brk}",
                latest=pts[-1],
                points=tuple(pts),
                method=method,
            )
        base = at_base[0]
        if latest.year <= base.year:
            return A(
                ind.id,
                index,
                target.year,
                target.kind,
                "chua-du-so-lieu",
                f"Mới có số liệu năm gốc {base.year}; cần thêm số liệu các năm sau.{brk}",
                base=base,
                latest=latest,
                points=tuple(pts),
                method=method,
            )
        level = target.value * base.value
        return _level(
            ind,
            index,
            target,
            base,
            latest,
            level,
            pts,
            method,
            brk,
            prefix=f"Cần gấp {_op_words(target.operator)} {fmt.number(target.value)} lần năm {base.year} "
            f"({_v(base.value, ind)} → {_v(level, ind)}). ",
        )

    if target.kind == "duy-tri":
        floor = target.value
        rising = latest.value >= base.value
        if floor is not None:
            meets = _met(latest.value, target.operator or ">=", floor)
            status = (
                ("dat" if done else "dung-huong")
                if meets and rising
                else ("can-tang-toc" if meets else ("tien-trien-han-che" if rising else "di-xa-muc-tieu"))
            )
            sentence = (
                f"Cần duy trì {_op_words(target.operator or '>=')} {_v(floor, ind)}; "
                f"năm {latest.year} đạt {_v(latest.value, ind)}{_flags(latest)}, "
                f"{'tăng' if latest.value > base.value else ('giảm' if latest.value < base.value else 'không đổi')} "
                f"so với {_v(base.value, ind)} năm {base.year} → {STATUSES[status]['label'].lower()}.{brk}"
            )
        else:
            status = ("dat" if done else "dung-huong") if rising else "di-xa-muc-tieu"
            sentence = (
                f"Cần duy trì hoặc nâng cao; từ {_v(base.value, ind)} ({base.year}) đến "
                f"{_v(latest.value, ind)} ({latest.year}{_flags(latest).strip(' ()') and ', ' + _flags(latest).strip(' ()')}) "
                f"→ {STATUSES[status]['label'].lower()}.{brk}"
            )
        return A(ind.id, index, target.year, target.kind, status, sentence, base, latest, floor, None, tuple(pts), method)

    # level by a year
    assert target.value is not None
    level = (
        target.value
        if target.operator != "khoang"
        else (target.value if base.value < target.value else (target.value_max or target.value))
    )
    return _level(ind, index, target, base, latest, level, pts, method, brk, prefix="")


def _level(
    ind: m.Indicator,
    index: int,
    target: m.Target,
    base: Point,
    latest: Point,
    level: float,
    pts: list[Point],
    method: str,
    brk: str,
    prefix: str,
    unit: str | None = None,
    what: str = "",
) -> Assessment:
    done = latest.year >= target.year
    goal = (
        f"{_op_words(target.operator)} {_v(level, ind, unit)}"
        if target.operator != "khoang"
        else (f"{_v(target.value or 0, ind, unit)}–{_v(target.value_max or 0, ind, unit)}")
    )
    now = f"năm {latest.year}{what} là {_v(latest.value, ind, unit)}{_flags(latest)}"
    path = required_path(base.value, base.year, level, target.year)
    goal_value = target.value if (target.kind == "muc" and target.value is not None) else level
    if _met(latest.value, target.operator, goal_value, target.value_max):
        return Assessment(
            ind.id,
            index,
            target.year,
            target.kind,
            "dat",
            f"{prefix}Mục tiêu {target.year}: {goal}; {now} → đã đạt.{brk}",
            base,
            latest,
            level,
            None,
            tuple(pts),
            method,
            path,
        )
    if _met(base.value, target.operator, level, target.value_max):
        return Assessment(
            ind.id,
            index,
            target.year,
            target.kind,
            "di-xa-muc-tieu",
            f"{prefix}Mục tiêu {target.year}: {goal}; năm {base.year} đã đạt ({_v(base.value, ind, unit)}) "
            f"nhưng {now} → đi xa mục tiêu.{brk}",
            base,
            latest,
            level,
            None,
            tuple(pts),
            method,
            path,
        )
    ratio = growth_ratio(base.value, base.year, latest.value, latest.year, level, target.year)
    if ratio is None:
        return Assessment(
            ind.id,
            index,
            target.year,
            target.kind,
            "chua-du-so-lieu",
            f"{prefix}Không tính được tốc độ cần thiết từ số liệu hiện có.{brk}",
            base,
            latest,
            level,
            None,
            tuple(pts),
            method,
            path,
        )
    status = _bucket(ratio)
    if done and status == "dung-huong":
        status = "can-tang-toc"  # the deadline has come and the target is not met
    need_word = "tăng" if level > base.value else "giảm"
    sentence = (
        f"{prefix}Mục tiêu {target.year}: {goal}. Từ {_v(base.value, ind, unit)} năm {base.year}, "
        f"{now}; tốc độ thực tế bằng {fmt.number(ratio * 100, 0)}% tốc độ {need_word} cần thiết "
        f"→ {STATUSES[status]['label'].lower()}.{brk}"
    )
    return Assessment(
        ind.id, index, target.year, target.kind, status, sentence, base, latest, level, ratio, tuple(pts), method, path
    )


def _assess_reference(
    ind: m.Indicator, index: int, target: m.Target, observations: Sequence[Observation], place: str, base_year: int
) -> Assessment:
    assert target.reference is not None and target.value is not None
    own, method, b1 = comparable_points(observations, ind.primary_series, place, target.year)
    ref, _, b2 = comparable_points(observations, target.reference, place, target.year)
    brk = " Chỉ dùng số liệu sau lần đổi phương pháp gần nhất." if (b1 or b2) else ""
    ref_by_year = {p.year: p for p in ref}
    ratios = [
        Point(
            p.year,
            p.value / ref_by_year[p.year].value,
            p.preliminary or ref_by_year[p.year].preliminary,
            p.estimate or ref_by_year[p.year].estimate,
        )
        for p in own
        if p.year in ref_by_year and ref_by_year[p.year].value != 0
    ]
    ref_series = ind.series_by_id(target.reference)
    ref_name = ref_series.name if ref_series else target.reference
    if len(ratios) < 2:
        msg = (
            "Chưa có số liệu."
            if not own and not ref
            else f"Cần số liệu của cả chỉ tiêu và «{ref_name}» cho cùng năm, ít nhất hai năm; hiện có {len(ratios)} năm."
        )
        return Assessment(
            ind.id,
            index,
            target.year,
            target.kind,
            "chua-du-so-lieu",
            msg + brk,
            latest=ratios[-1] if ratios else None,
            points=tuple(ratios),
            method=method,
        )
    pair = _base_and_latest(ratios, base_year)
    if pair is None:
        return Assessment(
            ind.id,
            index,
            target.year,
            target.kind,
            "chua-du-so-lieu",
            f"Cần ít nhất hai năm khác nhau có cả hai số liệu.{brk}",
            points=tuple(ratios),
            method=method,
        )
    base, latest = pair
    return _level(
        ind,
        index,
        target,
        base,
        latest,
        target.value,
        ratios,
        method,
        brk,
        prefix=f"Tỉ lệ so với {ref_name}. ",
        unit="lần",
        what=" tỉ lệ",
    )


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: str
    assessments: tuple[Assessment, ...]

    @property
    def headline(self) -> Assessment:
        """The assessment of the earliest quantified target (else the first)."""
        quant = [a for a in self.assessments if a.status != "khong-danh-gia"]
        return min(quant or self.assessments, key=lambda a: a.year)


def assess_all(plan: m.PlanData, observations: Sequence[Observation]) -> dict[str, IndicatorStatus]:
    by_ind: dict[str, list[Observation]] = {}
    for o in observations:
        by_ind.setdefault(o.indicator, []).append(o)
    out: dict[str, IndicatorStatus] = {}
    for ind in plan.indicators:
        obs = by_ind.get(ind.id, [])
        out[ind.id] = IndicatorStatus(
            ind.id, tuple(assess(ind, i, t, obs, plan.plan.place, plan.plan.base_year) for i, t in enumerate(ind.targets))
        )
    return out


def is_finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)
