"""Shared fixtures: a valid made-up data folder and a way to check a copy of it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from plansite.pipeline import Checked, check

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
MINIMAL = FIXTURES / "minimal"
BAD = FIXTURES / "bad"
REPO = TESTS.parent

# A fixed «today» so that the future-year rule does not depend on the clock.
TODAY = dt.date(2024, 6, 1)


@pytest.fixture
def minimal_dir(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/minimal that a test may change freely."""
    dst = tmp_path / "data"
    shutil.copytree(MINIMAL, dst)
    return dst


@pytest.fixture
def run_check(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Checked]:
    """Check a data folder from inside it, so that Problem.file is «areas.yaml», «progress/x.csv» …"""

    def _run(folder: Path, today: dt.date = TODAY) -> Checked:
        monkeypatch.chdir(folder)
        return check(folder, today=today)

    return _run
