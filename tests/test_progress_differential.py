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
from progress_corpus import GeneratedFile, HypothesisDraw, generate_folder, seeded_corpus

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
    max_examples=int(os.environ.get("PLANSITE_DIFF_EXAMPLES", "300")),
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


H = "Năm,Giá trị,Nguồn,Ghi chú"
EDGES = {
    "leading-blank-line": f"\n{H}\n2020,96,Báo cáo,\n",
    "header-only": f"{H}\n",
    "header-no-newline": H,
    "empty": "",
    "spaces": "   \n  \n",
    "bom-empty": "\ufeff\r\n",
    "cr-only": f"{H}\r2020,96,Báo cáo,x\r2021,97,Báo cáo,\r",
    "mixed-ends": f"{H}\r\n2020,96,Báo cáo,x\n2021,97,Báo cáo,\r\n",
    "cr-in-quotes": f'{H}\n2020,96,Báo cáo,"a\rb"\n2021,97,Báo cáo,"c\r\nd"\n',
    "quote-mid-cell": f'{H}\n2020,96,Báo "cáo",x\n2021,97,Báo cáo,"y"\n',
    "text-after-quote": f'{H}\n2020,96,"Báo"cáo,x\n',
    "doubled-then-text": f'{H}\n2020,96,"a""b"c,x\n',
    "unclosed": f'{H}\n2020,96,"Báo cáo,x\n2021,97,Báo cáo,\n',
    "space-before-quote": f'{H}\n2020,96, "Báo, cáo",x\n',
    "huge-cell": f"{H}\n2020,96,Báo cáo,{'x' * 140_000}\n2021,97,Báo cáo,\n",
    "long-cell-multiline": f'{H}\n2020,96,Báo cáo,"{("y" * 100 + chr(10)) * 30}"\n',
    "odd-characters": f"{H}\n2020,96,Báo\x0bcáo,a\x1cb\u2028c\x85d\n2021,97,Báo cáo,\x0c\n",
    "extra-empty-cells": f"{H}\n2020,96,Báo cáo,x,,\n2021,97,Báo cáo,,x\n",
    "more-header-than-rows": f"{H},Sơ bộ,Ước tính\n2020,96,Báo cáo\n",
    "semicolon-and-commas": 'Năm;Giá trị;Nguồn\n2020;96,5;Báo cáo, số 1\n2021;"97,5";"a;b"\n',
    "tabs": "Năm\tGiá trị\tNguồn\n2020\t96,5\tBáo cáo\n 2021 \t 97 \t Báo cáo \n",
    "blank-rows-everywhere": f"{H}\n\n,,,\n  ,  ,  ,  \n2020,96,Báo cáo,\n\n",
    "quoted-header": '"Năm","Giá trị","Nguồn"\n"2020","96","Báo cáo"\n',
    "quote-at-end-of-file": f'{H}\n2020,96,Báo cáo,"x"',
    "single-quote-char": f'{H}\n"\n',
}


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
