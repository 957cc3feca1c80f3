"""Text from data stays text in the browser: no script runs, no unsafe link, on every page that shows it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from browsing import Tab
from helpers import DESKTOP
from test_search import search

from _site import make_evil_data, serve, shared_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    """The real data with injection attempts in its texts (see _site.EVIL), built and served."""
    tmp = tmp_path_factory.mktemp("evil")
    data = make_evil_data(tmp / "data")
    first_id = yaml.safe_load((data / "indicators.yaml").read_text(encoding="utf-8"))["indicators"][0]["id"]
    built = shared_build(tmp_path_factory, data)  # the one tests/site/test_site_injection.py scans
    url, httpd = serve(built)
    yield url, built, first_id
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
        results = search(page, "hyperlink pwned")
        assert any(f"chi-tieu/{first_id}/" in r["href"] for r in results), (
            f"the page holding the injected text is not found by its words: {results[:3]}"
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
