"""Open data: the resources ``investment`` and ``task_updates`` in datapackage.json, as CSV, in du-lieu.xlsx and du-lieu.zip.

The made-up plan (tests/fixtures/minimal with tests/fixtures/investment) is built with the real
``mkdocs build --strict``; its package is validated with frictionless. The real data's tables are
written without MkDocs and checked row for row against the data files they come from.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import frictionless
import pytest
from openpyxl import load_workbook

from _site import build
from plansite.publish.schema import FIELDS, TITLES, columns
from testkit import MINIMAL, with_investment

ROOT = Path(__file__).resolve().parents[2]
EVIL = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("invest-open")
    data = tmp / "data"
    shutil.copytree(MINIMAL, data)
    with_investment(data)
    rows = (data / "investment.csv").read_text(encoding="utf-8")
    evil = EVIL.replace('"', '""')
    (data / "investment.csv").write_text(rows.replace("Bài báo mẫu", "x").replace("Báo mẫu H", f'"{evil}"'), encoding="utf-8")
    build(data, tmp / "site", extra_env={"PLANSITE_TODAY": "2024-06-01"})
    return tmp / "site" / "du-lieu"


def read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_package_validates_with_frictionless(site: Path) -> None:
    report = frictionless.Package(str(site / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    names = [r["name"] for r in json.loads((site / "datapackage.json").read_text(encoding="utf-8"))["resources"]]
    assert names == ["indicators", "targets", "observations", "task_updates", "investment", "reporting"]
    rows = {t.name: t.stats["rows"] for t in report.tasks}
    assert (rows["investment"], rows["task_updates"]) == (10, 6)


def test_investment_rows_keep_what_was_published(site: Path) -> None:
    rows = read(site / "investment.csv")
    assert list(rows[0]) == columns("investment")
    first = rows[0]
    assert (first["qualifier"], first["value"], first["value_text"], first["unit"], first["value_display"]) == (
        "hơn",
        "810",
        "hơn 810",
        "tỷ đồng",
        "810",
    )
    assert (rows[1]["value"], rows[1]["unit"], rows[1]["value_display"], rows[1]["nature"]) == (
        "2428748",
        "triệu đồng",
        "2428.748",
        "ket-qua",
    )
    assert rows[4]["programme_ids"] == "ct-mau;ct-khac"
    assert rows[5]["shown_apart"] == "ngoai" and rows[5]["place_ids"] == ""
    assert rows[8]["unit"] == "tỷ" and rows[8]["value_display"] == "" and rows[8]["caution"] == "nguon-yeu"
    assert rows[2]["as_of"] == "2023-06" and rows[2]["source_date"] == "2023-07"
    assert all(r["source"] and r["quote"] for r in rows)
    evil = next(r for r in rows if "HYPERLINK" in r["source"])
    assert evil["source"] == "'" + EVIL  # a spreadsheet would run it: neutralised


def test_task_updates_rows(site: Path) -> None:
    rows = read(site / "task_updates.csv")
    assert list(rows[0]) == columns("task_updates") and len(rows) == 6
    nv2 = [r for r in rows if r["task_id"] == "nv-2"]
    assert [r["date"] for r in nv2] == ["2021-03", "2022-10-14", "2023", ""]  # date order, undated last
    assert [r["counts_as_result"] for r in nv2] == ["false", "true", "false", "false"]  # a weak source is not counted
    assert nv2[-1]["kind"] == "chua-thuc-hien" and nv2[-1]["project_ids"] == "dien-mau"


def test_in_the_workbook_and_the_zip(site: Path) -> None:
    wb = load_workbook(site / "du-lieu.xlsx", read_only=True)
    assert TITLES["task_updates"] in wb.sheetnames and TITLES["investment"] in wb.sheetnames
    sheet = [list(r) for r in wb[TITLES["investment"]].iter_rows(values_only=True)]
    assert sheet[0] == [f.title for f in FIELDS["investment"]] and len(sheet) == 11
    assert sheet[1][columns("investment").index("value_text")] == "hơn 810"
    assert len(list(wb[TITLES["task_updates"]].iter_rows())) == 7
    with zipfile.ZipFile(site / "du-lieu.zip") as z:
        for name in ("investment.csv", "task_updates.csv"):
            assert z.read(name).decode("utf-8") == (site / name).read_text(encoding="utf-8")
        assert "nguon/investment.csv" in z.namelist() and "nguon/task-updates.csv" in z.namelist()


def test_opendata_page_lists_the_new_files(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="investment.csv"' in page and 'href="task_updates.csv"' in page
