"""The updates page (cap-nhat/) from a throw-away git history: every entry says what changed, places by their names.

``testkit.history_repo`` makes the repository (two commits of the minimal fixture); this module adds a branch with
a figure for a place written by its id, merged with ``--no-ff``, an upload added to and removed from ``nop/``,
and a correction of a figure whose place is written by its bare name. Each commit has its own committer day, so
which entries the page shows is read from the days it prints.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from plansite.build import SiteBuild
from plansite.load.datafiles import UPLOAD_DIR
from testkit import SYNTH_TODAY, git, history_repo

PROGRESS = "progress/ty-le-ho-ngheo.csv"  # the minimal fixture's file with places by id, «Kind Name» and bare name
BRANCH_DAY, UPLOAD_DAY, MERGE_DAY, REMOVED_DAY, FIX_DAY = (
    "2024-07-02T09:00:00+07:00",
    "2024-07-09T09:00:00+07:00",
    "2024-07-16T09:00:00+07:00",
    "2024-07-23T09:00:00+07:00",
    "2024-07-30T09:00:00+07:00",
)


def _commit(root: Path, message: str, day: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=day)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, Any]:
    made = history_repo(tmp_path_factory.mktemp("updates") / "kho")
    root, data = made["root"], made["data"]
    progress = data / PROGRESS
    git(root, "switch", "-q", "-c", "so-lieu-moi")
    with progress.open("a", encoding="utf-8") as f:
        f.write('2024,"20,00",doi-xanh,,B,Báo cáo mẫu số 6/BC-UBND,,,,,,\n')
    _commit(root, "Số liệu 2024 của doi-xanh", BRANCH_DAY)
    git(root, "switch", "-q", "main")
    upload = data / UPLOAD_DIR / "ban-dan-toc-2024.xlsx"
    upload.parent.mkdir(exist_ok=True)
    upload.write_bytes(b"PK\x03\x04 not really a workbook")
    _commit(root, "Nộp tệp", UPLOAD_DAY)
    git(root, "merge", "-q", "--no-ff", "-m", "Merge so-lieu-moi", "so-lieu-moi", date=MERGE_DAY)
    upload.unlink()
    _commit(root, "Gỡ tệp đã nhập", REMOVED_DAY)
    text = progress.read_text(encoding="utf-8")
    assert '2021,"22,00",Suối Bạc,' in text
    progress.write_text(text.replace('2021,"22,00",Suối Bạc,', '2021,"23,00",Suối Bạc,'), encoding="utf-8")
    _commit(root, "Sửa suoi-bac", FIX_DAY)
    build = SiteBuild.prepare(data, today=SYNTH_TODAY)
    html = build.pages()["cap-nhat.md"]
    build.close()
    return MappingProxyType({**made, "html": html})


def _entries(html: str) -> list[tuple[str, str]]:
    """(day, what the entry says) for each entry of the list of changes."""
    body = html.split('<ul class="ps-changes">', 1)[1]
    return re.findall(r"<li><strong>(\d\d/\d\d/\d{4})</strong>(.*?)</li>\n", body, re.S)


def _day(iso: str) -> str:
    y, m, d = iso[:10].split("-")
    return f"{d}/{m}/{y}"


def test_merges_and_upload_only_commits_are_left_out(repo: Mapping[str, Any]) -> None:
    days = [day for day, _ in _entries(repo["html"])]
    assert days == [_day(FIX_DAY), _day(BRANCH_DAY), "20/06/2024", "05/03/2024"], days
    for left_out in (MERGE_DAY, UPLOAD_DAY, REMOVED_DAY):
        assert _day(left_out) not in repo["html"], f"an entry for {left_out} says nothing: it is not shown"


def test_no_entry_is_only_a_date(repo: Mapping[str, Any]) -> None:
    for day, said in _entries(repo["html"]):
        assert re.sub(r"<[^>]+>", "", said).strip(), f"the entry of {day} says nothing"


def test_places_are_named_by_their_full_names(repo: Mapping[str, Any]) -> None:
    said = dict(_entries(repo["html"]))
    assert "Thêm số liệu 2024 cho " in said[_day(BRANCH_DAY)] and ", Huyện Đồi Xanh: 20%" in said[_day(BRANCH_DAY)]
    assert ", Huyện Suối Bạc: 22% → 23%" in said[_day(FIX_DAY)], said[_day(FIX_DAY)]
    text = re.sub(r"<[^>]+>", " ", repo["html"])
    assert "doi-xanh" not in text and "suoi-bac" not in text, "a place id is shown"
