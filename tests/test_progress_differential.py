"""The new checker (check/progress/) against the old row loop (tests/oracle_progress.py): same figures, same messages.

hypothesis generates varied clean and broken files (tests/progress_corpus.py); both
checkers read the same data folder; their Observations and their sorted problems (kind,
file, line, column, message, fix, severity) must be equal.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oracle_progress
from conftest import MINIMAL
from plansite.check.progress import read_progress
from plansite.check.references import load_plan
from plansite.problems import Problems
from progress_corpus import EDGES, GeneratedFile, HypothesisDraw, generate_folder, seeded_corpus

TODAY = dt.date(2024, 6, 1)


class Folder:
    """A data folder whose progress/ holds the generated files of one example."""

    def __init__(self, root: Path, clean: bool = True) -> None:
        self.root = root
        problems = Problems(root=root)
        plan = load_plan(root, problems)
        assert plan is not None and not (clean and problems.errors)
        self.plan = plan

    def write(self, files: list[GeneratedFile]) -> None:
        pdir = self.root / "progress"
        shutil.rmtree(pdir)
        pdir.mkdir()
        for f in files:
            (pdir / f.name).write_bytes(f.data)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    root = tmp_path_factory.mktemp("differential") / "data"
    shutil.copytree(MINIMAL, root)
    return Folder(root)


def both(folder: Folder) -> tuple[tuple[list[tuple[object, ...]], list[tuple[object, ...]]], ...]:
    out = []
    for reader in (oracle_progress.read_progress, read_progress):
        problems = Problems(root=folder.root)
        got = reader(folder.root, folder.plan, problems, TODAY)
        observations = got if isinstance(got, list) else got.observations
        found = sorted((p.kind, p.file, p.line or 0, p.column or "", p.message, p.hint, p.severity) for p in problems)
        out.append(([tuple(o) for o in observations], found))
    return tuple(out)


@settings(
    max_examples=int(os.environ.get("PLANSITE_PROGRESS_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_same_figures_and_messages_as_the_old_checker(folder: Folder, data: st.DataObject) -> None:
    files = generate_folder(HypothesisDraw(data), folder.plan, TODAY.year)
    folder.write(files)
    old, new = both(folder)
    assert new[1] == old[1]
    assert new[0] == old[0]


def test_same_on_a_seeded_corpus(folder: Folder) -> None:
    for files in seeded_corpus(folder.plan, TODAY.year, seed=7, n=300):
        folder.write(files)
        old, new = both(folder)
        assert new == old, [f.data for f in files]


@pytest.mark.parametrize("name", list(EDGES))
def test_same_on_edge_cases(folder: Folder, name: str) -> None:
    text = EDGES[name]
    folder.write([GeneratedFile("ty-le-tre-di-hoc.csv", text.encode("utf-8"))])
    old, new = both(folder)
    assert new == old


def test_same_on_the_real_data(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", root)
    old, new = both(Folder(root, clean=False))
    assert new == old
    assert len(new[0]) > 0
