"""The streamed .xlsx (plansite.publish.xlsx): opened with openpyxl, it holds the cells openpyxl writes."""

from __future__ import annotations

import io
import math
import random
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from plansite.build import SiteBuild
from plansite.cache import Cache
from plansite.publish import xlsx
from plansite.publish.schema import FIELDS, TITLES, headers
from plansite.publish.write import write
from testkit import SYNTH_TODAY

SAMPLES: list[Any] = [
    "",
    " lề ",
    "a&b<c>",
    "=1+1",
    "'=x",
    "#N/A",
    "x" * 40000,
    "đ\ttab\nmới",
    "Tỉnh Giả Lập",
    None,
    0,
    -3,
    2.5,
    1 / 3,
    1e20,
    -0.0,
    True,
    False,
]


def _cells(path: Path | io.BytesIO) -> dict[str, list[list[tuple[Any, str]]]]:
    wb = load_workbook(path)
    return {ws.title: [[(c.value, c.data_type) for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def _openpyxl(sheets: list[xlsx.Sheet]) -> io.BytesIO:
    wb = Workbook()
    wb.remove(wb.active)
    for s in sheets:
        ws = wb.create_sheet(s.title)
        ws.append(list(s.header))
        for row in s.rows:
            ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _random_sheets(seed: int) -> list[xlsx.Sheet]:
    rnd = random.Random(seed)
    out = []
    for name, fields in FIELDS.items():
        rows = [[rnd.choice(SAMPLES) for _ in fields] for _ in range(40)]
        out.append(xlsx.Sheet(TITLES[name], headers(name), rows, len(rows)))
    return out


def test_streamed_workbook_has_the_cells_openpyxl_writes(tmp_path: Path) -> None:
    sheets = _random_sheets(3)
    mine = tmp_path / "mine.xlsx"
    xlsx.write_workbook(mine, sheets)
    got, expected = _cells(mine), _cells(_openpyxl(sheets))
    assert list(got) == list(expected) == list(TITLES.values())
    assert got == expected
    kinds = {kind for rows in got.values() for row in rows for _, kind in row}
    assert kinds >= {"s", "n", "b", "f", "e"}, kinds  # text, number, boolean, formula and error cells all compared


def test_nan_is_an_empty_cell_and_text_is_cut_at_excels_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    xlsx.write_workbook(path, [xlsx.Sheet("Bảng", ["a", "b", "c"], [[math.nan, "y" * 40000, 7]], 1)])
    rows = _cells(path)["Bảng"]
    assert rows[1] == [(None, "n"), ("y" * 32767, "s"), (7, "n")]


def test_rows_past_a_sheet_continue_on_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_ROWS", 5)  # header + 4 rows a sheet
    path = tmp_path / "split.xlsx"
    rows = [[i, f"dòng {i}"] for i in range(10)]
    xlsx.write_workbook(path, [xlsx.Sheet("Trống", ["x"], [], 0), xlsx.Sheet("Số liệu", ["n", "chữ"], iter(rows), len(rows))])
    got = {title: [[v for v, _ in row] for row in sheet] for title, sheet in _cells(path).items()}
    assert list(got) == ["Trống", "Số liệu", "Số liệu (2)", "Số liệu (3)"]
    assert got["Trống"] == [["x"]]
    assert [r for t in ("Số liệu", "Số liệu (2)", "Số liệu (3)") for r in got[t][1:]] == rows
    assert all(got[t][0] == ["n", "chữ"] for t in ("Số liệu", "Số liệu (2)", "Số liệu (3)"))
    assert [len(got[t]) for t in got] == [1, 5, 5, 3]
    wb = load_workbook(path, read_only=True)
    assert wb["Số liệu (3)"].calculate_dimension() == "A1:B3"


def test_figures_beyond_one_worksheet_continue_on_the_next(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel holds 1.048.576 rows a sheet: past that, «Số liệu (2)» … and no figure is lost."""
    data = SiteBuild.prepare(synthetic, today=SYNTH_TODAY).open_data_input()
    limit = 100
    monkeypatch.setattr(xlsx, "MAX_ROWS", limit)
    write(data, tmp_path)
    expected = -(-len(data.observations) // (limit - 1))
    assert expected >= 3, "the synthetic data should fill several sheets"
    wb = load_workbook(tmp_path / "du-lieu" / "du-lieu.xlsx", read_only=True)
    titles = [TITLES["observations"]] + [f"{TITLES['observations']} ({i})" for i in range(2, expected + 1)]
    updates = [TITLES["task_updates"]] if data.plan.task_updates else []  # the synthetic plan has task updates too
    assert wb.sheetnames == [TITLES["indicators"], TITLES["targets"], *titles, *updates, TITLES["reporting"]]
    cells = []
    for title in titles:
        rows = [list(r) for r in wb[title].iter_rows(values_only=True)]
        assert rows[0] == headers("observations") and 1 < len(rows) <= limit
        cells += rows[1:]
    obs_csv = (tmp_path / "du-lieu" / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert len(cells) == len(data.observations) == len(obs_csv) - 1
    assert [str(r[0]) for r in cells] == [line.split(",", 1)[0] for line in obs_csv[1:]]


def test_column_letters_are_openpyxls() -> None:
    from openpyxl.utils import get_column_letter

    assert [xlsx.column_letter(i) for i in range(1, 18279)] == [get_column_letter(i) for i in range(1, 18279)]


def test_cached_skeleton_is_openpyxls_with_fresh_times(tmp_path: Path) -> None:
    titles = ["Chỉ tiêu", "Mục tiêu", "Số liệu", "Số liệu (2)"]
    cache = Cache(tmp_path)
    first = xlsx.skeleton(titles, cache)
    kept = list((tmp_path / xlsx.NAMESPACE).glob("*.xlsx"))
    assert len(kept) == 1 and kept[0].read_bytes() == first
    time.sleep(2.1)  # zip times count in steps of two seconds
    again = xlsx.skeleton(titles, cache)  # from the cache
    assert cache.hits == 1
    a, b = zipfile.ZipFile(io.BytesIO(first)), zipfile.ZipFile(io.BytesIO(again))
    assert a.namelist() == b.namelist()
    for name in a.namelist():
        if name != "docProps/core.xml":
            assert a.read(name) == b.read(name), name
    assert a.read("docProps/core.xml") != b.read("docProps/core.xml")  # created/modified: now
    assert b.getinfo("docProps/app.xml").date_time > a.getinfo("docProps/app.xml").date_time
    kept[0].write_bytes(b"not a zip")  # a damaged entry is made again
    assert zipfile.ZipFile(io.BytesIO(xlsx.skeleton(titles, cache))).namelist() == a.namelist()
    assert xlsx.skeleton(["Khác"], Cache(None)) and xlsx.skeleton(["Khác"])


def test_an_error_stops_the_stream_and_its_thread(tmp_path: Path) -> None:
    before = threading.active_count()
    with pytest.raises(IllegalCharacterError):
        xlsx.write_workbook(tmp_path / "bad.xlsx", [xlsx.Sheet("A", ["x"], [["tốt"], ["chữ\x01lạ"]], 2)])
    with pytest.raises(ValueError, match="more rows"):
        xlsx.write_workbook(tmp_path / "bad.xlsx", [xlsx.Sheet("A", ["x"], [[1], [2]], 1)])
    assert threading.active_count() == before
