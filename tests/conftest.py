"""Fixtures for every test folder: private copies of the minimal fixture, the checker run from
inside a folder, the shared synthetic data; and no clock for subprocesses.

Constants and helpers live in ``testkit.py`` (import them from there, not from ``conftest``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from benchmarks import synth

from plansite.pipeline import Checked, check
from testkit import MINIMAL, NO_CLOCK, SYNTH_TODAY, TODAY, Unchanged, copy_folder


@pytest.fixture(scope="session", autouse=True)
def no_clock_for_subprocesses() -> Iterator[None]:
    """PLANSITE_TODAY is not a date for the session: a CLI or mkdocs run that a test starts without
    its own day (testkit.cli_env, _site.build) fails loudly instead of reading the clock."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANSITE_TODAY", NO_CLOCK)
        yield


@pytest.fixture
def minimal_dir(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/minimal that a test may change freely."""
    return copy_folder(MINIMAL, tmp_path / "data")


@pytest.fixture
def run_check(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Checked]:
    """Check a data folder from inside it, so that Problem.file is «areas.yaml», «progress/x.csv» …"""

    def _run(folder: Path, today: dt.date = TODAY) -> Checked:
        monkeypatch.chdir(folder)
        return check(folder, today=today)

    return _run


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """SYNTHETIC data (benchmarks.synth: 13 indicators × 12 places × 5 years, judged on SYNTH_TODAY),
    made once and shared read-only: a test that needs to change it copies it first."""
    folder = synth.generate(tmp_path_factory.mktemp("synth") / "data", indicators=13, places=12, years=5, today=SYNTH_TODAY)
    guard = Unchanged(folder, "the synthetic data folder")
    yield folder
    guard.check()
