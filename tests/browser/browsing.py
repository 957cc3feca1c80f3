"""Shared pieces of the real-browser tests (fixtures registered by conftest.py): the built site opened in Debian's chromium through Playwright.

One browser per session; each test gets a fresh context (no cache, no cookies). Pages are served by
a plain local HTTP server on 127.0.0.1; any request to another host is recorded and blocked.
axe-core comes from node_modules (``npm ci``). Screenshots and measures go to test-artifacts/.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, MOBILE, Watch, block_non_local
from playwright.sync_api import sync_playwright

from _site import built_site, served_site  # noqa: F401


def _indicator(site: Path, with_data: bool) -> str:
    """The indicator page with the most figures and a chart (or one with no figure at all)."""
    best: tuple[int, str] | None = None
    for page in sorted((site / "chi-tieu").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if with_data and "ps-data" in html and "<figure" in html:
            rows = html.count("<tr")
            best = max(best or (rows, page.parent.name), (rows, page.parent.name))
        if not with_data and 'class="ps-nodata"' in html and "<figure" not in html:
            return page.parent.name
    if best is None:
        raise AssertionError(f"no indicator page {'with' if with_data else 'without'} figures in chi-tieu/")
    return best[1]


def _first(site: Path, folder: str, contains: str = "") -> str:
    for page in sorted((site / folder).glob("*/index.html")):
        if contains in page.read_text(encoding="utf-8"):
            return f"{folder}/{page.parent.name}/"
    raise AssertionError(f"no page in {folder}/")


def _embed(site: Path, indicator: str) -> str:
    """The embed page of the indicator's first chart (any chart's when it has none)."""
    found = sorted((site / "nhung" / "chi-tieu" / indicator).rglob("index.html")) or sorted((site / "nhung").rglob("index.html"))
    assert found, "no embed page in nhung/"
    return found[0].parent.relative_to(site).as_posix() + "/"


@pytest.fixture(scope="session")
def pages(built_site: Path) -> dict[str, str]:  # noqa: F811
    """One path per page type (relative to the site root), found in the built site, not named here."""
    ind = _indicator(built_site, True)
    html = (built_site / "chi-tieu" / ind / "index.html").read_text(encoding="utf-8")
    area = re.search(r'href="\.\./\.\./linh-vuc/([^/"]+)/"', html)
    assert area, f"no area link on chi-tieu/{ind}/"
    p = {
        "home": "",
        "indicator (data)": f"chi-tieu/{ind}/",
        "indicator (no data)": f"chi-tieu/{_indicator(built_site, False)}/",
        "indicators index": "chi-tieu/",
        "area": f"linh-vuc/{area.group(1)}/",
        "areas index": "linh-vuc/",
        "task": _first(built_site, "nhiem-vu"),
        "tasks index": "nhiem-vu/",
        "agency": _first(built_site, "co-quan", "Báo cáo hằng năm"),
        "agencies index": "co-quan/",
        "place (with figures)": _first(built_site, "dia-ban", "ps-latest"),
        "place (no figures)": _first(built_site, "dia-ban", "Chưa có số liệu riêng"),
        "places index": "dia-ban/",
        "full text": "toan-van/",
        "method": "phuong-phap/",
        "open data": "du-lieu/",
        "guide": "huong-dan/",
        "about": "gioi-thieu/",
        "updates": "cap-nhat/",
        "yearly report": _first(built_site, "bao-cao"),
        "reports index": "bao-cao/",
        "investment index": "dau-tu/",
        "programme": _first(built_site, "dau-tu/chuong-trinh"),
        "project": _first(built_site, "dau-tu/du-an"),
        "staff upload guide": "nop-so-lieu/",
        "404": "404.html",
        "embed": _embed(built_site, ind),
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
    "place (with figures)",
    "place (no figures)",
    "places index",
    "full text",
    "method",
    "open data",
    "guide",
    "about",
    "updates",
    "yearly report",
    "reports index",
    "investment index",
    "programme",
    "project",
    "staff upload guide",
    "404",
]
# Pages outside the site's frame (no header, menu or search): the embed page of a chart, for an <iframe>.
BARE_PAGE_TYPES = ["embed"]


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

    def __init__(self, browser: Any, viewport: dict[str, int], block: bool = True, workers: bool = False) -> None:
        self.context = browser.new_context(viewport=viewport, locale="vi-VN", service_workers="allow" if workers else "block")
        self.blocked: list[str] = []
        if block:
            block_non_local(self.context, self.blocked)
        self.page = self.context.new_page()
        self.watch = Watch().attach(self.page)

    def open(self, url: str) -> Any:
        resp = self.page.goto(url, wait_until="load")
        self.settle()
        return resp

    def settle(self, timeout_s: float = 15.0) -> None:
        """Wait until the page is at rest: its fonts loaded, the scripts run on load done (a frame and a
        task later) and no request of it in flight, twice over. This is what ``networkidle`` waits for,
        without its fixed half-second of silence on every page (the tests about the network itself,
        test_pages and test_weight, still wait for ``networkidle``)."""
        page, end = self.page, time.monotonic() + timeout_s
        for _ in range(2):
            page.evaluate(
                "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))))"
            )
            while self.watch.in_flight:
                if time.monotonic() > end:
                    left = sorted(r.url for r in self.watch.in_flight)
                    raise AssertionError(f"requests still in flight after {timeout_s} s: {left}")
                page.wait_for_timeout(10)

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
