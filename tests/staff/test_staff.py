"""The staff workflow: template → filled by an agency → import → check (the built page: tests/site/test_staff_site.py).

Every test works on its own copy of the staff data (the minimal fixture plus a second indicator,
``staffkit.staff_data``) in tmp_path, judged on ``testkit.TODAY``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import openpyxl
import pytest

from plansite.check.progress import COLUMNS, HEADER
from plansite.cli import main
from plansite.pipeline import check
from plansite.problems.kinds import KINDS
from plansite.staff import SHEET_DATA, SHEET_HELP, TEMPLATE_HEADER, _cell_text, number_text
from plansite.staff.common import SPARE_ROWS
from plansite.status.reporting import lead_indicators
from staffkit import YEAR, fill_xlsx, pick, plan_of, staff_data
from testkit import MINIMAL, TODAY, Unchanged, cli_env


@pytest.fixture(autouse=True)
def cli_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands run here (plansite.cli.main) judge on TODAY."""
    monkeypatch.setenv("PLANSITE_TODAY", TODAY.isoformat())


# --------------------------------------------------------------------------- helpers


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def progress_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "progress").iterdir())}


def sheet_rows(path: Path) -> list[tuple[Any, ...]]:
    wb = openpyxl.load_workbook(path)
    try:
        return list(wb[SHEET_DATA].iter_rows(values_only=True))
    finally:
        wb.close()


def read_csv_template(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def write_filled_csv(path: Path, rows: list[dict[str, str]], delimiter: str = ",", bom: bool = True) -> Path:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=TEMPLATE_HEADER, delimiter=delimiter, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig" if bom else "utf-8"))
    return path


# --------------------------------------------------------------------------- the round trip


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mapping[str, Any]]:
    """template (xlsx) → fill 97,5 → import → check, once for the module (shared read-only)."""
    tmp = tmp_path_factory.mktemp("round-trip")
    data = staff_data(tmp / "data")
    plan = plan_of(data)
    agency, ind = pick(plan, data)
    before = progress_bytes(data)
    out = tmp / "mau"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANSITE_TODAY", TODAY.isoformat())
        t_code = main(["template", "--co-quan", agency, "--nam", str(YEAR), "--ra", str(out), "--data", str(data)])
    template = out / f"{agency}-{YEAR}.xlsx"
    filled = fill_xlsx(
        template,
        tmp / "da-dien.xlsx",
        {
            (ind.id, "Toàn tỉnh"): {"Giá trị": "97,5", "Nguồn": "Báo cáo số 12/BC-SYT (thử)", "Ngày báo cáo": f"10/12/{YEAR}"},
        },
    )
    proc_import = subprocess.run(
        [sys.executable, "-m", "plansite", "import", str(filled), "--data", str(data)],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(TODAY),
    )
    proc_check = subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", str(data)],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(TODAY),
    )
    guard = Unchanged(tmp, "the round trip's folder")
    yield MappingProxyType(
        {
            "data": data,
            "plan": plan,
            "agency": agency,
            "ind": ind,
            "template": template,
            "t_code": t_code,
            "import": proc_import,
            "check": proc_check,
            "before": MappingProxyType(before),
        }
    )
    guard.check()


def test_template_is_written(round_trip: Mapping[str, Any]) -> None:
    assert round_trip["t_code"] == 0
    assert round_trip["template"].is_file()


def test_xlsx_has_data_and_guide_sheets(round_trip: Mapping[str, Any]) -> None:
    wb = openpyxl.load_workbook(round_trip["template"])
    try:
        assert wb.sheetnames == [SHEET_DATA, SHEET_HELP]
        ws = wb[SHEET_DATA]
        assert [c.value for c in ws[1]] == TEMPLATE_HEADER == ["Mã chỉ tiêu", "Tên chỉ tiêu", *HEADER]
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "C2"
        assert ws.column_dimensions["B"].width >= 40  # «Tên chỉ tiêu» is readable
        assert ws.protection.sheet and ws["A2"].protection.locked and not ws["D2"].protection.locked
        guide = "\n".join(str(r[0]) for r in wb[SHEET_HELP].iter_rows(values_only=True) if r and r[0])
    finally:
        wb.close()
    plan, agency = round_trip["plan"], round_trip["agency"]
    r = plan.plan.reporting
    assert f"{r.day:02d}/{r.month:02d}/{YEAR}" in guide  # the deadline from plan.reporting
    assert "Mã chỉ tiêu" in guide and "import" in guide
    for ind in lead_indicators(plan, agency):
        assert f"{ind.id}: {ind.name} — đơn vị: {ind.unit}" in guide
    for c in COLUMNS:
        assert c.label in guide and c.help in guide


def _look(ws: Any, row: int, col: int) -> tuple[bool, str | None, bool]:
    """(locked, fill colour, typed as text) of a cell as Excel and LibreOffice show it: its own style when the
    file has the cell, else its column's (an empty cell takes the column's style)."""
    from openpyxl.utils import get_column_letter

    own = ws._cells.get((row, col))
    styled = own if own is not None else ws.column_dimensions[get_column_letter(col)]
    return (styled.protection.locked, styled.fill.fgColor.rgb if styled.fill.fill_type else None, styled.number_format == "@")


def test_every_cell_of_the_data_sheet_has_its_look(round_trip: Mapping[str, Any]) -> None:
    """Down to the last spare row and below: the two prefilled columns locked and grey, the cells to fill yellow, the
    columns read as text formatted as text, every other cell open. The rows below the template's are not in the file:
    their cells take the column's style."""
    wb = openpyxl.load_workbook(round_trip["template"])
    try:
        ws = wb[SHEET_DATA]
        filled = max(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value)
        text_cols = {TEMPLATE_HEADER.index(c) + 1 for c in ("Giá trị", "Ngày báo cáo", "Địa bàn", "Mã chỉ tiêu")}
        need_cols = {TEMPLATE_HEADER.index(c) + 1 for c in ("Giá trị", "Nguồn", "Ngày báo cáo")}
        assert ws.max_row == filled, "the spare rows are empty cells: none is written"
        assert ws.protection.sheet
        for row in range(2, filled + SPARE_ROWS + 1):
            for col in range(1, len(TEMPLATE_HEADER) + 1):
                prefilled = col <= 2 and row <= filled
                fill = "00E7E6E6" if prefilled else "00FFF2CC" if col in need_cols and row <= filled else None
                look = _look(ws, row, col)
                assert look == (prefilled, fill, col in text_cols), (row, col, look)
    finally:
        wb.close()


def test_the_spare_rows_of_a_sheet_template_take_their_columns_look(tmp_path: Path) -> None:
    """A task or investment template: below its rows, the name column grey and every other column typed as text."""
    from plansite.staff.filekinds import FILE_KINDS

    plan = check(MINIMAL, TODAY).plan
    assert plan is not None
    kind = FILE_KINDS["nhiem-vu"]
    agency = kind.agencies(plan)[0]
    files, _, _ = kind.make_template(MINIMAL, agency, 2023, TODAY, "xlsx", tmp_path, plan=plan)
    wb = openpyxl.load_workbook(files[0])
    try:
        ws = wb[SHEET_DATA]
        width, below = ws.max_column, ws.max_row + 5
        assert (below, 1) not in ws._cells
        assert _look(ws, below, 1)[1] == "00E7E6E6"
        assert all(_look(ws, below, col)[2] for col in range(2, width + 1))
        assert all(_look(ws, r, 1)[1] == "00E7E6E6" for r in range(2, ws.max_row + 1))
    finally:
        wb.close()


def test_template_rows_are_prefilled(round_trip: Mapping[str, Any]) -> None:
    plan, agency = round_trip["plan"], round_trip["agency"]
    rows = sheet_rows(round_trip["template"])
    head = rows[0]
    body = [dict(zip(head, r, strict=True)) for r in rows[1:] if r[0]]
    assert {b["Mã chỉ tiêu"] for b in body} == {i.id for i in lead_indicators(plan, agency)}
    for b in body:
        assert b["Năm"] == YEAR and b["Cơ quan báo cáo"] == agency
        assert b["Giá trị"] is None and b["Nguồn"] is None and b["Ngày báo cáo"] is None
        assert b["Tên chỉ tiêu"] == plan.indicator(b["Mã chỉ tiêu"]).name
    # the province row of every indicator comes first
    assert all(b["Địa bàn"] == "Toàn tỉnh" for b in body if b["Mã chỉ tiêu"] == round_trip["ind"].id)


def test_import_adds_the_row(round_trip: Mapping[str, Any]) -> None:
    proc = round_trip["import"]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "thêm mới" in proc.stdout and "bỏ trống" in proc.stdout.lower()
    ind = round_trip["ind"]
    path = round_trip["data"] / "progress" / f"{ind.id}.csv"
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    lines = raw.decode("utf-8").splitlines()
    assert lines[0] == ",".join(HEADER)
    assert lines[-1] == f"{YEAR},97.5,,,,Báo cáo số 12/BC-SYT (thử),,{round_trip['agency']},10/12/{YEAR},,,"
    old = round_trip["before"].get(path.name)
    if old is not None:  # existing rows kept byte for byte
        assert raw.startswith(old)
    # nothing else was touched
    after = progress_bytes(round_trip["data"])
    assert {k: v for k, v in after.items() if k != path.name} == {k: v for k, v in round_trip["before"].items() if k != path.name}


def test_check_passes_after_import(round_trip: Mapping[str, Any]) -> None:
    proc = round_trip["check"]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "không có lỗi" in proc.stdout


# --------------------------------------------------------------------------- conflicts, errors, formats


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the staff data; the test runs from its parent folder, so messages name «data/progress/…»."""
    monkeypatch.chdir(tmp_path)
    return staff_data(tmp_path / "data")


def csv_template(capsys: pytest.CaptureFixture[str], data: Path, out: Path, agency: str, *extra: str) -> Path:
    code, text = run(
        capsys,
        "template",
        "--co-quan",
        agency,
        "--nam",
        str(YEAR),
        "--dinh-dang",
        "csv",
        "--ra",
        str(out),
        "--data",
        str(data),
        *extra,
    )
    assert code == 0, text
    return out / f"{agency}-{YEAR}.csv"


def filled_rows(template: Path, ind: str, **cells: str) -> list[dict[str, str]]:
    rows = read_csv_template(template)
    for r in rows:
        if r["Mã chỉ tiêu"] == ind and r["Địa bàn"] == "Toàn tỉnh":
            r.update({k.replace("_", " "): v for k, v in cells.items()})
    return rows


def fill(rows: list[dict[str, str]], ind: str, value: str, source: str = "Báo cáo số 1/BC (thử)") -> list[dict[str, str]]:
    out = [dict(r) for r in rows]
    for r in out:
        if r["Mã chỉ tiêu"] == ind and r["Địa bàn"] == "Toàn tỉnh":
            r["Giá trị"], r["Nguồn"], r["Ngày báo cáo"] = value, source, f"01/12/{YEAR}"
    return out


def test_csv_template_is_utf8_with_bom_and_has_instructions(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agency, ind = pick(plan_of(data), data)
    template = csv_template(capsys, data, tmp_path / "mau", agency)
    raw = template.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header == TEMPLATE_HEADER
    rows = read_csv_template(template)
    assert any(r["Mã chỉ tiêu"] == ind.id for r in rows)
    assert all(r["Năm"] == str(YEAR) and r["Cơ quan báo cáo"] == agency and not r["Giá trị"] for r in rows)
    guide = tmp_path / "mau" / f"{agency}-{YEAR}-huong-dan.txt"
    g = guide.read_bytes().decode("utf-8-sig")
    assert "Mã chỉ tiêu" in g and "CSV UTF-8" in g and f"/{YEAR}" in g


def test_conflict_is_reported_and_written_only_with_ghi_de(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agency, ind = pick(plan_of(data), data)
    rows = read_csv_template(csv_template(capsys, data, tmp_path / "mau", agency))
    first = write_filled_csv(tmp_path / "lan-1.csv", fill(rows, ind.id, "97,5"))
    code, out = run(capsys, "import", str(first), "--data", str(data))
    assert code == 0, out
    target = data / "progress" / f"{ind.id}.csv"
    before = target.read_bytes()

    second = write_filled_csv(tmp_path / "lan-2.csv", fill(rows, ind.id, "98"))
    code, out = run(capsys, "import", str(second), "--data", str(data))
    assert code == 3, out
    assert target.read_bytes() == before  # not written
    line = next(i for i, r in enumerate(read_csv_template(second), start=2) if r["Giá trị"])
    assert f"lan-2.csv, dòng {line}, cột «Giá trị»" in out
    assert "97,5 → 98" in out and "--ghi-de" in out
    assert "xung-dot" in KINDS

    code, out = run(capsys, "import", str(second), "--data", str(data), "--thu", "--ghi-de")
    assert code == 0, out
    assert target.read_bytes() == before  # dry run

    code, out = run(capsys, "import", str(second), "--data", str(data), "--ghi-de")
    assert code == 0, out
    after = target.read_bytes().decode("utf-8")
    assert f"{YEAR},98,," in after and f"{YEAR},97.5," not in after
    # every other row is unchanged, in place
    assert [ln for ln in after.splitlines() if not ln.startswith(f"{YEAR},")] == [
        ln for ln in before.decode("utf-8").splitlines() if not ln.startswith(f"{YEAR},")
    ]
    assert check(data, TODAY).ok

    code, out = run(capsys, "import", str(second), "--data", str(data))
    assert code == 0 and "không đổi" in out.lower() and "Không có gì mới để ghi." in out


def test_bad_value_is_rejected_with_row_and_column_and_nothing_is_written(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = plan_of(data)
    agency, ind = pick(plan, data)
    other = next(i for i in lead_indicators(plan, agency) if i.id != ind.id)
    rows = fill(fill(read_csv_template(csv_template(capsys, data, tmp_path / "mau", agency)), ind.id, "1.234"), other.id, "50")
    path = write_filled_csv(tmp_path / "sai.csv", rows, delimiter=";", bom=False)
    before = progress_bytes(data)
    code, out = run(capsys, "import", str(path), "--data", str(data))
    assert code == 1, out
    bad_line = next(i for i, r in enumerate(rows, start=2) if r["Mã chỉ tiêu"] == ind.id and r["Giá trị"])
    assert f"LỖI sai.csv, dòng {bad_line}, cột «Giá trị»: «1.234» có thể hiểu hai cách" in out
    assert "Cách sửa:" in out and "KHÔNG ghi tệp nào" in out
    assert progress_bytes(data) == before  # the good row of the other indicator was not written either


def test_unknown_indicator_code_and_percent_out_of_range(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agency, ind = pick(plan_of(data), data)
    rows = fill(read_csv_template(csv_template(capsys, data, tmp_path / "mau", agency)), ind.id, "150")
    rows.append({**rows[0], "Mã chỉ tiêu": "khong-co-chi-tieu-nay", "Giá trị": "5", "Nguồn": "x"})
    path = write_filled_csv(tmp_path / "sai.csv", rows)
    before = progress_bytes(data)
    code, out = run(capsys, "import", str(path), "--data", str(data))
    assert code == 1
    assert f"dòng {len(rows) + 1}, cột «Mã chỉ tiêu»: Không có chỉ tiêu mã «khong-co-chi-tieu-nay»" in out
    assert "Tỉ lệ 150 nằm ngoài 0–100%" in out
    assert progress_bytes(data) == before


def test_blank_rows_are_listed_not_imported(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agency, _ = pick(plan_of(data), data)
    template = csv_template(capsys, data, tmp_path / "mau", agency)
    before = progress_bytes(data)
    code, out = run(capsys, "import", str(template), "--data", str(data))
    assert code == 0, out
    n = len(read_csv_template(template))
    assert f"Bỏ trống ({n} dòng, không nhập)" in out
    assert progress_bytes(data) == before


def test_xlsx_numbers_dates_and_percent_cells(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Cells typed as numbers, dates or percentages in Excel mean what they show."""
    agency, ind = pick(plan_of(data), data)
    out = tmp_path / "mau"
    code, text = run(capsys, "template", "--co-quan", agency, "--nam", str(YEAR), "--ra", str(out), "--data", str(data))
    assert code == 0, text
    filled = fill_xlsx(
        out / f"{agency}-{YEAR}.xlsx",
        tmp_path / "f.xlsx",
        {
            (ind.id, "Toàn tỉnh"): {"Giá trị": 0.975, "Nguồn": "Báo cáo (thử)", "Ngày báo cáo": dt.date(YEAR, 12, 1)},
        },
    )
    wb = openpyxl.load_workbook(filled)
    ws = wb[SHEET_DATA]
    col = {c.value: c.column for c in ws[1]}
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == ind.id)
    ws.cell(row=row, column=col["Giá trị"]).number_format = "0.0%"
    wb.save(filled)
    wb.close()
    code, text = run(capsys, "import", str(filled), "--data", str(data))
    assert code == 0, text
    last = (data / "progress" / f"{ind.id}.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert last.startswith(f"{YEAR},97.5,") and f",01/12/{YEAR}," in last


def test_non_canonical_existing_file_is_normalised(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agency, ind = pick(plan_of(data), data)
    target = data / "progress" / f"{ind.id}.csv"
    # Excel style: BOM, «;», CRLF, headers without diacritics, columns in another order.
    target.write_bytes('\ufeffNguon;Nam;Gia tri\r\n"Báo cáo; cũ";2015;10,5\r\n'.encode())
    rows = fill(read_csv_template(csv_template(capsys, data, tmp_path / "mau", agency)), ind.id, "20")
    code, out = run(capsys, "import", str(write_filled_csv(tmp_path / "f.csv", rows)), "--data", str(data))
    assert code == 0, out
    assert "chuẩn hóa" in out
    text = target.read_bytes().decode("utf-8")
    assert text == (
        ",".join(HEADER)
        + "\n"
        + '2015,"10,5",,,,Báo cáo; cũ,,,,,,\n'
        + f"{YEAR},20,,,,Báo cáo số 1/BC (thử),,{agency},01/12/{YEAR},,,\n"
    )
    assert check(data, TODAY).ok


def test_canonical_file_keeps_rows_byte_for_byte(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    agency, ind = pick(plan_of(data), data)
    target = data / "progress" / f"{ind.id}.csv"
    original = (
        ",".join(HEADER)
        + "\n"
        + '2015,10.50,,,,"Nguồn A, có dấu phẩy",,,,,,"Ghi chú\nhai dòng"\n'
        + f"{YEAR},30,,,,Nguồn B,,,,,,\n"
        + "2016,11,,,,Nguồn C,,,,,,\n"
    )
    target.write_text(original, encoding="utf-8", newline="")
    rows = fill(read_csv_template(csv_template(capsys, data, tmp_path / "mau", agency)), ind.id, "40")
    path = write_filled_csv(tmp_path / "f.csv", rows)
    code, out = run(capsys, "import", str(path), "--data", str(data), "--ghi-de")
    assert code == 0, out
    assert "dòng 4" in out  # the record of YEAR ends on physical line 4 (the note spans two lines)
    assert target.read_text(encoding="utf-8") == original.replace(
        f"{YEAR},30,,,,Nguồn B,,,,,,\n", f"{YEAR},40,,,,Báo cáo số 1/BC (thử),,{agency},01/12/{YEAR},,,\n"
    )


def test_template_districts(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Districts are added when the indicator already has district figures, or always with --cap huyen."""
    plan = plan_of(data)
    agency, ind = pick(plan, data)
    year = 2024  # TODAY's year: a template may be made for it; the district row written below is of 2023
    districts = [p for p in plan.places.places if p.level == "huyen"]
    code, out = run(
        capsys,
        "template",
        "--co-quan",
        agency,
        "--nam",
        str(year),
        "--dinh-dang",
        "csv",
        "--ra",
        str(tmp_path / "a"),
        "--data",
        str(data),
    )
    assert code == 0, out
    rows = [r for r in read_csv_template(tmp_path / "a" / f"{agency}-{year}.csv") if r["Mã chỉ tiêu"] == ind.id]
    assert [r["Địa bàn"] for r in rows] == ["Toàn tỉnh"]

    code, out = run(
        capsys,
        "template",
        "--co-quan",
        agency,
        "--nam",
        str(year),
        "--dinh-dang",
        "csv",
        "--cap",
        "huyen",
        "--ra",
        str(tmp_path / "b"),
        "--data",
        str(data),
    )
    assert code == 0, out
    all_rows = read_csv_template(tmp_path / "b" / f"{agency}-{year}.csv")
    for i in lead_indicators(plan, agency):
        assert [r["Địa bàn"] for r in all_rows if r["Mã chỉ tiêu"] == i.id] == ["Toàn tỉnh", *(d.full_name for d in districts)]

    target = data / "progress" / f"{ind.id}.csv"
    text = target.read_text(encoding="utf-8") if target.exists() else ",".join(HEADER) + "\n"
    target.write_text(text + f"2023,12.5,{districts[1].id},,Phương pháp X,Nguồn (thử),,,,,,\n", encoding="utf-8")
    assert check(data, TODAY).ok
    code, out = run(
        capsys,
        "template",
        "--co-quan",
        agency,
        "--nam",
        str(year),
        "--dinh-dang",
        "csv",
        "--ra",
        str(tmp_path / "c"),
        "--data",
        str(data),
    )
    assert code == 0, out
    rows = [r for r in read_csv_template(tmp_path / "c" / f"{agency}-{year}.csv") if r["Mã chỉ tiêu"] == ind.id]
    assert [r["Địa bàn"] for r in rows] == ["Toàn tỉnh", *(d.full_name for d in districts)]
    # every district row round-trips through the checker's place lookup
    filled = [dict(r, **{"Giá trị": "1", "Nguồn": "N"}) if r["Mã chỉ tiêu"] == ind.id else r for r in rows]
    code, out = run(capsys, "import", str(write_filled_csv(tmp_path / "d.csv", filled)), "--data", str(data), "--thu")
    assert code == 0, out


def test_template_bad_arguments_exit_one_in_vietnamese(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "template", "--co-quan", "khong-co", "--nam", str(YEAR), "--ra", str(tmp_path), "--data", str(data))
    assert code == 1 and "Không có cơ quan «khong-co»" in out and "so-giao-duc" in out  # the codes there are
    code, out = run(capsys, "template", "--co-quan", "so-giao-duc", "--nam", "1990", "--ra", str(tmp_path), "--data", str(data))
    assert code == 1 and "nằm ngoài khoảng" in out
    agency, _ = pick(plan_of(data), data)
    csv_template(capsys, data, tmp_path / "mau", agency)
    code, out = run(
        capsys,
        "template",
        "--co-quan",
        agency,
        "--nam",
        str(YEAR),
        "--dinh-dang",
        "csv",
        "--ra",
        str(tmp_path / "mau"),
        "--data",
        str(data),
    )
    assert code == 1 and "không ghi đè" in out  # a filled template is never overwritten
    proc = subprocess.run(
        [sys.executable, "-m", "plansite", "template", "--co-quan", "so-giao-duc"],
        capture_output=True,
        text=True,
        timeout=60,
        env=cli_env(TODAY),
    )
    assert proc.returncode == 2 and "LỖI: thiếu tùy chọn bắt buộc: --nam" in proc.stderr and "Traceback" not in proc.stderr


def test_import_of_missing_or_foreign_file(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "import", str(tmp_path / "khong-co.xlsx"), "--data", str(data))
    assert code == 1 and "Không đọc được tệp" in out
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    code, out = run(capsys, "import", str(pdf), "--data", str(data))
    assert code == 1 and "chỉ nhận tệp .xlsx hoặc .csv" in out
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, out = run(capsys, "import", str(broken), "--data", str(data))
    assert code == 1 and "Không đọc được bảng tính" in out and "Traceback" not in out


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (97.5, "97.5"),
        (100.0, "100"),
        (1.234, "1.2340"),
        (-1.234, "-1.2340"),
        (0.123, "0.123"),
        (1234.5, "1234.5"),
        (1e-05, "0.00001"),
        (26.7, "26.7"),
    ],
)
def test_number_text_is_read_back_as_the_same_number(value: float, text: str) -> None:
    from plansite.vi.numbers import parse_number

    assert number_text(value) == text
    assert parse_number(text) == value


def test_cell_text() -> None:
    assert _cell_text(None) == ""
    assert _cell_text(2025) == "2025"
    assert _cell_text(2025.0) == "2025"
    assert _cell_text(0.975, "0.0%") == "97,5"
    assert _cell_text(dt.datetime(2025, 12, 1, 0, 0)) == "01/12/2025"
    assert _cell_text(True) == "TRUE" and _cell_text(False) == "FALSE"
    assert _cell_text(" 26,7 ") == " 26,7 "


def test_file_changed_during_import_is_not_clobbered(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone saves the progress file while the import runs: nothing is written, the import asks to run again."""
    import plansite.staff.importer as staff

    agency, ind = pick(plan_of(data), data)
    target = data / "progress" / f"{ind.id}.csv"
    rows = fill(read_csv_template(csv_template(capsys, data, tmp_path / "mau", agency)), ind.id, "20")
    path = write_filled_csv(tmp_path / "f.csv", rows)
    real = staff.read_table
    meanwhile = ",".join(HEADER) + "\n2015,1,,,,Người khác vừa ghi,,,,,,\n"

    def read_and_interfere(p: Path, problems: Any) -> Any:
        if p.name == target.name and p.parent != target.parent:  # the final check of the merged text, before writing
            target.write_text(meanwhile, encoding="utf-8")
        return real(p, problems)

    monkeypatch.setattr(staff, "read_table", read_and_interfere)
    code, out = run(capsys, "import", str(path), "--data", str(data))
    assert code == 1, out
    assert "vừa bị thay đổi trong lúc lệnh nhập đang chạy" in out
    assert target.read_text(encoding="utf-8") == meanwhile
