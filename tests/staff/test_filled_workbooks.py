"""Filled templates as Excel and LibreOffice leave them: merged cells, number formats, computed numbers, notes
beside the table, a file saved under another name, uploads in a sub-folder of ``nop/``.

Each case is a template made by ``plansite template``, filled with openpyxl as a person fills it in Excel, and
read by the import (``staff.spreadsheet.read_filled``; the whole import where what it writes matters)."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plansite.cli import main
from plansite.problems import Problems
from plansite.staff import SHEET_DATA, _cell_text, number_text, read_filled
from plansite.staff.uploads import upload_files
from staffkit import YEAR, pick, plan_of, staff_data
from testkit import TODAY

SOURCE, DAY = "Báo cáo số 12/BC-SYT (thử)", f"10/12/{YEAR}"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, str]]:
    """(data folder, template, indicator id) made once; each test works on its own copies."""
    tmp = tmp_path_factory.mktemp("filled")
    data = staff_data(tmp / "data")
    agency, ind = pick(plan_of(data), data)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANSITE_TODAY", TODAY.isoformat())
        assert main(["template", "--co-quan", agency, "--nam", str(YEAR), "--ra", str(tmp / "mau"), "--data", str(data)]) == 0
    yield data, tmp / "mau" / f"{agency}-{YEAR}.xlsx", ind.id


@pytest.fixture
def data(made: tuple[Path, Path, str], tmp_path: Path) -> Path:
    return Path(shutil.copytree(made[0], tmp_path / "data"))


def _sheet(template: Path) -> tuple[Any, Any, dict[str, int]]:
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEET_DATA]
    return wb, ws, {str(c.value): c.column for c in ws[1]}


def _rows_of(ws: Any, ind: str) -> list[int]:
    return [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == ind]


def _read(path: Path) -> tuple[list[dict[str, str]], Problems]:
    problems = Problems(root=path.parent)
    table = read_filled(path, problems)
    assert table is not None, [p.text() for p in problems]
    return [dict(zip(table.header, cells, strict=False)) for _, cells in table.rows()], problems


def _import(path: Path, data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.setenv("PLANSITE_TODAY", TODAY.isoformat())
    code = main(["import", str(path), "--data", str(data)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_merged_date_and_source_count_for_every_row_they_cover(
    made: tuple[Path, Path, str], data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel keeps a merged range's value in its first cell only; the person meant it for every row."""
    _, template, _ = made
    wb, ws, col = _sheet(template)
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value][:2]
    assert rows == [2, 3], "the template has two prefilled rows, one under the other"
    for r, value in zip(rows, (26.7, 88.4), strict=True):
        ws.cell(row=r, column=col["Giá trị"]).value = value
    ws.cell(row=rows[0], column=col["Nguồn"]).value = SOURCE
    ws.cell(row=rows[0], column=col["Ngày báo cáo"]).value = DAY
    for label in ("Nguồn", "Ngày báo cáo"):
        letter = openpyxl.utils.get_column_letter(col[label])
        ws.merge_cells(f"{letter}{rows[0]}:{letter}{rows[-1]}")
    wb.save(tmp_path / "gop.xlsx")
    read, problems = _read(tmp_path / "gop.xlsx")
    by_value = {r["Giá trị"]: r for r in read if r["Giá trị"]}
    assert {v: (r["Nguồn"], r["Ngày báo cáo"]) for v, r in by_value.items()} == {v: (SOURCE, DAY) for v in ("26,7", "88,4")}
    merged = [p for p in problems if p.kind == "o-gop"]
    assert [(p.line, p.column, p.severity) for p in merged] == [
        (rows[0], "Nguồn", "warning"),
        (rows[0], "Ngày báo cáo", "warning"),
    ]
    assert f"dòng {rows[0]}–{rows[-1]}" in merged[0].message and "Unmerge" in merged[0].hint
    code, out = _import(tmp_path / "gop.xlsx", data, monkeypatch, capsys)
    assert code == 0, out
    written = [
        row
        for f in (data / "progress").glob("*.csv")
        for row in csv.DictReader(io.StringIO(f.read_text(encoding="utf-8")))
        if row["Nguồn"] == SOURCE
    ]
    assert sorted(r["Giá trị"] for r in written) == ["26.7", "88.4"]
    assert {r["Ngày báo cáo"] for r in written} == {DAY}


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (0.975, "0.0%", "97,5"),  # a percentage cell holds the fraction
        (0.975, "0%;[Red]-0%", "97,5"),
        (26.7, '0.0"%"', "26,7"),  # «%» shown as a literal: the cell holds 26.7
        (26.7, "0.0\\%", "26,7"),
        (26.700000000000003, "General", "26,7"),  # a computed number: 15 significant digits, as Excel shows it
        (100 / 3, "General", "33,3333333333333"),
        (810123.5, "#,##0.0", "810123,5"),  # typed as a number: the decimal comma both rules read
        (1.234, "General", "1,2340"),  # never «1,234», which could be a thousands separator
        (2024.0, "General", "2024"),
    ],
)
def test_a_number_cell_reads_as_what_excel_shows(value: float, number_format: str, text: str) -> None:
    assert _cell_text(value, number_format) == text


def test_number_text_keeps_fifteen_significant_digits() -> None:
    assert number_text(26.700000000000003) == "26.7"
    assert number_text(0.1 + 0.2) == "0.3"
    assert number_text(123456.789012345) == "123456.789012345"


def test_a_note_beside_the_table_is_named_by_its_cell_and_nothing_is_written(
    made: tuple[Path, Path, str], data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, template, ind = made
    wb, ws, col = _sheet(template)
    r = _rows_of(ws, ind)[0]
    for label, value in (("Giá trị", "26,7"), ("Nguồn", SOURCE), ("Ngày báo cáo", DAY)):
        ws.cell(row=r, column=col[label]).value = value
    right = openpyxl.utils.get_column_letter(ws.max_column + 2)
    ws[f"{right}{r}"] = "số liệu 9 tháng"
    wb.save(tmp_path / "ghi-ben.xlsx")
    _, problems = _read(tmp_path / "ghi-ben.xlsx")
    outside = [p for p in problems.errors if p.kind == "o-ngoai-bang"]
    assert [(p.line, p.message) for p in outside] == [
        (r, f"Ô {right}{r} nằm ngoài bảng (bên phải cột cuối «Ghi chú») mà có nội dung «số liệu 9 tháng».")
    ]
    assert not any(p.kind == "thua-o" for p in problems), "the CSV's «extra cells» message is not for a sheet"
    before = {f.name: f.read_bytes() for f in (data / "progress").glob("*.csv")}
    code, out = _import(tmp_path / "ghi-ben.xlsx", data, monkeypatch, capsys)
    assert code == 1 and f"Ô {right}{r}" in out
    assert {f.name: f.read_bytes() for f in (data / "progress").glob("*.csv")} == before


@pytest.mark.parametrize("name", ["da-dien.xls", "da-dien", "da-dien.ods", "DA-DIEN.XLSX"])
def test_a_workbook_saved_under_another_name_is_read_by_its_content(
    made: tuple[Path, Path, str], tmp_path: Path, name: str
) -> None:
    _, template, ind = made
    wb, ws, col = _sheet(template)
    r = _rows_of(ws, ind)[0]
    ws.cell(row=r, column=col["Giá trị"]).value = 26.7
    wb.save(tmp_path / name)
    read, problems = _read(tmp_path / name)
    assert not problems.errors, [p.text() for p in problems]
    assert [row["Giá trị"] for row in read if row["Giá trị"]] == ["26,7"]


def test_uploads_in_a_sub_folder_of_nop_are_found(tmp_path: Path) -> None:
    """GitHub's «Upload files» keeps the folder a person drags in; its files are uploads like the others."""
    inbox = tmp_path / "nop"
    (inbox / "thang-12").mkdir(parents=True)
    (inbox / ".an").mkdir()
    for rel in ("README.md", "a.xlsx", "thang-12/b.xlsx", "thang-12/README.md", ".an/c.xlsx", "thang-12/.d.xlsx"):
        (inbox / rel).write_bytes(b"x")
    assert [p.relative_to(inbox).as_posix() for p in upload_files(tmp_path)] == [
        "a.xlsx",
        "thang-12/README.md",
        "thang-12/b.xlsx",
    ]


def test_a_title_row_above_the_header_is_one_error(made: tuple[Path, Path, str], tmp_path: Path) -> None:
    _, template, _ = made
    wb, ws, _ = _sheet(template)
    ws.insert_rows(1)
    ws["A1"] = f"BÁO CÁO SỐ LIỆU NĂM {YEAR}"
    wb.save(tmp_path / "co-ten-bang.xlsx")
    problems = Problems(root=tmp_path)
    assert read_filled(tmp_path / "co-ten-bang.xlsx", problems) is None
    assert [(p.kind, p.line) for p in problems.errors] == [("tieu-de-khong-o-dong-dau", 1)]
    assert "nằm ở dòng 2" in problems.errors[0].message and "Xóa 1 dòng" in problems.errors[0].hint


def test_a_copy_of_the_header_further_down_is_an_error_on_its_row(made: tuple[Path, Path, str], tmp_path: Path) -> None:
    _, template, ind = made
    wb, ws, col = _sheet(template)
    r = _rows_of(ws, ind)[0]
    ws.cell(row=r, column=col["Giá trị"]).value = "26,7"
    copy_at = ws.max_row + 1
    for c in ws[1]:
        ws.cell(row=copy_at, column=c.column).value = c.value
    wb.save(tmp_path / "dan-hai-lan.xlsx")
    read, problems = _read(tmp_path / "dan-hai-lan.xlsx")
    assert [(p.kind, p.line) for p in problems.errors] == [("dong-tieu-de-lap-lai", copy_at)]
    assert [row["Giá trị"] for row in read if row["Giá trị"]] == ["26,7"], "the copy of the header is left out"


def test_merged_ranges_that_overlap_on_purpose_are_refused_before_any_value_is_spread(
    made: tuple[Path, Path, str], tmp_path: Path
) -> None:
    """Excel never overlaps two merged ranges; thousands of overlapping ones covering the whole sheet would make
    spreading their values cost far more than reading the file. The file is refused, with the reason."""
    import zipfile

    _, template, _ = made
    wb, ws, col = _sheet(template)
    for r in range(2, 301):  # rows with content: the ranges are cut to those
        ws.cell(row=r, column=col["Ghi chú"]).value = "ghi chú"
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    hostile = tmp_path / "gop-chong.xlsx"
    ranges = "".join('<mergeCell ref="A2:BH300"/>' for _ in range(2000))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", f'<mergeCells count="2000">{ranges}</mergeCells></worksheet>'.encode())
            out.writestr(info, data)
    problems = Problems(root=tmp_path)
    assert read_filled(hostile, problems) is None
    assert [p.kind for p in problems.errors] == ["bang-tinh-bi-tu-choi"]
    assert "vùng ô gộp" in problems.errors[0].message
