"""In chromium, no value or target label of a chart lies over another, with the fonts as installed: every
indicator chart of the live site (its SVG download), crowded charts made here from the synthetic plan (a
figure in every year, close to each other, two methods, the plan's targets), and a crowded disbursement-rate
chart made from the live plan's published rates (a rate every month for a year, for each of its series).

The placement's own geometry, for any data: tests/render/test_chart_labels.py.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from browsing import Tab

from plansite import model as m
from plansite.build import SiteBuild
from plansite.render import charts as ch
from plansite.render.charts.investment import rates_chart
from plansite.render.charts.svg import ChartRenderer
from testkit import LIVE_DATA, LIVE_TODAY, SYNTH_TODAY

pytestmark = pytest.mark.browser

# The drawn boxes of the data labels (text marks; not the axes' or the legend's labels), in page pixels.
LABELS_JS = """() => [...document.querySelectorAll('svg g.mark-text.role-mark text')]
    .filter(t => t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect(); return {text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })"""


def drawn_labels(tab: Tab, svg: str) -> list[dict[str, Any]]:
    tab.page.set_content(f"<!doctype html><html><body style='margin:0'>{svg}</body></html>")
    return list(tab.page.evaluate(LABELS_JS))


def overlapping(labels: list[dict[str, Any]]) -> list[str]:
    """Pairs of labels whose drawn boxes share more than half a pixel each way."""
    out = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            across = min(a["right"], b["right"]) - max(a["left"], b["left"])
            down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if across > 0.5 and down > 0.5:
                out.append(f"«{a['text']}» over «{b['text']}» ({across:.1f} × {down:.1f} px)")
    return out


def test_no_label_over_another_on_the_live_sites_charts(tab: Tab, built_site: Path) -> None:
    files = sorted((built_site / "bieu-do" / "chi-tieu").rglob("*.svg"))
    assert files, "no indicator chart download in bieu-do/chi-tieu/"
    bad, seen = [], 0
    for f in files:
        labels = drawn_labels(tab, f.read_text(encoding="utf-8"))
        seen += len(labels)
        bad += [f"{f.relative_to(built_site)}: {x}" for x in overlapping(labels)]
    assert seen > len(files), f"only {seen} labels drawn in {len(files)} charts"
    assert not bad, "\n".join(bad)
    print(f"verified: {len(files)} charts, {seen} labels, none over another")


def test_no_label_over_another_on_crowded_charts(tab: Tab, synthetic: Path) -> None:
    build = SiteBuild.prepare(synthetic, today=SYNTH_TODAY)
    j, renderer = build.judged, ChartRenderer(None, workers=0)
    own, checked, drawn, figures = j.plan.plan.place, 0, 0, 0
    for ind in j.plan.indicators[:6]:
        mine = [o for o in j.observations_of(ind.id) if o.series == ind.primary_series and o.place == own]
        if not mine:
            continue
        o = mine[0]
        # A figure in every year, each close to the next; a change of method halfway (two series).
        crowded = [
            o._replace(year=y, value=o.value + (y % 3) * 0.4, method="Cách tính cũ" if y < 2021 else "Cách tính mới")
            for y in range(2012, 2031)
        ]
        chart = ch.indicator_chart(build.view.shapes, ind, crowded, j.statuses[ind.id].assessments, own)
        assert chart is not None
        labels = drawn_labels(tab, renderer.svg(chart))
        values = [x for x in labels if not x["text"].startswith("Mục tiêu")]
        assert len(values) >= 2, f"{ind.id}: {len(values)} of {len(crowded)} figures labelled"
        assert not overlapping(labels), f"{ind.id}: " + "; ".join(overlapping(labels))
        checked, drawn, figures = checked + 1, drawn + len(values), figures + len(crowded)
    assert checked >= 3, f"only {checked} crowded charts made"
    assert drawn < figures, "no label was left out: these charts are not crowded, the test shows nothing"
    print(f"verified: {checked} crowded charts, {drawn} of {figures} figures labelled, no label over another in chromium")


def test_no_label_over_another_on_a_crowded_rates_chart(tab: Tab) -> None:
    view = SiteBuild.prepare(LIVE_DATA, today=LIVE_TODAY).view
    published = [f for f in view.plan.figures if f.measure == "ty-le-giai-ngan" and not f.caution]
    assert published, "the live plan has no published disbursement rate"
    crowded = [
        dataclasses.replace(f, as_of=m.PartialDate(2023, month), value=Decimal(40 + month % 3), value_text=f"{40 + month % 3},5")
        for f in published
        for month in range(1, 13)
    ]
    # Rates at the plan's 100 % line, at the first dates: under its own label «Kế hoạch vốn được giao (100%)».
    crowded += [
        dataclasses.replace(published[0], as_of=m.PartialDate(2022, month), value=Decimal(100), value_text="100")
        for month in (1, 2)
    ]
    chart = rates_chart(view.shapes, crowded, view.places, "thử")
    assert chart is not None
    labels = drawn_labels(tab, ChartRenderer(None, workers=0).svg(chart))
    rates = [x for x in labels if x["text"].endswith("%") and "kế hoạch" not in x["text"].lower()]
    assert 2 <= len(rates) < len(crowded), f"{len(rates)} of {len(crowded)} rates labelled"
    assert not overlapping(labels), "; ".join(overlapping(labels))
    print(f"verified: a rates chart of {len(crowded)} rates, {len(rates)} labelled, none over another in chromium")
