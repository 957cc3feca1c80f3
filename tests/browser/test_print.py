"""Printing the site on A4 (docs/assets/print.css), in Debian's chromium: ``page.pdf`` of one page of each kind.

On paper: A4, page numbers, no navigation, search or buttons; every table fits the width (no column
cut off: each table and each of its cells ends inside the text width, nothing scrolls, and the last
column's heading is in the PDF's text); charts are kept whole; addresses of links to other sites are
printed; a reasonable number of pages (an indicator page used to print on 10 US-Letter pages with
its source and note columns cut off).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from browsing import Tab

# The text width of an A4 page with print.css's margins (20 mm left, 15 mm right), in CSS pixels.
TEXT_WIDTH_PX = round((210 - 20 - 15) / 25.4 * 96)
# Pages of each kind, and the most A4 pages each may take with the live data.
MOST_PAGES = {
    "home": 4,
    "indicator (data)": 6,
    "indicators index": 8,
    "agency": 5,
    "place (with figures)": 4,
    "method": 10,
    "open data": 8,
    "report": 12,
    "reports index": 2,
}

CLIPPED_JS = """() => {
  const content = document.querySelector('.md-content__inner') || document.body;
  const edge = content.getBoundingClientRect().right + 1;
  const out = [];
  for (const t of document.querySelectorAll('.md-typeset table')) {
    if (!t.offsetParent) continue;  // not shown (a closed <details>)
    const name = (t.closest('[aria-label]') || t).getAttribute('aria-label') || t.className;
    if (t.getBoundingClientRect().right > edge) out.push(`${name}: table ends at ${t.getBoundingClientRect().right}, text width ${edge}`);
    for (const c of t.querySelectorAll('th, td')) {
      if (c.getBoundingClientRect().right > edge) { out.push(`${name}: cell «${c.textContent.trim().slice(0, 30)}» cut`); break; }
    }
    for (let el = t.parentElement; el && el !== document.body; el = el.parentElement) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') { out.push(`${name}: scrolls in ${el.className}`); break; }
    }
  }
  return out;
}"""

HIDDEN_JS = """() => ['.md-header', '.md-sidebar--primary', '.md-search', '.md-footer', '.ps-actions', '.ps-chart-share']
  .filter(s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length && getComputedStyle(e).display !== 'none'))"""

LAST_HEADINGS_JS = """() => [...document.querySelectorAll('.md-typeset table')].filter(t => t.offsetParent)
  .map(t => [...t.querySelectorAll('thead th')].pop()).filter(Boolean).map(th => th.textContent.trim())"""

CHARTS_JS = """() => [...document.querySelectorAll('figure.ps-chart')].map(f => [getComputedStyle(f).breakInside,
  f.querySelector('svg') ? f.querySelector('svg').getBoundingClientRect().width : 0])"""


def poppler(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} (Debian's poppler-utils) is needed: scripts/setup.sh --test installs it"
    return path


def pdf_text(pdf: Path) -> str:
    """The PDF's text in the order it was drawn (-raw): a cell's lines stay together, whatever is beside it."""
    return subprocess.run(
        [poppler("pdftotext"), "-raw", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@pytest.fixture(scope="module")
def printed_pages(pages: dict[str, str], built_site: Path) -> dict[str, str]:
    years = sorted(int(p.name) for p in (built_site / "bao-cao").iterdir() if p.is_dir())
    done = [y for y in years if (built_site / "bao-cao" / f"{y}.pdf").is_file()]
    assert len(done) >= 2
    chosen = {k: pages[k] for k in MOST_PAGES if k in pages}
    chosen["report"] = f"bao-cao/{done[-2]}/"  # the last completed year
    chosen["reports index"] = "bao-cao/"
    return chosen


@pytest.mark.browser
def test_every_kind_of_page_prints_on_a4_without_cut_columns(
    browser: Any, served_site: str, printed_pages: dict[str, str], tmp_path: Path
) -> None:
    problems: list[str] = []
    for kind, path in printed_pages.items():
        tab = Tab(browser, {"width": TEXT_WIDTH_PX, "height": 1100})
        try:
            tab.open(served_site + path)
            tab.page.emulate_media(media="print")
            hidden = tab.page.evaluate(HIDDEN_JS)
            problems += [f"{kind}: {s} is printed" for s in hidden]
            problems += [f"{kind}: {c}" for c in tab.page.evaluate(CLIPPED_JS)]
            for breaks, width in tab.page.evaluate(CHARTS_JS):
                if breaks != "avoid" or width > TEXT_WIDTH_PX + 1:
                    problems.append(f"{kind}: a chart may be split or cut ({breaks}, {width}px)")
            last_headings = tab.page.evaluate(LAST_HEADINGS_JS)
            pdf = tmp_path / f"{re.sub(r'[^a-z]+', '-', kind)}.pdf"
            pdf.write_bytes(tab.page.pdf(prefer_css_page_size=True, print_background=True))
        finally:
            tab.close()
        info = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
        size = re.search(r"Page size:\s+(.*)", info)
        n = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
        if not size or "(A4)" not in size.group(1):
            problems.append(f"{kind}: not A4 ({size.group(1) if size else info})")
        if n > MOST_PAGES[kind]:
            problems.append(f"{kind}: {n} pages (at most {MOST_PAGES[kind]})")
        text = subprocess.run(
            [poppler("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
        if f"Trang 1/{n}" not in text:
            problems.append(f"{kind}: no page numbers")
        for heading in last_headings:
            if flat(heading) not in flat(text):
                problems.append(f"{kind}: the last column «{heading}» is not on paper")
        print(f"{kind}: {n} A4 pages")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_links_to_other_sites_are_printed_with_their_address(
    browser: Any, served_site: str, pages: dict[str, str], tmp_path: Path
) -> None:
    tab = Tab(browser, {"width": TEXT_WIDTH_PX, "height": 1100})
    try:
        tab.open(served_site + pages["indicator (data)"])
        tab.page.emulate_media(media="print")
        hrefs = tab.page.evaluate("() => [...document.querySelectorAll('.md-content a[href^=\"http\"]')].map(a => a.href)")
        pdf = tmp_path / "indicator.pdf"
        pdf.write_bytes(tab.page.pdf(prefer_css_page_size=True))
    finally:
        tab.close()
    assert hrefs, "the indicator page links no source"
    text = flat(pdf_text(pdf))
    missing = [h for h in hrefs if flat(h) not in text]
    assert not missing, f"addresses not printed: {missing[:3]}"
