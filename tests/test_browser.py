"""Real-browser tests: the built site opened in Debian's chromium through Playwright.

One browser per session; each test gets a fresh context (no cache, no cookies).
Pages are served by a plain local HTTP server on 127.0.0.1; any request to another
host is recorded and blocked. axe-core comes from node_modules (``npm ci``).

Run: ``.venv/bin/python -m pytest tests/test_browser.py -x -q``
Screenshots and measured page weight go to test-artifacts/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import sync_playwright

from _site import build, built_site, make_evil_data, serve, served_site  # noqa: F401
from browser_helpers import (
    ARTIFACTS,
    AXE_JS,
    BROKEN_WORDS_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    MOBILE,
    OVERFLOW_JS,
    CountingServer,
    Watch,
    block_non_local,
    format_axe,
    run_axe,
)

pytestmark = pytest.mark.browser


# Budget of a first visit of an indicator page, and of the next indicator page (gzip bytes).
FIRST_VISIT_BUDGET = 250 * 1024
NEXT_PAGE_BUDGET = 60 * 1024

IND_WITH_DATA = "ty-le-ho-ngheo"
IND_WITH_DATA_2 = "ty-le-ho-ngheo-dtts"


# --------------------------------------------------------------------------- pages


def _indicator_without_data(site: Path) -> str:
    for page in sorted((site / "chi-tieu").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if 'class="ps-nodata"' in html and "<figure" not in html:
            return page.parent.name
    raise AssertionError("no indicator page without data in chi-tieu/")


def _area_of(site: Path, indicator: str) -> str:
    html = (site / "chi-tieu" / indicator / "index.html").read_text(encoding="utf-8")
    m = re.search(r'href="\.\./\.\./linh-vuc/([^/"]+)/"', html)
    assert m, f"no area link on chi-tieu/{indicator}/"
    return m.group(1)


@pytest.fixture(scope="session")
def pages(built_site: Path) -> dict[str, str]:  # noqa: F811
    """One path per page type (relative to the site root)."""
    p = {
        "home": "",
        "indicator (data)": f"chi-tieu/{IND_WITH_DATA}/",
        "indicator (no data)": f"chi-tieu/{_indicator_without_data(built_site)}/",
        "indicators index": "chi-tieu/",
        "area": f"linh-vuc/{_area_of(built_site, IND_WITH_DATA)}/",
        "areas index": "linh-vuc/",
        "task": "nhiem-vu/nv-1/",
        "tasks index": "nhiem-vu/",
        "agency": "co-quan/ban-dan-toc/",
        "agencies index": "co-quan/",
        "place (commune)": "dia-ban/pac-nam/",
        "place (province)": "dia-ban/bac-kan/",
        "places index": "dia-ban/",
        "full text": "toan-van/",
        "method": "phuong-phap/",
        "open data": "du-lieu/",
        "guide": "huong-dan/",
        "about": "gioi-thieu/",
        "updates": "cap-nhat/",
        "404": "404.html",
    }
    for name, path in p.items():
        f = built_site / (path + "index.html" if path.endswith("/") or not path else path)
        assert f.is_file(), f"page {name!r}: {f} was not built"
    return p


PAGE_TYPES = [
    "home",
    "indicator (data)",
    "indicator (no data)",
    "indicators index",
    "area",
    "areas index",
    "task",
    "tasks index",
    "agency",
    "agencies index",
    "place (commune)",
    "place (province)",
    "places index",
    "full text",
    "method",
    "open data",
    "guide",
    "about",
    "updates",
    "404",
]


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make setup-test` (installs Debian's chromium)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Tab:
    """A fresh context + page, with its watch and the list of blocked non-local requests."""

    def __init__(self, browser: Any, viewport: dict[str, int], block: bool = True) -> None:
        self.context = browser.new_context(viewport=viewport, locale="vi-VN", service_workers="block")
        self.blocked: list[str] = []
        if block:
            block_non_local(self.context, self.blocked)
        self.page = self.context.new_page()
        self.watch = Watch().attach(self.page)

    def open(self, url: str) -> Any:
        resp = self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return resp

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    t = Tab(browser, DESKTOP)
    yield t
    t.close()


@pytest.fixture
def mobile_tab(browser: Any) -> Iterator[Tab]:
    t = Tab(browser, MOBILE)
    yield t
    t.close()


# --------------------------------------------------------------------------- 1. console and requests


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_clean_and_local_only(tab: Tab, served_site: str, pages: dict[str, str], kind: str) -> None:  # noqa: F811
    resp = tab.open(served_site + pages[kind])
    assert resp is not None and resp.status == 200, f"{kind}: HTTP {resp and resp.status}"
    # Let the search worker load its index (it runs after the page's load event).
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


# --------------------------------------------------------------------------- 2. charts

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
def test_charts_are_drawn_with_text_alternative(tab: Tab, served_site: str, pages: dict[str, str], kind: str) -> None:  # noqa: F811
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


# --------------------------------------------------------------------------- 3. search


RESULTS_JS = """() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
    href: (li.querySelector('a') || {}).href || '', text: li.innerText}))"""


def _search(page: Any, query: str, all_results: bool = False) -> list[dict[str, str]]:
    """Type ``query`` into the theme's search box; return the results shown (all of them if asked)."""
    box = page.locator(".md-search__input")
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():  # narrow screens: a magnifier button in the header opens the search
        toggle.click()
        page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
    else:
        box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    # The worker answers each keystroke in turn: wait until the list stops changing.
    results, same = page.evaluate(RESULTS_JS), 0
    for _ in range(40):
        page.wait_for_timeout(250)
        now = page.evaluate(RESULTS_JS)
        same = same + 1 if now == results else 0
        results = now
        if same >= 2:
            break
    while all_results:  # the theme shows 10 results, and more as the list is scrolled
        page.locator(".md-search__scrollwrap").evaluate("e => e.scrollTop = e.scrollHeight")
        page.wait_for_timeout(150)
        more = page.evaluate(RESULTS_JS)
        if len(more) == len(results):
            break
        results = more
    return results


def _page_of(href: str) -> str:
    return urlsplit(href).path


def _close_search(page: Any) -> None:
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_search_with_and_without_diacritics(browser: Any, served_site: str, viewport: str) -> None:  # noqa: F811
    t = Tab(browser, DESKTOP if viewport == "desktop" else MOBILE)
    try:
        t.open(served_site)
        found = {}
        for q in ["hộ nghèo", "ho ngheo", "bảo hiểm y tế", "bao hiem y te"]:
            found[q] = _search(t.page, q, all_results=True)
            assert found[q], f"no result for {q!r}"
            _close_search(t.page)
        for q, phrase in [("ho ngheo", "hộ nghèo"), ("bao hiem y te", "bảo hiểm y tế")]:
            texts = [r["text"].lower() for r in found[q]]
            assert any(phrase in s for s in texts), f"{q!r} found no page showing «{phrase}» ({len(texts)} results)"
            # The folded words are an index aid only: results show the text with its diacritics.
            assert not any(q in s for s in texts), f"folded text «{q}» shown in search results"
        assert not t.watch.console_errors and not t.watch.page_errors, t.watch.console_errors + t.watch.page_errors
        assert not t.watch.non_local and not t.blocked
    finally:
        t.close()


def test_search_without_diacritics_ranks_like_with(tab: Tab, served_site: str) -> None:  # noqa: F811
    """A reader who types without diacritics sees the same best pages near the top."""
    tab.open(served_site)
    for accented, plain in [("hộ nghèo", "ho ngheo"), ("bảo hiểm y tế", "bao hiem y te")]:
        best = _search(tab.page, accented)[:3]
        _close_search(tab.page)
        top = _search(tab.page, plain)[:5]
        _close_search(tab.page)
        assert {_page_of(r["href"]) for r in best} & {_page_of(r["href"]) for r in top}, (
            f"none of the 3 best pages for {accented!r} is among the first 5 for {plain!r}:\n"
            f"  {accented!r}: {[r['text'].splitlines()[0] for r in best]}\n"
            f"  {plain!r}: {[r['text'].splitlines()[0] for r in top]}"
        )


# --------------------------------------------------------------------------- 4. mobile layout


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_mobile_layout_no_horizontal_scroll(mobile_tab: Tab, served_site: str, pages: dict[str, str], kind: str) -> None:  # noqa: F811
    page = mobile_tab.page
    mobile_tab.open(served_site + pages[kind])
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]")
    assert sizes[1] == MOBILE["width"]
    if sizes[0] > sizes[1] or sizes[2] > sizes[1]:
        culprits = page.evaluate(OVERFLOW_JS)
        pytest.fail(
            f"{kind}: page scrolls sideways at 360 px (scrollWidth {sizes[0]}/{sizes[2]} > {sizes[1]}); "
            f"elements sticking out: {culprits}"
        )
    # Wide tables scroll inside their own wrapper.
    loose = page.evaluate(
        """() => [...document.querySelectorAll('article table')].filter(t =>
            t.scrollWidth > t.parentElement.clientWidth + 1 && !t.closest('.ps-table-wrap, .md-typeset__scrollwrap')
        ).length"""
    )
    assert loose == 0, f"{kind}: {loose} wide table(s) outside a scrolling wrapper"
    # Table columns are never squeezed so narrow that words break inside (at 360 px and at 1280 px).
    broken = page.evaluate(BROKEN_WORDS_JS)
    assert not broken, f"{kind} (360 px): words split over two lines in table cells: {broken}"
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(100)
    broken = page.evaluate(BROKEN_WORDS_JS)
    assert not broken, f"{kind} (1280 px): words split over two lines in table cells: {broken}"


# --------------------------------------------------------------------------- 5. accessibility (axe-core)


@pytest.fixture(scope="session")
def axe_ready() -> None:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} missing: run `npm ci` (or `make setup-test`)")


def _serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_no_serious_violations(axe_ready: None, tab: Tab, served_site: str, pages: dict[str, str], kind: str) -> None:  # noqa: F811
    tab.open(served_site + pages[kind])
    bad = _serious(run_axe(tab.page))
    assert not bad, f"{kind}: axe-core found serious/critical problems:\n{format_axe(bad)}"


@pytest.mark.parametrize("kind", ["indicator (data)", "full text"])
def test_axe_mobile_and_open_search(axe_ready: None, mobile_tab: Tab, served_site: str, pages: dict[str, str], kind: str) -> None:  # noqa: F811
    """The same check at 360 px, with the chart data table and the search dialog open."""
    page = mobile_tab.page
    mobile_tab.open(served_site + pages[kind])
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    bad = _serious(run_axe(page))
    assert not bad, f"{kind} (360 px): axe-core found serious/critical problems:\n{format_axe(bad)}"
    _search(page, "hộ nghèo", all_results=True)
    bad = _serious(run_axe(page))
    assert not bad, f"{kind} (360 px, search open): axe-core found serious/critical problems:\n{format_axe(bad)}"


# --------------------------------------------------------------------------- 6. injection


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    """The real data with injection attempts in its texts (see _site.EVIL), built and served."""
    tmp = tmp_path_factory.mktemp("evil")
    data = make_evil_data(tmp / "data")
    first_id = yaml.safe_load((data / "indicators.yaml").read_text(encoding="utf-8"))["indicators"][0]["id"]
    build(data, tmp / "site")
    url, httpd = serve(tmp / "site")
    yield url, tmp / "site", first_id
    httpd.shutdown()


UNSAFE_JS = """() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
            if (/^on/i.test(a.name)) bad.push(`${el.tagName}[${a.name}]`);
            if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name) &&
                /^\\s*(javascript|vbscript|data):/i.test(a.value)) bad.push(`${el.tagName}[${a.name}=${a.value}]`);
        }
    }
    for (const s of document.querySelectorAll('script')) {
        if (s.textContent.includes('__pwned')) bad.push('script: ' + s.textContent.slice(0, 80));
    }
    return bad;
}"""

EVIL_SCRIPT_TEXT = "<script>window.__pwned = 1</script>"


def _assert_not_pwned(t: Tab, where: str) -> None:
    page = t.page
    assert page.evaluate("typeof window.__pwned") == "undefined", f"{where}: injected code ran (window.__pwned set)"
    assert page.evaluate(UNSAFE_JS) == [], f"{where}: unsafe markup from data"
    assert not t.watch.dialogs, f"{where}: dialogs opened: {t.watch.dialogs}"
    assert not t.watch.page_errors, f"{where}: uncaught errors: {t.watch.page_errors}"


def _click_links(t: Tab, links: Any, where: str) -> int:
    """Click each link; none may run code (a javascript: link would run in the page itself)."""
    page = t.page
    url = page.url
    n = links.count()
    for i in range(n):
        if page.url != url:
            t.open(url)
        link = links.nth(i)
        # Bring the link's first line below the sticky header, and click there.
        link.evaluate("a => { a.scrollIntoView({block: 'start'}); window.scrollBy(0, -200); }")
        new_tab = link.get_attribute("target") == "_blank"
        with page.context.expect_page(timeout=5000) if new_tab else _nothing() as popup:
            link.click(position={"x": 3, "y": 3})
        page.wait_for_timeout(200)
        if page.url == url:
            _assert_not_pwned(t, f"{where}, after clicking link {i}")
        if popup is not None:
            p = popup.value
            assert is_safe_url(p.url), f"{where}: link {i} opened {p.url}"
            p.close()
    return n


def test_injected_text_stays_text_on_indicator_page(browser: Any, evil_site: tuple[str, Path, str]) -> None:
    base, _, first_id = evil_site
    t = Tab(browser, DESKTOP)
    try:
        page = t.page
        t.open(base + f"chi-tieu/{first_id}/")
        _assert_not_pwned(t, first_id)
        shown = page.get_by_text(EVIL_SCRIPT_TEXT).filter(visible=True)
        assert shown.count() >= 1, f"the literal «{EVIL_SCRIPT_TEXT}» is not shown as text"
        assert "{{ 7*7 }}" in page.locator("article").inner_text(), "template syntax from data was evaluated"
        n = _click_links(t, page.locator("table.ps-data a"), f"chi-tieu/{first_id}/ data table")
        assert n >= 2, "too few links in the data table (place, source)"
    finally:
        t.close()


def test_injected_text_stays_text_everywhere(browser: Any, evil_site: tuple[str, Path, str]) -> None:
    """Every page that shows an injected text, the home page and the search results: no code runs."""
    base, site, first_id = evil_site
    marked = sorted(
        f.parent.relative_to(site).as_posix() + "/"
        for f in site.rglob("index.html")
        if "__pwned" in f.read_text(encoding="utf-8")
    )
    assert f"chi-tieu/{first_id}/" in marked, f"the injected texts did not reach the indicator page: {marked}"
    t = Tab(browser, DESKTOP)
    try:
        page = t.page
        for path in ["", *marked]:
            t.open(base + path)
            _assert_not_pwned(t, path or "home")
            if path:
                shown = page.get_by_text("window.__pwned").filter(visible=True)
                folded = page.locator("details:not([open])", has_text="window.__pwned")
                assert shown.count() + folded.count() >= 1, f"{path}: the injected text is not shown as text"
                _click_links(t, page.locator("article tr", has_text="window.__pwned").locator("a"), path)
        # The search results render the indexed text as HTML: it must stay text there too.
        t.open(base)
        results = _search(page, "hyperlink")
        assert any("window.__pwned" in r["text"] for r in results), (
            f"the injected text is not in the search results: {results[:3]}"
        )
        _assert_not_pwned(t, "search results")
    finally:
        t.close()


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def is_safe_url(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https", "about", "chrome-error")


# --------------------------------------------------------------------------- 7. weight


def test_page_weight(browser: Any, built_site: Path) -> None:  # noqa: F811
    """Bytes (gzip level 9 of each response body) of a first visit, then of the next indicator page."""
    server = CountingServer(built_site)
    # No routing here: Playwright turns the HTTP cache off when routes are set.
    ctx = browser.new_context(viewport=DESKTOP)
    try:
        page = ctx.new_page()
        watch = Watch().attach(page)

        def visit(path: str) -> dict[str, Any]:
            page.goto(server.url + path, wait_until="load")
            page.wait_for_timeout(500)  # the search worker starts after load and fetches its scripts and index
            page.wait_for_load_state("networkidle")
            rows = sorted(server.take(), key=lambda r: -r["gzip"])
            assert all(r["status"] == 200 for r in rows), rows
            return {
                "page": path,
                "requests": rows,
                "gzip_total": sum(r["gzip"] for r in rows),
                "raw_total": sum(r["bytes"] for r in rows),
            }

        first = visit(f"chi-tieu/{IND_WITH_DATA}/")
        second = visit(f"chi-tieu/{IND_WITH_DATA_2}/")
        assert not watch.non_local, watch.non_local

        report = {
            "method": "sum of gzip -9 sizes of the response bodies with status 200 sent by the local server",
            "first_visit": {**first, "budget_gzip": FIRST_VISIT_BUDGET},
            "next_page": {**second, "budget_gzip": NEXT_PAGE_BUDGET},
        }
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "weight.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        for title, m in [("first visit", first), ("next page", second)]:
            print(
                f"\n{title} {m['page']}: {len(m['requests'])} responses, "
                f"{m['raw_total'] / 1024:.1f} KB raw, {m['gzip_total'] / 1024:.1f} KB gzip"
            )
            for r in m["requests"]:
                print(f"  {r['gzip'] / 1024:7.1f} KB gzip  {r['bytes'] / 1024:7.1f} KB raw  {r['url']}")

        urls = [r["url"] for r in first["requests"]]
        for needed in (f"chi-tieu/{IND_WITH_DATA}/", "assets/site.css", "search/search_index.json"):
            assert needed in urls, f"first visit did not fetch {needed}: the measure is incomplete ({urls})"
        assert any("workers/search" in u for u in urls), f"the search worker's script was not measured ({urls})"
        assert first["gzip_total"] <= FIRST_VISIT_BUDGET, (
            f"first visit weighs {first['gzip_total']} B gzip > {FIRST_VISIT_BUDGET}"
        )
        assert f"chi-tieu/{IND_WITH_DATA_2}/" in [r["url"] for r in second["requests"]], "next page not measured"
        assert second["gzip_total"] <= NEXT_PAGE_BUDGET, f"next page weighs {second['gzip_total']} B gzip > {NEXT_PAGE_BUDGET}"
    finally:
        ctx.close()
        server.close()


# --------------------------------------------------------------------------- 8. screenshots


def test_screenshots(browser: Any, served_site: str) -> None:  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    shots = [
        ("home-1280.png", DESKTOP, ""),
        (f"chi-tieu-{IND_WITH_DATA}-360.png", MOBILE, f"chi-tieu/{IND_WITH_DATA}/"),
    ]
    for name, viewport, path in shots:
        t = Tab(browser, viewport)
        try:
            t.open(served_site + path)
            out = ARTIFACTS / name
            t.page.screenshot(path=str(out), full_page=True)
            assert out.stat().st_size > 10_000, f"{name}: screenshot looks empty"
        finally:
            t.close()
