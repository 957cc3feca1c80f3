"""Injection: text from the data folder is shown as text, never run (no browser needed).

* the «evil» build (``make_evil_data``: a script tag, an onerror image, ``{{ 7*7 }}``,
  Markdown and HTML javascript: links, a spreadsheet formula in free-text fields) is
  scanned page by page with an HTML parser: no injected script, no event-handler
  attribute, no javascript: URL, the macro not evaluated, and the text shown verbatim;
* the site's search index (shown as text by the site's search) is just as inert.

That the checker rejects unsafe links in the data: tests/check/test_unsafe_links.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from _site import EVIL, ROOT, build, copy_data, make_evil_data, shared_build
from testkit import read_only

pytestmark = pytest.mark.slow

EVIL_TEXT = " ".join(EVIL.values()).replace('"', "'")  # as make_evil_data writes it
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")


class Scan(HTMLParser):
    """What a browser would run or follow in one HTML document; <title> is RCDATA as in browsers."""

    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[tuple[str, str, str]] = []
        self.bad_urls: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            v = (value or "").strip().lower()
            v = re.sub(r"[\x00-\x20]", "", v)  # browsers ignore such characters inside a scheme
            if name.startswith("on"):
                self.handlers.append((tag, name, value or ""))
            if name in URL_ATTRS and v.startswith(BAD_SCHEMES):
                self.bad_urls.append((tag, name, value or ""))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._in:
            if self._in.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        top = self._in[-1] if self._in else ""
        if top == "script":
            self.scripts.append(data)
        elif top != "style":
            self.text.append(data)


def scan(html: str) -> Scan:
    s = Scan()
    s.feed(html)
    s.close()
    return s


def assert_inert(folder: Path, what: str) -> int:
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) > 50, f"only {len(pages)} pages in {folder}"
    problems: list[str] = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(folder).as_posix()
        if "<script>window.__pwned" in html:
            problems.append(f"{rel}: raw <script>window.__pwned")
        s = scan(html)
        problems += [f"{rel}: <{t} {n}={v!r}>" for t, n, v in s.handlers if n == "onerror" or "__pwned" in v]
        problems += [f"{rel}: <{t} {n}={v!r}>" for t, n, v in s.bad_urls]
        problems += [f"{rel}: script runs {x[:60]!r}" for x in s.scripts if "__pwned" in x]
        if "49 {% raw %}" in "".join(s.text):
            problems.append(f"{rel}: «{{{{ 7*7 }}}}» was evaluated")
    assert not problems, f"{what}: {len(problems)} injections, e.g.\n" + "\n".join(problems[:20])
    return len(pages)


@pytest.fixture(scope="module")
def evil_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_evil_data(tmp_path_factory.mktemp("evil") / "data")


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory, evil_data: Path) -> Iterator[Path]:
    # The evil data is valid data: the build must pass. tests/browser/test_injection.py opens the same build.
    yield from read_only(shared_build(tmp_path_factory, evil_data), "the evil build")


def test_no_injection_in_any_page(evil_site: Path) -> None:
    n = assert_inert(evil_site, "evil build")
    print(f"verified: {n} pages without injected script, handler attribute or javascript: URL")


def test_evil_text_is_shown_verbatim(evil_site: Path, evil_data: Path) -> None:
    """The escaped text is present: macro not evaluated, Markdown not converted, HTML not parsed.

    Wherever a page shows the evil text, it shows all of it as text, character for character.
    """
    first = yaml.safe_load((evil_data / "indicators.yaml").read_text(encoding="utf-8"))["indicators"][0]["id"]
    shown = []
    for p in sorted(evil_site.rglob("*.html")):
        text = "".join(scan(p.read_text(encoding="utf-8")).text)
        assert text.count("window.__pwned = 1") == text.count(EVIL_TEXT), f"{p}: evil text shown altered"
        if EVIL_TEXT in text:
            shown.append(p.relative_to(evil_site).as_posix())
    # the progress row's source and note on the indicator's page, and the source on the province's page
    assert f"chi-tieu/{first}/index.html" in shown and any(s.startswith("dia-ban/") for s in shown), shown
    html = (evil_site / "chi-tieu" / first / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&#123;&#123; 7*7 &#125;&#125;" in html
    assert "<strong>đậm</strong>" not in html
    print(f"verified: evil text shown verbatim as text on {len(shown)} pages: {shown}")


def test_search_index_is_inert(evil_site: Path) -> None:
    """The search shows titles and lines as text (textContent); the index carries no markup of its own either."""
    index = json.loads((evil_site / "search" / "tieu-de.json").read_text(encoding="utf-8"))
    hits = 0
    for url, title, _kind, line, *_ in index["pages"]:
        for text in (title, line):
            s = scan(text)
            assert not s.handlers and not s.bad_urls and not any("__pwned" in x for x in s.scripts), (url, text)
        assert not url.startswith(("javascript:", "data:", "//")), url
    bodies = json.loads((evil_site / "search" / "noi-dung.json").read_text(encoding="utf-8"))
    hits = sum("pwned" in b for b in bodies)
    assert hits >= 1, "the evil text should be searchable (as words)"
    js = (ROOT / "docs" / "assets" / "plansite.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js, "search results must be written as text, never as HTML"


def test_scan_detects_injection() -> None:
    """The scanner itself finds what it looks for."""
    s = scan(
        '<title>x</title><p>a</p><img src=x onerror="window.__pwned=2"><a href=" JaVa\tScript:alert(1)">b</a>'
        "<script>window.__pwned = 1</script>"
    )
    assert s.handlers and s.bad_urls and s.scripts
    s = scan("<title><img src=x onerror=alert(1)></title><p>&lt;img onerror=x&gt;</p>")
    assert not s.handlers and "<img onerror=x>" in "".join(s.text)


# --------------------------------------------------------------------------- fields the theme renders


def _set_first(path: Path, field: str, value: str) -> None:
    """Replace the first «field: …» line of a YAML file by a JSON (= valid YAML) string."""
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(
        rf"^(\s*(?:- )?{field}: ).*$", lambda m: m.group(1) + json.dumps(value, ensure_ascii=False), text, count=1, flags=re.M
    )
    assert n == 1, f"no «{field}:» in {path.name}"
    path.write_text(new, encoding="utf-8")


def test_titles_from_data_are_escaped(tmp_path: Path) -> None:
    """plan short_title (→ site_name) and indicator/area/agency names (→ page titles) end up in the theme's header."""
    data = copy_data(tmp_path / "data")
    evil = "</title><img src=x onerror=window.__pwned=9> {{ 7*7 }}"
    _set_first(data / "plan.yaml", "short_title", evil + ' & "Kế hoạch"')
    for name in ("indicators.yaml", "areas.yaml", "agencies.yaml"):
        _set_first(data / name, "name", evil + " Tên")
    out = tmp_path / "site"
    build(data, out)
    assert_inert(out, "titles from data")
    # Escaped once, not twice: the logo's tooltip (the header's and the drawer's) reads like the title.
    home = (out / "index.html").read_text(encoding="utf-8")
    logos = re.findall(r'<a [^>]*title="([^"]*)"[^>]*class="md-(?:header|nav)__button md-logo"', home)
    assert len(logos) == 2 and all("&amp;amp;" not in t and "&amp;#34;" not in t for t in logos), logos
    assert all(t.endswith(" &amp; &#34;Kế hoạch&#34;") for t in logos), logos
