"""In the browser, every page of the payload build (``payloadkit``: a payload in every string field of every
YAML model and every progress column, found by walking the models): no script from data runs, no dialog
opens, no unsafe link, and the payload is shown as typed. The same build without a browser, and its
downloads: tests/site/test_payload_everywhere.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import Tab
from helpers import DESKTOP
from test_injection import UNSAFE_JS

from _site import serve, shared_build
from payloadkit import PAYLOAD, payload_data
from testkit import TODAY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def payload_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    site = payload_data(tmp_path_factory.mktemp("payload-browser") / "data", TODAY)
    built = shared_build(tmp_path_factory, site.folder, TODAY)  # the one tests/site/test_payload_everywhere.py reads
    url, httpd = serve(built)
    yield url, built
    httpd.shutdown()


def test_no_payload_runs_on_any_page(browser: Any, payload_served: tuple[str, Path]) -> None:
    base, site = payload_served
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    t = Tab(browser, DESKTOP)
    shown = 0
    try:
        for rel in pages:
            path = "" if rel == "." else rel + "/"
            t.open(base + path)
            page = t.page
            assert page.evaluate("typeof window.__pwned") == "undefined", f"{path}: a script from data ran"
            assert page.evaluate(UNSAFE_JS) == [], f"{path}: unsafe markup from data"
            assert not t.watch.dialogs and not t.watch.page_errors, (path, t.watch.dialogs, t.watch.page_errors)
            if PAYLOAD in page.locator("body").inner_text():
                shown += 1
    finally:
        t.close()
    assert shown > 10, f"the payload is shown as typed on only {shown} pages"
    print(f"verified: {len(pages)} pages opened in chromium, no script from data ran; the payload shown as typed on {shown}")
