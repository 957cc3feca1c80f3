"""The investment and task-evidence files through the staff route (issue 16 point 5, issue 17 point 6): a template
per agency and year (``<agency>-<year>-dau-tu.xlsx``, ``<agency>-<year>-nhiem-vu.xlsx``), filled in a spreadsheet,
imported by the same commands and the same upload route as progress figures, checked by the checker's own rules
(errors at the spreadsheet's row and column), with conflicts never overwritten without confirmation. A plan
without programmes or projects offers no investment template.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from plansite.pipeline import check
from plansite.staff import SHEET_DATA, SHEET_HELP, report_lines
from plansite.staff import filekinds as fk
from plansite.staff.common import BLANK, CONFLICT, SAME
from plansite.staff.site_templates import site_templates, template_years, write_templates
from plansite.staff.uploads import IMPORTED, REFUSED, TO_CONFIRM, detect, process
from staffkit import plan_of, staff_data
from testkit import TODAY, with_investment

YEAR = TODAY.year - 1


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = with_investment(staff_data(tmp_path / "data"))
    assert check(folder, TODAY).ok
    return folder


def template(kind: fk.StaffFileKind, data: Path, agency: str, out: Path) -> Path:
    files, _rows, _ = kind.make_template(data, agency, YEAR, TODAY, "xlsx", out)
    suffix = {"dau-tu": "dau-tu", "nhiem-vu": "nhiem-vu"}[kind.id]
    assert files and files[0].name == f"{agency}-{YEAR}-{suffix}.xlsx" == f"{kind.template_name(agency, YEAR)}.xlsx"
    return files[0]


def fill(path: Path, rows: list[dict[str, str]], dest: Path) -> Path:
    """Fill the template's prefilled rows in order (cells by column label); rows past them go below."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_DATA]
    header = [c.value for c in ws[1]]
    for i, cells in enumerate(rows, start=2):
        for label, value in cells.items():
            ws.cell(row=i, column=header.index(label) + 1, value=value)
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return dest


FIGURE = {
    "Hạng mục": "Toàn dự án",
    "Thời gian": f"năm {YEAR}",
    "Chỉ số": "giai-ngan",
    "Mô tả chỉ số": "vốn đã giải ngân",
    "Giá trị": "hơn 12,5",
    "Đơn vị": "tỷ đồng",
    "Nguồn vốn": "dia-phuong",
    "Kế hoạch hay kết quả": "ket-qua",
    "Trích dẫn": "Dự án đã giải ngân hơn 12,5 tỷ đồng (mẫu).",
    "Nguồn": "Báo cáo mẫu của Sở",
    "Liên kết nguồn": "https://example.org/bao-cao",
}


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_the_kinds_are_registered_and_found_by_their_headers(data: Path) -> None:
    assert set(fk.FILE_KINDS) == {"so-lieu", "dau-tu", "nhiem-vu"}
    inv = [c.label for c in fk.INVESTMENT.columns]
    tasks = [c.label for c in fk.TASK_UPDATES.columns]
    assert fk.kind_of(inv) is fk.INVESTMENT and fk.kind_of(["Tên chương trình, dự án", *inv]) is fk.INVESTMENT
    assert fk.kind_of(tasks) is fk.TASK_UPDATES
    assert fk.INVESTMENT.target(data, "") == data / "investment.csv"
    assert fk.TASK_UPDATES.target(data, "") == data / "task-updates.csv"


def test_the_investment_template_lists_the_agencys_projects_and_explains_every_column(data: Path, tmp_path: Path) -> None:
    plan = plan_of(data)
    agency = next(p.agency for p in plan.projects if p.agency)
    path = template(fk.INVESTMENT, data, agency, tmp_path / "mau")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SHEET_DATA, SHEET_HELP]
    ws = wb[SHEET_DATA]
    header = [c.value for c in ws[1]]
    assert header == ["Tên chương trình, dự án", *(c.label for c in fk.INVESTMENT.columns)]
    projects = [ws.cell(row=r, column=header.index("Dự án") + 1).value for r in range(2, ws.max_row + 1)]
    assert {p.id for p in plan.projects if p.agency == agency} <= set(projects)
    assert all(ws.cell(row=1, column=i + 1).comment for i in range(len(header)))  # each column's help
    help_text = "\n".join(str(c.value) for row in wb[SHEET_HELP].iter_rows() for c in row if c.value)
    for col in fk.INVESTMENT.columns:
        assert col.label in help_text
    assert all(p.id in help_text for p in plan.programmes)  # the codes the columns take


def test_a_filled_investment_template_is_imported_as_the_checker_reads_it(data: Path, tmp_path: Path) -> None:
    plan = plan_of(data)
    agency = next(p.agency for p in plan.projects if p.agency)
    filled = fill(template(fk.INVESTMENT, data, agency, tmp_path / "mau"), [FIGURE], data / "nop" / "von.xlsx")
    before = rows_of(data / "investment.csv")
    assert detect(filled, plan) is fk.INVESTMENT
    run = process(data, TODAY)
    (u,) = run.uploads
    assert u.kind is fk.INVESTMENT and u.status == IMPORTED, [p.text() for p in u.report.problems]
    after = rows_of(data / "investment.csv")
    assert after[: len(before)] == before  # rows already there kept as they were
    (new,) = after[len(before) :]
    assert new["Giá trị"] == "hơn 12,5" and new["Nguồn"] == FIGURE["Nguồn"]  # the qualifier kept as written
    assert not filled.exists()
    checked = check(data, TODAY)
    assert checked.ok and any(f.qualifier == "hơn" and f.value_text == "hơn 12,5" for f in checked.plan.figures)
    text = "\n".join(report_lines(u.report))
    assert "Dự án" in text and "Thêm:" in text and "hơn 12,5 tỷ đồng" in text
    assert [r.status for r in u.report.results].count(BLANK) == len(u.report.results) - 1  # other rows left blank, said so


def test_errors_are_at_the_spreadsheets_row_and_column_and_nothing_is_written(data: Path, tmp_path: Path) -> None:
    plan = plan_of(data)
    agency = next(p.agency for p in plan.projects if p.agency)
    bad = FIGURE | {"Giá trị": "mười hai", "Kế hoạch hay kết quả": "ke-hoach"}
    good = FIGURE | {"Thời gian": f"6 tháng đầu năm {YEAR}"}
    filled = fill(template(fk.INVESTMENT, data, agency, tmp_path / "mau"), [good, bad], data / "nop" / "von.xlsx")
    before = (data / "investment.csv").read_bytes()
    run = process(data, TODAY)
    (u,) = run.uploads
    assert u.status == REFUSED
    errors = {(p.line, p.column) for p in u.report.problems.errors}
    assert (3, "Giá trị") in errors  # the row of the spreadsheet, the column's label
    assert all(p.file.endswith("von.xlsx") for p in u.report.problems.errors)
    assert (data / "investment.csv").read_bytes() == before and filled.exists()


def test_a_different_figure_for_the_same_thing_waits_for_confirmation(data: Path, tmp_path: Path) -> None:
    plan = plan_of(data)
    agency = next(p.agency for p in plan.projects if p.agency)
    mau = template(fk.INVESTMENT, data, agency, tmp_path / "mau")
    fill(mau, [FIGURE], data / "nop" / "von.xlsx")
    assert process(data, TODAY).uploads[0].status == IMPORTED
    once = (data / "investment.csv").read_bytes()
    fill(mau, [FIGURE], data / "nop" / "von.xlsx")  # the same again: nothing new
    u = process(data, TODAY).uploads[0]
    assert u.status == IMPORTED and not u.report.changes and SAME in [r.status for r in u.report.results]
    fill(mau, [FIGURE | {"Giá trị": "13"}], data / "nop" / "von.xlsx")
    u = process(data, TODAY).uploads[0]
    assert u.status == TO_CONFIRM and CONFLICT in [r.status for r in u.report.results]
    conflict = next(p for p in u.report.problems if p.kind == "xung-dot")
    assert "hơn 12,5 → 13" in conflict.message
    assert (data / "investment.csv").read_bytes() == once
    u = process(data, TODAY, overwrite=True).uploads[0]
    assert u.status == IMPORTED
    values = [r["Giá trị"] for r in rows_of(data / "investment.csv") if r["Nguồn"] == FIGURE["Nguồn"]]
    assert values == ["13"]


def test_task_evidence_goes_the_same_way(data: Path, tmp_path: Path) -> None:
    plan = plan_of(data)
    agency = fk.TASK_UPDATES.agencies(plan)[0]
    path = template(fk.TASK_UPDATES, data, agency, tmp_path / "mau")
    update = {
        "Ngày": f"15/03/{YEAR}",
        "Loại": "ket-qua",
        "Văn bản, sự kiện": "Báo cáo mẫu số 9/BC",
        "Cơ quan ban hành, chủ trì": "Sở mẫu",
        "Nội dung": "Kết quả mẫu của nhiệm vụ.",
        "Trích dẫn": "Đã hoàn thành (mẫu).",
        "Nguồn": "Báo cáo mẫu",
        "Liên kết nguồn": "https://example.org/nv",
    }
    fill(path, [update], data / "nop" / "nhiem-vu.xlsx")
    before = len(rows_of(data / "task-updates.csv"))
    u = process(data, TODAY).uploads[0]
    assert u.kind is fk.TASK_UPDATES and u.status == IMPORTED, [p.text() for p in u.report.problems]
    rows = rows_of(data / "task-updates.csv")
    assert len(rows) == before + 1 and rows[-1]["Văn bản, sự kiện"] == "Báo cáo mẫu số 9/BC"
    task = rows[-1]["Nhiệm vụ"]
    assert task in {t.id for t in plan.tasks if any(a.agency == agency for a in t.agencies)}
    assert any(x.document == "Báo cáo mẫu số 9/BC" for x in check(data, TODAY).plan.task_updates)
    fill(path, [update | {"Liên kết nguồn": "javascript:alert(1)"}], data / "nop" / "nhiem-vu.xlsx")
    u = process(data, TODAY).uploads[0]
    assert u.status == REFUSED and any(p.column == "Liên kết nguồn" for p in u.report.problems.errors)


def test_the_site_offers_the_templates_and_a_plan_without_investment_offers_none(data: Path, tmp_path: Path) -> None:
    plan = plan_of(data)
    years = template_years(plan, TODAY)
    offered = {t.path for t in site_templates(plan, TODAY)}
    for a in fk.INVESTMENT.agencies(plan):
        assert {f"huong-dan/mau/{a}-{y}-dau-tu.xlsx" for y in years} <= offered
    for a in fk.TASK_UPDATES.agencies(plan):
        assert {f"huong-dan/mau/{a}-{y}-nhiem-vu.xlsx" for y in years} <= offered
    written = write_templates(tmp_path / "site", data, plan, TODAY, None)
    assert any(t.kind is fk.INVESTMENT for t in written)
    assert all((tmp_path / "site" / t.path).stat().st_size > 0 for t in written)

    bare = staff_data(tmp_path / "bare")
    bare_plan = plan_of(bare)
    assert fk.INVESTMENT.agencies(bare_plan) == []
    assert not any(t.kind is fk.INVESTMENT for t in site_templates(bare_plan, TODAY))
