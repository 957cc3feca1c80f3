"""Value labels of the indicator chart: as many as fit, none over another, the latest figure first.

The placement's own geometry is checked here (any data, by hypothesis); that chromium draws the
chosen labels apart is tests/browser/test_chart_labels_drawn.py.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from plansite.render.charts.labels import (
    ALIGNS,
    LABEL_DY,
    LABEL_SIZE,
    LINE_PX,
    RATE_DY,
    TARGET_DX,
    TARGET_DY,
    Box,
    label_dx,
    labelled,
    labelled_rates,
)
from plansite.render.charts.shapes import HEIGHT, WIDTH
from plansite.render.charts.text import text_width


def point(year: int, value: float, series: str = "a", label: str | None = None) -> dict[str, Any]:
    return {"nam": str(year), "gia_tri": value, "chuoi": series, "chu": label or f"{value:.2f}%".replace(".", ",")}


def years(first: int, last: int) -> list[str]:
    return [str(y) for y in range(first, last + 1)]


def flat(shown: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [p for a in ALIGNS for p in shown[a]]


def boxes(
    shown: dict[str, list[dict[str, Any]]], targets: list[dict[str, Any]], span: list[str], values: list[float]
) -> list[Box]:
    """The boxes as the module measures them, rebuilt here from its constants (a second reading of the geometry)."""
    low, high = min(values), max(values)
    pad = ((high - low) or abs(high) or 1.0) / 10
    low, high = low - pad, high + pad
    if not high > low:
        low, high = low - 1.0, high + 1.0
    step = WIDTH / len(span)

    def at(p: dict[str, Any], align: str, dx: float, dy: float) -> Box:
        x = (span.index(p["nam"]) + 0.5) * step + dx
        y = HEIGHT * (high - p["gia_tri"]) / (high - low) + dy
        w = text_width(p["chu" if "chu" in p else "nhan"], LABEL_SIZE)
        left = {"center": x - w / 2, "left": x, "right": x - w}[align]
        return Box(left, y - LINE_PX / 2, left + w, y + LINE_PX / 2)

    out = [at(t, "right", TARGET_DX, TARGET_DY) for t in targets]
    return out + [at(p, a, label_dx(a), LABEL_DY) for a in ALIGNS for p in shown[a]]


def test_spread_out_figures_are_all_labelled() -> None:
    pts = [point(2016, 10), point(2019, 20), point(2022, 30)]
    shown = labelled(pts, [], [], years(2016, 2022), WIDTH, HEIGHT)
    assert flat(shown) and sorted(p["nam"] for p in flat(shown)) == ["2016", "2019", "2022"]


def test_crowded_figures_keep_the_latest_and_the_first_and_drop_what_would_overlap() -> None:
    """The poverty chart of the first round: close figures in neighbouring years wrote over each other."""
    pts = [
        point(2015, 29.4, label="29,4%"),
        point(2018, 21.88),
        point(2019, 19.93, label="19,93% (sơ bộ)"),
        point(2020, 18.5, label="18,5%"),
        point(2021, 17.02),
        point(2022, 26.93, "b"),
        point(2023, 21.95, "b"),
        point(2024, 19.46, "b"),
    ]
    target = {"nam": "2030", "gia_tri": 10.0, "nhan": "Mục tiêu 2030: <10%"}
    span = years(2015, 2030)
    shown = labelled(pts, [target], [], span, WIDTH, HEIGHT)
    names = {(p["chuoi"], p["nam"]) for p in flat(shown)}
    assert {("a", "2021"), ("b", "2024"), ("a", "2015"), ("b", "2022")} <= names  # each series' latest and first
    assert len(names) < len(pts), "nothing was left out of a crowded chart"
    placed = boxes(shown, [target], span, [p["gia_tri"] for p in pts] + [10.0])
    assert not any(a.overlaps(b) for i, a in enumerate(placed) for b in placed[i + 1 :])
    assert [p["nam"] for p in shown["left"]] == ["2015"], "the first year's label would stick out over the axis"


def test_a_label_beside_the_targets_label_gives_way() -> None:
    target = {"nam": "2025", "gia_tri": 50.0, "nhan": "Mục tiêu 2025: ≥ 50%"}
    pts = [point(2023, 49.0), point(2024, 50.0)]
    shown = labelled(pts, [target], [], years(2020, 2025), WIDTH, HEIGHT)
    placed = boxes(shown, [target], years(2020, 2025), [49.0, 50.0, 50.0])
    assert not any(placed[0].overlaps(b) for b in placed[1:])


def test_no_points_no_labels() -> None:
    assert flat(labelled([], [{"nam": "2025", "gia_tri": 1.0, "nhan": "x"}], [], ["2025"], WIDTH, HEIGHT)) == []


series_points = st.lists(
    st.tuples(st.integers(2010, 2030), st.floats(-50, 1000, allow_nan=False), st.sampled_from("abc"), st.integers(2, 18)),
    min_size=1,
    max_size=25,
    unique_by=lambda t: (t[0], t[2]),
)


@settings(max_examples=300, deadline=None)
@given(series_points, st.booleans())
def test_placed_labels_never_overlap_and_each_kept_point_is_one_of_the_chart(
    raw: list[tuple[Any, ...]], with_target: bool
) -> None:
    pts = [point(y, v, s, label="9" * n) for y, v, s, n in raw]
    first, last = min(y for y, *_ in raw), max(y for y, *_ in raw)
    targets = [{"nam": str(last), "gia_tri": raw[0][1], "nhan": "Mục tiêu: ≥ 1%"}] if with_target else []
    span = years(first, last)
    shown = labelled(pts, targets, [], span, WIDTH, HEIGHT)
    kept = flat(shown)
    assert all(any(p is q for q in pts) for p in kept) and len({id(p) for p in kept}) == len(kept)
    placed = boxes(shown, targets, span, [p["gia_tri"] for p in pts] + [t["gia_tri"] for t in targets])
    assert not any(a.overlaps(b) for i, a in enumerate(placed) for b in placed[i + 1 :])
    if not targets:  # nothing is placed before the first series' latest figure: its label is always there
        by_year = sorted(
            (p for p in pts if p["chuoi"] == min(pts, key=lambda p: int(p["nam"]))["chuoi"]), key=lambda p: int(p["nam"])
        )
        assert any(p is by_year[-1] for p in kept), "the latest figure lost its label"


def rate_boxes(shown: list[dict[str, Any]], moments: list[str], series: list[str]) -> list[Box]:
    """The rates chart's label boxes, rebuilt here: a band per date, a slot per series within it, 0–100 %."""
    step = WIDTH / len(moments)
    out = []
    for p in shown:
        x = step * (moments.index(p["moc"]) + 0.1) + step * 0.8 / len(series) * (series.index(p["chuoi"]) + 0.5)
        y = HEIGHT * (100 - min(max(p["gia_tri"], 0), 100)) / 100 + RATE_DY
        w = text_width(p["nhan"], LABEL_SIZE)
        out.append(Box(x - w / 2, y - LINE_PX / 2, x + w / 2, y + LINE_PX / 2))
    return out


rates = st.lists(
    st.tuples(st.integers(0, 14), st.floats(0, 120, allow_nan=False), st.sampled_from("abc")),
    min_size=1,
    max_size=30,
    unique_by=lambda t: (t[0], t[2]),
)


@settings(max_examples=300, deadline=None)
@given(rates)
def test_rate_labels_never_overlap_and_the_latest_rate_keeps_its_label(raw: list[tuple[int, float, str]]) -> None:
    moments = [f"{m:02d}/2023" for m in sorted({m for m, _, _ in raw})]
    pts = [{"moc": f"{m:02d}/2023", "gia_tri": v, "chuoi": s, "nhan": f"{v:.1f}%".replace(".", ",")} for m, v, s in raw]
    series = list(dict.fromkeys(p["chuoi"] for p in pts))
    shown = labelled_rates(pts, moments, WIDTH, HEIGHT)
    placed = rate_boxes(shown, moments, series)
    assert not any(a.overlaps(b) for i, a in enumerate(placed) for b in placed[i + 1 :])
    first = [p for p in pts if p["chuoi"] == min(pts, key=lambda p: moments.index(p["moc"]))["chuoi"]]
    latest = max(first, key=lambda p: moments.index(p["moc"]))
    assert any(p is latest for p in shown), "the latest rate of the first series lost its label"


def test_twelve_monthly_rates_of_two_series_are_not_all_labelled() -> None:
    moments = [f"{m:02d}/2023" for m in range(1, 13)]
    pts = [
        {"moc": mo, "gia_tri": 40.0 + i % 3, "chuoi": s, "nhan": f"{40 + i % 3},5%"} for i, mo in enumerate(moments) for s in "ab"
    ]
    shown = labelled_rates(pts, moments, WIDTH, HEIGHT)
    assert 2 <= len(shown) < len(pts)
    assert {"12/2023"} == {p["moc"] for p in shown if p["moc"] == "12/2023"}
