"""The method page explains every status and every kind of target the code knows, in the code's own labels."""

from __future__ import annotations

import html
import re
from pathlib import Path

from _site import built_site  # noqa: F401  (fixture)
from plansite import model as m
from plansite.status.labels import STATUSES


def page_text(site: Path) -> str:
    raw = (site / "phuong-phap" / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def test_every_status_is_explained(built_site: Path) -> None:  # noqa: F811
    text = page_text(built_site)
    for code, status in STATUSES.items():
        assert status["label"] in text, code
        assert status["when"] in text, code
        assert f"ps-s-{code}" in (built_site / "phuong-phap" / "index.html").read_text(encoding="utf-8"), code


def test_every_kind_of_target_and_the_one_figure_rule(built_site: Path) -> None:  # noqa: F811
    text = page_text(built_site)
    for kind, label in m.KIND_LABELS.items():
        assert label.lower() in text.lower(), kind
    for words in (
        "Khi chỉ có một số liệu",
        "đang đạt (cần duy trì)",
        "còn cách mục tiêu",
        "ai phải công bố",
        "nguồn khác công bố",
    ):
        assert words.lower() in text.lower(), words
    assert "{{" not in text
