"""Generated pages go straight to HTML, without Markdown.

A generated page is one raw-HTML block (``<div … markdown="0">``) that Markdown hands back
unchanged after parsing all of it twice: most of the build time of a large plan. So its HTML
is kept aside when MkDocs gives the page's Markdown and handed back as the page's content.
The first page of each kind (one template) still goes through Markdown, and its HTML is
compared: a template whose output Markdown would change sends its pages through Markdown.
A page holding characters Markdown rewrites (tabs, carriage returns, STX/ETX) does too.
"""

from __future__ import annotations

from typing import Any

from markdown.htmlparser import htmlparser

from plansite.render.html import RAW_OPEN

_MARKDOWN_CHANGES = ("\t", "\r", "\x02", "\x03")  # Markdown expands tabs, normalises line ends, drops STX/ETX


def page_kind(src_uri: str) -> str:
    """Pages made by one template: «chi-tieu/index», «chi-tieu/*», «toan-van.md» …"""
    folder, _, name = src_uri.rpartition("/")
    if not folder:
        return name
    return f"{folder}/index" if name == "index.md" else f"{folder}/*"


class Anchors(set):  # type: ignore[type-arg]
    """The anchor ids of a raw-HTML page, found as MkDocs finds them, when a link first asks."""

    def __init__(self, html: str, found: set[str]):
        super().__init__(found)
        self._html: str | None = html

    def __contains__(self, anchor: object) -> bool:
        if self._html is not None:
            ids: set[str] = set()

            class Handler(htmlparser.HTMLParser):  # type: ignore[misc,name-defined]
                def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                    for k, v in attrs:
                        if v is not None and (k == "id" or (k == "name" and tag == "a")):
                            ids.add(v)

            handler = Handler()
            handler.feed(self._html)
            handler.close()
            self.update(ids)
            self._html = None
        return super().__contains__(anchor)

    def forget(self) -> None:
        """Once the links are checked: the ids never asked for are not looked for."""
        self._html = None


def let_go(pages: list[Any]) -> None:
    """Forget the HTML of pages MkDocs has written: it has checked the links to their anchors too, just before
    ``on_post_build``, and nothing reads the HTML again. A national plan's 3.468 pages would otherwise keep it all in
    memory while the open data is written and the reports are printed. A plugin that reads ``page.content`` in its own
    ``on_post_build`` must be listed before this one in mkdocs.yml (MkDocs calls them in that order)."""
    for page in pages:
        page.content = None
        if isinstance(page.present_anchor_ids, Anchors):
            page.present_anchor_ids.forget()
    pages.clear()


class RawPages:
    """The generated pages of one build, and which of them skip Markdown."""

    def __init__(self, sources: set[str], trusted: dict[str, bool] | None = None):
        """``trusted``: the verdicts of an earlier build of the same process (its templates are the same)."""
        self.sources = sources
        self.trusted: dict[str, bool] = dict(trusted or {})  # page kind -> Markdown returned its first page unchanged
        self.checking: dict[str, str] = {}  # src_uri -> the HTML expected from Markdown
        self.pending: dict[str, str] = {}  # src_uri -> its HTML, from page_markdown to page_content
        self.skipped = 0

    def take_markdown(self, src: str, markdown: str) -> str:
        """The Markdown MkDocs should convert: empty when the page's HTML is kept aside."""
        if src not in self.sources:
            return markdown
        body = markdown.strip()
        if not (body.startswith(RAW_OPEN) and body.endswith("</div>")) or "markdown=" in body[len(RAW_OPEN) :]:
            return markdown
        if any(c in body for c in _MARKDOWN_CHANGES):
            return markdown
        kind = page_kind(src)
        if self.trusted.get(kind):
            self.pending[src] = body
            self.skipped += 1
            return ""
        if kind not in self.trusted:
            self.checking[src] = body
        return markdown

    def give_content(self, src: str, html: str, page: Any) -> str:
        """The page's HTML: the one kept aside, or Markdown's (and, for a first page, whether they agree)."""
        body = self.pending.pop(src, None)
        if body is not None:
            page.present_anchor_ids = Anchors(body, set(page.present_anchor_ids or ()))
            return body
        expected = self.checking.pop(src, None)
        if expected is not None:
            self.trusted[page_kind(src)] = html == expected
        return html
