"""The command line speaks Vietnamese, its help too (staff read it)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from testkit import cli_env


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["template", "--help"], ["import", "--help"]])
def test_help_is_vietnamese(args: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "plansite", *args], capture_output=True, text=True, env=cli_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("Cách dùng: python -m plansite") and "Tùy chọn:" in out and "Hiện hướng dẫn này rồi thoát." in out
    for english in ("usage:", "options:", "show this help message", "positional arguments"):
        assert english not in out
