"""Dates of the last change come from git: history.read_history and the indicator page.

A throw-away git repository in tmp_path holds a copy of the data under «data/», committed
twice with fixed committer dates; the real ``mkdocs build --strict`` then shows those dates
and the edit link on the indicator pages.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from _site import ROOT, build
from plansite.check.progress import HEADER
from plansite.load.history import read_history
from plansite.pipeline import check

FIRST = "2024-03-05T10:00:00+07:00"
SECOND = "2024-06-20T23:30:00+07:00"  # 20/06 in Vietnam; 16:30 UTC the same day
AUTHOR = "2019-01-01T00:00:00+00:00"  # the page must use the commit date, not the author date


def mkdocs_setting(name: str) -> str:
    found = re.search(rf"^{name}:\s*(\S+)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert found, f"{name} missing from mkdocs.yml"
    return found.group(1).strip("'\"")


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_AUTHOR_DATE=AUTHOR)
    if date:
        env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True, timeout=60).stdout


def valid_copy(dest: Path) -> Path:
    """A copy of data/ without progress files that are still being edited elsewhere and do not pass the check."""
    shutil.copytree(ROOT / "data", dest)
    checked = check(dest, dt.date.today())
    assert checked.plan is not None, [p.text() for p in checked.problems.errors]
    for name in {Path(p.file).name for p in checked.problems.errors if "/progress/" in "/" + p.file}:
        (dest / "progress" / name).unlink()
    assert check(dest, dt.date.today()).ok
    return dest


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("history") / "kho"
    data = valid_copy(root / "data")
    plan = check(data, dt.date.today()).plan
    assert plan is not None
    free = [i for i in plan.indicators if i.is_percent and not (data / "progress" / f"{i.id}.csv").exists()]
    first, second = free[0].id, free[1].id
    row = ",".join(HEADER) + "\n2022,40,,,,Nguồn thử nghiệm,,,,,,\n"
    (data / "progress" / f"{first}.csv").write_text(row, encoding="utf-8")
    (root / "README.md").write_text("kho thử\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Kiểm thử")
    git(root, "config", "user.email", "kiem-thu@example.org")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Dữ liệu ban đầu", date=FIRST)
    (data / "progress" / f"{second}.csv").write_text(row.replace(",40,", ",45,"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"Thêm số liệu {second}", date=SECOND)
    site = root.parent / "site"
    build(data, site)
    return {"root": root, "data": data, "first": first, "second": second, "site": site}


def page(repo: dict[str, Any], iid: str) -> str:
    return (repo["site"] / "chi-tieu" / iid / "index.html").read_text(encoding="utf-8")


def test_read_history_gives_last_change_per_progress_file(repo: dict[str, Any]) -> None:
    h = read_history(repo["data"])
    assert [c.subject for c in h.changes] == [f"Thêm số liệu {repo['second']}", "Dữ liệu ban đầu"]
    assert h.changes[0].date == dt.date(2024, 6, 20)  # the committer's calendar day, not the author date
    assert h.last(f"progress/{repo['first']}.csv") == dt.date(2024, 3, 5)
    assert h.last(f"progress/{repo['second']}.csv") == dt.date(2024, 6, 20)
    assert h.last("plan.yaml") == dt.date(2024, 3, 5)
    assert "README.md" not in h.last_changed  # only files of the data folder, relative to it
    assert all(not f.startswith("data/") for f in h.last_changed)
    progress_files = {p.name for p in (repo["data"] / "progress").glob("*.csv")}
    assert {f.removeprefix("progress/") for f in h.last_changed if f.startswith("progress/")} == progress_files


def test_read_history_outside_git_is_empty(tmp_path: Path) -> None:
    (tmp_path / "progress").mkdir()
    h = read_history(tmp_path)
    assert h.changes == [] and h.last_changed == {}


def test_indicator_page_shows_last_update_from_git(repo: dict[str, Any]) -> None:
    assert "Cập nhật số liệu lần cuối: <strong>20/06/2024</strong>" in page(repo, repo["second"])
    assert "Cập nhật số liệu lần cuối: <strong>05/03/2024</strong>" in page(repo, repo["first"])


def test_updates_page_lists_the_commits(repo: dict[str, Any]) -> None:
    html = (repo["site"] / "cap-nhat" / "index.html").read_text(encoding="utf-8")
    assert f"Thêm số liệu {repo['second']}" in html and "20/06/2024" in html


def test_indicator_page_has_an_edit_link_to_the_progress_file(repo: dict[str, Any]) -> None:
    repo_url = mkdocs_setting("repo_url").rstrip("/")
    edit_uri = mkdocs_setting("edit_uri").strip("/")
    links = re.findall(r'href="([^"]*)"[^>]*>Sửa tệp số liệu trên kho mã', page(repo, repo["second"]))
    assert len(links) == 1
    assert links[0].startswith(f"{repo_url}/{edit_uri}/")
    assert links[0].endswith(f"/progress/{repo['second']}.csv")


def test_edit_link_uses_the_path_inside_the_repository(repo: dict[str, Any]) -> None:
    repo_url = mkdocs_setting("repo_url").rstrip("/")
    edit_uri = mkdocs_setting("edit_uri").strip("/")
    expected = f"{repo_url}/{edit_uri}/data/progress/{repo['second']}.csv"
    assert f'href="{expected}"' in page(repo, repo["second"])
