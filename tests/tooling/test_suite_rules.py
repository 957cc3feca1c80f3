"""The test suite's own rules (see testkit.py):

* no test reads the clock: no ``date.today()``, ``datetime.now()`` or date made from ``time.time()``,
  no ``benchmarks.synth.generate`` without ``today=`` (it would take the clock's); the CLI and
  ``mkdocs build`` get ``PLANSITE_TODAY`` (``_site.build`` sets it, and a run without it fails);
* only tests/data, tests/site and tests/browser read the live ``data/`` folder: unit tests run on
  tests/fixtures or generated data;
* test modules have unique names and nobody imports ``conftest`` (pytest's default import mode
  puts every test folder on ``sys.path``: two ``test_x.py``, or several ``conftest`` modules, clash).
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import _site
from testkit import LIVE_TODAY, MINIMAL, NO_CLOCK, REPO, TESTS, TODAY, cli_env

THIS = Path(__file__).resolve()
# The modules that define the shared names and the day constants; this module, which names the patterns.
KIT = {TESTS / "testkit.py", TESTS / "_site.py", THIS}
LIVE_DATA_ALLOWED = ("data", "site", "browser")


def modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "fixtures" not in p.relative_to(TESTS).parts)


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


# --------------------------------------------------------------------------- no clock

CLOCK = re.compile(
    r"\b(?:date|datetime)\.(?:today|now|utcnow)\s*\("  # dt.date.today(), datetime.now(), dt.datetime.utcnow()
    r"|\bfromtimestamp\s*\("  # date.fromtimestamp(time.time()) and the like
    r"|\btime\.(?:localtime|gmtime|ctime|strftime)\s*\("  # dates from time.time()
    r"|\b(?:configured_today|build_date)\s*\("  # the product's own «PLANSITE_TODAY, else the clock»
)
CLOCK_DEFAULTS = {"generate", "last_data_year"}  # benchmarks.synth: ``today`` defaults to the clock


def _synth_names(tree: ast.AST) -> tuple[set[str], set[str]]:
    """(names bound to the module benchmarks.synth, names bound to its clock-default functions)."""
    modules, functions = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "benchmarks":
            modules |= {a.asname or a.name for a in node.names if a.name == "synth"}
        elif isinstance(node, ast.ImportFrom) and node.module == "benchmarks.synth":
            functions |= {a.asname or a.name for a in node.names if a.name in CLOCK_DEFAULTS}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "benchmarks.synth"}
    return modules, functions


def clock_uses(source: str) -> list[str]:
    """Places in ``source`` that take the day from the clock."""
    found = [f"line {source[: m.start()].count(chr(10)) + 1}: {m.group(0)}" for m in CLOCK.finditer(source)]
    tree = ast.parse(source)
    modules, functions = _synth_names(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        synth_call = (isinstance(f, ast.Name) and f.id in functions) or (
            isinstance(f, ast.Attribute) and f.attr in CLOCK_DEFAULTS and ast.unparse(f.value) in modules
        )
        if synth_call and not any(k.arg == "today" for k in node.keywords):
            found.append(f"line {node.lineno}: {ast.unparse(f)}(…) without today=")
    return found


def test_no_test_reads_the_clock() -> None:
    checked, bad = 0, []
    for path in modules():
        if path == THIS:
            continue
        checked += 1
        bad += [f"{rel(path)}, {where}" for where in clock_uses(path.read_text(encoding="utf-8"))]
    assert checked > 30, f"only {checked} test modules found"
    assert not bad, "tests that read the clock (pass a fixed day: testkit.TODAY, SYNTH_TODAY, LIVE_TODAY):\n" + "\n".join(bad)


@pytest.mark.parametrize(
    "source",
    [
        "x = dt.date.today()",
        "x = datetime.datetime.now().date()",
        "x = datetime.now()",
        "x = dt.date.fromtimestamp(time.time())",
        "x = time.strftime('%Y', time.localtime(time.time()))",
        "from benchmarks import synth\nsynth.generate(tmp, 3, 3, 3)",
        "from benchmarks.synth import generate\ngenerate(tmp, 3, 3, 3, seed=1)",
        "import benchmarks.synth\nbenchmarks.synth.last_data_year()",
        "x = configured_today()",
    ],
)
def test_the_clock_rule_can_fail(source: str) -> None:
    assert clock_uses(source)


def test_the_clock_rule_lets_fixed_days_and_durations_pass() -> None:
    ok = (
        "from benchmarks import synth\nx = dt.date(2024, 6, 1)\nt = time.time()\ntime.sleep(1)\n"
        "synth.generate(tmp, 3, 3, 3, today=TODAY)\nstart = time.perf_counter()\n"
        "def generate(draw, plan): ...\ngenerate(draw, plan)\n"  # another module's own generate
    )
    assert clock_uses(ok) == []


def test_a_run_without_its_own_day_fails(tmp_path: Path) -> None:
    """The session's PLANSITE_TODAY is not a date: a CLI run that does not pass one fails loudly."""
    plain = subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", str(MINIMAL)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert plain.returncode == 2 and "PLANSITE_TODAY" in plain.stderr and NO_CLOCK in plain.stderr, plain.stdout + plain.stderr
    assert "Traceback" not in plain.stderr
    dated = subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", str(MINIMAL)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(TODAY),
    )
    assert dated.returncode == 0, dated.stdout + dated.stderr


def test_site_builds_judge_on_a_fixed_day(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``_site.build`` (the lead's browser tests use it too) passes PLANSITE_TODAY: LIVE_TODAY unless told."""
    seen: list[dict[str, str]] = []

    def fake_run(cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
        seen.append(kw["env"])
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(_site.subprocess, "run", fake_run)
    _site.build(tmp_path / "data", tmp_path / "site")
    _site.build(tmp_path / "data", tmp_path / "site", today=TODAY)
    _site.build(tmp_path / "data", tmp_path / "site", extra_env={"PLANSITE_TODAY": "2025-01-02"})
    assert [env["PLANSITE_TODAY"] for env in seen] == [LIVE_TODAY.isoformat(), TODAY.isoformat(), "2025-01-02"]


def test_a_shared_build_is_made_once_per_data_day_and_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """``_site.shared_build``: one build for the same data, day and settings; another for changed data, another
    day or other settings; in the run's folder, which every xdist worker of the run shares."""
    built: list[tuple[Path, Path, dt.date, dict[str, str]]] = []

    def fake_build(data: Path, out: Path, today: dt.date, extra_env: dict[str, str]) -> None:
        built.append((data, out, today, extra_env))
        out.mkdir(parents=True)
        (out / "index.html").write_text(str(len(built)), encoding="utf-8")

    monkeypatch.setattr(_site, "build", fake_build)
    data = tmp_path / "data"
    data.mkdir()
    (data / "plan.yaml").write_text("a: 1\n", encoding="utf-8")
    first = _site.shared_build(tmp_path_factory, data, TODAY)
    assert _site.shared_build(tmp_path_factory, data, TODAY) == first and len(built) == 1
    # Under xdist, in the run's folder that holds every worker's own (gw0, gw1 …); else in the session's.
    run = tmp_path_factory.getbasetemp().parent if os.environ.get("PYTEST_XDIST_WORKER") else tmp_path_factory.getbasetemp()
    assert first.parent == run
    others = {
        _site.shared_build(tmp_path_factory, data, LIVE_TODAY),
        _site.shared_build(tmp_path_factory, data, TODAY, {"PLANSITE_PDF": "0"}),
    }
    (data / "plan.yaml").write_text("a: 2\n", encoding="utf-8")
    others.add(_site.shared_build(tmp_path_factory, data, TODAY))
    assert len(built) == 4 and first not in others and len(others) == 3
    assert not any(p.name.endswith((".done", ".lock")) for p in first.iterdir()), "the markers sit beside the site"


# --------------------------------------------------------------------------- the live data folder

LIVE = [
    (re.compile(r"\bLIVE_DATA\b"), "testkit.LIVE_DATA"),
    (re.compile(r"\b(?:ROOT|REPO)\s*/\s*['\"]data['\"]"), "the repository's data/ folder"),
    (re.compile(r"\bparent\s*/\s*['\"]data['\"]"), "a data/ folder beside tests/"),
    (re.compile(r"['\"]data/(?:[\w.-]+\.(?:ya?ml|csv|md)|progress\b)"), "a path into data/"),
    (re.compile(r"\bcopy_data\s*\("), "_site.copy_data (a copy of the live data)"),
    (re.compile(r"\b(?:built_site|served_site|_build_real)\b"), "the build of the live data"),
    (re.compile(r"\bmake_evil_data\b"), "the live data with injection attempts"),
    (re.compile(r"\bcheck\(\s*None\b"), "check(None, …): the default data folder"),
    (re.compile(r"\bPLAN_DATA_DIR['\"]?\s*[:=]\s*['\"]data['\"]"), "PLAN_DATA_DIR=data"),
]


def live_data_uses(source: str) -> list[str]:
    return [
        f"line {source[: m.start()].count(chr(10)) + 1}: {why} ({m.group(0)})"
        for pattern, why in LIVE
        for m in pattern.finditer(source)
    ]


def test_only_data_site_and_browser_tests_read_the_live_data() -> None:
    checked, bad = 0, []
    for path in modules():
        parts = path.relative_to(TESTS).parts
        if path in KIT or (len(parts) > 1 and parts[0] in LIVE_DATA_ALLOWED):
            continue
        checked += 1
        bad += [f"{rel(path)}, {where}" for where in live_data_uses(path.read_text(encoding="utf-8"))]
    assert checked > 20, f"only {checked} test modules found"
    assert not bad, (
        "unit tests that read the live data/ folder (use tests/fixtures/minimal, tests/fixtures/bad or generated data; "
        "only tests/data, tests/site and tests/browser may read data/):\n" + "\n".join(bad)
    )


@pytest.mark.parametrize(
    "source",
    [
        "plan = check(ROOT / 'data', TODAY)",
        'folder = REPO / "data" / "progress"',
        'DATA = Path(__file__).resolve().parent.parent / "data"',
        "copy_data(tmp_path / 'x')",
        "def test_x(built_site): ...",
        "from testkit import LIVE_DATA",
        "text = open('data/plan.yaml').read()",
        "check(None, TODAY)",
        "env = dict(os.environ, PLAN_DATA_DIR='data')",
    ],
)
def test_the_live_data_rule_can_fail(source: str) -> None:
    assert live_data_uses(source)


def test_the_live_data_rule_lets_copies_of_fixtures_pass() -> None:
    ok = 'folder = tmp_path / "data"\nshutil.copytree(MINIMAL, tmp_path_factory.mktemp("x") / "data")\nname = "progress/data.csv"\n'
    assert live_data_uses(ok) == []


# --------------------------------------------------------------------------- module names


def test_test_module_names_are_unique() -> None:
    names = Counter(p.name for p in modules() if p.name != "conftest.py")
    twice = {n: [rel(p) for p in modules() if p.name == n] for n, k in names.items() if k > 1}
    assert not twice, f"module names must be unique under tests/ (pytest's import mode): {twice}"


def test_nobody_imports_conftest() -> None:
    bad = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.ImportFrom) and node.module == "conftest") or (
                isinstance(node, ast.Import) and any(a.name == "conftest" for a in node.names)
            ):
                bad.append(f"{rel(path)}:{node.lineno}")
    assert not bad, f"import shared names from testkit, not from conftest (several conftest.py clash): {bad}"


def test_every_test_folder_mirrors_a_stage_or_is_end_to_end() -> None:
    folders = {p.parent.relative_to(TESTS).as_posix() for p in TESTS.rglob("test_*.py") if "fixtures" not in p.parts}
    assert folders == {"load", "check", "status", "render", "publish", "staff", "vi", "site", "data", "tooling", "browser"}, (
        folders
    )


def test_no_test_module_is_ignored_by_git() -> None:
    """A test folder whose name .gitignore ignores (as «site/» once did tests/site/) would be left out of commits and of ruff."""
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    paths = [rel(p) for p in modules()]
    proc = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        cwd=REPO,
        input="\n".join(paths),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout.split() == [], f"ignored by .gitignore: {proc.stdout.split()}"
