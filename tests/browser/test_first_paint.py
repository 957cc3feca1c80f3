"""First paint on a slow link (issue 19 point 5): an indicator page of the live site against a bare mkdocs-material
page, both on an emulated 400 ms / 50 KB/s link, served gzip-compressed as a static host serves them.

Measured in the browser (``first-contentful-paint`` of the Paint Timing API, the median of three cold loads each),
written to test-artifacts/first-paint.json with the difference and the ratio. Asserted: the indicator page paints
within 1,5 s of the bare page, and no request blocks rendering except the page's own CSS (Chromium's
``renderBlockingStatus`` of each resource). The timings are reported, the budget is the issue's.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import socket
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import ARTIFACTS, MOBILE

pytestmark = pytest.mark.browser

LINK = {"offline": False, "latency": 400, "downloadThroughput": 50 * 1024, "uploadThroughput": 50 * 1024}
WITHIN_MS = 1500
RUNS = 3


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as GitHub Pages and most static hosts do)."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        import io

        return io.BytesIO(body)


def _serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Gzip, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/", httpd


def _indicator_with_chart(site: Path) -> str:
    found = [p.parent.name for p in sorted((site / "chi-tieu").glob("*/index.html")) if "<figure" in p.read_text("utf-8")]
    assert found, "no indicator page with a chart"
    return found[0]


def _plain_text(html: str) -> list[str]:
    """The paragraphs of a page's article, as plain text (the bare page gets the same amount of text)."""
    article = html[html.find("<article") : html.find("</article>")]
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", article, flags=re.S)
    blocks = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", b)).strip() for b in re.split(r"</(?:p|h\d|li|tr|figure)>", text)]
    return [b for b in blocks if b]


@pytest.fixture(scope="module")
def bare_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A bare mkdocs-material site (default theme, no custom CSS or script, no web font) of one page holding the
    same text as the indicator page measured."""
    tmp = tmp_path_factory.mktemp("bare-material")
    docs = tmp / "docs"
    (docs / "chi-tieu").mkdir(parents=True)
    ind = _indicator_with_chart(built_site)
    paragraphs = _plain_text((built_site / "chi-tieu" / ind / "index.html").read_text("utf-8"))
    (docs / "index.md").write_text("# Trang trần\n", encoding="utf-8")
    (docs / "chi-tieu" / f"{ind}.md").write_text(f"# {paragraphs[0]}\n\n" + "\n\n".join(paragraphs[1:]) + "\n", "utf-8")
    (tmp / "mkdocs.yml").write_text(
        "site_name: Trang trần\ntheme:\n  name: material\n  language: vi\n  font: false\nplugins: []\n", encoding="utf-8"
    )
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    proc = subprocess.run([mkdocs, "build", "-q", "-d", str(tmp / "site")], cwd=tmp, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    yield tmp / "site"


def _first_paint(browser: Any, url: str) -> tuple[float, list[dict[str, str]]]:
    """(first contentful paint in ms, the resources that blocked rendering) of a cold load on the slow link."""
    ctx = browser.new_context(viewport=MOBILE, locale="vi-VN", service_workers="block")
    try:
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", LINK)
        page.goto(url, wait_until="load", timeout=120_000)
        fcp = page.evaluate(
            """() => new Promise(done => {
                const hit = () => performance.getEntriesByName('first-contentful-paint')[0];
                if (hit()) return done(hit().startTime);
                new PerformanceObserver(() => hit() && done(hit().startTime)).observe({type: 'paint', buffered: true});
            })"""
        )
        blocking = page.evaluate(
            """() => performance.getEntriesByType('resource')
                .filter(e => e.renderBlockingStatus === 'blocking')
                .map(e => ({name: e.name, type: e.initiatorType}))"""
        )
        return float(fcp), blocking
    finally:
        ctx.close()


def test_an_indicator_page_paints_within_a_bare_pages_time_on_a_slow_link(
    browser: Any, built_site: Path, bare_site: Path
) -> None:
    ind = _indicator_with_chart(built_site)
    ours_url, ours_httpd = _serve(built_site)
    bare_url, bare_httpd = _serve(bare_site)
    try:
        ours, bare, blocking = [], [], []
        for _ in range(RUNS):  # alternate, so that a busy moment of the machine falls on both
            t, b = _first_paint(browser, f"{ours_url}chi-tieu/{ind}/")
            ours.append(t)
            blocking.extend(b)
            bare.append(_first_paint(browser, f"{bare_url}chi-tieu/{ind}/")[0])
    finally:
        ours_httpd.shutdown()
        bare_httpd.shutdown()
    fcp, fcp_bare = statistics.median(ours), statistics.median(bare)
    report = {
        "link": "400 ms, 50 KB/s (Chrome DevTools emulation), gzip as a static host serves it, cache off",
        "page": f"chi-tieu/{ind}/",
        "fcp_ms": round(fcp),
        "fcp_bare_material_ms": round(fcp_bare),
        "difference_ms": round(fcp - fcp_bare),
        "ratio": round(fcp / fcp_bare, 2),
        "runs_ms": {"indicator": [round(x) for x in ours], "bare": [round(x) for x in bare]},
        "render_blocking": sorted({b["name"].split("?")[0] for b in blocking}),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "first-paint.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"\nfirst paint on 400 ms / 50 KB/s: indicator page {fcp:.0f} ms, bare mkdocs-material {fcp_bare:.0f} ms")
    own = ours_url.rstrip("/")
    not_own_css = [n for n in report["render_blocking"] if not (n.startswith(own) and n.endswith(".css"))]
    assert not not_own_css, f"render-blocking beyond the page's own CSS: {not_own_css}"
    assert fcp <= fcp_bare + WITHIN_MS, report
