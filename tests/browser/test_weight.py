"""Page weight: what a first visit and a further page cost on the wire (gzip), search and service worker included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browsing import Tab
from helpers import ARTIFACTS, DESKTOP, MOBILE, CountingServer, Watch

pytestmark = pytest.mark.browser

# Budget of a first visit of an indicator page, and of the next indicator page (gzip bytes).
FIRST_VISIT_BUDGET = 150 * 1024
NEXT_PAGE_BUDGET = 30 * 1024


def _two_indicators(site: Path) -> tuple[str, str]:
    found = [
        p.parent.name for p in sorted((site / "chi-tieu").glob("*/index.html")) if "<figure" in p.read_text(encoding="utf-8")
    ]
    assert len(found) >= 2, "fewer than two indicator pages with a chart"
    return found[0], found[1]


def test_page_weight(browser: Any, built_site: Path) -> None:
    """Bytes (gzip level 9 of each response body) of a first visit, then of the next indicator page, then of a search."""
    server = CountingServer(built_site)
    first_ind, second_ind = _two_indicators(built_site)
    # No routing here: Playwright turns the HTTP cache off when routes are set.
    ctx = browser.new_context(viewport=DESKTOP, service_workers="allow")
    try:
        page = ctx.new_page()
        watch = Watch().attach(page)

        def settle() -> dict[str, Any]:
            page.wait_for_timeout(800)  # the service worker installs and keeps the page after load
            page.wait_for_load_state("networkidle")
            rows = sorted(server.take(), key=lambda r: -r["gzip"])
            assert all(r["status"] == 200 for r in rows), rows
            return {"requests": rows, "gzip_total": sum(r["gzip"] for r in rows), "raw_total": sum(r["bytes"] for r in rows)}

        page.goto(server.url + f"chi-tieu/{first_ind}/", wait_until="load")
        first = {"page": f"chi-tieu/{first_ind}/", **settle()}
        page.goto(server.url + f"chi-tieu/{second_ind}/", wait_until="load")
        second = {"page": f"chi-tieu/{second_ind}/", **settle()}
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially("ho ngheo", delay=10)
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        searching = {"page": "tìm kiếm «ho ngheo»", **settle()}
        assert not watch.non_local, watch.non_local
        report = {
            "method": "sum of gzip -9 sizes of the response bodies with status 200 sent by the local server",
            "first_visit": {**first, "budget_gzip": FIRST_VISIT_BUDGET},
            "next_page": {**second, "budget_gzip": NEXT_PAGE_BUDGET},
            "first_search": searching,
        }
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "weight.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        for title, m in [("first visit", first), ("next page", second), ("first search", searching)]:
            print(
                f"\n{title} {m['page']}: {len(m['requests'])} responses, {m['raw_total'] / 1024:.1f} KB raw, {m['gzip_total'] / 1024:.1f} KB gzip"
            )
            for r in m["requests"]:
                print(f"  {r['gzip'] / 1024:7.1f} KB gzip  {r['bytes'] / 1024:7.1f} KB raw  {r['url']}")
        urls = [r["url"] for r in first["requests"]]
        for needed in (f"chi-tieu/{first_ind}/", "assets/site.css", "assets/plansite.js", "sw.js"):
            assert needed in urls, f"first visit did not fetch {needed}: the measure is incomplete ({urls})"
        assert "search/tieu-de.json" in [r["url"] for r in searching["requests"]], "the search index was not measured"
        assert first["gzip_total"] <= FIRST_VISIT_BUDGET, (
            f"first visit weighs {first['gzip_total']} B gzip > {FIRST_VISIT_BUDGET}"
        )
        assert f"chi-tieu/{second_ind}/" in [r["url"] for r in second["requests"]], "next page not measured"
        assert second["gzip_total"] <= NEXT_PAGE_BUDGET, f"next page weighs {second['gzip_total']} B gzip > {NEXT_PAGE_BUDGET}"
    finally:
        ctx.close()
        server.close()


def test_screenshots(browser: Any, served_site: str, pages: dict[str, str]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shots = [
        ("trang-chu-1280.png", DESKTOP, ""),
        ("trang-chu-360.png", MOBILE, ""),
        ("chi-tieu-360.png", MOBILE, pages["indicator (data)"]),
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
