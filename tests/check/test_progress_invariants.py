"""Properties of the progress checker on varied generated files (tests/progress_corpus.py), clean and broken.

* nothing is dropped silently: every non-blank row becomes an Observation or has an error
  on its own line, unless the file as a whole (encoding, CSV syntax, header) is refused
  with a problem;
* a row's problems point at the row: at the line its record ends on, counted by the
  generator as it wrote the file;
* a row with an error is never published, and no row becomes two Observations;
* the rules applied to many distinct values at once (``Rule.many``) give what the rule
  gives value by value.
"""

from __future__ import annotations

import math
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plansite.check.progress import RULES, Lookup, read_progress
from plansite.check.references import load_plan
from plansite.problems import Problems
from plansite.vi.numbers import SIMPLE_NUMBER
from progress_corpus import HypothesisDraw, generate_folder
from testkit import MINIMAL, TODAY

REFUSED = {"csv-cu-phap", "ma-hoa", "tep-rong", "tep-khong-doc-duoc", "khong-phai-csv"}  # a file not read at all
SETTINGS = settings(
    max_examples=int(os.environ.get("PLANSITE_PROGRESS_EXAMPLES", "200")),
    deadline=None,
    # The test rewrites the progress files of its own folder (function scope) for every example,
    # so nothing of one example is left for the next.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The test's own copy of the minimal fixture."""
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    return folder


@SETTINGS
@given(data=st.data())
def test_nothing_dropped_and_problems_on_the_rows_lines(root: Path, data: st.DataObject) -> None:
    plan = load_plan(root, Problems(root=root))
    assert plan is not None
    files = generate_folder(HypothesisDraw(data), plan, TODAY.year)
    pdir = root / "progress"
    shutil.rmtree(pdir)
    pdir.mkdir()
    for f in files:
        (pdir / f.name).write_bytes(f.data)
    problems = Problems(root=root)
    progress = read_progress(root, plan, problems, TODAY)
    for f in files:
        rel = f"progress/{f.name}"
        mine = [p for p in problems if p.file == rel]
        obs = [o.line for o in progress.observations if o.file == rel]
        assert len(obs) == len(set(obs)), "a row became two Observations"
        errors = {p.line for p in mine if p.severity == "error"}
        assert not set(obs) & errors, "a row with an error was published"
        rows = [line for line, blank in zip(f.records, f.blank, strict=True) if not blank]
        if errors & {None, 1} or any(p.kind in REFUSED for p in mine):  # the file or its header was refused as a whole
            assert not obs
            continue
        on_header = [p for p in mine if p.line == 1 and p.severity == "warning"]  # about the header line itself
        assert all(p.line in rows or p in on_header for p in mine), ([(p.kind, p.line) for p in mine], f.records)
        assert set(obs) <= set(rows)
        silent = [line for line in rows if line not in obs and line not in errors]
        assert not silent, (f"rows dropped without an error on their line: {silent}", f.data, [(p.kind, p.line) for p in mine])


@pytest.fixture(scope="module")
def lookup() -> Lookup:
    plan = load_plan(MINIMAL, Problems(root=MINIMAL))
    assert plan is not None
    return Lookup.of(plan, TODAY)


def _same(many: tuple[object, dict[int, object]], one: list[tuple[object, tuple[object, ...]]]) -> None:
    values, found = many
    for i, (value, problems) in enumerate(one):
        got = values[i]  # type: ignore[index]
        if value is None:
            assert got is None or (isinstance(got, float) and math.isnan(got)), (i, got)
        else:
            assert got == value, (i, got, value)
        assert found.get(i, ()) == problems, (i, found.get(i), problems)


TEXTS = st.one_of(
    st.from_regex(SIMPLE_NUMBER, fullmatch=True),
    st.text(alphabet="0123456789,.- %\u2212+", max_size=14),
    st.sampled_from(["", "abc", "1.234", "1e999", "9" * 40, "%", "1 234 567", "NaN", "inf"]),
)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(TEXTS, min_size=1, max_size=30, unique=True))
def test_many_numbers_at_once_as_one_by_one(lookup: Lookup, texts: list[str]) -> None:
    rule = next(r for r in RULES if r.name == "value")
    assert rule.many is not None
    column = np.array(texts, dtype=object)
    _same(rule.many(lookup, column), [rule.check(lookup, t) for t in texts])


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.text(max_size=6),
            st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6)),
            st.sampled_from(["%", "lần", "triệu đồng", ""]),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_many_percentages_at_once_as_one_by_one(lookup: Lookup, rows: list[tuple[str, float | None, str]]) -> None:
    rule = next(r for r in RULES if r.name == "percent")
    assert rule.many is not None
    texts = np.array([t for t, _, _ in rows] + [""], dtype=object)[:-1]
    numbers = np.array([math.nan if v is None else v for _, v, _ in rows], dtype=np.float64)
    units = np.array([u for _, _, u in rows] + [""], dtype=object)[:-1]
    _same(rule.many(lookup, texts, numbers, units), [rule.check(lookup, t, v, u) for t, v, u in rows])


@settings(max_examples=50, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 4)), min_size=1, max_size=40))
def test_distinct_tuples_of_codes(rows: list[tuple[int, int, int]]) -> None:
    """Both ways of numbering distinct tuples (one number per tuple, or step by step when the numbers would
    not fit in 64 bits) give the same tuples, in the order they first appear."""
    from plansite.check.progress.engine import combine

    def parts(size: int) -> list[tuple[np.ndarray, np.ndarray]]:
        out = []
        for j in range(3):
            values = np.empty(size, dtype=object)
            values[:5] = [f"{j}-{k}" for k in range(5)]
            out.append((np.array([r[j] for r in rows], dtype=np.int64), values))
        return out

    small_codes, small_values = combine(parts(5))
    big_codes, big_values = combine(parts(2**21 + 1))  # 3 inputs of 2**21 values: past 2**62
    assert small_codes.tolist() == big_codes.tolist()
    assert [v.tolist() for v in small_values] == [v.tolist() for v in big_values]
    first = list(dict.fromkeys(rows))
    assert [tuple(int(v.split("-")[1]) for v in t) for t in zip(*small_values, strict=True)] == first
