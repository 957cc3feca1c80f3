"""The offline preview (``make preview``, issue 16 point 2) opened from disk, and the screenshots of the guide for
people without git (point 4, docs/nop-so-lieu.md), taken here, never drawn by hand.

The preview is the live data built with ``PLANSITE_PREVIEW=1``. From file://: every link names a file (a link to a
folder would show «Index of …»), following links and searching (with and without diacritics) work, charts are
inline SVG, nothing is requested from the network.

Screenshots go to test-artifacts/huong-dan/; with ``PLANSITE_WRITE_SCREENSHOTS=1`` also to docs/assets/huong-dan/
(commit them). GitHub's pages cannot be reached offline: the guide describes those steps in words, and the pictures
of the bot's comment are its real text (``plansite nop`` on a sample upload) shown locally, captioned as an
illustration.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
import openpyxl
import pytest
from browsing import Tab
from helpers import ARTIFACTS, DESKTOP

from _site import ROOT, build
from plansite.pipeline import check
from plansite.staff.comment import uploads_comment
from plansite.staff.filekinds import PROGRESS
from plansite.staff.template import make_template
from plansite.staff.uploads import process
from plansite.status.reporting import lead_indicators
from testkit import LIVE_DATA, LIVE_TODAY, copy_folder

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "huong-dan"
DOCS_SHOTS = ROOT / "docs" / "assets" / "huong-dan"
GUIDE = ROOT / "docs" / "nop-so-lieu.md"
VIEW = {"width": 760, "height": 560}
HREF = re.compile(r'\s(?:href|src)="([^"]+)"')


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("preview") / "preview"
    build(LIVE_DATA, out, extra_env={"PLANSITE_PREVIEW": "1"}, today=LIVE_TODAY)
    return out


def disk_tab(browser: Any, viewport: dict[str, int]) -> Tab:
    """A Tab (browsing.py) for pages on disk: file:// is let through, any other request blocked and recorded."""
    t = Tab(browser, viewport, block=False)

    def handler(route: Any) -> None:
        if route.request.url.startswith(("file://", "data:", "blob:")):
            route.continue_()
        else:
            t.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    t.context.route("**/*", handler)
    return t


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    t = disk_tab(browser, DESKTOP)
    yield t
    t.close()


@pytest.fixture
def narrow_tab(browser: Any) -> Iterator[Tab]:
    t = disk_tab(browser, VIEW)
    yield t
    t.close()


def url(preview: Path, page: str) -> str:
    return (preview / page).as_uri()


def shot(target: Any, name: str) -> Path:
    """A JPEG of ``target`` (a page or an element) in test-artifacts/, and in docs/ when asked to write them."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.jpg"
    target.screenshot(path=str(path), type="jpeg", quality=70)
    if os.environ.get("PLANSITE_WRITE_SCREENSHOTS") == "1":
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_SHOTS / path.name)
    return path


def assert_page(tab: Tab) -> None:
    body = tab.page.inner_text("body")
    assert "Index of" not in body and tab.page.title(), tab.page.url
    assert tab.page.url.startswith("file://") and urlsplit(tab.page.url).path.endswith(".html"), tab.page.url
    assert not tab.watch.page_errors, tab.watch.page_errors
    assert not tab.blocked and all(u.startswith(("file://", "data:", "blob:")) for u in tab.watch.requests), tab.watch.requests


# --------------------------------------------------------------------------- links, without a browser


def test_every_link_of_the_preview_names_a_file(preview: Path) -> None:
    """Every relative link or source of every page (but the 404 page, served by a web server only) is a file."""
    pages = [p for p in preview.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 50
    broken: list[str] = []
    for page in pages:
        for ref in HREF.findall(page.read_text(encoding="utf-8")):
            ref = html.unescape(ref)
            if ref.startswith(("#", "mailto:", "tel:", "data:", "javascript:")) or urlsplit(ref).scheme:
                continue
            target = (page.parent / unquote(urlsplit(ref).path)).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(preview)}: {ref}")
    assert not broken, f"{len(broken)} links to folders or missing files, e.g. {broken[:8]}"
    assert (preview / "search" / "tieu-de.js").is_file() and (preview / "search" / "noi-dung.js").is_file()


# --------------------------------------------------------------------------- in chromium, from file://


def search(page: Any, query: str) -> list[str]:
    box = page.locator(".md-search__input")
    opener = page.locator("button.md-header__button[data-ps-toggle='__search']")
    if opener.is_visible():  # narrow screens: the magnifier button opens the search
        opener.click()
        page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
    else:
        box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    page.wait_for_function("!/đang tải/i.test(document.querySelector('[data-ps-search-meta]').textContent)", timeout=15_000)
    found: list[str] = []
    for _ in range(40):  # until the results settle (the search runs again as the last letters arrive)
        page.wait_for_timeout(150)
        now = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
        if now == found:
            break
        found = now
    return found


def test_the_preview_opened_from_disk_follows_links_and_shows_charts(preview: Path, tab: Tab) -> None:
    tab.open(url(preview, "index.html"))
    assert_page(tab)
    assert tab.page.locator(".ps-svg svg").count() > 0  # the home page's chart, inline
    tab.page.locator("a[href$='chi-tieu/index.html']:visible").first.click()
    tab.page.wait_for_load_state("load")
    assert tab.page.url.endswith("/chi-tieu/index.html")
    assert_page(tab)
    with_chart = next(p.name for p in sorted((preview / "chi-tieu").glob("*.html")) if 'class="ps-svg"' in p.read_text("utf-8"))
    tab.page.locator(f".md-content a[href='{with_chart}']").first.click()
    tab.page.wait_for_load_state("load")
    assert tab.page.url.endswith(f"/chi-tieu/{with_chart}")
    assert_page(tab)
    assert tab.page.locator(".ps-svg svg").count() > 0, tab.page.url  # an indicator page with its chart
    tab.page.locator(".md-content a[href*='linh-vuc/']").first.click()
    tab.page.wait_for_load_state("load")
    assert "/linh-vuc/" in tab.page.url
    assert_page(tab)
    tab.page.locator(".md-footer-meta a, .md-copyright a").filter(has_text="Tải dữ liệu mở").first.click()
    tab.page.wait_for_load_state("load")
    assert tab.page.url.endswith("/du-lieu.html")
    assert_page(tab)


@pytest.mark.parametrize("query", ["ngheo", "hộ nghèo"])
def test_search_works_from_disk_with_and_without_diacritics(preview: Path, tab: Tab, query: str) -> None:
    tab.open(url(preview, "chi-tieu/index.html"))
    results = search(tab.page, query)
    assert results and all(r.startswith("file://") and urlsplit(r).path.endswith(".html") for r in results), results
    assert any("ngheo" in r for r in results[:3]), results
    tab.page.locator(".md-search-result__item a").first.click()
    tab.page.wait_for_load_state("load")
    assert_page(tab)
    assert "nghèo" in tab.page.inner_text("h1").lower()


def test_the_checklist_prints_on_one_page(preview: Path, tab: Tab) -> None:
    tab.open(url(preview, "nop-so-lieu.html"))
    tab.page.emulate_media(media="print")
    assert tab.page.locator(".ps-checklist").is_visible()
    assert not tab.page.locator("table.ps-templates").first.is_visible()
    assert not tab.page.locator(".md-header").is_visible()
    pdf = tab.page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


# --------------------------------------------------------------------------- the guide's screenshots


def _template_html(path: Path) -> str:
    """The first rows of a real template's sheet «Số liệu» as an HTML table, with its fills (an illustration)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Số liệu"]
    rows = []
    for r in ws.iter_rows(min_row=1, max_row=7, max_col=9):
        cells = []
        for c in r:
            colour = c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else "00FFFFFF"
            style = f"background:#{str(colour)[-6:]};" + ("color:#fff;font-weight:bold;" if c.row == 1 else "")
            cells.append(f'<td style="{style}">{html.escape(str(c.value or ""))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    wb.close()
    caption = "Minh họa: trang «Số liệu» của một mẫu thật (9 cột đầu), hiển thị trên máy; trong Excel giao diện khác."
    return _page(f"<p class='cap'>{caption}</p><table>{''.join(rows)}</table>")


def _page(body: str) -> str:
    css = (
        "body{font:14px/1.45 'DejaVu Sans',sans-serif;margin:12px;color:#1f2328}table{border-collapse:collapse}"
        "td,th{border:1px solid #d0d7de;padding:4px 6px;vertical-align:top}.cap{color:#59636e;font-style:italic}"
        ".box{border:1px solid #d0d7de;border-radius:6px}.box>header{background:#f6f8fa;padding:8px 12px;"
        "border-bottom:1px solid #d0d7de}.box>div{padding:4px 12px}pre{background:#f6f8fa;padding:8px;white-space:pre-wrap}"
    )
    return f"<!doctype html><html lang='vi'><meta charset='utf-8'><style>{css}</style><body>{body}</body></html>"


def _comment_html(text: str, what: str) -> str:
    body = markdown.markdown(text, extensions=["tables", "fenced_code"])
    caption = f"Minh họa: bình luận do máy kiểm tra viết cho {what} (nội dung thật, hiển thị trên máy; trên GitHub khung khác)."
    return _page(
        f"<p class='cap'>{caption}</p><div class='box'><header><b>github-actions</b> bình luận</header><div>{body}</div></div>"
    )


def _fill(template: Path, out: Path, values: dict[int, dict[str, str]]) -> Path:
    wb = openpyxl.load_workbook(template)
    ws = wb["Số liệu"]
    col = {c.value: c.column for c in ws[1]}
    for row, cells in values.items():
        for label, value in cells.items():
            ws.cell(row=row, column=col[label]).value = value
    wb.save(out)
    wb.close()
    return out


def test_screenshots_of_the_guide(preview: Path, narrow_tab: Tab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = narrow_tab.page
    narrow_tab.open(url(preview, "nop-so-lieu.html"))
    table = page.locator("table.ps-templates").first
    table.scroll_into_view_if_needed()
    shot(table, "01-tai-mau")

    repo = tmp_path / "kho"
    data = copy_folder(LIVE_DATA, repo / "data")
    monkeypatch.chdir(repo)  # the comment names files from the repository's root, as in the workflow
    plan = check(data, LIVE_TODAY).plan
    assert plan is not None
    year = LIVE_TODAY.year - 1
    plan_agency = next(a for a in PROGRESS.agencies(plan) if any(i.is_percent for i in lead_indicators(plan, a)))
    files, rows, _ = make_template(data, plan_agency, year, LIVE_TODAY, "xlsx", tmp_path / "mau")
    first = 2 + next(i for i, r in enumerate(rows) if r.indicator.is_percent)  # a percentage: «26,7 %» is its value
    page.set_content(_template_html(files[0]))
    shot(page, "02-dien-mau")

    good = {"Giá trị": "26,7 %", "Nguồn": "Báo cáo số 12/BC-UBND (thử)", "Ngày báo cáo": f"10/12/{year}"}
    bad = {"Giá trị": "khoảng 30", "Nguồn": "", "Ngày báo cáo": f"31/02/{year}"}
    (data / "nop").mkdir(exist_ok=True)
    _fill(files[0], data / "nop" / f"{plan_agency}-{year}.xlsx", {first: good, first + 1: bad})
    page.set_content(_comment_html(uploads_comment(process(data, LIVE_TODAY)), "một tệp có lỗi"))
    shot(page, "03-binh-luan")

    (data / "nop" / f"{plan_agency}-{year}.xlsx").unlink()
    _fill(files[0], data / "nop" / "lan-1.xlsx", {first: good})
    assert process(data, LIVE_TODAY).exit_code() == 0
    _fill(files[0], data / "nop" / "lan-2.xlsx", {first: good | {"Giá trị": "25,9"}})
    run = process(data, LIVE_TODAY)
    assert run.exit_code() == 3
    page.set_content(_comment_html(uploads_comment(run), "một tệp có số khác số đã có"))
    shot(page, "04-xac-nhan")

    narrow_tab.open(url(preview, "index.html"))
    search(page, "ngheo")
    shot(page, "05-xem-truoc")
    page.keyboard.press("Escape")
    narrow_tab.open(url(preview, "cap-nhat.html"))
    shot(page, "06-sau-khi-gop")

    guide = GUIDE.read_text(encoding="utf-8")
    for path in SHOTS.glob("*.jpg"):
        assert f"assets/huong-dan/{path.name}" in guide, f"{path.name} is not shown in {GUIDE.name}"
        assert (DOCS_SHOTS / path.name).is_file()
