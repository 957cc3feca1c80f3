"""Every page type loads clean and local-only; charts are drawn, with a text alternative, a table and downloads."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from browsing import PAGE_TYPES, Tab

from plansite.render.charts.data import Chart
from plansite.render.charts.downloads import Credit, standalone_svg

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_clean_and_local_only(tab: Tab, served_site: str, pages: dict[str, str], kind: str) -> None:
    resp = tab.open(served_site + pages[kind])
    assert resp is not None and resp.status == 200, f"{kind}: HTTP {resp and resp.status}"
    tab.page.wait_for_timeout(300)
    tab.page.wait_for_load_state("networkidle")
    w = tab.watch
    assert not w.non_local and not tab.blocked, f"{kind}: requests leaving 127.0.0.1: {sorted(set(w.non_local + tab.blocked))}"
    assert not w.page_errors, f"{kind}: uncaught errors: {w.page_errors}"
    assert not w.console_errors, f"{kind}: console errors: {w.console_errors}"
    assert not w.failed, f"{kind}: failed requests: {w.failed}"
    assert not w.dialogs, f"{kind}: dialogs opened: {w.dialogs}"
    assert len(w.requests) >= 4, f"{kind}: suspiciously few requests recorded: {w.requests}"
    assert tab.page.locator("h1").count() >= 1, f"{kind}: no <h1>"


CHART_JS = """() => [...document.querySelectorAll('figure.ps-chart')].map(f => {
    const svg = f.querySelector('svg');
    const box = svg ? svg.getBoundingClientRect() : null;
    const shown = el => {
        const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        const paint = [s.fill, s.stroke].some(c => c && c !== 'none' && !/rgba\\(.*, 0\\)$/.test(c));
        return (r.width > 0 || r.height > 0) && s.visibility !== 'hidden' && s.display !== 'none' && +s.opacity > 0 && paint;
    };
    // Every drawn shape (paths, rects, symbols, axis lines; not the plain backgrounds),
    // and the data marks among them (bars, lines, points).
    const shapes = svg ? [...svg.querySelectorAll('path, rect, use, circle, line, polyline')]
        .filter(el => !el.matches('.background, svg > rect')).filter(shown) : [];
    const marks = svg ? [...svg.querySelectorAll(
        'g.role-mark:is(.mark-rect,.mark-symbol,.mark-line,.mark-area,.mark-arc) > :is(path,rect,use,circle)')].filter(shown) : [];
    const bars = svg ? svg.querySelectorAll('g.role-mark.mark-rect > path').length : 0;
    const lines = svg ? svg.querySelectorAll('g.role-mark.mark-line > path').length : 0;
    const cap = f.querySelector('figcaption');
    const table = f.querySelector('table');
    return {
        inline_svg: !!svg && svg.ownerSVGElement === null && !svg.closest('img, object, iframe'),
        width: box ? box.width : 0, height: box ? box.height : 0,
        visible: !!svg && svg.checkVisibility() && box.width > 0,
        shapes: shapes.length, marks: marks.length, bars: bars, lines: lines,
        // The text alternative must be rendered (a visually hidden caption is fine, display: none is not).
        caption: cap && cap.checkVisibility({visibilityProperty: true}) ? cap.innerText.trim() : '',
        table_rows: table ? table.querySelectorAll('tbody tr').length : 0,
        table_heads: table ? table.querySelectorAll('thead th').length : 0,
        labels: svg ? [...svg.querySelectorAll('text')].map(t => t.textContent) : [],
    };
})"""


@pytest.mark.parametrize("kind", ["home", "area", "indicator (data)"])
def test_charts_are_drawn_with_text_alternative(tab: Tab, served_site: str, pages: dict[str, str], kind: str) -> None:
    tab.open(served_site + pages[kind])
    charts = tab.page.evaluate(CHART_JS)
    assert charts, f"{kind}: no figure.ps-chart"
    for i, c in enumerate(charts):
        assert c["inline_svg"], f"{kind}: chart {i} is not an inline <svg>: {c}"
        assert c["visible"] and c["width"] > 100 and c["height"] > 50, f"{kind}: chart {i} not visible: {c}"
        assert c["shapes"] > 3, f"{kind}: chart {i} draws too few shapes: {c}"
        assert c["marks"] >= 1, f"{kind}: chart {i} draws no data mark (bar, line, point): {c}"
        assert len(c["caption"]) > 20, f"{kind}: chart {i} has no text alternative (figcaption): {c}"
        assert c["table_rows"] >= 1 and c["table_heads"] >= 1, f"{kind}: chart {i} has no data table: {c}"
    if kind in ("home", "area"):
        # The status chart: one bar per row of its data table.
        assert charts[0]["bars"] == charts[0]["table_rows"], f"{kind}: bars and table rows differ: {charts[0]}"
    else:
        # The indicator chart: a line through the observations, values labelled the Vietnamese way (26,7%).
        assert charts[0]["lines"] >= 1, f"{kind}: the indicator chart has no line: {charts[0]}"
        labels = charts[0]["labels"]
        assert any(re.fullmatch(r"\d+,\d+%.*", x) for x in labels), f"{kind}: no value label like «26,7%»: {labels}"
        assert not any(re.search(r"\d\.\d+%", x) for x in labels), f"{kind}: decimal point in a value label: {labels}"


def test_chart_downloads_and_embed_page_work(tab: Tab, served_site: str, pages: dict[str, str], built_site: Path) -> None:
    """SVG and PNG with the title inside, the data as CSV with a BOM, and an embed page with only the chart."""
    tab.open(served_site + pages["indicator (data)"])
    share = tab.page.locator(".ps-chart-share").first
    links = {a.inner_text(): a.get_attribute("href") for a in share.locator("a").all()}
    assert set(links) >= {"ảnh SVG", "ảnh PNG", "số liệu CSV", "trang nhúng"}, links
    base = tab.page.url
    for label in ("ảnh SVG", "ảnh PNG", "số liệu CSV"):
        resp = tab.page.request.get(base + links[label])
        assert resp.status == 200, (label, links[label])
        body = resp.body()
        if label == "ảnh SVG":
            title = tab.page.locator("h1").first.inner_text().strip()
            text = body.decode("utf-8")
            assert title in text and "Nguồn:" in text and "Giấy phép" in text, text[:400]
        if label == "ảnh PNG":
            assert body[:8] == b"\x89PNG\r\n\x1a\n" and len(body) > 5000
        if label == "số liệu CSV":
            assert body.startswith(b"\xef\xbb\xbf"), "the chart's CSV has no BOM"
    code = tab.page.locator(".ps-embed-code textarea").first.input_value()
    assert code.startswith("<iframe") and "nhung/" in code and code.count("http") >= 1, code
    embed = Tab.__new__(Tab)
    tab.open(base + links["trang nhúng"])
    assert tab.page.locator("svg").count() >= 1 and tab.page.locator("header, nav").count() == 0
    assert "Nguồn:" in tab.page.locator("body").inner_text()
    del embed


TEXT_FITS_JS = """() => {
    const svg = document.querySelector('svg');
    const width = svg.getBoundingClientRect().width;
    return [...svg.querySelectorAll(':scope > text')].map(t => ({text: t.textContent, right: t.getBBox().x + t.getBBox().width, width}));
}"""


def _text_past_the_edge(tab: Tab, svg: str) -> list[dict[str, object]]:
    """The title and credit lines of a downloaded SVG that chromium draws past its right edge (fonts as installed)."""
    tab.page.set_content(f"<!doctype html><html><body style='margin:0'>{svg}</body></html>")
    lines = tab.page.evaluate(TEXT_FITS_JS)
    assert lines, "no title or credit line in the SVG"
    return [x for x in lines if x["right"] > x["width"]]


def test_downloaded_svg_titles_fit_in_the_image(tab: Tab, built_site: Path) -> None:
    """A 120-letter Vietnamese title and every live chart's own: every line ends inside the image, measured by chromium."""
    title = (
        "Tỷ lệ hộ nghèo đồng bào dân tộc thiểu số theo chuẩn nghèo đa chiều của các huyện, "
        "thành phố, giai đoạn 2021–2025 (Đạt, Ước)"
    )
    chart = Chart({}, "Biểu đồ", ("Năm",), (), slug="x", title=title, sources=("Báo cáo của Uỷ ban nhân dân tỉnh",))
    credit = Credit("Theo dõi thực hiện kế hoạch", "CC BY 4.0", dt.date(2026, 12, 1))
    for w in (300, 400, 640):
        inner = f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="200"><rect width="9" height="9"/></svg>'
        assert not _text_past_the_edge(tab, standalone_svg(chart, inner, credit)), f"{w} px chart: a line is clipped"
    files = sorted((built_site / "bieu-do").rglob("*.svg"))
    assert files, "no downloadable SVG in bieu-do/"
    clipped = {
        f.relative_to(built_site).as_posix(): bad
        for f in files
        if (bad := [x["text"] for x in _text_past_the_edge(tab, f.read_text(encoding="utf-8"))])
    }
    assert not clipped, f"lines drawn past the right edge of {len(clipped)} of {len(files)} downloaded SVGs: {clipped}"
