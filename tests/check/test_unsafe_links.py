"""The checker rejects javascript:, data: and other non-http(s) links in the data: in a progress
CSV («Liên kết nguồn») and in work-status.yaml evidence (kind lien-ket-khong-an-toan).

Each test works on its own copy of the minimal fixture. (What the built pages make of unsafe text:
tests/site/test_site_injection.py.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from plansite.check.progress import HEADER
from plansite.check.references import is_safe_url
from plansite.pipeline import check
from testkit import TODAY

# --------------------------------------------------------------------------- the checker

UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "https:evil.example",
    "http://",
    'https://example.org/"onmouseover=alert(1)',
    "https://example.org/<script>",
    "ftp://example.org/x",
    "mailto:a@b.c",
]
SAFE = ["https://example.org/", "http://example.org/a?b=1&c=2#d", "HTTPS://EXAMPLE.ORG/", "https://bac-kan.gov.vn/Pages/a.aspx"]


@pytest.mark.parametrize("url", UNSAFE)
def test_is_safe_url_rejects(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", SAFE)
def test_is_safe_url_accepts(url: str) -> None:
    assert is_safe_url(url)


def _progress_file(folder: Path) -> Path:
    """The first progress file in the template's column order (a new one if there is none)."""
    full = ",".join(HEADER)
    paths = sorted((folder / "progress").glob("*.csv"))
    path = next((p for p in paths if p.read_text(encoding="utf-8").splitlines()[:1] == [full]), None)
    if path is None:
        iid = yaml.safe_load((folder / "indicators.yaml").read_text(encoding="utf-8"))["indicators"][0]["id"]
        path = folder / "progress" / f"{iid}.csv"
        path.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        " JavaScript:alert(1)",
        "vbscript:msgbox(1)",
        "//evil.example/x",
    ],
)
def test_checker_rejects_unsafe_csv_link(url: str, minimal_dir: Path) -> None:
    folder = minimal_dir
    path = _progress_file(folder)
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    line = text.count("\n") + 1
    cell = '"' + url.replace('"', '""') + '"'
    path.write_text(text + f"2016,1,,,Phương pháp thử liên kết,Nguồn thử,{cell},,,,,\n", encoding="utf-8")
    checked = check(folder, TODAY)
    rel = "progress/" + path.name
    bad = [p for p in checked.problems.errors if p.file.endswith(rel) and p.line == line]
    assert [(p.kind, p.column) for p in bad] == [("lien-ket-khong-an-toan", "Liên kết nguồn")], bad
    assert not any(o.url.strip() == url.strip() for o in checked.progress.observations)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "JAVASCRIPT:alert(1)"])
def test_checker_rejects_unsafe_evidence_link(url: str, minimal_dir: Path) -> None:
    folder = minimal_dir
    task = yaml.safe_load((folder / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["id"]
    (folder / "work-status.yaml").write_text(
        "updates:\n"
        f"  - task: {task}\n"
        "    date: 15/12/2023\n"
        "    status: dang-thuc-hien\n"
        "    evidence:\n"
        "      - document: Báo cáo số 100/BC-UBND\n"
        "        date: 10/12/2023\n"
        f"        url: {json.dumps(url)}\n",
        encoding="utf-8",
    )
    checked = check(folder, TODAY)
    mine = [(p.kind, p.line) for p in checked.problems.errors if p.file.endswith("work-status.yaml")]
    assert mine == [("lien-ket-khong-an-toan", 8)], mine
    assert not checked.ok


def test_safe_evidence_link_is_accepted(minimal_dir: Path) -> None:
    """Control for the test above: the same update with an https link raises nothing."""
    folder = minimal_dir
    task = yaml.safe_load((folder / "tasks.yaml").read_text(encoding="utf-8"))["tasks"][0]["id"]
    (folder / "work-status.yaml").write_text(
        f"updates:\n  - task: {task}\n    date: 15/12/2023\n    status: dang-thuc-hien\n    evidence:\n"
        "      - document: Báo cáo số 100/BC-UBND\n        date: 10/12/2023\n        url: https://example.org/bc-100\n",
        encoding="utf-8",
    )
    assert not [p for p in check(folder, TODAY).problems if p.file.endswith("work-status.yaml")]
