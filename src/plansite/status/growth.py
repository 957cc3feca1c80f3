"""Arithmetic of progress: whether a value meets a target, the growth ratio, the path needed."""

from __future__ import annotations


def met(value: float, op: str | None, target: float, target_max: float | None = None, eps: float = 1e-9) -> bool:
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
