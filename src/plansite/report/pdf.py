"""The PDF of each yearly report, printed at build time from its built page by Chromium through Playwright.

Chromium is Debian's (``/usr/bin/chromium``, or ``$PLANSITE_CHROMIUM``); Playwright never downloads
a browser. The page is printed as a reader would print it (the site's print stylesheet, A4, page
numbers), so the PDF holds the same text as the page. Only the report pages are printed, in one
browser per build, and only those whose page changed: a PDF is cached (``plansite.cache``) under
the page's HTML and the stylesheets it uses.

The same page gives the same file: JavaScript is off while printing (the report is plain HTML),
the PDF's two dates are set to the build's date, and the PDF is not tagged (Chromium numbers the
structure elements of a tagged PDF differently on every run; the page itself is the accessible form).

Settings (environment): ``PLANSITE_PDF=0`` skips the PDFs (a local preview without chromium; the
build says so and the pages do not link them); ``PLANSITE_PUBLISH=1`` (the publishing workflow)
refuses to skip them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from plansite.cache import Cache, entry_key

NAMESPACE = "report-pdf"
PDF_ENV, PUBLISH_ENV, CHROMIUM_ENV = "PLANSITE_PDF", "PLANSITE_PUBLISH", "PLANSITE_CHROMIUM"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
_STYLESHEET = re.compile(rb'<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"|<link[^>]+href="([^"]+)"[^>]*rel="stylesheet"')
_OFF, _ON = {"0", "false", "no", "off", "khong"}, {"", "1", "true", "yes", "on", "co"}
_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}([+-]\d\d'\d\d'|Z)\)")


class PrintError(Exception):
    """The PDFs cannot be made; the message (Vietnamese) says why and what to do."""


@dataclass(frozen=True)
class PdfSetting:
    wanted: bool
    chromium: str  # the browser's path ("" when not wanted)


def setting(environ: dict[str, str] | None = None) -> PdfSetting:
    """Whether this build prints the reports, and with which chromium; ``PrintError`` when it cannot."""
    env = os.environ if environ is None else environ
    text = env.get(PDF_ENV, "").strip().lower()
    if text not in _OFF | _ON:
        raise PrintError(f"{PDF_ENV}={env.get(PDF_ENV)!r}: chỉ nhận 1 (in báo cáo ra PDF, mặc định) hoặc 0 (bỏ qua PDF).")
    publishing = env.get(PUBLISH_ENV, "").strip().lower() in _ON - {""}
    if text in _OFF:
        if publishing:
            raise PrintError(
                f"{PDF_ENV}=0 trong lần dựng để xuất bản ({PUBLISH_ENV}=1): bản xuất bản phải có tệp PDF của báo cáo hằng năm. "
                "Bỏ biến này và cài chromium (scripts/setup.sh)."
            )
        return PdfSetting(False, "")
    chromium = find_chromium(env)
    if not chromium:
        raise PrintError(
            "Không tìm thấy trình duyệt chromium để in báo cáo hằng năm ra PDF (bao-cao/<năm>.pdf). "
            "Cài bằng scripts/setup.sh (cài gói chromium của Debian), hoặc chỉ đường dẫn bằng biến "
            f"{CHROMIUM_ENV}=/đường/dẫn/chromium. Chỉ để xem thử trên máy, không xuất bản: đặt {PDF_ENV}=0 để dựng trang không có PDF."
        )
    return PdfSetting(True, chromium)


def find_chromium(env: dict[str, str] | os._Environ[str]) -> str:
    named = env.get(CHROMIUM_ENV, "").strip()
    if named:
        return named if Path(named).is_file() else ""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return ""


def skipped_message() -> str:
    return (
        f"CẢNH BÁO (plansite): {PDF_ENV}=0, lần dựng này không in báo cáo hằng năm ra PDF và trang báo cáo không có liên kết PDF. "
        "Chỉ dùng để xem thử trên máy; bản xuất bản luôn có PDF."
    )


@dataclass
class PrintStats:
    printed: int = 0
    cached: int = 0
    seconds: float = 0.0


def print_pages(
    site_dir: Path, pages: Iterable[tuple[str, str]], cache: Cache, *, chromium: str, today: dt.date, site_url: str = ""
) -> PrintStats:
    """Print each built page (its index.html in the site → the PDF's path in the site) on A4.

    The pages are opened at the site's own address (``site_url``; the files are served from
    ``site_dir``, nothing is fetched), so a link in the PDF leads to the published page. With no
    address known, links to the site's own pages are printed as plain text: the PDF never holds a
    path of the machine that built it.
    """
    stats = PrintStats()
    started = time.perf_counter()
    todo: list[tuple[str, Path, str]] = []
    for html_rel, pdf_rel in pages:
        html_path, pdf_path = site_dir / html_rel, site_dir / pdf_rel
        key = page_key(site_dir, html_path, site_url)
        data = cache.get(NAMESPACE, key, ".pdf")
        if data is None:
            todo.append((html_rel, pdf_path, key))
            continue
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        pdf_path.write_bytes(data)
        stats.cached += 1
    if todo:
        for pdf_path, key, printed in _print(site_dir, todo, chromium, site_url):
            data = dated(printed, today)
            pdf_path.parent.mkdir(parents=True, exist_ok=True)
            pdf_path.write_bytes(data)
            cache.put(NAMESPACE, key, data, ".pdf")
            stats.printed += 1
    stats.seconds = time.perf_counter() - started
    return stats


def page_key(site_dir: Path, html_path: Path, site_url: str = "") -> str:
    """The cache entry of a page's PDF: its HTML, the bytes of every local stylesheet it links, the site's address."""
    html = html_path.read_bytes()
    parts: list[bytes] = [html, site_url.encode()]
    for m in _STYLESHEET.finditer(html):
        href = (m.group(1) or m.group(2)).decode("utf-8", "replace").split("?")[0].split("#")[0]
        css = (html_path.parent / href).resolve()
        if css.is_file() and css.is_relative_to(site_dir.resolve()):
            parts.append(css.read_bytes())
    return entry_key(NAMESPACE, *parts)


def dated(pdf: bytes, today: dt.date) -> bytes:
    """The PDF with its creation and modification dates set to the build's date (same length: offsets hold)."""
    stamp = today.strftime("%Y%m%d000000").encode()
    return _DATES.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp + m.group(2) + b")", pdf)


PAGES_AT_ONCE = 2  # reports printed at once, each in its own tab: Chromium prints one while it lays out the next


def _print(site_dir: Path, todo: list[tuple[str, Path, str]], chromium: str, site_url: str) -> Iterable[tuple[Path, str, bytes]]:
    """Print every page of ``todo`` in one browser, ``PAGES_AT_ONCE`` tabs at a time (Playwright's asyncio API, in an
    event loop of its own: the build calls this from a worker thread); the PDFs in the order of ``todo``."""
    import asyncio

    from playwright.async_api import Error

    try:
        printed = asyncio.run(_print_all(site_dir, todo, chromium, site_url))
    except Error as exc:
        raise PrintError(f"Chromium ({chromium}) không in được báo cáo ra PDF: {exc.message.splitlines()[0]}") from None
    return [(pdf_path, key, data) for (_, pdf_path, key), data in zip(todo, printed, strict=True)]


async def _print_all(site_dir: Path, todo: list[tuple[str, Path, str]], chromium: str, site_url: str) -> list[bytes]:
    import asyncio

    from playwright.async_api import Route, async_playwright

    origin = site_url.rstrip("/") + "/" if site_url.startswith(("http://", "https://")) else "http://plansite.invalid/"
    root = site_dir.resolve()

    async def from_site(route: Route) -> None:
        """The site's own files answer; any other request is refused (a printed page asks nothing from any server)."""
        url = route.request.url.split("#")[0].split("?")[0]
        if not url.startswith(origin):
            await route.abort()
            return
        path = (root / unquote(url[len(origin) :])).resolve()
        if path.is_dir():
            path = path / "index.html"
        if path.is_file() and path.is_relative_to(root):
            await route.fulfill(path=path)
        else:
            await route.fulfill(status=404, body="")

    out: list[bytes] = [b""] * len(todo)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(service_workers="block", java_script_enabled=False)
            await context.route("**/*", from_site)
            pending = iter(range(len(todo)))  # shared by the tabs: each takes the next page not yet taken

            async def tab() -> None:
                page = await context.new_page()
                for i in pending:
                    await page.goto(origin + todo[i][0].removesuffix("index.html"), wait_until="load")
                    if origin != site_url.rstrip("/") + "/":
                        await page.evaluate(UNLINK, origin)
                    await page.emulate_media(media="print")
                    out[i] = await page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
                await page.close()

            await asyncio.gather(*(tab() for _ in range(min(PAGES_AT_ONCE, len(todo)))))
        finally:
            await browser.close()
    return out


# Links to the site's own pages, when its address is not known, become plain text.
UNLINK = (
    "origin => document.querySelectorAll('a[href]').forEach(a => { if (a.href.startsWith(origin)) a.removeAttribute('href'); })"
)
