"""The README and CONTRIBUTING.md name files and folders that exist (a newcomer follows them)."""

from __future__ import annotations

import re

import pytest

from testkit import REPO

PATH = re.compile(r"`((?:src|tests|docs|data|benchmarks|macros|requirements|scripts|\.github)/[^`*<>\s]*)`")


@pytest.mark.parametrize("doc", ["README.md", "CONTRIBUTING.md"])
def test_named_paths_exist(doc: str) -> None:
    text = (REPO / doc).read_text(encoding="utf-8")
    named = PATH.findall(text)
    assert len(named) >= 5
    missing = [p for p in named if not (REPO / p.rstrip("/")).exists()]
    assert not missing, missing


def test_contributing_names_the_registries_it_describes() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    registries = {
        "PAGE_TYPES": "src/plansite/render/pages/__init__.py",
        "ASSESSORS": "src/plansite/status/kinds.py",
        "KIND_LABELS": "src/plansite/model/indicators.py",
        "declare(": "src/plansite/problems/kinds.py",
        "FIELDS": "src/plansite/publish/schema.py",
        "spreadsheet_safe": "src/plansite/publish/tables.py",
    }
    for name, path in registries.items():
        assert name in text, name
        assert name.rstrip("(") in (REPO / path).read_text(encoding="utf-8"), (name, path)
