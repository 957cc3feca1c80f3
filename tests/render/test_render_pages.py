"""Generated pages: Markdown would leave them unchanged, so the plugin may skip it (that the whole built site
is then the same byte for byte: tests/site/test_build_shortcuts.py)."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data

from plansite.build import SiteBuild
from plansite.vi.text import slugify_toc
from testkit import MINIMAL, SYNTH_TODAY


@pytest.mark.parametrize("which", ["minimal", "synthetic"])
def test_generated_pages_are_left_unchanged_by_markdown(which: str, synthetic: Path) -> None:
    """What lets the plugin skip Markdown for generated pages (it also checks one page of each kind)."""
    build = SiteBuild.prepare(MINIMAL if which == "minimal" else synthetic, today=SYNTH_TODAY)
    pages = build.pages()
    assert pages
    for src, text in pages.items():
        body, _meta = get_data(build.fill(text))
        md = markdown.Markdown(
            extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"],
            extension_configs={"toc": {"permalink": False, "slugify": slugify_toc}},
        )
        assert md.convert(body) == body.strip(), src
    build.close()
