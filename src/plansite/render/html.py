"""Small pieces of HTML every page needs: links between pages, data text made inert, the page wrapper."""

from __future__ import annotations

import functools
import json
import posixpath

from markupsafe import Markup, escape

RAW_OPEN = '<div class="ps-page" markdown="0">'


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL path of a page source: directory style («chi-tieu/ty-le/»), or its file («chi-tieu/ty-le.html») for a
    site read from disk (the offline preview: a link to a folder there shows the folder, not its page)."""
    if not directory_urls:
        return src_uri[:-3] + ".html"
    if src_uri.endswith("index.md"):
        d = posixpath.dirname(src_uri)
        return d + "/" if d else ""
    return src_uri[:-3] + "/"


@functools.lru_cache(maxsize=1 << 18)  # pure; a table links to the same pages row after row
def relative(from_src: str, to: str, directory_urls: bool = True) -> str:
    """A relative link from the page ``from_src`` to ``to`` (a page source or a site file path, with #fragment)."""
    target, _, frag = to.partition("#")
    dest = page_url(target, directory_urls) if target.endswith(".md") else target
    here = page_url(from_src, directory_urls)
    folder = here if directory_urls else posixpath.dirname(here)
    rel = posixpath.relpath(dest or ".", folder or ".")
    if target.endswith(".md") and directory_urls:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{frag}" if frag else "")


def inert(text: str) -> Markup:
    """Data text as HTML text: escaped, with « {{ » and « {% » made harmless for later template passes."""
    s = str(escape(text))
    s = s.replace("{", "&#123;").replace("}", "&#125;").replace("\n", " ")
    return Markup(s)


def theme_text(text: str) -> str:
    """Text from data for places where the theme prints it without escaping (titles, meta tags).

    The theme also runs ``striptags`` on titles, which turns entities back into characters, so angle
    brackets are replaced by look-alikes (‹ ›) instead of being escaped; the page body shows the original.
    """
    return str(escape(text.replace("<", "‹").replace(">", "›")))


def page_markdown(title: str, html: str, description: str = "") -> str:
    """A generated page: YAML front matter (JSON strings are valid YAML) and one raw-HTML block."""
    lines = [line for line in html.splitlines() if line.strip()]
    front = ["---", f"title: {json.dumps(theme_text(title), ensure_ascii=False)}", "render_macros: false"]
    if description:
        front.append(f"description: {json.dumps(theme_text(description), ensure_ascii=False)}")
    front.append("---")
    return "\n".join(front) + "\n\n" + RAW_OPEN + "\n" + "\n".join(lines) + "\n</div>\n"


def fragment(html: str) -> str:
    """HTML for a macro in a hand-written page: one raw block, no blank lines."""
    lines = [line for line in html.splitlines() if line.strip()]
    return '<div class="ps-frag" markdown="0">\n' + "\n".join(lines) + "\n</div>"
