"""Phone first: at 360 px nothing scrolls sideways, text never wraps one word per line, the status comes first;
on a desktop too, tables keep their words whole and what is in a cell stays in it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browsing import PAGE_TYPES, Tab
from helpers import ARTIFACTS, BROKEN_WORDS_JS, DESKTOP, MOBILE, OVERFLOW_JS

pytestmark = pytest.mark.browser

# Blocks of text of three words or more laid out one word per line: a column squeezed to a word.
ONE_WORD_LINES_JS = """() => {
    const out = [], range = document.createRange();
    const blocks = document.querySelectorAll('article :is(p, li, td, th, dd, figcaption, h1, h2, h3, summary, a)');
    for (const el of blocks) {
        if (!el.checkVisibility() || el.getBoundingClientRect().width < 24) continue;  // hidden, or a visually hidden header
        const text = el.innerText.trim();
        const words = text.split(/\\s+/).filter(w => /[\\p{L}\\p{N}]/u.test(w));
        if (words.length < 3) continue;
        // Lines are where its text sits (the boxes of inline elements, padded, would count as lines of their own):
        // text boxes whose vertical middles lie within half a box's height of each other share a line, so a word in
        // <code> (smaller type, another top) beside plain text on the same line counts once. Only text that is shown
        // counts, as for the words: chromium lays out the text of a closed <details> too (a quote in a cell).
        const mids = [], walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent.trim() || !node.parentElement.checkVisibility()) continue;
            range.selectNodeContents(node);
            for (const r of range.getClientRects()) if (r.width > 0) mids.push([(r.top + r.bottom) / 2, r.height]);
        }
        mids.sort((a, b) => a[0] - b[0]);
        let lines = 0, last = -Infinity;
        for (const [mid, h] of mids) { if (mid - last > h / 2) lines++; last = mid; }
        if (lines >= words.length) out.push(`${el.tagName.toLowerCase()}: «${text.slice(0, 60)}» (${words.length} words, ${lines} lines)`);
        if (out.length > 8) break;
    }
    return out;
}"""

# What sticks out of its table cell over the next one (a status badge that does not wrap, in a column too narrow).
SPILLS_JS = """() => {
    const out = [];
    for (const cell of document.querySelectorAll('article td, article th')) {
        if (!cell.checkVisibility()) continue;
        const box = cell.getBoundingClientRect();
        const spilt = [...cell.querySelectorAll('*')].find(el => el.checkVisibility() &&
            [...el.getClientRects()].some(r => r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)));
        if (spilt) out.push(`«${spilt.textContent.trim().slice(0, 40)}» out of «${cell.textContent.trim().slice(0, 20)}»`);
        if (out.length > 8) break;
    }
    return out;
}"""

# The yearly report's tables wider than their wrapper: they would scroll sideways where a document should not.
WIDE_REPORT_TABLES_JS = """() => [...document.querySelectorAll('article table.ps-report-table')].filter(t => t.checkVisibility())
    .map(t => [t.closest('.ps-table-wrap'), Math.round(t.getBoundingClientRect().width)])
    .filter(([wrap, width]) => width > wrap.clientWidth + 1)
    .map(([wrap, width]) => `${wrap.getAttribute('aria-label')}: ${width} px in ${wrap.clientWidth} px`)"""

MEASURE_JS = """() => {
    const tables = [...document.querySelectorAll('article table')].filter(t => t.checkVisibility());
    return {
        height: document.documentElement.scrollHeight,
        widest_table: Math.max(0, ...tables.map(t => Math.round(t.getBoundingClientRect().width))),
        widest_table_box: Math.max(0, ...tables.map(t => Math.round((t.closest('.ps-table-wrap, .md-typeset__scrollwrap') || t).getBoundingClientRect().width))),
        tables: tables.length,
    };
}"""

MEASURES: dict[str, Any] = {}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_phone_layout(mobile_tab: Tab, served_site: str, pages: dict[str, str], kind: str) -> None:
    page = mobile_tab.page
    mobile_tab.open(served_site + pages[kind])
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]")
    assert sizes[1] == MOBILE["width"]
    if sizes[0] > sizes[1] or sizes[2] > sizes[1]:
        pytest.fail(f"{kind}: page scrolls sideways at 360 px ({sizes}); sticking out: {page.evaluate(OVERFLOW_JS)}")
    measure = page.evaluate(MEASURE_JS)
    MEASURES[kind] = measure
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "layout-360.json").write_text(json.dumps(MEASURES, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n{kind} at 360 px: page {measure['height']} px high, widest table {measure['widest_table']} px")
    loose = page.evaluate(
        """() => [...document.querySelectorAll('article table')].filter(t =>
            t.scrollWidth > t.parentElement.clientWidth + 1 && !t.closest('.ps-table-wrap, .md-typeset__scrollwrap')
        ).length"""
    )
    assert loose == 0, f"{kind}: {loose} wide table(s) outside a scrolling wrapper"
    squeezed = page.evaluate(ONE_WORD_LINES_JS)
    assert not squeezed, f"{kind} (360 px): text laid out one word per line: {squeezed}"
    broken = page.evaluate(BROKEN_WORDS_JS)
    assert not broken, f"{kind} (360 px): words split over two lines in table cells: {broken}"
    assert not (spills := page.evaluate(SPILLS_JS)), f"{kind} (360 px): out of their table cell: {spills}"
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(100)
    assert not (broken := page.evaluate(BROKEN_WORDS_JS)), f"{kind} (1280 px): words split in table cells: {broken}"
    assert not (squeezed := page.evaluate(ONE_WORD_LINES_JS)), f"{kind} (1280 px): text laid out one word per line: {squeezed}"
    assert not (spills := page.evaluate(SPILLS_JS)), f"{kind} (1280 px): out of their table cell: {spills}"


def test_every_yearly_report_reads_on_a_phone_a_tablet_and_a_desktop(mobile_tab: Tab, served_site: str, built_site: Path) -> None:
    """Every year, not only the first (test_phone_layout): each year's tables have other figures, dates and statuses."""
    years = sorted(p.name for p in (built_site / "bao-cao").iterdir() if p.is_dir())
    assert len(years) >= 2, years
    checks = {
        "text one word per line": ONE_WORD_LINES_JS,
        "words split in table cells": BROKEN_WORDS_JS,
        "out of their table cell": SPILLS_JS,
        "tables wider than the text": WIDE_REPORT_TABLES_JS,
    }
    problems = []
    for year in years:
        mobile_tab.open(served_site + f"bao-cao/{year}/")
        for width in (MOBILE["width"], 800, DESKTOP["width"]):
            mobile_tab.page.set_viewport_size({"width": width, "height": MOBILE["height"]})
            mobile_tab.page.wait_for_timeout(100)
            for what, js in checks.items():
                if found := mobile_tab.page.evaluate(js):
                    problems.append(f"bao-cao/{year}/ at {width} px: {what}: {found[:3]}")
    assert not problems, "\n".join(problems)


def test_tables_of_figures_keep_what_each_figure_is_in_view(tab: Tab, served_site: str, pages: dict[str, str]) -> None:
    """On a desktop, the seven columns of published figures scroll sideways in their wrapper; the first stays put."""
    tab.open(served_site + pages["programme"])
    wrap = tab.page.locator(".ps-table-wrap:has(> table.ps-figures)").first
    moved, *lefts = wrap.evaluate(
        """w => { w.scrollLeft = w.scrollWidth; const left = w.getBoundingClientRect().left;
            return [w.scrollLeft, ...['thead th', 'tbody td'].map(s => Math.round(w.querySelector(s).getBoundingClientRect().left - left))]; }"""
    )
    assert moved > 0, "the table of figures no longer scrolls at 1280 px: nothing to keep in view"
    assert lefts == [0, 0], f"scrolled {moved} px, the first column moved away with it: {lefts} px from the wrapper's left"


@pytest.mark.parametrize(("kind", "selector"), [("home", ".ps-legend-inline"), ("indicator (data)", ".ps-status-box")])
def test_status_is_on_the_first_screen(
    mobile_tab: Tab, served_site: str, pages: dict[str, str], kind: str, selector: str
) -> None:
    mobile_tab.open(served_site + pages[kind])
    top = mobile_tab.page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top")
    assert top < MOBILE["height"] - 60, f"{kind}: {selector} starts at {top} px, below the first screen ({MOBILE['height']} px)"


def test_chart_legends_wrap_instead_of_being_cut(tab: Tab, served_site: str, pages: dict[str, str]) -> None:
    tab.open(served_site + pages["indicator (data)"])
    labels = tab.page.evaluate("() => [...document.querySelectorAll('figure.ps-chart svg text')].map(t => t.textContent)")
    assert labels and not [x for x in labels if x.endswith("…")], [x for x in labels if x.endswith("…")]
