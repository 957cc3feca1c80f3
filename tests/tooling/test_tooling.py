"""The project's tooling stays consistent: CI entry point, README, Makefile, pinned packages."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from testkit import REPO

ROOT = REPO
CI_RUN = ROOT / ".ci" / "run"
README = ROOT / "README.md"
MAKEFILE = ROOT / "Makefile"
LOCK = ROOT / "requirements" / "requirements.lock"

MAKE_TARGETS = ["help", "setup", "setup-test", "check", "build", "serve", "test", "lint", "format", "bench", "clean"]


def make_env() -> dict[str, str]:
    """Environment for a nested `make`: drop what an outer `make test` passes down."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEFILES", "MAKEOVERRIDES"}}
    env["LC_ALL"] = env.get("LC_ALL") or "C.UTF-8"
    return env


def run_make(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    return subprocess.run(["make", "-C", str(ROOT), *args], capture_output=True, text=True, env=make_env(), timeout=60)


# --- .ci/run and README ---------------------------------------------------------------


def ci_command() -> str:
    """The one command .ci/run executes (after the shebang, `set`, `cd` and comments)."""
    lines = [ln.strip() for ln in CI_RUN.read_text(encoding="utf-8").splitlines()]
    body = [ln for ln in lines if ln and not ln.startswith("#") and not ln.startswith(("set ", "cd "))]
    assert len(body) == 1, f".ci/run should run exactly one command, found {body}"
    assert body[0].startswith("exec "), f".ci/run should `exec` its command: {body[0]!r}"
    return body[0].removeprefix("exec ").strip()


def readme_commands(text: str) -> set[str]:
    """Shell commands shown in README.md: lines of fenced code blocks and inline code spans."""
    commands: set[str] = set()
    prose: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        marker = re.match(r"(`{3,}|~{3,})", stripped)
        if marker and (fence is None or stripped.startswith(fence)):
            fence = marker.group(1) if fence is None else None
            continue
        if fence is not None:
            cmd = re.sub(r"\s+#.*$", "", stripped.removeprefix("$ ")).strip()
            if cmd:
                commands.add(cmd)
        else:
            prose.append(line)
    commands.update(span.strip().removeprefix("$ ").strip() for span in re.findall(r"`([^`\n]+)`", "\n".join(prose)))
    return commands


def test_ci_run_is_executable_bash_script() -> None:
    assert CI_RUN.is_file()
    mode = CI_RUN.stat().st_mode
    assert mode & stat.S_IXUSR, ".ci/run is not executable (chmod +x .ci/run)"
    text = CI_RUN.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    # If git already tracks it, a fresh clone must get it executable too.
    proc = subprocess.run(["git", "ls-files", "-s", "--", ".ci/run"], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode == 0 and proc.stdout.strip():
        assert proc.stdout.split()[0] == "100755", f"git records .ci/run without the executable bit: {proc.stdout.strip()}"


def test_ci_run_runs_make_test() -> None:
    assert ci_command() == "make test"


def test_ci_run_matches_readme_test_command() -> None:
    if not README.exists():
        pytest.skip("README.md is not written yet")
    cmd = ci_command()
    shown = readme_commands(README.read_text(encoding="utf-8"))
    assert cmd in shown, f"README.md does not show the test command `{cmd}` that .ci/run runs"


def test_readme_command_parser() -> None:
    text = "Chạy `make test`.\n\n```bash\n$ make build   # dựng trang\nmake serve\n```\n"
    assert readme_commands(text) == {"make test", "make build", "make serve"}


# --- Makefile -------------------------------------------------------------------------


def make_database_targets() -> set[str]:
    proc = run_make("-pRrq", "-f", "Makefile", "__no_such_target__")
    targets: set[str] = set()
    not_a_target = False
    for line in proc.stdout.splitlines():
        if line.startswith("# Not a target:"):
            not_a_target = True
            continue
        m = re.match(r"^([A-Za-z0-9_.-]+):(?!=)", line)
        if m and not not_a_target:
            targets.add(m.group(1))
        not_a_target = False
    assert targets, f"could not read the make database:\n{proc.stderr}"
    return targets


def test_makefile_has_all_targets() -> None:
    missing = set(MAKE_TARGETS) - make_database_targets()
    assert not missing, f"Makefile lacks targets: {sorted(missing)}"


def test_makefile_targets_documented_and_phony() -> None:
    text = MAKEFILE.read_text(encoding="utf-8")
    phony = set(" ".join(re.findall(r"^\.PHONY:(.*)$", text, flags=re.M)).split())
    for target in MAKE_TARGETS:
        assert re.search(rf"^{re.escape(target)}:[^=\n]*## \S", text, flags=re.M), f"target `{target}` has no `## comment`"
        assert target in phony, f"target `{target}` is not .PHONY"
    assert re.search(r"^export NO_MKDOCS_2_WARNING\s*:?=\s*1\s*$", text, flags=re.M)
    assert re.search(r"^\.DEFAULT_GOAL\s*:=\s*help\s*$", text, flags=re.M)


def test_make_help_lists_every_target() -> None:
    proc = run_make("help")
    assert proc.returncode == 0, proc.stderr
    listed = {line.split()[0] for line in proc.stdout.splitlines() if line.startswith("  ") and line.strip()}
    assert set(MAKE_TARGETS) <= listed, proc.stdout


def test_make_test_runs_setup_lint_and_pytest() -> None:
    proc = run_make("-n", "test")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    wanted = [
        "scripts/setup.sh --test",
        ".venv/bin/ruff check",
        ".venv/bin/ruff format --check",
        ".venv/bin/mypy src/plansite",
        ".venv/bin/python -m pytest",
    ]
    positions = []
    for cmd in wanted:
        assert cmd in out, f"`make test` does not run `{cmd}`:\n{out}"
        positions.append(out.index(cmd))
    assert positions == sorted(positions), f"`make test` runs its steps out of order:\n{out}"


def test_make_build_is_strict_after_check() -> None:
    out = run_make("-n", "build").stdout
    assert "-m plansite check" in out
    assert "mkdocs build --strict" in out
    assert out.index("-m plansite check") < out.index("mkdocs build --strict")
    assert "make serve" in out


# --- requirements.lock ----------------------------------------------------------------


def lock_entries() -> list[str]:
    """Logical lines of the lock file: continuations joined, comments dropped."""
    entries: list[str] = []
    current = ""
    for raw in LOCK.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip():
            entries.append(" ".join(current.split()))
        current = ""
    if current.strip():
        entries.append(" ".join(current.split()))
    return entries


def test_lock_pins_every_package_with_hashes() -> None:
    packages: dict[str, Version] = {}
    for entry in lock_entries():
        if entry.startswith("-"):
            # Only index options; never editable installs or nested requirement files.
            assert entry.split()[0] in {"--index-url", "--extra-index-url", "--find-links", "--trusted-host"}, entry
            continue
        spec, *options = entry.split(" --hash=")
        hashes = [h for opt in options for h in opt.split()]
        req = Requirement(spec.strip())
        pins = list(req.specifier)
        assert len(pins) == 1 and pins[0].operator == "==", f"{req.name} is not pinned with ==: {spec}"
        assert req.url is None, f"{req.name} comes from a URL"
        assert hashes, f"{req.name} has no --hash"
        for h in hashes:
            assert re.fullmatch(r"sha256:[0-9a-f]{64}", h), f"{req.name}: bad hash {h}"
        packages[req.name.lower().replace("_", "-")] = Version(pins[0].version)
    assert len(packages) > 10
    assert "mkdocs" in packages
    assert packages["mkdocs"] < Version("2"), f"mkdocs must stay below 2 (locked {packages['mkdocs']})"


# --- pre-commit -----------------------------------------------------------------------


def test_pre_commit_config_is_local_only() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert all(repo["repo"] == "local" for repo in config["repos"]), "pre-commit must not fetch remote hook repos"
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert all(h["language"] == "system" for h in hooks.values())
    entries = " | ".join(h["entry"] for h in hooks.values())
    for cmd in ("ruff check", "ruff format --check", "mypy", "-m plansite check"):
        assert cmd in entries, f"pre-commit has no `{cmd}` hook"
    data_hook = next(h for h in hooks.values() if "-m plansite check" in h["entry"])
    assert data_hook["pass_filenames"] is False and data_hook["files"] == "^data/"

    pre_commit = Path(sys.executable).parent / "pre-commit"
    if pre_commit.exists():
        proc = subprocess.run(
            [str(pre_commit), "validate-config", ".pre-commit-config.yaml"], cwd=ROOT, capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_make_test_uses_the_parallel_runner_it_declares() -> None:
    """pytest-xdist is declared because ``make test`` runs the suite on every core with it."""
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-m pytest -n $(PYTEST_WORKERS)" in make and "PYTEST_WORKERS ?= auto" in make
    assert "pytest-xdist" in (ROOT / "requirements" / "requirements.in").read_text(encoding="utf-8")
