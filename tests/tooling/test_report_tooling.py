"""What the yearly report's PDF needs from the tooling: chromium installed by setup.sh for every build
that prints (not only for the tests), and a publishing workflow that installs it and never skips the PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from testkit import REPO

SETUP = REPO / "scripts" / "setup.sh"
PUBLISH = REPO / ".github" / "workflows" / "publish.yml"


def steps() -> list[dict[str, Any]]:
    wf = yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))
    return [s for job in wf["jobs"].values() for s in job.get("steps", [])]


def dry_run(tmp_path: Path, **env: str) -> str:
    """The Debian packages setup.sh would install on a machine with neither chromium nor poppler, for these variables.

    Runs the part of setup.sh that picks the packages, with apt-get replaced by a stub that prints its arguments."""
    script = SETUP.read_text(encoding="utf-8")
    start, end = script.index("want_pdf=1"), script.index('if [ "$want_test" = 1 ]; then\n  if [ -f package-lock.json ]')
    stub = tmp_path / "bin"
    stub.mkdir(exist_ok=True)
    (stub / "apt-get").write_text('#!/bin/sh\n[ "$1" = install ] && echo "install $*"\nexit 0\n', encoding="utf-8")
    (stub / "apt-get").chmod(0o755)
    body = (
        f"set -euo pipefail\nwant_test={env.pop('WANT_TEST', '0')}\ncommand() {{ return 1; }}\nid() {{ echo 0; }}\n"
        + script[start:end]
    )
    proc = subprocess.run(
        ["bash", "-c", body], env={"PATH": f"{stub}:/usr/bin:/bin", **env}, capture_output=True, text=True, timeout=60, check=True
    )
    return proc.stdout


def test_setup_installs_chromium_for_the_pdf_unless_told_not_to(tmp_path: Path) -> None:
    assert "chromium" in dry_run(tmp_path)
    assert "chromium" not in dry_run(tmp_path, PLANSITE_PDF="0")
    tests = dry_run(tmp_path, PLANSITE_PDF="0", WANT_TEST="1")
    assert "chromium" in tests and "poppler-utils" in tests


def test_the_publishing_workflow_installs_chromium_and_never_skips_the_pdf() -> None:
    runs = [str(s.get("run", "")) for s in steps()]
    setup = next(i for i, r in enumerate(runs) if re.search(r"scripts/setup\.sh(?!\s+--test)", r) or "make setup" in r)
    build = next(i for i, r in enumerate(runs) if re.search(r"mkdocs build\b", r))
    assert setup < build
    build_step = steps()[build]
    assert str(build_step.get("env", {}).get("PLANSITE_PUBLISH")) == "1"
    text = PUBLISH.read_text(encoding="utf-8")
    assert "PLANSITE_PDF" not in re.sub(r"#.*", "", text), "the publishing workflow must not set PLANSITE_PDF"
    assert any("chromium" in r for r in runs), "no step checks that chromium is there"
