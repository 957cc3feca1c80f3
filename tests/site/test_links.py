"""Links of the built site: every internal link lands on a file, every #fragment on an id.

Every HTML file of the real build is crawled. For each href/src/action/srcset/xlink:href:

* internal links (relative, or absolute paths from the site root) resolve to an existing
  file inside the site (a directory URL means its index.html), URL-decoded;
* a #fragment names an id (or <a name>) in the target page — this covers the many links
  into toan-van/ anchors and the in-page table of contents;
* external links are http(s) only (mailto: is allowed for the feedback address; no
  javascript:, data:, file: or protocol-relative //host links).

The search index's locations (where the theme's search results link to) are checked the same way.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from _site import built_site  # noqa: F401
from testkit import REPO

pytestmark = pytest.mark.slow

URL_ATTRS = {"href", "src", "action", "xlink:href", "poster", "data"}
EXTERNAL_OK = {"http", "https", "mailto"}


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in URL_ATTRS:
                self.links.append((tag, name, value.strip()))
            elif name == "srcset":
                self.links += [(tag, name, part.strip().split()[0]) for part in value.split(",") if part.strip()]

    handle_startendtag = handle_starttag


def crawl(site: Path) -> dict[str, Page]:
    pages = {}
    for f in sorted(site.rglob("*.html")):
        p = Page()
        p.feed(f.read_text(encoding="utf-8"))
        p.close()
        pages[f.relative_to(site).as_posix()] = p
    return pages


def resolve(site: Path, page: str, url: str) -> tuple[str | None, str, str]:
    """(target file relative to the site, fragment, error)."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        target = page
    else:
        joined = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path))
        if joined == ".":
            joined = ""
        if joined.startswith("../") or joined == "..":
            return None, "", "leaves the site"
        full = site / joined
        if full.is_dir() or path.endswith("/"):
            joined = posixpath.join(joined, "index.html") if joined else "index.html"
            full = site / joined
        if not full.is_file():
            return None, "", f"no file {joined}"
        target = joined
    return target, unquote(parts.fragment), ""


def check_links(site: Path) -> tuple[Counter[str], list[str]]:
    pages = crawl(site)
    count: Counter[str] = Counter()
    bad: list[str] = []
    for page, parsed in pages.items():
        for tag, attr, url in parsed.links:
            where = f"{page}: <{tag} {attr}={url[:100]!r}>"
            parts = urlsplit(url)
            if parts.scheme:
                count["external"] += 1
                if parts.scheme.lower() not in EXTERNAL_OK:
                    bad.append(f"{where}: scheme {parts.scheme}: is not allowed")
                elif parts.scheme.lower() in ("http", "https") and not parts.netloc:
                    bad.append(f"{where}: no host")
                continue
            if parts.netloc or url.startswith("//"):
                count["external"] += 1
                bad.append(f"{where}: protocol-relative link")
                continue
            target, fragment, error = resolve(site, page, url)
            count["internal"] += 1
            if error:
                bad.append(f"{where}: {error}")
                continue
            assert target is not None
            if fragment:
                count["fragment"] += 1
                if target.endswith(".html") and fragment not in pages[target].ids:
                    bad.append(f"{where}: no id «{fragment}» in {target}")
                if target.startswith("toan-van/"):
                    count["toan-van"] += 1
    return count, bad


def test_every_link_resolves(built_site: Path) -> None:  # noqa: F811
    count, bad = check_links(built_site)
    assert not bad, f"{len(bad)} broken links, e.g.\n" + "\n".join(bad[:30])
    total = count["internal"] + count["external"]
    print(
        f"verified: {total} links ({count['internal']} internal, {count['fragment']} with #fragment, "
        f"{count['toan-van']} into toan-van/, {count['external']} external)"
    )
    assert total > 500, count
    assert count["toan-van"] > 0, "no link into the full text was checked"


def test_search_locations_resolve(built_site: Path) -> None:  # noqa: F811
    index = json.loads((built_site / "search" / "tieu-de.json").read_text(encoding="utf-8"))
    bad = []
    for url, *_ in index["pages"]:
        _target, _fragment, error = resolve(built_site, "index.html", url or "./")
        if error:
            bad.append(f"{url}: {error}")
    assert not bad, "\n".join(bad[:30])
    assert len(index["pages"]) > 50
    assert not (built_site / "search" / "search_index.json").exists(), "the theme's index is not used and not shipped"


def test_checker_finds_broken_links(tmp_path: Path) -> None:
    """The crawler notices a missing file, a missing id, a bad scheme and a link out of the site."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">x</h1><a href="a/">ok</a><a href="a/#here">ok</a><a href="#top">ok</a><a href="/a/index.html">ok</a>'
        '<a href="khong-co/">1</a><a href="a/#khong-co">2</a><a href="javascript:alert(1)">3</a><a href="../x.html">4</a>'
        '<img src="//evil.example/x.png"><a href="https://example.org/">ok</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p>', encoding="utf-8")
    count, bad = check_links(tmp_path)
    assert len(bad) == 5, bad
    assert count["internal"] == 7 and count["external"] == 3, count


def test_developer_docs_are_not_published(built_site: Path) -> None:  # noqa: F811
    """docs/dev/ (the scale-out notes for developers) is excluded from the public site (mkdocs.yml exclude_docs)."""
    assert (REPO / "docs" / "dev" / "mo-rong.md").is_file()
    assert not (built_site / "dev").exists()
    assert "mo-rong" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
