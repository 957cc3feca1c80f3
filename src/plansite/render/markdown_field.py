"""Fields documented as Markdown (``model.base.Markdown``: plan.yaml «summary»), as safe HTML or plain text.

Python-Markdown writes the HTML; nh3 (a maintained sanitiser, not a regular expression) keeps the small
allow-list of ``check.markup`` (tags, attributes, links to http(s) only). The checker reports what would
be dropped, so nothing a person wrote disappears without a word.
"""

from __future__ import annotations

import html

import nh3
from markupsafe import Markup

from plansite.check.markup import ATTRIBUTES, SCHEMES, TAGS, to_html


def markdown_html(text: str) -> Markup:
    """``text`` (Markdown) as HTML with only the allowed tags, attributes and links; braces made inert for
    later template passes, as in ``render.html.inert``."""
    clean = nh3.clean(
        to_html(text),
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return Markup(clean.replace("{", "&#123;").replace("}", "&#125;"))


def markdown_text(text: str) -> str:
    """``text`` (Markdown) as plain text, for places that take no HTML (the web app manifest …)."""
    return " ".join(html.unescape(nh3.clean(to_html(text), tags=set())).split())
