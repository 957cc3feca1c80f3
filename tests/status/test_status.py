"""Status of targets, hand-computed for every kind and edge (status.py)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from plansite import model as m
from plansite.check.progress import Observation
from plansite.pipeline import check
from plansite.status.method import (
    ORDER,
    RANK,
    STATUSES,
    Assessment,
    IndicatorStatus,
    assess,
    assess_all,
    comparable_points,
    growth_ratio,
    required_path,
)
from testkit import TODAY

PLACE = "tinh-mau"
BASE_YEAR = 2020


def ind(
    unit: str = "%",
    *targets: dict[str, Any],
    series: list[dict[str, Any]] | None = None,
    decimals: int = 1,
    iid: str = "chi-tieu",
) -> m.Indicator:
    return m.Indicator.model_validate(
        {
            "id": iid,
            "name": "Chỉ tiêu mẫu",
            "area": "mau",
            "unit": unit,
            "decimals": decimals,
            "quote": "trích dẫn",
            "anchor": "a",
            "series": series or [],
            "targets": [{"quote": "trích dẫn", "anchor": "a", **t} for t in targets],
        }
    )


def ob(
    year: int,
    value: float,
    method: str = "",
    series: str = "chinh",
    place: str = PLACE,
    preliminary: bool = False,
    estimate: bool = False,
    iid: str = "chi-tieu",
) -> Observation:
    return Observation(
        iid, year, value, place, series, method, "Nguồn mẫu", "", "", None, preliminary, estimate, "", "progress/x.csv", 2
    )


def judge(indicator: m.Indicator, observations: list[Observation], index: int = 0, base_year: int = BASE_YEAR) -> Assessment:
    return assess(indicator, index, indicator.targets[index], observations, PLACE, base_year)


LEVEL_UP = {"year": 2025, "kind": "muc", "operator": ">=", "value": 80}
LEVEL_DOWN = {"year": 2025, "kind": "muc", "operator": "<", "value": 10}


# --------------------------------------------------------------------------- not enough data


def test_no_data() -> None:
    """No figure: «waiting for a figure», never a word a reader could take for «no progress»."""
    a = judge(ind("%", LEVEL_UP), [])
    assert a.status == "cho-so-lieu"
    assert a.label == "Chưa đánh giá: chờ số liệu công bố"
    assert a.points == () and a.latest is None and a.ratio is None


def test_only_other_places_series_and_later_years_count_as_no_data() -> None:
    obs = [
        ob(2020, 50, place="doi-xanh"),
        ob(2022, 60, place="doi-xanh"),
        ob(2020, 50, series="khac"),
        ob(2026, 70),
        ob(2027, 75),
    ]
    a = judge(ind("%", LEVEL_UP), obs)
    assert a.status == "cho-so-lieu"


def test_one_point() -> None:
    """One figure below a level: how far it still is, no trend claimed."""
    a = judge(ind("%", LEVEL_UP), [ob(2022, 60, preliminary=True)])
    assert a.status == "chua-dat"
    assert a.label == STATUSES["chua-dat"]["label"] == "Chưa đạt, chưa rõ xu hướng"
    assert a.latest is not None and (a.latest.year, a.latest.value) == (2022, 60)
    assert len(a.points) == 1
    assert "60%" in a.sentence and "2022" in a.sentence and "sơ bộ" in a.sentence
    assert "còn cách mục tiêu 2025" in a.sentence and "20 điểm %" in a.sentence


def test_one_point_above_the_level_is_reached() -> None:
    a = judge(ind("%", {"year": 2025, "kind": "muc", "operator": ">", "value": 96}), [ob(2023, 97)])
    assert a.status == "dat"
    assert a.sentence.startswith("Năm 2023: 97% — đã đạt mức trên 96% của mục tiêu 2025")


def test_one_point_below_a_ceiling() -> None:
    a = judge(ind("%", LEVEL_DOWN), [ob(2023, 11.3)])
    assert a.status == "chua-dat" and "còn cách mục tiêu 2025 (dưới 10%) 1,3 điểm %" in a.sentence


def test_one_point_of_maintain_above_is_being_met() -> None:
    keep = {"year": 2025, "kind": "duy-tri", "operator": ">", "value": 96}
    a = judge(ind("%", keep), [ob(2023, 96.3)])
    assert a.status == "dang-dat" and a.label == "Đang đạt (cần duy trì)"
    below = judge(ind("%", keep), [ob(2023, 95.0)])
    assert below.status == "chua-dat"


def test_one_point_before_the_base_year_is_not_enough() -> None:
    a = judge(ind("%", LEVEL_UP), [ob(2018, 90)])
    assert a.status == "chua-du-so-lieu"


def test_one_point_of_a_change_target_is_not_enough() -> None:
    per_year = {"year": 2025, "kind": "thay-doi-hang-nam", "operator": "<", "value": -3, "unit": "điểm %/năm"}
    assert judge(ind("%", per_year), [ob(2022, 20)]).status == "chua-du-so-lieu"


def test_two_points_in_the_same_year_is_one_year() -> None:
    # two methods, but after the break only one point is comparable
    a = judge(ind("%", LEVEL_UP), [ob(2020, 50, "A"), ob(2021, 55, "A"), ob(2022, 61, "B")])
    assert a.status == "chua-dat"  # one comparable figure: how far it is, no trend
    assert [p.year for p in a.points] == [2022]
    assert "đổi phương pháp" in a.sentence


# --------------------------------------------------------------------------- method break


BREAK = [ob(2019, 19.93, "A"), ob(2020, 18.50, "A"), ob(2021, 17.02, "A"), ob(2021, 26.93, "B"), ob(2023, 21.95, "B")]


def test_comparable_points_after_method_break() -> None:
    pts, method, had_break = comparable_points(BREAK, "chinh", PLACE, 2025)
    assert [(p.year, p.value) for p in pts] == [(2021, 26.93), (2023, 21.95)]
    assert method == "B" and had_break


def test_comparable_points_without_break() -> None:
    pts, method, had_break = comparable_points(BREAK[:3], "chinh", PLACE, 2025)
    assert [p.year for p in pts] == [2019, 2020, 2021]
    assert method == "A" and not had_break


def test_comparable_points_until_year_decides_the_method() -> None:
    # Judged in 2021 … only data up to 2021 — but 2021 has both methods (the newer method wins).
    pts, method, _ = comparable_points(BREAK, "chinh", PLACE, 2020)
    assert [p.year for p in pts] == [2019, 2020] and method == "A"


def test_method_break_only_new_method_used() -> None:
    a = judge(ind("%", LEVEL_DOWN, decimals=2), BREAK)
    assert a.method == "B"
    assert [(p.year, p.value) for p in a.points] == [(2021, 26.93), (2023, 21.95)]
    assert a.base is not None and a.latest is not None
    assert (a.base.year, a.base.value, a.latest.year, a.latest.value) == (2021, 26.93, 2023, 21.95)
    need = (10 / 26.93) ** (1 / 4) - 1
    got = (21.95 / 26.93) ** (1 / 2) - 1
    assert a.ratio == pytest.approx(got / need)
    assert a.ratio == pytest.approx(0.4430, abs=1e-4)
    assert a.status == "tien-trien-han-che"
    assert "Chỉ dùng số liệu sau lần đổi phương pháp gần nhất." in a.sentence
    assert "26,93%" in a.sentence and "21,95%" in a.sentence


def test_overlap_year_as_latest_year_still_has_points() -> None:
    obs = [ob(2019, 19.93, "A"), ob(2020, 18.50, "A"), ob(2021, 17.02, "A"), ob(2021, 26.93, "B")]
    pts, method, _ = comparable_points(obs, "chinh", PLACE, 2025)
    assert pts, "four observations, yet no comparable point"
    assert {o.method for o in obs if (o.year, o.value) in {(p.year, p.value) for p in pts}} == {method}
    assert judge(ind("%", LEVEL_DOWN), obs).label != "Chưa có số liệu"


# --------------------------------------------------------------------------- level targets (muc)


def test_compound_ratio_exact() -> None:
    a = judge(ind("%", LEVEL_UP), [ob(2020, 50), ob(2022, 60)])
    expected = ((60 / 50) ** (1 / 2) - 1) / ((80 / 50) ** (1 / 5) - 1)
    assert a.ratio == pytest.approx(expected, rel=1e-12)
    assert a.ratio == pytest.approx(0.968391, abs=1e-6)  # 0.0954451 / 0.0985605
    assert a.status == "dung-huong"
    assert a.target_value == 80
    assert "97%" in a.sentence  # «tốc độ thực tế bằng 97% tốc độ tăng cần thiết»
    # the path needed from the base: 50 in 2020 → 80 in 2025, compound
    assert [y for y, _ in a.path] == list(range(2020, 2026))
    assert a.path[0][1] == pytest.approx(50) and a.path[-1][1] == pytest.approx(80)
    assert a.path[1][1] == pytest.approx(50 * 1.6**0.2)


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        (60.0, "dung-huong"),  # ratio 0.968
        (57.0, "can-tang-toc"),  # ((1.14)^.5-1)/0.0986 = 0.687
        (54.0, "tien-trien-han-che"),  # 0.398
        (50.0, "tien-trien-han-che"),  # 0 exactly: no progress is still ≥ 0
        (45.0, "di-xa-muc-tieu"),
        (80.0, "dat"),
        (95.0, "dat"),
    ],
)
def test_level_buckets(latest: float, status: str) -> None:
    assert judge(ind("%", LEVEL_UP), [ob(2020, 50), ob(2022, latest)]).status == status


def test_decreasing_level_target() -> None:
    # poverty 20% → 15% in two years; target below 10% in 2025
    a = judge(ind("%", LEVEL_DOWN), [ob(2020, 20), ob(2022, 15)])
    need = (10 / 20) ** (1 / 5) - 1
    got = (15 / 20) ** (1 / 2) - 1
    assert a.ratio == pytest.approx(got / need)  # 0.1340 / 0.1294 = 1.0350
    assert a.status == "dung-huong"
    assert "giảm" in a.sentence and "dưới 10%" in a.sentence
    assert judge(ind("%", LEVEL_DOWN), [ob(2020, 20), ob(2022, 9.5)]).status == "dat"
    assert judge(ind("%", LEVEL_DOWN), [ob(2020, 20), ob(2022, 10)]).status != "dat"  # «<10» is strict
    assert judge(ind("%", LEVEL_DOWN), [ob(2020, 20), ob(2022, 21)]).status == "di-xa-muc-tieu"


def test_target_already_met() -> None:
    a = judge(ind("%", LEVEL_UP), [ob(2020, 50), ob(2022, 85)])
    assert a.status == "dat"
    assert a.ratio is None
    assert "đã đạt" in a.sentence


def test_met_at_base_then_lost() -> None:
    a = judge(ind("%", LEVEL_UP), [ob(2020, 85), ob(2022, 70)])
    assert a.status == "di-xa-muc-tieu"
    assert "2020 đã đạt" in a.sentence


def test_deadline_passed_on_track_pace_is_not_on_track() -> None:
    target = {"year": 2022, "kind": "muc", "operator": ">=", "value": 60}
    a = judge(ind("%", target), [ob(2020, 50), ob(2022, 59.9)])
    assert a.ratio is not None and a.ratio > 0.95
    assert a.status == "can-tang-toc"


def test_zero_base_uses_linear_growth() -> None:
    target = {"year": 2025, "kind": "muc", "operator": ">=", "value": 10}
    a = judge(ind("km", target), [ob(2020, 0), ob(2022, 2)])
    # need (10-0)/5 = 2 a year; got (2-0)/2 = 1 a year
    assert a.ratio == pytest.approx(0.5)
    assert a.status == "tien-trien-han-che"
    assert a.path == tuple((y, 2.0 * (y - 2020)) for y in range(2020, 2026))


@pytest.mark.parametrize(
    ("x0", "xt", "target", "ratio", "status"),
    [
        (-4, 2, 6, ((2 + 4) / 2) / ((6 + 4) / 5), "dung-huong"),  # 3 / 2 = 1.5
        (-4, -3, 6, ((-3 + 4) / 2) / ((6 + 4) / 5), "tien-trien-han-che"),  # 0.5 / 2 = 0.25
        (5, -1, 10, ((-1 - 5) / 2) / ((10 - 5) / 5), "di-xa-muc-tieu"),  # -3
        (-10, -6, -2, ((-6 + 10) / 2) / ((-2 + 10) / 5), "dung-huong"),  # 2 / 1.6 = 1.25
    ],
)
def test_mixed_signs_use_linear_growth(x0: float, xt: float, target: float, ratio: float, status: str) -> None:
    t = {"year": 2025, "kind": "muc", "operator": ">=", "value": target}
    a = judge(ind("tỷ đồng", t), [ob(2020, x0), ob(2022, xt)])
    assert a.ratio == pytest.approx(ratio)
    assert a.status == status


def test_base_is_the_last_point_not_after_base_year() -> None:
    a = judge(ind("%", LEVEL_UP), [ob(2018, 40), ob(2020, 50), ob(2022, 60)])
    assert a.base is not None and a.base.year == 2020
    a = judge(ind("%", LEVEL_UP), [ob(2021, 52), ob(2023, 60)])
    assert a.base is not None and a.base.year == 2021  # no point by 2020: the first point
    a = judge(ind("%", {**LEVEL_UP, "start_year": 2021}), [ob(2020, 50), ob(2021, 52), ob(2023, 60)])
    assert a.base is not None and a.base.year == 2021


def test_level_khoang() -> None:
    t = {"year": 2025, "kind": "muc", "operator": "khoang", "value": 3, "value_max": 4}
    assert judge(ind("con", t), [ob(2020, 5), ob(2022, 3.5)]).status == "dat"
    a = judge(ind("con", t), [ob(2020, 5), ob(2022, 4.5)])  # coming down towards 4
    assert a.target_value == 4
    assert a.ratio == pytest.approx(((4.5 / 5) ** 0.5 - 1) / ((4 / 5) ** 0.2 - 1))
    a = judge(ind("con", t), [ob(2020, 1), ob(2022, 2)])  # going up towards 3
    assert a.target_value == 3
    assert a.status == "dung-huong"


def test_growth_ratio_edges() -> None:
    assert growth_ratio(50, 2020, 60, 2020, 80, 2025) is None  # no time passed
    assert growth_ratio(50, 2020, 60, 2022, 80, 2020) is None  # deadline at the base
    assert growth_ratio(50, 2020, 60, 2022, 50, 2025) is None  # nothing needed
    assert growth_ratio(50, 2020, 60, 2022, 80, 2025) == pytest.approx(0.968391, abs=1e-6)
    assert growth_ratio(0, 2020, 1, 2021, 5, 2025) == pytest.approx(1.0)
    assert required_path(50, 2025, 80, 2025) == ()


# --------------------------------------------------------------------------- change per year (thay-doi-hang-nam)

PER_YEAR = {"year": 2025, "start_year": 2020, "kind": "thay-doi-hang-nam", "operator": "<=", "value": -3, "unit": "điểm %/năm"}


def test_per_year_decrease_too_slow() -> None:
    a = judge(ind("%", PER_YEAR), [ob(2020, 30), ob(2022, 25)])
    # need −3 a year, got (25−30)/2 = −2,5 a year
    assert a.ratio == pytest.approx(2.5 / 3)
    assert a.status == "can-tang-toc"
    assert "2,5" in a.sentence
    assert a.sentence.startswith("Cần giảm")


@pytest.mark.parametrize(
    ("op", "words", "wrong"), [("<", "giảm trên 3", "giảm dưới 3"), ("<=", "giảm ít nhất 3", "giảm không quá 3")]
)
def test_per_year_decrease_sentence_keeps_the_meaning(op: str, words: str, wrong: str) -> None:
    # data/indicators.yaml: «mỗi năm giảm trên 3%» is written operator «<», value -3.
    a = judge(ind("%", {**PER_YEAR, "operator": op}), [ob(2020, 30), ob(2022, 25)])
    assert wrong not in a.sentence
    assert words in a.sentence


@pytest.mark.parametrize(
    ("latest_year", "latest", "status"),
    [
        (2022, 24, "dung-huong"),  # −3 a year exactly, deadline not reached
        (2022, 23, "dung-huong"),
        (2025, 15, "dat"),  # −3 a year at the deadline
        (2022, 31, "di-xa-muc-tieu"),  # going up
        (2022, 29, "tien-trien-han-che"),  # −0,5 a year: ratio 0,167
        (2022, 30, "tien-trien-han-che"),  # no change: ratio 0
    ],
)
def test_per_year_decrease(latest_year: int, latest: float, status: str) -> None:
    assert judge(ind("%", PER_YEAR), [ob(2020, 30), ob(latest_year, latest)]).status == status


def test_per_year_increase_khoang() -> None:
    t = {"year": 2025, "kind": "thay-doi-hang-nam", "operator": "khoang", "value": 3, "value_max": 4, "unit": "điểm %/năm"}
    a = judge(ind("%", t), [ob(2020, 40), ob(2022, 44.8)])  # +2,4 a year; need at least +3
    assert a.ratio == pytest.approx(0.8)
    assert a.status == "can-tang-toc"
    assert "2,4" in a.sentence and "tăng từ 3 đến 4" in a.sentence
    assert judge(ind("%", t), [ob(2020, 40), ob(2022, 47)]).status == "dung-huong"  # +3,5
    assert judge(ind("%", t), [ob(2020, 40), ob(2025, 57.5)]).status == "dat"  # +3,5 at the deadline


def test_per_year_decrease_khoang_needs_the_smaller_improvement() -> None:
    t = {"year": 2025, "kind": "thay-doi-hang-nam", "operator": "khoang", "value": -4, "value_max": -3, "unit": "điểm %/năm"}
    a = judge(ind("%", t), [ob(2020, 30), ob(2022, 24)])  # −3 a year: enough
    assert a.status == "dung-huong"
    a = judge(ind("%", t), [ob(2020, 30), ob(2022, 25)])  # −2,5 a year
    assert a.ratio == pytest.approx(2.5 / 3)
    assert a.status == "can-tang-toc"


# --------------------------------------------------------------------------- multiple of a base (boi-so-goc)

DOUBLE = {"year": 2025, "kind": "boi-so-goc", "operator": ">=", "value": 2, "unit": "lần", "base_year": 2020}


def test_multiple_of_base_with_base_year_data() -> None:
    a = judge(ind("triệu đồng/người/năm", DOUBLE), [ob(2020, 30), ob(2022, 40.5)])
    assert a.target_value == 60
    assert a.base is not None and a.base.year == 2020
    expected = ((40.5 / 30) ** (1 / 2) - 1) / ((60 / 30) ** (1 / 5) - 1)
    assert a.ratio == pytest.approx(expected)
    assert a.ratio == pytest.approx(1.0887, abs=1e-4)
    assert a.status == "dung-huong"
    assert "gấp ít nhất 2 lần năm 2020" in a.sentence and "60 triệu đồng/người/năm" in a.sentence


def test_multiple_of_base_met() -> None:
    a = judge(ind("triệu đồng/người/năm", DOUBLE), [ob(2020, 30), ob(2023, 61)])
    assert a.status == "dat"


def test_multiple_of_base_without_base_year_data() -> None:
    a = judge(ind("triệu đồng/người/năm", DOUBLE), [ob(2021, 33), ob(2022, 40.5)])
    assert a.status == "chua-du-so-lieu"
    assert a.target_value is None
    assert "năm gốc 2020" in a.sentence
    assert a.latest is not None and a.latest.year == 2022


def test_multiple_of_base_with_base_year_of_old_method() -> None:
    obs = [ob(2020, 30, "cu"), ob(2021, 35, "moi"), ob(2022, 40.5, "moi")]
    a = judge(ind("triệu đồng/người/năm", DOUBLE), obs)
    assert a.status == "chua-du-so-lieu"
    assert "đổi phương pháp" in a.sentence


def test_multiple_of_base_base_year_differs_from_plan_base() -> None:
    t = {**DOUBLE, "base_year": 2015}
    a = judge(ind("triệu đồng/người/năm", t), [ob(2015, 20), ob(2020, 30), ob(2022, 40.5)])
    assert a.base is not None and a.base.year == 2015
    assert a.target_value == 40
    assert a.status == "dat"


# --------------------------------------------------------------------------- ratio to a reference (ti-le-tham-chieu)

TWO_SERIES = [{"id": "chinh", "name": "Thu nhập của tỉnh"}, {"id": "ca-nuoc", "name": "Thu nhập cả nước"}]
HALF = {"year": 2025, "kind": "ti-le-tham-chieu", "operator": ">=", "value": 0.5, "unit": "lần", "reference": "ca-nuoc"}


def test_reference_ratio_met() -> None:
    obs = [ob(2020, 30), ob(2020, 43, series="ca-nuoc"), ob(2022, 36), ob(2022, 46, series="ca-nuoc")]
    a = judge(ind("triệu đồng", HALF, series=TWO_SERIES), obs)
    assert [(p.year, p.value) for p in a.points] == [(2020, pytest.approx(30 / 43)), (2022, pytest.approx(36 / 46))]
    assert a.status == "dat"
    assert "Thu nhập cả nước" in a.sentence and "lần" in a.sentence


def test_reference_ratio_progress() -> None:
    t = {**HALF, "value": 0.9}
    obs = [ob(2020, 30), ob(2020, 43, series="ca-nuoc"), ob(2022, 36), ob(2022, 46, series="ca-nuoc")]
    a = judge(ind("triệu đồng", t, series=TWO_SERIES), obs)
    r0, rt = 30 / 43, 36 / 46
    assert a.ratio == pytest.approx(((rt / r0) ** (1 / 2) - 1) / ((0.9 / r0) ** (1 / 5) - 1))
    assert a.ratio == pytest.approx(1.1316, abs=1e-4)
    assert a.status == "dung-huong"


def test_reference_ratio_needs_two_common_years() -> None:
    obs = [ob(2020, 30), ob(2021, 33), ob(2022, 36), ob(2022, 46, series="ca-nuoc")]
    a = judge(ind("triệu đồng", HALF, series=TWO_SERIES), obs)
    assert a.status == "chua-du-so-lieu"
    assert len(a.points) == 1
    assert a.label == "Chưa đánh giá được: cần thêm số liệu"


def test_reference_ratio_no_data() -> None:
    a = judge(ind("triệu đồng", HALF, series=TWO_SERIES), [])
    assert a.status == "cho-so-lieu"


def test_reference_ratio_zero_reference_is_skipped() -> None:
    obs = [
        ob(2020, 30),
        ob(2020, 0, series="ca-nuoc"),
        ob(2021, 30),
        ob(2021, 43, series="ca-nuoc"),
        ob(2022, 36),
        ob(2022, 46, series="ca-nuoc"),
    ]
    a = judge(ind("triệu đồng", HALF, series=TWO_SERIES), obs)
    assert [p.year for p in a.points] == [2021, 2022]


# --------------------------------------------------------------------------- maintain (duy-tri)

KEEP_FLOOR = {"year": 2025, "kind": "duy-tri", "operator": ">", "value": 95}
KEEP = {"year": 2025, "kind": "duy-tri"}


@pytest.mark.parametrize(
    ("base", "latest", "year", "status"),
    [
        (96, 97.5, 2022, "dung-huong"),  # above the floor and rising
        (96, 97.5, 2025, "dat"),  # … at the deadline
        (96, 95.5, 2022, "can-tang-toc"),  # above the floor but falling
        (93, 94, 2022, "tien-trien-han-che"),  # below the floor but rising
        (96, 94, 2022, "di-xa-muc-tieu"),  # below and falling
        (96, 95, 2022, "di-xa-muc-tieu"),  # «> 95» is strict
        (96, 96, 2022, "dung-huong"),  # unchanged counts as kept
    ],
)
def test_maintain_with_floor(base: float, latest: float, year: int, status: str) -> None:
    a = judge(ind("%", KEEP_FLOOR), [ob(2020, base), ob(year, latest)])
    assert a.status == status
    assert a.target_value == 95


@pytest.mark.parametrize(
    ("base", "latest", "year", "status"),
    [
        (96, 97.5, 2022, "dung-huong"),
        (96, 96, 2022, "dung-huong"),
        (96, 97.5, 2025, "dat"),
        (96, 95, 2022, "di-xa-muc-tieu"),
    ],
)
def test_maintain_without_floor(base: float, latest: float, year: int, status: str) -> None:
    a = judge(ind("%", KEEP), [ob(2020, base), ob(year, latest)])
    assert a.status == status
    assert a.target_value is None
    assert "duy trì hoặc nâng cao" in a.sentence


def test_maintain_sentence_mentions_flags() -> None:
    a = judge(ind("%", KEEP), [ob(2020, 96), ob(2022, 97, estimate=True)])
    assert "ước tính" in a.sentence


# --------------------------------------------------------------------------- qualitative


def test_qualitative_is_not_judged() -> None:
    a = judge(ind("mô tả", {"year": 2030, "kind": "dinh-tinh"}), [ob(2020, 1), ob(2022, 2)])
    assert a.status == "khong-danh-gia"
    assert a.label == "Định tính: theo dõi qua nhiệm vụ"
    assert a.points == ()


# --------------------------------------------------------------------------- two milestones of one indicator


def test_2025_and_2030_judged_separately() -> None:
    two = ind(
        "%",
        {"year": 2025, "kind": "muc", "operator": "<", "value": 10},
        {"year": 2030, "kind": "muc", "operator": "<", "value": 5},
    )
    obs = [ob(2020, 20), ob(2023, 15), ob(2026, 9)]
    a25 = judge(two, obs, 0)
    a30 = judge(two, obs, 1)
    # 2026's 9% (below 10) must not make the 2025 target «met»
    assert a25.latest is not None and a25.latest.year == 2023
    assert [p.year for p in a25.points] == [2020, 2023]
    assert a25.status != "dat"
    assert a25.ratio == pytest.approx(((15 / 20) ** (1 / 3) - 1) / ((10 / 20) ** (1 / 5) - 1))
    assert a25.status == "can-tang-toc"  # ratio 0.7064
    assert a30.latest is not None and a30.latest.year == 2026
    assert a30.ratio == pytest.approx(((9 / 20) ** (1 / 6) - 1) / ((5 / 20) ** (1 / 10) - 1))
    assert a30.status == "dung-huong"  # ratio 0.9626
    assert (a25.index, a30.index) == (0, 1)


def test_headline_is_the_earliest_quantified_target() -> None:
    a = Assessment("x", 0, 2030, "dinh-tinh", "khong-danh-gia", "")
    b = Assessment("x", 1, 2030, "muc", "dat", "")
    c = Assessment("x", 2, 2025, "muc", "dung-huong", "")
    assert IndicatorStatus("x", (a, b, c)).headline is c
    assert IndicatorStatus("x", (a,)).headline is a


def test_status_tables_are_consistent() -> None:
    assert set(RANK) == {"dat", "dang-dat", "dung-huong", "can-tang-toc", "tien-trien-han-che", "chua-dat", "di-xa-muc-tieu"}
    assert (
        set(ORDER)
        == set(STATUSES)
        == set(RANK) | {"chua-co-ket-qua", "chua-du-so-lieu", "cho-so-lieu", "khong-danh-gia", "tham-chieu"}
    )
    assert [RANK[s] for s in ("di-xa-muc-tieu", "tien-trien-han-che", "can-tang-toc", "dung-huong", "dat")] == [0, 1, 2, 3, 4]
    for s in ("cho-so-lieu", "chua-du-so-lieu"):  # «no figure» never reads like «no progress»
        assert "chưa đánh giá" in STATUSES[s]["label"].lower()
    for s in STATUSES.values():
        assert s["label"] and s["symbol"] and s["shape"]


# --------------------------------------------------------------------------- the minimal fixture end to end


def test_assess_all_on_minimal_fixture(minimal_dir: Path) -> None:
    checked = check(minimal_dir, today=TODAY)
    assert checked.ok and checked.plan is not None
    result = assess_all(checked.plan, checked.progress.observations)
    got = {(iid, a.year): a.status for iid, s in result.items() for a in s.assessments}
    assert got == {
        ("ty-le-ho-ngheo", 2025): "tien-trien-han-che",
        ("ty-le-ho-ngheo", 2030): "tien-trien-han-che",
        ("giam-ho-ngheo", 2025): "can-tang-toc",
        ("thu-nhap-binh-quan", 2025): "dung-huong",
        ("thu-nhap-so-ca-nuoc", 2025): "dat",
        ("ty-le-tre-di-hoc", 2025): "dung-huong",
        ("ban-sac-van-hoa", 2030): "khong-danh-gia",
    }
    poverty = result["ty-le-ho-ngheo"].assessments[0]
    assert poverty.method == "B" and [p.year for p in poverty.points] == [2021, 2023]
    assert poverty.latest is not None and poverty.latest.preliminary
    for s in result.values():
        for a in s.assessments:
            assert a.ratio is None or math.isfinite(a.ratio)


# --------------------------------------------------------------------------- kinds real plans use


def test_relative_change_against_the_base_year() -> None:
    """«giảm 50% so với năm 2020»: the level is half the base year's figure."""
    cut = {"year": 2025, "kind": "thay-doi-so-voi-goc", "operator": "<=", "value": -50, "unit": "%", "base_year": 2020}
    on_track = judge(ind("xã", cut, decimals=0), [ob(2020, 40), ob(2023, 24)])
    assert on_track.target_value == pytest.approx(20) and on_track.status == "dung-huong"
    assert "giảm ít nhất 50% so với năm 2020" in on_track.sentence and "40 xã → 20 xã" in on_track.sentence
    done = judge(ind("xã", cut, decimals=0), [ob(2020, 40), ob(2024, 19)])
    assert done.status == "dat"
    no_base = judge(ind("xã", cut, decimals=0), [ob(2021, 40), ob(2023, 30)])
    assert no_base.status == "chua-du-so-lieu" and "năm gốc 2020" in no_base.sentence


def test_change_per_year_relative() -> None:
    """«tăng 2%/năm» read as relative: compound growth of the value."""
    rel = {
        "year": 2025,
        "start_year": 2020,
        "kind": "thay-doi-hang-nam",
        "operator": ">=",
        "value": 2,
        "unit": "%/năm",
        "change": "tuong-doi",
    }
    a = judge(ind("%", rel), [ob(2020, 50), ob(2022, 52.5)])  # 2.47 % a year compound
    assert a.status == "dung-huong" and "2,47 %/năm" in a.sentence
    b = judge(ind("%", rel), [ob(2020, 50), ob(2022, 51)])  # 0.99 % a year
    assert b.status in ("tien-trien-han-che", "can-tang-toc")


def test_change_per_year_ambiguous_takes_the_lower_reading_and_says_so() -> None:
    amb = {
        "year": 2025,
        "start_year": 2020,
        "kind": "thay-doi-hang-nam",
        "operator": ">",
        "value": 2,
        "unit": "%/năm",
        "change": "chua-ro",
    }
    # 80 → 86 in 3 years: +2 points a year (not > 2), +2.43 % a year relative (> 2)
    a = judge(ind("%", amb), [ob(2020, 80), ob(2023, 86)])
    points = judge(ind("%", {**amb, "change": "diem"}), [ob(2020, 80), ob(2023, 86)])
    relative = judge(ind("%", {**amb, "change": "tuong-doi"}), [ob(2020, 80), ob(2023, 86)])
    assert relative.status == "dung-huong" and points.status != "dung-huong"
    assert a.status == points.status
    assert "không nói rõ" in a.sentence and "Theo điểm" in a.sentence and "Tương đối" in a.sentence


def test_ratio_to_another_indicator() -> None:
    """«bằng 1,2 lần bình quân chung cả nước»: the reference is the main series of another indicator."""
    from plansite.status.method import assess as assess_one

    ref = ind("triệu đồng", LEVEL_UP, iid="ca-nuoc").model_copy(update={"targets": [], "reference_only": True})
    target = {
        "year": 2025,
        "kind": "ti-le-tham-chieu",
        "operator": ">=",
        "value": 1.2,
        "unit": "lần",
        "reference_indicator": "ca-nuoc",
    }
    own = ind("triệu đồng", target)
    obs = [ob(2021, 12), ob(2023, 14)]
    ref_obs = [ob(2021, 11, iid="ca-nuoc"), ob(2023, 11, iid="ca-nuoc")]
    a = assess_one(own, 0, own.targets[0], obs, PLACE, BASE_YEAR, (ref, ref_obs))
    assert a.status == "dat" and [round(p.value, 3) for p in a.points] == [round(12 / 11, 3), round(14 / 11, 3)]
    none = assess_one(own, 0, own.targets[0], obs, PLACE, BASE_YEAR, (ref, []))
    assert none.status == "chua-du-so-lieu"


def test_reference_only_indicator_has_no_assessment_but_a_headline() -> None:
    from plansite.status.points import IndicatorStatus

    st = IndicatorStatus("ca-nuoc", ())
    assert st.headline.status == "tham-chieu"
