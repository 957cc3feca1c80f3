"""Helpers for the browser tests: start Debian's chromium, watch a page's console and requests, run axe-core.

No browser is ever downloaded: Playwright drives /usr/bin/chromium (or $CHROMIUM).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 360, "height": 740}

# Console messages of type "error" that are known and harmless. Kept empty on purpose:
# the lunr.vi "Function is not registered with pipeline" message is a console *warning*
# of the theme's search worker, and warnings are allowed anyway.
KNOWN_CONSOLE_ERRORS: list[re.Pattern[str]] = []

LOCAL_HOSTS = {"127.0.0.1"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS


@dataclass
class Watch:
    """What one page did: console errors, uncaught exceptions, every request, and the non-local ones."""

    console_errors: list[str] = field(default_factory=list)
    console_warnings: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    non_local: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    # Requests sent and not yet answered (or failed): what Playwright's "networkidle" waits on.
    in_flight: set[Any] = field(default_factory=set)

    def attach(self, page: Any) -> Watch:
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_finished)
        page.on("requestfailed", self._on_failed)
        page.on("dialog", self._on_dialog)
        return self

    def _on_finished(self, req: Any) -> None:
        self.in_flight.discard(req)

    def _on_failed(self, req: Any) -> None:
        self.in_flight.discard(req)
        self.failed.append(f"{req.url} ({req.failure})")

    def _on_console(self, msg: Any) -> None:
        text = f"{msg.text} @ {msg.location.get('url', '')}:{msg.location.get('lineNumber', '')}"
        if msg.type == "error":
            if not any(p.search(msg.text) for p in KNOWN_CONSOLE_ERRORS):
                self.console_errors.append(text)
        elif msg.type == "warning":
            self.console_warnings.append(text)

    def _on_request(self, req: Any) -> None:
        self.in_flight.add(req)
        self.requests.append(req.url)
        if not is_local(req.url):
            self.non_local.append(req.url)

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def block_non_local(context: Any, seen: list[str] | None = None) -> None:
    """Abort every request to a host other than 127.0.0.1 (and remember it in ``seen``)."""

    def handler(route: Any) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            if seen is not None:
                seen.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", handler)


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Inject axe-core into the page and return its violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 300),
                                          summary: n.failureSummary}))
            }));
        }"""
    )
    return list(result)


def format_axe(violations: list[dict[str, Any]]) -> str:
    out = []
    for v in violations:
        out.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes) {v['helpUrl']}")
        for n in v["nodes"][:5]:
            out.append(f"    {n['target']}\n      {n['html']}\n      {n['summary']}".replace("\n", "\n      "))
    return "\n".join(out)


# Elements sticking out to the right of the viewport, outside any element that scrolls on its own.
OVERFLOW_JS = """() => {
    const w = window.innerWidth, out = [];
    const scrolls = el => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) return true;
        }
        return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width && r.right > w + 0.5 && !scrolls(el)) {
            const cls = el.className && el.className.baseVal === undefined ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
            out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls === '.' ? '' : cls} right=${Math.round(r.right)}`);
        }
    }
    return out.slice(0, 15);
}"""


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=9))


class CountingServer:
    """A local static server (like _site.serve) that records every response body it sends.

    Only responses with a body are recorded: a «304 Not Modified» answer to the browser's
    revalidation sends none, and what the browser takes from its cache never reaches the
    server. So the records are exactly the bytes the visit cost, including the requests of
    the search worker, which a page-level CDP session does not see.
    """

    def __init__(self, folder: Path) -> None:
        self.sent: list[tuple[str, int, bytes]] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def send_response(self, code: int, message: str | None = None) -> None:
                self._code = code
                super().send_response(code, message)

            def copyfile(self, source: Any, outputfile: Any) -> None:
                body = source.read()
                outputfile.write(body)
                with outer._lock:
                    outer.sent.append((urlsplit(self.path).path, self._code, body))

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def take(self) -> list[dict[str, Any]]:
        """The responses sent since the last call: path, status, raw and gzip size of the body."""
        with self._lock:
            sent, self.sent = self.sent, []
        return [
            {"url": path.lstrip("/"), "status": code, "bytes": len(body), "gzip": gzip_size(body)} for path, code, body in sent
        ]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# Words (letters and digits only, so no hyphen or slash where a line may break) that the
# browser split over two lines inside a table cell: a sign of a column squeezed to a few letters.
BROKEN_WORDS_JS = """() => {
    const out = [], range = document.createRange(), word = /[\\p{L}\\p{M}\\p{N}]{2,}/gu;
    for (const cell of [...document.querySelectorAll('article td, article th')].slice(0, 3000)) {
        const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walk.nextNode(); node; node = walk.nextNode()) {
            for (const m of node.data.matchAll(word)) {
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (tops.size > 1) out.push(m[0]);
            }
        }
        if (out.length > 10) break;
    }
    return out;
}"""
