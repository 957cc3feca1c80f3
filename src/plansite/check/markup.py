"""Fields documented as Markdown (``model.base.Markdown``, e.g. plan.yaml «summary»): what the site may show.

The allow-list is declared here and used by the page (``render.markdown_field``, sanitised by nh3); the
checker reports a link that is not http(s) (an error, at the field's line) and any tag the page would drop
(a warning), so nothing a person wrote disappears without a word.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown as md
from pydantic import BaseModel

from plansite.check.urls import is_safe_url, shown_url
from plansite.load.yamlio import line_of
from plansite.problems import Problems, kinds

TAGS = frozenset({"p", "br", "strong", "em", "a", "ul", "ol", "li", "code", "blockquote"})
ATTRIBUTES = {"a": frozenset({"href", "title"})}
SCHEMES = frozenset({"http", "https"})


def to_html(text: str) -> str:
    """The HTML Python-Markdown makes of ``text``, not yet sanitised."""
    return md.markdown(text, output_format="html")


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.tags.append(tag)  # dropped whole, with its attributes (an image's address among them)
            return
        for name, value in attrs:
            if name in ("href", "src") and value is not None and not (tag == "a" and name == "href" and is_safe_url(value)):
                self.links.append(value)


def dropped(text: str) -> tuple[list[str], list[str]]:
    """What showing ``text`` drops: (tags not allowed, once each, in order; links that are not http(s))."""
    scan = _Scan()
    scan.feed(to_html(text))
    scan.close()
    return list(dict.fromkeys(scan.tags)), scan.links


def is_markdown(info: Any) -> bool:
    return isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("format") == "markdown"


def markdown_fields(obj: BaseModel, loc: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str, str]]:
    """(location, field name, text) of every Markdown field of ``obj`` and of the models it holds."""
    out: list[tuple[tuple[Any, ...], str, str]] = []
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        if is_markdown(info) and isinstance(value, str) and value:
            out.append(((*loc, name), name, value))
        elif isinstance(value, BaseModel):
            out += markdown_fields(value, (*loc, name))
        elif isinstance(value, list):
            out += [f for i, v in enumerate(value) if isinstance(v, BaseModel) for f in markdown_fields(v, (*loc, name, i))]
    return out


def check_markdown(obj: BaseModel, raw: Any, path: Path, problems: Problems, base: tuple[Any, ...] = ()) -> None:
    """Problems of the Markdown fields of one model read from ``raw`` (its YAML, for the lines)."""
    for loc, field, text in markdown_fields(obj):
        line = line_of(raw, (*base, *loc))
        tags, links = dropped(text)
        for url in links:
            problems.add(path, line, kinds.UNSAFE_LINK, url=shown_url(url))
        if tags:
            problems.add(path, line, kinds.DISALLOWED_MARKUP, field=field, tags=", ".join(f"<{t}>" for t in tags))
