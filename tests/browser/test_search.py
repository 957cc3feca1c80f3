"""Search as people type: without diacritics, abbreviated, with place names; ranking; on a slow link."""

from __future__ import annotations

import json
import time
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from browsing import Tab
from helpers import ARTIFACTS, DESKTOP, MOBILE

from _site import ROOT

pytestmark = pytest.mark.browser

RESULTS_JS = """() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
    href: (li.querySelector('a') || {}).href || '', text: li.innerText}))"""


def fold(text: str) -> str:
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def search(page: Any, query: str) -> list[dict[str, str]]:
    """Type ``query`` into the search box as a person does; return the results shown once they settle."""
    box = page.locator(".md-search__input")
    opener = page.locator("button.md-header__button[data-ps-toggle='__search']")
    if opener.is_visible():  # narrow screens: the magnifier button opens the search
        opener.click()
        page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
    else:
        box.click()
    box.fill("")
    box.press_sequentially(query, delay=15)
    return settled_results(page)


def settled_results(page: Any) -> list[dict[str, str]]:
    """The results once they stop changing: the first come from a small part of the index, and the list is
    drawn again when the rest of the index has arrived (the same list three looks in a row, 150 ms apart)."""
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    results, same = page.evaluate(RESULTS_JS), 0
    for _ in range(40):
        page.wait_for_timeout(150)
        now = page.evaluate(RESULTS_JS)
        same = same + 1 if now == results else 0
        results = now
        if same >= 2:
            break
    return results


def close_search(page: Any) -> None:
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")


def top(results: list[dict[str, str]], n: int = 3) -> list[str]:
    return [urlsplit(r["href"]).path.strip("/") for r in results[:n]]


# Real queries, as people type them on a phone: no diacritics, abbreviations, place names, two words.
QUERIES = [
    ("bhyt", "chi-tieu/ty-le-tham-gia-bhyt"),
    ("ntm", "chi-tieu/xa-dat-chuan-ntm"),
    ("dtts", "chi-tieu/"),
    ("duong oto", "chi-tieu/xa-duong-oto-nhua-be-tong"),
    ("so y te", "co-quan/so-y-te"),
    ("ho ngheo", "chi-tieu/ty-le-ho-ngheo"),
    ("tỷ lệ hộ nghèo", "chi-tieu/ty-le-ho-ngheo"),
    ("dien", "chi-tieu/ho-su-dung-dien"),
    ("suy dinh duong", "chi-tieu/tre-suy-dinh-duong"),
    ("thcs", "chi-tieu/"),
    ("ban dan toc", "co-quan/ban-dan-toc"),
    ("pac nam", "dia-ban/pac-nam"),
    ("ngan son", "dia-ban/ngan-son"),
    ("nha van hoa", "chi-tieu/"),
    ("uy ban nhan dan", "co-quan/"),
    ("ubnd", "co-quan/"),
]


def _expected_from_data() -> list[tuple[str, str]]:
    """More queries made from the plan's own data: an agency's or a district's name typed without diacritics."""
    agencies = yaml.safe_load((ROOT / "data" / "agencies.yaml").read_text(encoding="utf-8"))["agencies"]
    places = yaml.safe_load((ROOT / "data" / "places.yaml").read_text(encoding="utf-8"))["places"]
    out = [(fold(a["name"]), f"co-quan/{a['id']}") for a in agencies[:6]]
    out += [(fold(p["name"]), f"dia-ban/{p['id']}") for p in places if p.get("level") == "huyen"][:5]
    return out


def test_real_queries_find_their_page_in_the_top_three(tab: Tab, served_site: str) -> None:
    tab.open(served_site)
    report, misses = [], []
    for query, expected in QUERIES + _expected_from_data():
        results = search(tab.page, query)
        best = top(results)
        report.append({"query": query, "expected": expected, "top3": best})
        if not any(b.startswith(expected) for b in best):
            misses.append(f"{query!r}: expected {expected}…, got {best}")
        close_search(tab.page)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-queries.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    assert not misses, "\n".join(misses)
    assert not tab.watch.console_errors and not tab.watch.page_errors


def test_place_names_match_whole_words(tab: Tab, served_site: str) -> None:
    """A one-letter word never finds places by prefix («y» is not «Yên …»)."""
    tab.open(served_site)
    results = search(tab.page, "so y te")
    assert not any("/dia-ban/" in r["href"] for r in results[:5]), top(results, 5)


def test_two_words_prefer_pages_holding_both(tab: Tab, served_site: str) -> None:
    tab.open(served_site)
    for query in ("ho ngheo", "dinh duong", "ba be"):
        results = search(tab.page, query)
        words = query.split()
        first = fold(results[0]["text"])
        assert all(w in first for w in words), f"{query!r}: the first result holds not every word: {results[0]['text']!r}"
        close_search(tab.page)


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_search_with_and_without_diacritics(browser: Any, served_site: str, viewport: str) -> None:
    t = Tab(browser, DESKTOP if viewport == "desktop" else MOBILE)
    try:
        t.open(served_site)
        for accented in ["hộ nghèo", "bảo hiểm y tế"]:
            with_marks = top(search(t.page, accented), 3)
            close_search(t.page)
            without = search(t.page, fold(accented))
            close_search(t.page)
            assert set(with_marks) & set(top(without, 5)), f"{accented!r}: {with_marks} vs {top(without, 5)}"
            # Results show the text with its diacritics.
            assert any(accented in r["text"].lower() for r in without), [r["text"] for r in without[:3]]
        assert not t.watch.console_errors and not t.watch.page_errors
        assert not t.watch.non_local and not t.blocked
    finally:
        t.close()


def test_index_is_not_loaded_before_searching(tab: Tab, served_site: str, pages: dict[str, str]) -> None:
    tab.open(served_site + pages["indicator (data)"])
    tab.page.wait_for_timeout(300)
    assert not [u for u in tab.watch.requests if "/search/" in u], tab.watch.requests
    search(tab.page, "ho ngheo")
    assert [u for u in tab.watch.requests if u.endswith("search/tieu-de.json")], tab.watch.requests


def test_search_on_a_slow_link_is_measured(browser: Any, served_site: str, pages: dict[str, str]) -> None:
    """On an emulated 400 ms, 50 KB/s link: time from the first keystroke to the first results (reported, not asserted)."""
    t = Tab(browser, MOBILE)
    try:
        t.open(served_site + pages["indicator (data)"])
        cdp = t.context.new_cdp_session(t.page)
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 400, "downloadThroughput": 50 * 1024, "uploadThroughput": 50 * 1024},
        )
        t.page.locator("button.md-header__button[data-ps-toggle='__search']").click()
        box = t.page.locator(".md-search__input")
        started = time.perf_counter()
        box.press_sequentially("ho ngheo", delay=80)
        t.page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=30_000)
        seconds = time.perf_counter() - started
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "search-slow-link.json").write_text(
            json.dumps({"link": "400 ms, 50 KB/s", "seconds_to_first_results": round(seconds, 2)}) + "\n", encoding="utf-8"
        )
        print(f"\nsearch on a 400 ms / 50 KB/s link: first results {seconds:.2f} s after the first keystroke")
        assert seconds < 30
    finally:
        t.close()


def test_search_opens_and_closes_by_keyboard(browser: Any, served_site: str) -> None:
    t = Tab(browser, MOBILE)
    try:
        page = t.page
        # The pages' text is held back from the start (opening the search starts loading the index): the
        # list is drawn again only once it arrives.
        held: list[Any] = []
        page.route("**/search/noi-dung.json", lambda route: held.append(route))
        t.open(served_site)
        page.locator("button.md-header__button[data-ps-toggle='__search']").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('__search').checked")
        page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
        page.keyboard.type("ho ngheo", delay=20)
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.matches('.md-search-result__link')")
        page.keyboard.press("ArrowDown")
        chosen = page.evaluate("document.activeElement.getAttribute('href')")
        page.wait_for_function("document.querySelector('[data-ps-search-meta]').textContent.includes('đang tải thêm')")
        assert held, "the pages' text was not asked for"
        held[0].continue_()
        page.wait_for_function("!document.querySelector('[data-ps-search-meta]').textContent.includes('đang tải thêm')")
        # Drawn again with the pages' text: focus stays on the result the reader had reached (or the first).
        links = page.evaluate("[...document.querySelectorAll('.md-search-result__link')].map(a => a.getAttribute('href'))")
        now = page.evaluate("document.activeElement.getAttribute('href')")
        assert page.evaluate("document.activeElement.matches('.md-search-result__link')"), "focus fell out of the results"
        assert now == (chosen if chosen in links else links[0]), (chosen, now)
        page.keyboard.press("Escape")
        page.wait_for_function("!document.getElementById('__search').checked")
        assert page.evaluate("document.activeElement.matches(\"button[data-ps-toggle='__search']\")")
    finally:
        t.close()
