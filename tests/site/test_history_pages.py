"""Dates of the last change from git on the built site: the indicator pages, the updates page, the edit link.

A throw-away git repository in tmp_path holds a copy of the minimal fixture under «data/»,
committed twice with fixed committer dates (``testkit.history_repo``); the real
``mkdocs build --strict`` then shows those dates and the edit link on the indicator pages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import pytest

from _site import ROOT, build
from testkit import history_repo

REPO_URL = "https://github.com/kho-thu/theo-doi"  # where the site says it is built from (PLANSITE_REPO_URL)


def mkdocs_setting(name: str) -> str:
    found = re.search(rf"^{name}:\s*(\S+)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert found, f"{name} missing from mkdocs.yml"
    return found.group(1).strip("'\"")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, Any]:
    root = tmp_path_factory.mktemp("history") / "kho"
    made = history_repo(root)
    site = root.parent / "site"
    build(made["data"], site, today=dt.date(2024, 7, 1), extra_env={"PLANSITE_REPO_URL": REPO_URL})  # days after the 2nd commit
    return MappingProxyType({**made, "site": site})


def page(repo: Mapping[str, Any], iid: str) -> str:
    return (repo["site"] / "chi-tieu" / iid / "index.html").read_text(encoding="utf-8")


def test_indicator_page_shows_last_update_from_git(repo: Mapping[str, Any]) -> None:
    assert "Cập nhật số liệu lần cuối: <strong>20/06/2024</strong>" in page(repo, repo["second"])
    assert "Cập nhật số liệu lần cuối: <strong>05/03/2024</strong>" in page(repo, repo["first"])


def test_updates_page_lists_the_commits(repo: Mapping[str, Any]) -> None:
    """In the data's words (a figure added, for which indicator, its value), not the commit message."""
    html = (repo["site"] / "cap-nhat" / "index.html").read_text(encoding="utf-8")
    import yaml

    name = next(
        i["name"]
        for i in yaml.safe_load((repo["data"] / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]
        if i["id"] == repo["second"]
    )
    first_year = (repo["data"] / "progress" / f"{repo['second']}.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    assert f"Thêm số liệu {first_year} cho {name}" in html and "20/06/2024" in html
    assert f"Thêm số liệu {repo['second']}" not in html, "the commit message is a developer's words: not shown"


def test_indicator_page_has_an_edit_link_to_the_progress_file(repo: Mapping[str, Any]) -> None:
    repo_url = REPO_URL
    edit_uri = mkdocs_setting("edit_uri").strip("/")
    links = re.findall(r'href="([^"]*)"[^>]*>Sửa tệp số liệu trên kho mã', page(repo, repo["second"]))
    assert len(links) == 1
    assert links[0].startswith(f"{repo_url}/{edit_uri}/")
    assert links[0].endswith(f"/progress/{repo['second']}.csv")


def test_edit_link_uses_the_path_inside_the_repository(repo: Mapping[str, Any]) -> None:
    repo_url = REPO_URL
    edit_uri = mkdocs_setting("edit_uri").strip("/")
    expected = f"{repo_url}/{edit_uri}/data/progress/{repo['second']}.csv"
    assert f'href="{expected}"' in page(repo, repo["second"])
