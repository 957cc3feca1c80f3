"""Dates of the last change come from git: ``load.history.read_history``.

A throw-away git repository in tmp_path holds a copy of the minimal fixture under «data/»,
committed twice with fixed committer dates (``testkit.history_repo``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from plansite.load.history import read_history
from testkit import history_repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, Any]:
    return history_repo(tmp_path_factory.mktemp("history") / "kho")


def test_read_history_gives_last_change_per_progress_file(repo: Mapping[str, Any]) -> None:
    h = read_history(repo["data"])
    assert [c.subject for c in h.changes] == [f"Thêm số liệu {repo['second']}", "Dữ liệu ban đầu"]
    assert h.changes[0].date == dt.date(2024, 6, 20)  # the committer's calendar day, not the author date
    assert h.last(f"progress/{repo['first']}.csv") == dt.date(2024, 3, 5)
    assert h.last(f"progress/{repo['second']}.csv") == dt.date(2024, 6, 20)
    assert h.last("plan.yaml") == dt.date(2024, 3, 5)
    assert "README.md" not in h.last_changed  # only files of the data folder, relative to it
    assert all(not f.startswith("data/") for f in h.last_changed)
    progress_files = {p.name for p in (repo["data"] / "progress").glob("*.csv")}
    assert {f.removeprefix("progress/") for f in h.last_changed if f.startswith("progress/")} == progress_files


def test_read_history_outside_git_is_empty(tmp_path: Path) -> None:
    (tmp_path / "progress").mkdir()
    h = read_history(tmp_path)
    assert h.changes == [] and h.last_changed == {}
