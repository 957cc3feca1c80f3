"""Text from data in hand-written pages stays text: every ``{{ … }}`` of a page that is not HTML made by
the core (``Markup``) is held back while Markdown reads the page, and put in its HTML escaped.

mkdocs-macros writes each ``{{ … }}`` into the page before Markdown reads it: a plan's «issuer» holding
``<script>`` would run, and ``{{ 7*7 }}`` would come out as «{{ 7<em>7 }}». Instead, Jinja's ``finalize``
turns each such value into a token of letters and digits (which Markdown leaves alone, in code spans too),
and ``fill`` puts the escaped text in its place in the page's HTML, its title and its table of contents.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from markupsafe import Markup

from plansite.render.html import inert


class InertText:
    def __init__(self) -> None:
        self.prefix = "pstext" + secrets.token_hex(4)
        self.pattern = re.compile(self.prefix + r"n([0-9]+)x")
        self.texts: list[str] = []

    def finalize(self, value: Any) -> Any:
        """Jinja's ``finalize``: HTML made by the core passes; any other value becomes a token."""
        if isinstance(value, Markup) or value is None:
            return value
        text = str(value)
        if not text:
            return text
        self.texts.append(text)
        return f"{self.prefix}n{len(self.texts) - 1}x"

    def fill(self, html: str) -> str:
        """``html`` with each token replaced by its text, escaped (``render.html.inert``)."""
        if self.prefix not in html:
            return html
        return self.pattern.sub(lambda m: str(inert(self.texts[int(m.group(1))])), html)
