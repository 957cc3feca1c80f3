"""The typed model of the data files, target_problems kind by kind, and safe links (check stage)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from plansite import model as m
from plansite.check.references import is_safe_url, load_plan, target_problems
from plansite.problems import Problems
from testkit import MINIMAL

# --------------------------------------------------------------------------- the minimal plan as a model


@pytest.fixture(scope="module")
def plan() -> m.PlanData:
    problems = Problems(root=MINIMAL)
    data = load_plan(MINIMAL, problems)
    assert problems.errors == [], [p.text() for p in problems.errors]
    assert data is not None
    return data


def test_minimal_plan_loads(plan: m.PlanData) -> None:
    assert plan.plan.id == "kh-mau-2020"
    assert plan.plan.date == dt.date(2020, 6, 4)
    assert plan.plan.implements[0].date == dt.date(2019, 10, 30)
    assert (plan.plan.period.start, plan.plan.period.end) == (2020, 2030)
    assert plan.plan.milestones == [2025, 2030]
    assert [a.id for a in plan.areas] == ["giam-ngheo", "giao-duc", "van-hoa"]
    assert len(plan.indicators) == 6 and len(plan.tasks) == 2 and len(plan.agencies) == 2
    assert [p.id for p in plan.places.places] == ["tinh-mau", "doi-xanh", "suoi-bac", "hoa-binh-cu", "an-lac", "hoa-binh"]
    assert plan.places.events[0].date == dt.date(2022, 1, 1)
    assert plan.work_updates[0].evidence[0].date == dt.date(2023, 12, 10)
    assert plan.indicator("ty-le-ho-ngheo").decimals == 2
    assert plan.agency("so-giao-duc").short_name == "Sở GD&ĐT"
    assert plan.place("hoa-binh").valid_from == dt.date(2022, 1, 1)
    assert plan.place("hoa-binh-cu").valid_to == dt.date(2021, 12, 31)
    assert plan.place("doi-xanh").full_name == "Huyện Đồi Xanh"
    assert plan.area("van-hoa").description == "Giữ gìn bản sắc văn hóa."


def test_anchors_point_at_full_text_lines(plan: m.PlanData) -> None:
    lines = (MINIMAL / "toan-van.md").read_text(encoding="utf-8").splitlines()
    assert plan.anchors["ii-2-1"] == next(i for i, x in enumerate(lines, 1) if x.endswith("{#ii-2-1}"))
    assert "ket-luan" in plan.anchors and "ten-van-ban" in plan.anchors


def test_indicator_helpers(plan: m.PlanData) -> None:
    poverty = plan.indicator("ty-le-ho-ngheo")
    assert poverty.is_percent and poverty.primary_series == "chinh" and poverty.series_ids() == ["chinh"]
    ref = plan.indicator("thu-nhap-so-ca-nuoc")
    assert ref.series_ids() == ["chinh", "ca-nuoc"]
    assert ref.series_by_id("ca-nuoc") is not None and ref.series_by_id("khac") is None
    assert not plan.indicator("thu-nhap-binh-quan").is_percent


def test_every_target_of_the_fixture_is_consistent(plan: m.PlanData) -> None:
    for ind in plan.indicators:
        for t in ind.targets:
            assert target_problems(ind, t, plan.plan) == [], (ind.id, t.year)


# --------------------------------------------------------------------------- target_problems, kind by kind


def _ind(ind_unit: str = "%", series: list[dict[str, Any]] | None = None, **target: Any) -> tuple[m.Indicator, m.Target]:
    ind = m.Indicator.model_validate(
        {
            "id": "x",
            "name": "X",
            "area": "a",
            "unit": ind_unit,
            "quote": "q",
            "anchor": "a",
            "series": series or [],
            "targets": [{"year": 2025, "quote": "q", "anchor": "a", **target}],
        }
    )
    return ind, ind.targets[0]


def _fields(ind: m.Indicator, t: m.Target, plan: m.Plan | None = None) -> list[tuple[str, str]]:
    return [(K, field) for field, _fields in target_problems(ind, t, plan)]


K = "chi-tieu-khong-khop"


@pytest.mark.parametrize(
    ("unit", "target", "expected"),
    [
        ("%", {"kind": "muc", "operator": "<", "value": 10}, []),
        ("%", {"kind": "muc", "operator": "<", "value": 110}, [(K, "value")]),
        ("%", {"kind": "muc", "operator": ">", "value": -1}, [(K, "value")]),
        ("km", {"kind": "muc", "operator": ">", "value": 1000}, []),
        ("%", {"kind": "muc", "value": 10}, [(K, "operator")]),
        ("%", {"kind": "muc", "operator": ">="}, [(K, "operator")]),
        ("%", {"kind": "muc", "operator": ">=", "value": 10, "unit": "km"}, [(K, "unit")]),
        ("%", {"kind": "muc", "operator": ">=", "value": 10, "value_max": 20}, [(K, "value_max")]),
        ("%", {"kind": "muc", "operator": "khoang", "value": 10}, [(K, "value_max")]),
        ("%", {"kind": "muc", "operator": "khoang", "value": 20, "value_max": 10}, [(K, "value_max")]),
        ("%", {"kind": "muc", "operator": "khoang", "value": 10, "value_max": 20}, []),
        ("%", {"kind": "muc", "operator": ">=", "value": 10, "base_year": 2020}, [(K, "base_year")]),
        ("%", {"kind": "thay-doi-hang-nam", "operator": "<=", "value": -3, "unit": "điểm %/năm"}, []),
        ("%", {"kind": "thay-doi-hang-nam", "operator": "<=", "value": -3, "unit": "%"}, [(K, "unit")]),
        ("%", {"kind": "thay-doi-hang-nam", "operator": "<=", "value": -3}, [(K, "unit")]),
        ("%/năm", {"kind": "thay-doi-hang-nam", "operator": ">=", "value": 1}, []),
        ("tỷ đồng", {"kind": "boi-so-goc", "operator": ">=", "value": 2, "unit": "lần", "base_year": 2020}, []),
        ("tỷ đồng", {"kind": "boi-so-goc", "operator": ">=", "value": 2, "unit": "lần"}, [(K, "base_year")]),
        ("tỷ đồng", {"kind": "boi-so-goc", "operator": ">=", "value": 2, "base_year": 2020}, [(K, "unit")]),
        ("lần", {"kind": "boi-so-goc", "operator": ">=", "value": 2, "base_year": 2020}, []),
        ("%", {"kind": "duy-tri"}, []),
        ("%", {"kind": "duy-tri", "operator": ">", "value": 95}, []),
        ("%", {"kind": "duy-tri", "operator": ">=", "value": 95, "base_year": 2020}, []),
        ("%", {"kind": "duy-tri", "operator": "<", "value": 95}, [(K, "operator")]),
        ("%", {"kind": "duy-tri", "operator": ">", "value": 195}, [(K, "value")]),
        ("mô tả", {"kind": "dinh-tinh"}, []),
        ("mô tả", {"kind": "dinh-tinh", "value": 1}, [(K, "operator")]),
        ("mô tả", {"kind": "dinh-tinh", "operator": ">"}, [(K, "operator")]),
    ],
)
def test_target_problems(unit: str, target: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    ind, t = _ind(unit, **target)
    assert _fields(ind, t) == expected


def test_reference_target() -> None:
    series = [{"id": "chinh", "name": "Tỉnh"}, {"id": "ca-nuoc", "name": "Cả nước"}]
    ok = {"kind": "ti-le-tham-chieu", "operator": ">=", "value": 0.5, "unit": "lần", "reference": "ca-nuoc"}
    assert _fields(*_ind("tỷ đồng", series, **ok)) == []
    assert _fields(*_ind("tỷ đồng", series, **{**ok, "reference": "the-gioi"})) == [(K, "reference")]
    assert _fields(*_ind("tỷ đồng", series, **{**ok, "reference": None})) == [(K, "reference")]
    assert _fields(*_ind("tỷ đồng", series, **{**ok, "unit": ""})) == [(K, "unit")]


def test_target_years_against_plan(plan: m.PlanData) -> None:
    ind, t = _ind("%", kind="muc", operator="<", value=10, year=2035)
    assert _fields(ind, t, plan.plan) == [(K, "year")]
    ind, t = _ind("%", kind="muc", operator="<", value=10, start_year=2025)
    assert _fields(ind, t, plan.plan) == [(K, "start_year")]
    ind, t = _ind("mô tả", kind="dinh-tinh", year=2019)
    assert _fields(ind, t, plan.plan) == [(K, "year")]


@pytest.mark.parametrize(("alias", "op"), [("≥", ">="), ("≤", "<="), ("=>", ">="), ("=<", "<="), (">", ">")])
def test_operator_aliases(alias: str, op: str) -> None:
    _, t = _ind("%", kind="muc", operator=alias, value=10)
    assert t.operator == op


def test_unknown_operator_and_kind_are_rejected() -> None:
    with pytest.raises(ValidationError):
        _ind("%", kind="muc", operator="lớn hơn", value=10)
    with pytest.raises(ValidationError):
        _ind("%", kind="muc-tieu", operator=">", value=10)


# --------------------------------------------------------------------------- model rules


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("04/06/2020", dt.date(2020, 6, 4)),
        ("4/6/2020", dt.date(2020, 6, 4)),
        ("2020-06-04", dt.date(2020, 6, 4)),
        (" 31/12/2021 ", dt.date(2021, 12, 31)),
    ],
)
def test_dates(text: str, date: dt.date) -> None:
    assert m.Evidence.model_validate({"document": "d", "date": text, "url": "https://e.org"}).date == date


@pytest.mark.parametrize("text", ["31/02/2023", "2023/12/01", "12-2023", "hôm qua", "06/04/20"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValidationError):
        m.Evidence.model_validate({"document": "d", "date": text, "url": "https://e.org"})


def test_unknown_field_is_forbidden() -> None:
    with pytest.raises(ValidationError) as info:
        m.Area.model_validate({"id": "a", "name": "A", "descripton": "x"})
    assert info.value.errors()[0]["type"] == "extra_forbidden"


@pytest.mark.parametrize("bad_id", ["Giao-duc", "giáo-dục", "giao_duc", "giao--duc", "-giao", "giao-", "", "a" * 81])
def test_ids_are_lowercase_ascii_slugs(bad_id: str) -> None:
    with pytest.raises(ValidationError):
        m.Area.model_validate({"id": bad_id, "name": "A"})


def test_text_is_stripped_and_required() -> None:
    assert m.Area.model_validate({"id": "a", "name": "  A  "}).name == "A"
    with pytest.raises(ValidationError):
        m.Area.model_validate({"id": "a", "name": "   "})


def test_related_series_needs_a_note() -> None:
    with pytest.raises(ValidationError):
        m.Series.model_validate({"id": "s", "name": "S", "related": True})
    assert m.Series.model_validate({"id": "s", "name": "S", "related": True, "relation_note": "khác"}).related


def test_years_in_order() -> None:
    with pytest.raises(ValidationError):
        m.Years.model_validate({"start": 2030, "end": 2020})
    with pytest.raises(ValidationError):
        m.Years.model_validate({"start": 1800, "end": 2020})


@pytest.mark.parametrize(
    ("task", "duty", "ok"), [("nv-1", None, True), (None, "bdt-1", True), (None, None, False), ("nv-1", "bdt-1", False)]
)
def test_work_update_needs_exactly_one_of_task_or_duty(task: str | None, duty: str | None, ok: bool) -> None:
    raw = {"date": "15/12/2023", "status": "cham", "evidence": [{"document": "d", "date": "01/12/2023", "url": "https://e.org"}]}
    if task:
        raw["task"] = task
    if duty:
        raw["duty"] = duty
    if ok:
        assert m.WorkUpdate.model_validate(raw).status == "cham"
    else:
        with pytest.raises(ValidationError):
            m.WorkUpdate.model_validate(raw)


def test_indicator_needs_a_target_and_agency_a_duty() -> None:
    with pytest.raises(ValidationError):
        m.Indicator.model_validate({"id": "x", "name": "X", "area": "a", "unit": "%", "quote": "q", "anchor": "a", "targets": []})
    with pytest.raises(ValidationError):
        m.Agency.model_validate({"id": "a", "number": "1", "name": "A", "short_name": "A", "anchor": "a", "duties": []})


# --------------------------------------------------------------------------- safe links


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("https://example.org/a?b=1#c", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("file:///etc/passwd", False),
        ("//example.org", False),
        ("/relative/path", False),
        ("example.org", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ('https://example.org/"onmouseover="x', False),
        ("https://example.org/<script>", False),
        ("https://example.org/\nx", False),
        ("ftp://example.org", False),
        ("https://[::1", False),
        ("", False),
    ],
)
def test_is_safe_url(url: str, ok: bool) -> None:
    assert is_safe_url(url) is ok
