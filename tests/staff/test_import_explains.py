"""The importer says what it did (issue 16, points 3 and 3b), on the staff data (``staffkit.staff_data``):

* each added or changed figure in words (indicator, place, year, value with its unit);
* a located warning, never blocking, for a row without a method or a reporting agency;
* what it understood of cells written another way («26,7 %» → 26,7, a place typed without diacritics);
* a row with more cells than the header is named first, with the likely cause (an unquoted decimal comma),
  counting the cells of the file as the person sees them; trailing empty cells alone are only a warning;
* unknown names get the nearest valid names (folded edit distance), and every hint's example passes the checker.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from plansite import model as m
from plansite.problems import Problem
from plansite.staff import TEMPLATE_HEADER, ImportReport, import_file, report_lines
from staffkit import YEAR, pick, plan_of, staff_data
from testkit import TODAY


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return staff_data(tmp_path / "data")


def row(ind: m.Indicator, **cells: str) -> dict[str, str]:
    base = {"Mã chỉ tiêu": ind.id, "Tên chỉ tiêu": ind.name, "Năm": str(YEAR), "Nguồn": "Báo cáo số 5/BC (thử)"}
    base.update({"Ngày báo cáo": f"10/12/{YEAR}", "Phương pháp": "Điều tra (thử)"})
    return base | {k.replace("_", " "): v for k, v in cells.items()}


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=TEMPLATE_HEADER, lineterminator="\n", restval="")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def imported(data: Path, path: Path, overwrite: bool = False) -> tuple[ImportReport, str]:
    report = import_file(path, data, TODAY, overwrite=overwrite)
    return report, "\n".join(report_lines(report))


def at(report: ImportReport, line: int) -> list[Problem]:
    return [p for p in report.problems if p.line == line]


def test_each_figure_added_or_replaced_is_named_in_words(data: Path, tmp_path: Path) -> None:
    agency, ind = pick(plan_of(data), data)
    path = write_csv(tmp_path / "nhap.csv", [row(ind, **{"Giá_trị": "17,2", "Cơ_quan_báo_cáo": agency})])
    report, text = imported(data, path)
    assert report.exit_code() == 0, [p.text() for p in report.problems]
    own = plan_of(data).place(plan_of(data).plan.place).full_name
    assert f"dòng 2: Thêm: {ind.name}, {own}, {YEAR}: 17,2%" in text
    again = write_csv(tmp_path / "sua.csv", [row(ind, **{"Giá_trị": "18", "Cơ_quan_báo_cáo": agency})])
    report, text = imported(data, again, overwrite=True)
    assert report.exit_code() == 0
    assert f"dòng 2: Ghi đè: {ind.name}, {own}, {YEAR}: 18%" in text
    change = report.changes[0]
    assert [words for _, words in change.lines] == [f"Thay: {ind.name}, {own}, {YEAR}: 18% (trước đây: 17,2%)"]
    line = change.lines[0][0]
    assert change.path.read_text(encoding="utf-8").splitlines()[line - 1].startswith(f"{YEAR},18,")


def test_rows_without_method_or_agency_are_warned_at_their_cell_and_imported(data: Path, tmp_path: Path) -> None:
    agency, ind = pick(plan_of(data), data)
    rows = [row(ind, **{"Giá_trị": "40", "Phương_pháp": "", "Cơ_quan_báo_cáo": ""})]
    report, _ = imported(data, write_csv(tmp_path / "nhap.csv", rows))
    assert report.exit_code() == 0 and report.written
    found = {(p.kind, p.line, p.column, p.severity) for p in report.problems}
    assert ("nhap-thieu-phuong-phap", 2, "Phương pháp", "warning") in found
    assert ("nhap-thieu-co-quan", 2, "Cơ quan báo cáo", "warning") in found
    hint = next(p.hint for p in report.problems if p.kind == "nhap-thieu-co-quan")
    assert f"«{agency}»" in hint  # the indicator's leading agency, from the data


def test_what_was_understood_is_said(data: Path, tmp_path: Path) -> None:
    agency, ind = pick(plan_of(data), data)
    plan = plan_of(data)
    unit = next(p for p in plan.places.places if p.level != plan.place(plan.plan.place).level and p.valid_to is None)
    folded = unit.name.replace("Đ", "D").replace("ồ", "o").replace("ố", "o").replace("ạ", "a").replace("ố", "o")
    rows = [row(ind, **{"Giá_trị": "26,7 %", "Địa_bàn": folded.lower(), "Cơ_quan_báo_cáo": agency})]
    report, text = imported(data, write_csv(tmp_path / "nhap.csv", rows))
    assert report.exit_code() == 0, [p.text() for p in report.problems]
    assert f"dòng 2: «26,7 %» → 26,7; «{folded.lower()}» → {unit.full_name}" in text


def test_a_row_longer_than_the_header_is_named_first_with_its_cause(data: Path, tmp_path: Path) -> None:
    agency, ind = pick(plan_of(data), data)
    path = write_csv(tmp_path / "nhap.csv", [row(ind, **{"Giá_trị": "12", "Cơ_quan_báo_cáo": agency})])
    cells = next(csv.reader([path.read_text(encoding="utf-8").splitlines()[1]]))
    value = TEMPLATE_HEADER.index("Giá trị")
    cells[value] = "26,7 %"
    assert cells[-1] == ""  # «Ghi chú» empty: the cell the split pushes out of the header is empty too
    line = ",".join(cells)  # «26,7 %» unquoted: the comma splits it in two
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    report, _ = imported(data, path)
    assert not report.ok
    problems = at(report, 3)
    first = problems[0]
    assert first.kind == "thua-o" and first.column is None
    n = len(TEMPLATE_HEADER)  # counted as the person sees the file, with the template's own two columns
    assert first.message.startswith(f"Dòng có {n + 1} ô, tiêu đề có {n}")
    assert "«26,7 %»" in first.message and "dấu phẩy thập phân" in first.message
    assert '"26,7 %"' in first.hint and "chấm phẩy" in first.hint
    assert at(report, 2) == []  # the good row has no problem


def test_trailing_empty_cells_alone_are_a_warning(data: Path, tmp_path: Path) -> None:
    agency, ind = pick(plan_of(data), data)
    path = write_csv(tmp_path / "nhap.csv", [row(ind, **{"Giá_trị": "12", "Cơ_quan_báo_cáo": agency})])
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text(text[0] + "\n" + text[1] + ",,\n", encoding="utf-8")
    report, _ = imported(data, path)
    assert report.exit_code() == 0 and report.written
    assert [(p.kind, p.severity) for p in at(report, 2)] == [("thua-o-trong", "warning")]


# --------------------------------------------------------------------------- nearest names; examples that pass

EXAMPLE = re.compile(r"«([^»]+)»")


def test_an_unknown_place_suggests_the_nearest_real_name(data: Path, tmp_path: Path) -> None:
    agency, ind = pick(plan_of(data), data)
    plan = plan_of(data)
    unit = next(p for p in plan.places.places if p.level != plan.place(plan.plan.place).level and p.valid_to is None)
    other_kind = next(p.kind for p in plan.places.places if p.kind != unit.kind)
    typed = f"{other_kind} {unit.name}"  # «Xã Nà Phặc» for «Thị trấn Nà Phặc»
    rows = [row(ind, **{"Giá_trị": "12", "Địa_bàn": typed, "Cơ_quan_báo_cáo": agency})]
    report, _ = imported(data, write_csv(tmp_path / "nhap.csv", rows))
    p = next(p for p in report.problems if p.kind == "dia-ban-khong-co")
    assert EXAMPLE.findall(p.hint)[0] == unit.full_name
    assert f"gần giống: «{unit.full_name}»" in p.message


CASES = {  # column -> a wrong value typed in it, and the kind it gets
    "Địa bàn": ("Xa Khong Co That", "dia-ban-khong-co"),
    "Cơ quan báo cáo": ("So Giao Duc", "co-quan-khong-co"),
    "Mã chỉ tiêu": ("ty-le-khong-co", "chi-tieu-khong-co"),
    "Chuỗi số liệu": ("chuoi-khong-co", "chuoi-khong-co"),
}


@pytest.mark.parametrize("column", list(CASES))
def test_every_example_of_a_hint_passes_the_checker(data: Path, tmp_path: Path, column: str) -> None:
    agency, ind = pick(plan_of(data), data)
    wrong, kind = CASES[column]
    cells = row(ind, **{"Giá_trị": "12", "Cơ_quan_báo_cáo": agency}) | {column: wrong}
    report, _ = imported(data, write_csv(tmp_path / "sai.csv", [cells]))
    p = next((p for p in report.problems if p.kind == kind), None)
    if p is None:  # «Chuỗi số liệu» names its choices without «»: take them from the hint's list
        pytest.fail(f"no {kind}: {[x.text() for x in report.problems]}")
    shown = EXAMPLE.findall(p.hint) or re.findall(r"một trong: ([^;.]+)", p.hint)[0].split(", ")
    assert shown, p.hint
    for i, example in enumerate(shown):
        fixed = cells | {column: example}
        again, _ = imported(data, write_csv(tmp_path / f"sua-{i}.csv", [fixed]), overwrite=True)
        bad = [x.text() for x in again.problems.errors if x.column == column or x.kind == kind]
        assert not bad, f"the hint's example «{example}» is refused itself: {bad}"


def test_an_ambiguous_place_hint_example_passes(data: Path, tmp_path: Path) -> None:
    """A name two places share (in no year told apart) gets an id as its example, which the checker takes."""
    agency, ind = pick(plan_of(data), data)
    plan = plan_of(data)
    names: dict[str, list[m.Place]] = {}
    for p in plan.places.places:
        names.setdefault(p.name, []).append(p)
    shared = next((n for n, ps in names.items() if len(ps) > 1), None)
    if shared is None:
        pytest.skip("no two places share a name")
    cells = row(ind, **{"Giá_trị": "12", "Cơ_quan_báo_cáo": agency, "Địa_bàn": shared})
    report, _ = imported(data, write_csv(tmp_path / "sai.csv", [cells | {"Năm": str(YEAR)}]))
    hints = [p for p in report.problems if p.kind == "dia-ban-mo-ho"]
    for p in hints:
        example = EXAMPLE.findall(p.hint)[0]
        again, _ = imported(data, write_csv(tmp_path / "sua.csv", [cells | {"Địa bàn": example}]))
        assert not [x for x in again.problems.errors if x.column == "Địa bàn"], example
