"""Keyboard and screen readers: axe-core finds nothing on any page type; skip link; menus by keyboard; no hidden focus."""

from __future__ import annotations

from typing import Any

import pytest
from browsing import BARE_PAGE_TYPES, PAGE_TYPES, Tab
from helpers import AXE_JS, MOBILE, format_axe, run_axe

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def axe_ready() -> None:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} missing: run `npm ci` (or `make setup-test`)")


@pytest.mark.parametrize("kind", [*PAGE_TYPES, *BARE_PAGE_TYPES])
def test_axe_finds_no_violation(axe_ready: None, tab: Tab, served_site: str, pages: dict[str, str], kind: str) -> None:
    """Every impact (minor included), every page type and the embed page, details opened so that their tables are checked too."""
    tab.open(served_site + pages[kind])
    tab.page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    bad = run_axe(tab.page)
    assert not bad, f"{kind}: axe-core found problems:\n{format_axe(bad)}"


@pytest.mark.parametrize("kind", ["home", "indicator (data)", "agency", "guide"])
def test_axe_at_360_px_with_search_open(
    axe_ready: None, mobile_tab: Tab, served_site: str, pages: dict[str, str], kind: str
) -> None:
    page = mobile_tab.page
    mobile_tab.open(served_site + pages[kind])
    bad = run_axe(page)
    assert not bad, f"{kind} (360 px): axe-core found problems:\n{format_axe(bad)}"
    page.locator("button.md-header__button[data-ps-toggle='__search']").click()
    page.locator(".md-search__input").press_sequentially("ho ngheo", delay=10)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_timeout(600)  # the dialog fades in: measure contrast once it is shown
    bad = run_axe(page)
    assert not bad, f"{kind} (360 px, search open): axe-core found problems:\n{format_axe(bad)}"


FOCUSED_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    let hidden = !el.checkVisibility({visibilityProperty: true, opacityProperty: false});
    for (let p = el; p && !hidden; p = p.parentElement) if (p.getAttribute('aria-hidden') === 'true' || p.inert) hidden = true;
    return {tag: el.tagName.toLowerCase(), text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
            hidden: hidden || r.width === 0 || r.height === 0, cls: el.className && el.className.baseVal === undefined ? el.className : ''};
}"""


def _tab_through(page: Any, presses: int) -> list[dict[str, Any]]:
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        f = page.evaluate(FOCUSED_JS)
        if f is not None:
            seen.append(f)
    return seen


@pytest.mark.parametrize("kind", ["home", "indicator (data)", "agency"])
def test_skip_link_comes_first_and_focus_never_lands_in_hidden(
    browser: Any, served_site: str, pages: dict[str, str], kind: str
) -> None:
    t = Tab(browser, MOBILE)
    try:
        page = t.page
        t.open(served_site + pages[kind])
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUSED_JS)
        assert first and "ps-skip" in first["cls"] and not first["hidden"], f"{kind}: first Tab stop is {first}"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "ps-noi-dung"
        seen = _tab_through(page, 60)
        hidden = [f for f in seen if f["hidden"]]
        assert not hidden, f"{kind} (360 px): focus landed on hidden elements: {hidden[:5]}"
    finally:
        t.close()


def test_mobile_menu_opens_and_closes_by_keyboard(browser: Any, served_site: str) -> None:
    t = Tab(browser, MOBILE)
    try:
        page = t.page
        t.open(served_site)
        opener = page.locator("button.md-header__button[data-ps-toggle='__drawer']")
        opener.focus()
        assert opener.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('__drawer').checked")
        assert opener.get_attribute("aria-expanded") == "true"
        page.wait_for_timeout(700)
        f = page.evaluate(FOCUSED_JS)
        assert f and not f["hidden"], f"focus after opening the menu: {f}"
        inside = page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
        assert inside, "focus did not move into the opened menu"
        page.keyboard.press("Escape")
        page.wait_for_function("!document.getElementById('__drawer').checked")
        assert page.evaluate("document.activeElement.matches(\"button[data-ps-toggle='__drawer']\")")
        seen = _tab_through(page, 30)
        assert not [f for f in seen if f["hidden"]], "focus entered the closed menu"
    finally:
        t.close()
