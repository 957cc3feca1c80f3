"""The charts of money figures: what they draw, what they leave out, and that the cached shapes give altair's spec."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite.pipeline import check
from plansite.render.charts import Shapes
from plansite.render.charts.investment import NATURE_CHART_LABELS, money_chart, rates_chart
from plansite.status.judged import Judged, judge
from testkit import TODAY, with_investment


@pytest.fixture
def judged(minimal_dir: Path) -> Judged:
    with_investment(minimal_dir)
    return judge(check(minimal_dir, today=TODAY), TODAY)


def test_money_chart_draws_exact_money_of_one_year_with_qualifiers(judged: Judged) -> None:
    figs = judged.investment.own_figures("ct-mau")
    chart = money_chart(Shapes(None), figs, "Chương trình mẫu")
    assert chart is not None
    data = chart.spec["layer"][0]["data"]["values"]
    assert [(d["nhan"], d["loai"]) for d in data] == [
        ("hơn 810 tỷ đồng", NATURE_CHART_LABELS["ke-hoach"]),
        ("2.428,748 tỷ đồng", NATURE_CHART_LABELS["ket-qua"]),
    ]  # the rates (%) and the ambiguous figure (line 9) are not drawn
    assert "hơn 810 tỷ đồng (kế hoạch)" in chart.alt_text
    assert ("2022", "vốn bố trí", "hơn 810 tỷ đồng", "hơn 810 tỷ đồng", "Kế hoạch", "Báo mẫu A") in chart.rows
    assert chart.spec == money_chart(Shapes(None, templates=False), figs, "Chương trình mẫu").spec  # type: ignore[union-attr]


def test_rates_chart_against_the_plan(judged: Judged) -> None:
    figs = judged.investment.own_figures("ct-mau")
    chart = rates_chart(Shapes(None), figs, judged.places, "Chương trình mẫu")
    assert chart is not None
    points = chart.spec["layer"][2]["data"]["values"]
    assert [(p["moc"], p["nhan"]) for p in points] == [("06/2023", "21,99%"), ("09/2023", "trên 47%")]
    assert chart.spec["layer"][0]["data"]["values"] == [{"gia_tri": 100.0, "nhan": "Kế hoạch vốn được giao (100%)"}]
    assert "Huyện Đồi Xanh" in points[1]["chuoi"] and "vốn sự nghiệp" in points[1]["chuoi"]
    assert chart.spec == rates_chart(Shapes(None, templates=False), figs, judged.places, "Chương trình mẫu").spec  # type: ignore[union-attr]


def test_no_chart_without_drawable_figures(judged: Judged) -> None:
    assert money_chart(Shapes(None), judged.investment.own_figures("ct-khac"), "x") is None
    assert rates_chart(Shapes(None), [], judged.places, "x") is None
