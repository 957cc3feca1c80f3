"""Fuzzing the readers: whatever staff save, the checker answers with problems, never a crash.

Properties (hypothesis, about 150 examples each):

* ``read_table`` / ``read_progress`` (on a copy of the minimal fixture with one progress
  file replaced) and ``load_yaml`` never raise; every problem has a kind and a file,
  and its line (if any) lies inside the file;
* nothing is dropped silently: every non-blank data row of the fuzzed CSV (found by
  an independent parse) becomes an Observation or has a problem on its own line —
  unless the whole file (encoding, CSV syntax, header) is rejected with a problem;
* the whole check (``pipeline.check``) survives mutated YAML files, and data it
  accepts can be judged (``status.assess_all``) without an exception;
* the CLI exits 0 or 1 (never 2) and never prints a traceback.

Inputs that currently crash the YAML reader are known bugs: they are kept out of the
passing fuzz runs by ``avoid_known_yaml_crashes`` and pinned by the strict-xfail tests
at the bottom, so that fixing them turns those tests into failures to clean up.

The module shares one copy of the minimal fixture read-only (``fuzz_data``); a test that writes
files works on its own copy (``own_data``) or in its own tmp_path.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plansite.check.progress import HEADER, read_progress, read_table
from plansite.check.references import load_plan
from plansite.load.yamlio import load_yaml
from plansite.pipeline import check
from plansite.problems import Problems, kinds
from plansite.status.method import assess_all
from plansite.vi.numbers import MAX_ABS, NumberError, parse_number
from testkit import MINIMAL, TODAY, Unchanged, cli_env, copy_folder

# PLANSITE_FUZZ_EXAMPLES=5000 for a long local run; CI uses the default.
EXAMPLES = int(os.environ.get("PLANSITE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # Function-scoped fixtures (the test's own data copy, its tmp_path) are safe here: every example
    # rewrites the one file it fuzzes and puts the valid bytes back.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
)
KIND = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# --------------------------------------------------------------------------- the data copy


@dataclasses.dataclass(frozen=True)
class FuzzData:
    """A copy of the minimal fixture; one progress file (``target``) is the fuzzed one."""

    folder: Path
    plan: Any
    target: Path
    valid_csv: bytes
    rel: str
    yaml_files: MappingProxyType[str, bytes]

    @classmethod
    def of(cls, folder: Path) -> FuzzData:
        problems = Problems(root=folder)
        plan = load_plan(folder, problems)
        assert plan is not None, "the minimal fixture must load (plan.yaml, places.yaml) for the fuzz tests"
        pdir = folder / "progress"
        pdir.mkdir(exist_ok=True)
        csvs = sorted(pdir.glob("*.csv"), key=lambda p: (-len(p.read_bytes().splitlines()), p.name))
        if csvs:
            target = csvs[0]
        else:  # no progress data: a small synthetic file for a percentage indicator
            ind = next(i for i in plan.indicators if i.is_percent)
            target = pdir / f"{ind.id}.csv"
            target.write_text(
                ",".join(HEADER) + "\n"
                "2019,26.7,,,,Báo cáo số 1/BC-UBND,https://example.org/a,,,,,\n"
                '2020,"25,1",,,,"Báo cáo số 2/BC-UBND, phụ lục",,,,x,,ghi chú\n',
                encoding="utf-8",
            )
        yaml_files = MappingProxyType({p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))})
        return cls(folder, plan, target, target.read_bytes(), "progress/" + target.name, yaml_files)

    def copy_to(self, dest: Path) -> FuzzData:
        """The same data in a folder of the caller's own."""
        copy_folder(self.folder, dest)
        return dataclasses.replace(self, folder=dest, target=dest / "progress" / self.target.name)


@pytest.fixture(scope="module")
def fuzz_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzData]:
    """Shared read-only by the module (a test that changed it fails the module's teardown)."""
    data = FuzzData.of(copy_folder(MINIMAL, tmp_path_factory.mktemp("fuzz") / "data"))
    guard = Unchanged(data.folder, "the fuzz tests' data folder")
    yield data
    guard.check()


@pytest.fixture
def own_data(fuzz_data: FuzzData, tmp_path: Path) -> FuzzData:
    """The test's own copy of the fuzz data: its files may be rewritten."""
    return fuzz_data.copy_to(tmp_path / "data")


# --------------------------------------------------------------------------- strategies

LONG = "x" * 100_000
NASTY_CELLS = [
    "",
    " ",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "-inf",
    "1e308",
    "-1e308",
    "1e-308",
    "9" * 400,
    "1" * 5000,
    "1.234",
    "1,234",
    "26,7",
    "26.7",
    "1.234.567,8",
    "1 234 567",
    "−5",
    "+3",
    "-0",
    "%",
    "26,7 %",
    "0,267",
    "2020",
    "2020.0",
    "20201",
    "0",
    "00",
    "٢٠٢٠",
    "２０２０",
    LONG,
    "\x00",
    "\x07",
    "\x1f",
    "\x7f",
    "\u202e",
    "\ufeff",
    '"',
    '""',
    ",",
    ";",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "toàn tỉnh",
    "Toàn Tỉnh",
    "Pác Nặm",
    "pac-nam",
    "Bắc Kạn",
    "bac-kan",
    "Đồi Xanh",
    "doi-xanh",
    "Xã Hòa Bình",
    "An Lạc",
    "khong-co",
    "javascript:alert(1)",
    "data:text/html,<script>x</script>",
    "https://example.org/a",
    "http://",
    "31/02/2024",
    "29/02/2024",
    "01/01/9999",
    "2024-13-01",
    "15.12.2024",
    "so-y-te",
    "so-giao-duc",
    "x",
    "có",
    "không",
    "=1+1",
    "@SUM(A1)",
    "<script>",
    "{{ 7*7 }}",
    "chinh",
    "Báo cáo số 12/BC-UBND",
]
cell = st.one_of(
    st.sampled_from(NASTY_CELLS),
    st.text(max_size=20),
    st.from_regex(r"[-+−]?\d{1,7}([.,]\d{1,4})?( ?%)?", fullmatch=True),
    st.integers(1990, 2040).map(str),
)
header = st.one_of(
    st.just(HEADER),
    st.just(HEADER),
    st.just(HEADER),
    st.permutations(HEADER),
    st.lists(st.sampled_from([*HEADER, "nam", "gia tri", "GIÁ TRỊ", "", "Cột lạ", "Năm"]), max_size=14),
    st.sets(st.integers(0, len(HEADER) - 1), max_size=4).map(lambda drop: [h for i, h in enumerate(HEADER) if i not in drop]),
)


@st.composite
def nearly_valid_row(draw: st.DrawFn) -> list[str]:
    """A row in the template's column order that is valid or nearly so (one or two cells replaced)."""
    value = draw(st.floats(0, 100, allow_nan=False).map(lambda v: round(v, draw(st.integers(0, 3)))))
    text = str(value) if draw(st.booleans()) else str(value).replace(".", ",")
    row = [
        str(draw(st.integers(2010, TODAY.year))),
        text,
        draw(st.sampled_from(["", "toàn tỉnh", "doi-xanh", "Đồi Xanh", "suoi-bac"])),
        "",
        draw(st.sampled_from(["", "Chuẩn cũ", "Chuẩn mới"])),
        "Báo cáo số 1/BC-UBND",
        "https://example.org/a",
        "",
        draw(st.sampled_from(["", "15/12/2024", "2024-12-15"])),
        draw(st.sampled_from(["", "x", "có"])),
        "",
        "ghi chú",
    ]
    for _ in range(draw(st.integers(0, 2))):
        row[draw(st.integers(0, len(row) - 1))] = draw(cell)
    return row


ENCODINGS = [
    "utf-8",
    "utf-8",
    "utf-8",
    "utf-8",
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "cp1258",
    "latin-1",
    "utf-32",
]


@st.composite
def csv_tables(draw: st.DrawFn) -> bytes:
    """A staff-like table: some header, rows of nasty cells, any separator, quoting, newline and encoding."""
    head = draw(header)
    n_cols = len(head) or len(HEADER)
    rows = draw(st.lists(st.one_of(st.lists(cell, min_size=0, max_size=n_cols + 2), nearly_valid_row()), max_size=8))
    sep = draw(st.sampled_from([",", ",", ",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    style = draw(st.sampled_from(["minimal", "all", "raw"]))
    if style == "raw":  # no quoting at all: separators and quotes inside cells break the row
        text = "".join(sep.join(r) + newline for r in [head, *rows])
    else:
        buf = io.StringIO()
        quoting = csv.QUOTE_ALL if style == "all" else csv.QUOTE_MINIMAL
        csv.writer(buf, delimiter=sep, lineterminator=newline, quoting=quoting).writerows([head, *rows])
        text = buf.getvalue()
    if draw(st.integers(0, 3)) == 0:
        text = text[: draw(st.integers(0, len(text)))]  # truncated file
    return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


INSERTS = [
    b'"',
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b'""',
    b"#",
    b":",
    b"- ",
    b"  ",
    b"{",
    b"[",
    b"&a ",
    b"*a",
    b"\x1b[31m",
]


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` after a few random edits: truncation, deletions, insertions, re-encoding."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "delete", "insert", "insert", "duplicate", "reencode"]))
        pos = draw(st.integers(0, len(data)))
        if op == "truncate":
            del data[pos:]
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 40))]
        elif op == "insert":
            data[pos:pos] = draw(st.one_of(st.sampled_from(INSERTS), st.binary(min_size=1, max_size=8)))
        elif op == "duplicate":
            end = data.find(b"\n", pos)
            data[pos:pos] = data[pos : end + 1 if end >= 0 else len(data)]
        else:
            enc = draw(st.sampled_from(["utf-16", "utf-16-le", "cp1258", "latin-1"]))
            data = bytearray(bytes(data).decode("utf-8", errors="replace").encode(enc, errors="replace"))
    return bytes(data)


def csv_inputs(fd_valid: bytes) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=3000),
        csv_tables(),
        csv_tables(),
        mutated(fd_valid),
        mutated(fd_valid),
        st.sampled_from(
            [
                b"",
                b"\n\n",
                b" \r\n",
                ",".join(HEADER).encode() + b"\n",
                b"\xef\xbb\xbf",
                b"PK\x03\x04xx",
                b"\xd0\xcf\x11\xe0",
                b"\xff\xfe" + ",".join(HEADER).encode("utf-16-le"),
            ]
        ),
    )


# --------------------------------------------------------------------------- independent row finding


def _sniff(first: str) -> str:
    if first.count(";") > first.count(","):
        return ";"
    if first.count("\t") > first.count(","):
        return "\t"
    return ","


def data_row_lines(raw: bytes) -> tuple[list[int], int] | None:
    """(lines of the non-blank data rows, number of lines) by our own parse; None if the file is unreadable as a whole."""
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if "\x00" in text or not text.strip():
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff(text.split("\n", 1)[0]), strict=True)
    try:
        rows = [(reader.line_num, cells) for cells in reader]
    except csv.Error:
        return None
    return [line for line, cells in rows[1:] if any(c.strip() for c in cells)], text.count("\n") + 1


def assert_well_formed(problems: Problems) -> None:
    for p in problems:
        assert p.file, f"problem without a file: {p}"
        assert p.kind and KIND.match(p.kind), f"problem without a proper kind: {p}"
        assert p.message, f"problem without a message: {p}"
        assert p.severity in ("error", "warning"), p


def assert_nothing_dropped(raw: bytes, rel: str, problems: Problems, obs_lines: list[int]) -> None:
    mine = [p for p in problems if p.file == rel]
    errors = {p.line for p in mine if p.severity == "error"}
    found = data_row_lines(raw)
    if found is None:
        assert errors, f"{rel}: unreadable file but no error reported"
        return
    rows, n_lines = found
    for p in mine:
        assert p.line is None or 1 <= p.line <= n_lines, f"problem points outside the file ({n_lines} lines): {p}"
    assert len(obs_lines) == len(set(obs_lines)), f"a line became two observations: {sorted(obs_lines)}"
    assert set(obs_lines) <= set(rows), f"observations from lines that are not data rows: {set(obs_lines) - set(rows)}"
    assert not set(obs_lines) & errors, f"rows with errors were still published: {sorted(set(obs_lines) & errors)}"
    if errors & {None, 1}:
        return  # the file or its header was rejected as a whole, with a problem
    lines_with_problem = {p.line for p in mine}
    silent = [line for line in rows if line not in obs_lines and line not in lines_with_problem]
    assert not silent, f"rows dropped without a problem on their line: {silent}"


# --------------------------------------------------------------------------- CSV


@FUZZ
@given(data=st.data())
def test_read_table_never_raises(fuzz_data: FuzzData, tmp_path: Path, data: st.DataObject) -> None:
    raw = data.draw(csv_inputs(fuzz_data.valid_csv))
    path = tmp_path / "table.csv"
    path.write_bytes(raw)
    problems = Problems(root=tmp_path)
    table = read_table(path, problems)
    assert_well_formed(problems)
    if table is None:
        assert problems.errors, "read_table gave up without saying why"
    else:
        head, rows = table.header, table.rows()
        assert isinstance(head, list) and all(isinstance(h, str) for h in head)
        assert all(isinstance(line, int) and isinstance(cells, list) for line, cells in rows)
        assert all(isinstance(c, str) for _, cells in rows for c in cells)
        assert [line for line, _ in rows] == sorted({line for line, _ in rows}), "row lines must increase"


@FUZZ
@given(data=st.data())
@example(data=None)  # the unmodified valid file
def test_read_progress_never_raises_and_drops_nothing(own_data: FuzzData, data: st.DataObject | None) -> None:
    raw = own_data.valid_csv if data is None else data.draw(csv_inputs(own_data.valid_csv))
    own_data.target.write_bytes(raw)
    try:
        problems = Problems(root=own_data.folder)
        progress = read_progress(own_data.folder, own_data.plan, problems, today=TODAY)
    finally:
        own_data.target.write_bytes(own_data.valid_csv)
    assert_well_formed(problems)
    obs = [o for o in progress.observations if o.file == own_data.rel]
    for o in obs:
        assert math.isfinite(o.value) and abs(o.value) <= MAX_ABS, o
        assert 1000 <= o.year <= 9999, o
    assert_nothing_dropped(raw, own_data.rel, problems, [o.line for o in obs])


def test_nothing_dropped_check_can_fail(fuzz_data: FuzzData) -> None:
    """The «nothing dropped» oracle itself notices a row that vanished without a problem."""
    raw = (",".join(HEADER) + "\n2020,5,,,,Nguồn,,,,,,\n2021,6,,,,Nguồn,,,,,,\n").encode()
    with pytest.raises(AssertionError, match="dropped"):
        assert_nothing_dropped(raw, "progress/x.csv", Problems(), [2])
    with pytest.raises(AssertionError, match="published"):
        p = Problems(root=Path("/"))
        p.add("/progress/x.csv", 3, kinds.NOT_A_NUMBER, value="x")
        assert_nothing_dropped(raw, "progress/x.csv", p, [2, 3])


@settings(FUZZ, max_examples=2 * EXAMPLES)
@given(
    text=st.one_of(st.sampled_from(NASTY_CELLS), st.text(max_size=30), st.from_regex(r"[-+−]?[\d.,  ]{1,25}%?", fullmatch=True))
)
def test_parse_number_is_total(text: str) -> None:
    """A number comes back finite and within bounds, or a NumberError with a message and hint."""
    try:
        value = parse_number(text)
    except NumberError as exc:
        assert exc.message and exc.hint and KIND.match(exc.kind.id)
    else:
        assert math.isfinite(value) and abs(value) <= MAX_ABS


# --------------------------------------------------------------------------- YAML

_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE  # what PyYAML's reader refuses
_LONG_INT = re.compile(r"[0-9a-fA-F_]{4000,}")
_SCALAR_TAGS = re.compile(r"!!(?:int|float|bool)\b|tag:yaml\.org,2002:|%TAG")


def avoid_known_yaml_crashes(raw: bytes) -> bytes:
    """Inputs that once crashed the checker are now fed to it unchanged (they are pinned by the tests below)."""
    return raw


YAML_SNIPPETS = [
    "a: .nan",
    "a: .inf",
    "a: -.inf",
    "a: 1e308",
    "a: 1.0e+400",
    "a: ~",
    "a: yes",
    "a: 0x1F",
    "a: 0o17",
    "a: 1_000",
    "a: 190:20:30",
    "a: 2001-12-14",
    "a: 2001-02-30",
    "a: !!binary xx",
    "a: !!python/object:os.system x",
    "a: !!set {x}",
    "&a [*a]",
    "a: *nope",
    "a: &x 1\nb:\n  <<: *x",
    "? [a, b]\n: c",
    "? {a: 1}\n: c",
    "a: 1\na: 2",
    "a:\n\t- b",
    "- - - -",
    "{[",
    "]]",
    "'unclosed",
    '"\\ud800"',
    "a: |\n  x\n b",
    "%YAML 1.1\n---\na: 1",
    "--- 1\n--- 2",
    "a: " + "[" * 200 + "]" * 200,
    "[" * 3000,
    "a: b: c",
    "- a\nb: c",
    "{a: 1, a: 2}",
    "!!map []",
    "a: !!int x",
]


def yaml_inputs(valid: list[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=300).map(lambda s: s.encode("utf-8")),
        st.lists(st.sampled_from(YAML_SNIPPETS), min_size=1, max_size=4).map(lambda xs: "\n".join(xs).encode()),
        st.sampled_from(valid).flatmap(mutated),
        st.sampled_from(valid).flatmap(
            lambda v: st.sampled_from(["utf-16", "utf-16-le", "cp1258", "latin-1"]).map(
                lambda enc: v.decode("utf-8").encode(enc, errors="replace")
            )
        ),
    ).map(avoid_known_yaml_crashes)


@FUZZ
@given(data=st.data())
def test_load_yaml_never_raises(fuzz_data: FuzzData, tmp_path: Path, data: st.DataObject) -> None:
    raw = data.draw(yaml_inputs(list(fuzz_data.yaml_files.values())))
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    problems = Problems(root=tmp_path)
    load_yaml(path, problems)
    assert_well_formed(problems)


_SCALAR_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_]+: )(\S[^\n]*)$", re.M)
SCALARS = [
    ".nan",
    ".inf",
    "-.inf",
    "1e308",
    "-1e308",
    "1e400",
    "0",
    "-1",
    "99999",
    "~",
    "null",
    "''",
    "[]",
    "{}",
    "yes",
    "'<script>alert(1)</script>'",
    "'{{ 7*7 }}'",
    "javascript:alert(1)",
    "31/02/2024",
    "2020-02-30",
    "khong-co",
    "'  '",
    "x" * 3000,
    "[1, 2]",
    "{a: 1}",
    "'=1+1'",
    "!!binary AAAA",
]


@st.composite
def yaml_value_edits(draw: st.DrawFn, files: dict[str, bytes]) -> tuple[str, bytes]:
    """One YAML file with one scalar value replaced: the YAML stays valid, the data may not."""
    name = draw(st.sampled_from(sorted(files)))
    text = files[name].decode("utf-8")
    spots = list(_SCALAR_LINE.finditer(text))
    if not spots:
        return name, files[name]
    m = spots[draw(st.integers(0, len(spots) - 1))]
    new = draw(st.one_of(st.sampled_from(SCALARS), st.integers(-(10**20), 10**20).map(str)))
    return name, (text[: m.start(2)] + new + text[m.end(2) :]).encode("utf-8")


@FUZZ
@given(data=st.data())
def test_check_survives_mutated_yaml(own_data: FuzzData, data: st.DataObject) -> None:
    """The whole check (load → validate → progress) on the minimal fixture with one YAML file mutated."""
    files = {**own_data.yaml_files, "work-status.yaml": b"updates:\n  - task: x\n    date: 01/01/2024\n"}
    if data.draw(st.booleans()):
        name, raw = data.draw(yaml_value_edits(own_data.yaml_files))
    else:
        name = data.draw(st.sampled_from(sorted(files)))
        raw = data.draw(mutated(files[name]).map(avoid_known_yaml_crashes))
    _check_with(own_data, name, raw)


def _check_with(own: FuzzData, name: str, raw: bytes) -> None:
    path = own.folder / name
    try:
        path.write_bytes(raw)
        checked = check(own.folder, today=TODAY)
        assert_well_formed(checked.problems)
        if checked.plan is not None and checked.ok:
            assess_all(checked.plan, checked.progress.observations)
    finally:
        if name in own.yaml_files:
            path.write_bytes(own.yaml_files[name])
        else:
            path.unlink()


# --------------------------------------------------------------------------- the CLI

CLI_CASES = {
    "csv-utf16": ("progress", "\ufeff" + ",".join(HEADER) + "\n2020,5,,,,x,,,,,,\n", "utf-16"),
    "csv-cp1258": ("progress", ",".join(HEADER) + "\n2020,5,,,,Báo cáo,,,,,,\n", "cp1258"),
    "csv-nul": ("progress", ",".join(HEADER) + "\n2020,\x005,,,,x,,,,,,\n", "utf-8"),
    "csv-huge-numbers": (
        "progress",
        ",".join(HEADER) + "\n2020,1e308,,,,x,,,,,,\n2021,NaN,,,,x,,,,,,\n"
        "2022,-inf,,,,x,,,,,,\n2023," + "9" * 5000 + ",,,,x,,,,,,\n",
        "utf-8",
    ),
    "csv-long-cell": ("progress", ",".join(HEADER) + "\n2020,5,,,," + LONG + ",,,,,,\n", "utf-8"),
    "csv-open-quote": ("progress", ",".join(HEADER) + '\n2020,"5,,,,x,,,,,,\n', "utf-8"),
    "csv-header-only": ("progress", ",".join(HEADER) + "\n", "utf-8"),
    "csv-empty": ("progress", "", "utf-8"),
    "csv-controls": ("progress", ",".join(HEADER) + "\n2020,5,,,,a\x07b\x1b[31m,,,,,,\n", "utf-8"),
    "yaml-truncated": ("indicators.yaml", None, "truncate"),
    "yaml-utf16": ("plan.yaml", None, "utf-16"),
    "yaml-tab": ("places.yaml", "places:\n\t- id: x\n", "utf-8"),
    "yaml-deep": ("areas.yaml", "areas: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8"),
}


def _write_case(folder: Path, target_csv: str, where: str, text: str | None, how: str) -> None:
    if where == "progress":
        path = folder / "progress" / target_csv
        path.write_bytes(text.encode(how, errors="replace") if text is not None else b"")
        return
    path = folder / where
    if how == "truncate":
        raw = path.read_bytes()
        path.write_bytes(raw[: len(raw) // 2])
    elif text is None:
        path.write_bytes(path.read_text(encoding="utf-8").encode(how))
    else:
        path.write_bytes(text.encode(how))


def run_cli(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", str(folder)],
        cwd=folder.parent,
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(TODAY),
    )


def assert_cli_ok(proc: subprocess.CompletedProcess[str]) -> None:
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out[-3000:]
    assert proc.returncode in (0, 1), f"exit {proc.returncode}:\n{out[-3000:]}"


@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_cli_exit_code_and_no_traceback(case: str, tmp_path: Path, fuzz_data: FuzzData) -> None:
    folder = copy_folder(fuzz_data.folder, tmp_path / "data")
    _write_case(folder, fuzz_data.target.name, *CLI_CASES[case])
    proc = run_cli(folder)
    assert_cli_ok(proc)
    where = CLI_CASES[case][0]
    named = f"progress/{fuzz_data.target.name}" if where == "progress" else where
    if case != "csv-header-only":
        assert proc.returncode == 1 and f"{named}" in proc.stdout, f"{case}: the defect was not reported:\n{proc.stdout[-2000:]}"


@settings(FUZZ, max_examples=max(6, EXAMPLES // 25))
@given(data=st.data())
def test_cli_on_fuzzed_csv(fuzz_data: FuzzData, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    folder = copy_folder(fuzz_data.folder, tmp_path_factory.mktemp("cli") / "data")
    (folder / "progress" / fuzz_data.target.name).write_bytes(data.draw(csv_inputs(fuzz_data.valid_csv)))
    assert_cli_ok(run_cli(folder))


# --------------------------------------------------------------------------- inputs that once crashed the checker

KNOWN_YAML_CRASHES = {
    # PyYAML turns a plain scalar of > 4300 digits into int(), which Python refuses: ValueError escapes load_yaml.
    "long-integer": b"a: " + b"1" * 5000 + b"\n",
    # A control character (here BEL) makes yaml.Reader raise ReaderError in _Loader(text), outside the try block.
    "control-character": "name: Bắc Kạn\x07\n".encode(),
    # Explicit scalar tags with a value that does not fit: PyYAML's constructors raise ValueError,
    # IndexError (empty value) or KeyError (!!bool) — none of them a yaml.YAMLError.
    "int-tag-not-a-number": b"a: !!int x\n",
    "float-tag-empty": b"a: !!float\n",
    "bool-tag-not-a-bool": b"a: !!bool x\n",
}


@pytest.mark.parametrize("case", sorted(KNOWN_YAML_CRASHES))
def test_load_yaml_known_crash(case: str, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(KNOWN_YAML_CRASHES[case])
    problems = Problems(root=tmp_path)
    assert load_yaml(path, problems) is None
    assert problems.errors, "the file was rejected without a problem"


def _with_huge_hex_field(folder: Path) -> None:
    """An unknown field whose value is a 5000-digit hexadecimal integer (PyYAML reads it fine)."""
    path = folder / "areas.yaml"
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^( *)- id: .*\n", text, re.M)
    assert m, "no list item in areas.yaml"
    path.write_text(text[: m.end()] + m.group(1) + "  x: 0x" + "f" * 5000 + "\n" + text[m.end() :], encoding="utf-8")


def test_check_known_crash_huge_int_in_field(fuzz_data: FuzzData, tmp_path: Path) -> None:
    folder = copy_folder(fuzz_data.folder, tmp_path / "data")
    _with_huge_hex_field(folder)
    checked = check(folder, today=TODAY)
    assert any(p.file.endswith("areas.yaml") for p in checked.problems.errors)


def _cli_crash_case(folder: Path, case: str) -> None:
    if case == "huge-int-in-field":
        _with_huge_hex_field(folder)
    else:
        (folder / "areas.yaml").write_bytes(b"areas:\n" + KNOWN_YAML_CRASHES[case])


@pytest.mark.parametrize("case", [*sorted(KNOWN_YAML_CRASHES), "huge-int-in-field"])
def test_cli_known_yaml_crash(case: str, tmp_path: Path, fuzz_data: FuzzData) -> None:
    folder = copy_folder(fuzz_data.folder, tmp_path / "data")
    _cli_crash_case(folder, case)
    assert_cli_ok(run_cli(folder))


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1e400", "1e308"])
def test_non_finite_target_value_is_a_problem(value: str, fuzz_data: FuzzData, tmp_path: Path) -> None:
    folder = copy_folder(fuzz_data.folder, tmp_path / "data")
    path = folder / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    m = re.search(r"\n( +)value: (-?\d+(?:\.\d+)?)\n", text)
    assert m, "no numeric target value in indicators.yaml"
    path.write_text(text[: m.start(2)] + value + text[m.end(2) :], encoding="utf-8")
    line = text[: m.start(2)].count("\n") + 1
    checked = check(folder, today=TODAY)
    bad = [p for p in checked.problems.errors if p.file.endswith("indicators.yaml") and p.line == line]
    assert bad, f"value: {value} at indicators.yaml line {line} was accepted (ok={checked.ok})"


def test_fixture_copy_is_isolated(fuzz_data: FuzzData, own_data: FuzzData) -> None:
    """The fuzz folders are copies: the fixture's files are never touched, and a test's own copy is not the shared one."""
    for folder in (fuzz_data.folder, own_data.folder):
        assert folder.resolve() != MINIMAL.resolve()
        assert MINIMAL.resolve() not in folder.resolve().parents
    assert own_data.folder.resolve() != fuzz_data.folder.resolve()
