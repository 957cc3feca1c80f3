"""Offline reading after one visit, the web app manifest, and the 404 page under a sub-path."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import Tab
from helpers import MOBILE

from _site import build, copy_data

pytestmark = pytest.mark.browser


def test_page_reopens_offline_and_says_so(browser: Any, served_site: str, pages: dict[str, str]) -> None:
    t = Tab(browser, MOBILE, workers=True)
    try:
        page = t.page
        path = pages["indicator (data)"]
        t.open(served_site + path)
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=10_000)
        page.wait_for_timeout(1500)  # the worker keeps the page and the files it used
        heading = page.locator("h1").first.inner_text()
        assert page.locator(".ps-offline-note").count() == 0
        t.context.set_offline(True)
        page.reload(wait_until="load")
        assert page.locator("h1").first.inner_text() == heading, "the page did not reopen offline"
        note = page.locator(".ps-offline-note")
        assert note.count() == 1 and "không có mạng" in note.inner_text() and "/" in note.inner_text(), note.all_inner_texts()
        styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        assert styled in ("sticky", "fixed", "relative"), "styles were not available offline"
        assert page.locator("figure.ps-chart svg").count() >= 1
    finally:
        t.close()


def test_manifest_lets_people_add_the_site_to_the_home_screen(tab: Tab, served_site: str) -> None:
    tab.open(served_site)
    href = tab.page.locator("link[rel=manifest]").get_attribute("href")
    resp = tab.page.request.get(served_site + href)
    manifest = json.loads(resp.body())
    assert manifest["lang"] == "vi" and manifest["name"] and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert tab.page.request.get(served_site + icon["src"]).body()[:4] == b"\x89PNG"


class _SubPath(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /ten-kho/, as GitHub Pages serves a project site; a missing page gets 404.html."""

    prefix = "/ten-kho/"

    def log_message(self, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix) :] if path.startswith(self.prefix) else "/__none__")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("subpath")
    data = copy_data(tmp / "data")
    build(data, tmp / "site", extra_env={"PLANSITE_SITE_URL": "https://vi-du.github.io/ten-kho/"})
    handler = functools.partial(_SubPath, directory=str(tmp / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/ten-kho/"
    httpd.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)


def test_404_page_in_vietnamese_and_styled_under_a_sub_path(browser: Any, sub_path_site: str) -> None:
    t = Tab(browser, MOBILE)
    try:
        page = t.page
        resp = page.goto(sub_path_site + "khong/co/trang/nay/", wait_until="load")
        assert resp is not None and resp.status == 404
        text = page.locator("article").inner_text()
        assert "Không tìm thấy trang" in text and "404 - Not found" not in text
        assert not t.watch.failed, t.watch.failed
        styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert styled not in ("rgba(0, 0, 0, 0)", "transparent"), "404 page lost its styles under the sub-path"
        home = page.get_by_role("link", name="Trang chủ").first
        assert home.get_attribute("href") in ("/ten-kho/", "/ten-kho/."), home.get_attribute("href")
        assert page.locator(".md-search__input").count() == 1
    finally:
        t.close()
