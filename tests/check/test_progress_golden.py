"""The progress checker against recorded expectations: figures and messages of a seeded corpus of generated files.

tests/fixtures/progress-golden.json holds, for each folder of the corpus (tests/progress_corpus.py,
seed ``SEED``, and the edge cases ``EDGES``), the files and what the checker must give: every Observation and every problem
(kind, file, line, column, message, fix, severity). It was recorded from the checker as it was
before pandas (the row loop), once the new checker agreed with it on every example of a
differential test; so it pins the old checker's answers, wording included.

When a message is changed on purpose, record the file again from the current checker:
``PLANSITE_WRITE_GOLDEN=1 .venv/bin/python -m pytest tests/check/test_progress_golden.py``,
and look at the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from plansite.check.progress import read_progress
from plansite.check.references import load_plan
from plansite.problems import Problems
from progress_corpus import EDGE_FILE, EDGES, GeneratedFile, as_tuples, seeded_corpus
from testkit import FIXTURES, MINIMAL, TODAY

GOLDEN = FIXTURES / "progress-golden.json"
SEED, SIZE = 2024, 200


def expectations(root: Path, plan: Any, reader: Any) -> dict[str, Any]:
    """What ``reader`` (a read_progress) gives for the progress files in ``root``."""
    problems = Problems(root=root)
    got = reader(root, plan, problems, TODAY)
    observations = got if isinstance(got, list) else got.observations
    found = sorted([p.kind, p.file, p.line, p.column, p.message, p.hint, p.severity] for p in problems)
    return {"observations": as_tuples(observations), "problems": found}


def write_files(root: Path, files: list[GeneratedFile]) -> None:
    pdir = root / "progress"
    shutil.rmtree(pdir)
    pdir.mkdir()
    for f in files:
        (pdir / f.name).write_bytes(f.data)


def record(root: Path, reader: Any) -> dict[str, Any]:
    """The golden expectations of the corpus, from ``reader``."""
    plan = load_plan(root, Problems(root=root))
    assert plan is not None
    folders = [(f"{SEED}-{k}", files) for k, files in enumerate(seeded_corpus(plan, TODAY.year, SEED, SIZE))]
    folders += [(name, [GeneratedFile(EDGE_FILE, text.encode("utf-8"))]) for name, text in EDGES.items()]
    cases = []
    for name, files in folders:
        write_files(root, files)
        cases.append({"name": name, "files": {f.name: f.data.decode("utf-8") for f in files}} | expectations(root, plan, reader))
    return {"seed": SEED, "today": TODAY.isoformat(), "cases": cases}


def dump(golden: dict[str, Any]) -> None:
    """One case a line, so that a change shows as the cases it touches."""
    head = json.dumps({k: v for k, v in golden.items() if k != "cases"}, ensure_ascii=False)[:-1]
    cases = ",\n".join(json.dumps(c, ensure_ascii=False) for c in golden["cases"])
    GOLDEN.write_text(f'{head}, "cases": [\n{cases}\n]}}\n', encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The test's own copy of the minimal fixture: its progress folder is rewritten case by case."""
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    return folder


def test_golden_expectations(root: Path) -> None:
    if os.environ.get("PLANSITE_WRITE_GOLDEN"):
        dump(record(root, read_progress))
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert golden["today"] == TODAY.isoformat()
    plan = load_plan(root, Problems(root=root))
    assert plan is not None
    for case in golden["cases"]:
        write_files(root, [GeneratedFile(name, text.encode("utf-8")) for name, text in case["files"].items()])
        got = expectations(root, plan, read_progress)
        assert got["problems"] == case["problems"], (case["name"], case["files"])
        assert got["observations"] == case["observations"], (case["name"], case["files"])


def test_golden_corpus_is_varied() -> None:
    """The recorded corpus exercises clean and broken files: many figures, many kinds of problem."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    kinds = {p[0] for case in golden["cases"] for p in case["problems"]}
    observations = sum(len(case["observations"]) for case in golden["cases"])
    assert len(golden["cases"]) == SIZE + len(EDGES) and observations > 500
    assert len(kinds) >= 25, sorted(kinds)
    assert any("\r\n" in text for case in golden["cases"] for text in case["files"].values())
    assert any(text.startswith("\ufeff") for case in golden["cases"] for text in case["files"].values())
