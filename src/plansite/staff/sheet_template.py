"""A fill-in template for a staff file whose columns are declared once (``check.sheets.Sheet``: investment.csv,
task-updates.csv), for one agency and year, as .xlsx or CSV.

The sheet «Số liệu» has the file's own columns (the checker's labels, each with its help as a comment) and one
read-only column naming the programme, project or task group of a row. Its rows are prefilled with what the
agency is responsible for (``SheetTemplate.rows``); rows with nothing else filled are left blank by the import.
The sheet «Hướng dẫn» holds the instructions, the meaning of every column and the codes of the plan's data
that the columns take (programmes, projects, task groups, places). No text from data is ever a live formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plansite import model as m
from plansite.publish.tables import could_run
from plansite.staff.common import SHEET_DATA, SHEET_HELP, SPARE_ROWS, StaffError, deadline, output_files
from plansite.staff.sheet_import import SheetSpec
from plansite.staff.template import template_agency, template_plan
from plansite.staff.xlsx_cells import CellLooks, as_text
from plansite.vi import fmt

Prefill = Callable[[m.PlanData, str, int], list[dict[str, str]]]  # (plan, agency, year) -> prefilled cells by column id


@dataclass(frozen=True)
class SheetTemplate:
    spec: SheetSpec
    title: str  # «MẪU BÁO CÁO VỐN ĐẦU TƯ, CHƯƠNG TRÌNH, DỰ ÁN»
    what: str  # one line: what a row is («Mỗi dòng là một con số về vốn …»)
    name_label: str  # the read-only column naming a row's subject («Tên chương trình, dự án»)
    name_of: Callable[[m.PlanData, dict[str, str]], str]  # prefilled cells -> the subject's name
    rows: Prefill
    suffix: str  # file name after «<agency>-<year>-»: «dau-tu»


def file_name(t: SheetTemplate, agency: str, year: int) -> str:
    return f"{agency}-{year}-{t.suffix}"


def codes(plan: m.PlanData) -> list[tuple[str, list[tuple[str, str]]]]:
    """The codes the columns take, by list: (title, [(code, name)])."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    if plan.programmes:
        out.append(("Mã chương trình (programmes.yaml)", [(p.id, p.name) for p in plan.programmes]))
    if plan.projects:
        out.append(("Mã dự án (projects.yaml)", [(p.id, p.name) for p in plan.projects]))
    out.append(("Mã nhóm nhiệm vụ (tasks.yaml)", [(t.id, f"{t.number}. {t.label}") for t in plan.tasks]))
    out.append(("Mã địa bàn (places.yaml)", [(p.id, p.name) for p in plan.places.places]))
    return out


def instructions(t: SheetTemplate, plan: m.PlanData, agency: m.Agency, year: int, file_kind: str) -> list[str]:
    """The instructions, one paragraph a line, in reading order."""
    p = plan.plan
    due = deadline(plan, year)
    to = next((a.name for a in plan.agencies if a.id == p.reporting.to), p.reporting.to)
    sheet = t.spec.sheet
    lines = [
        f"{t.title} NĂM {year}",
        f"Cơ quan: {agency.name} (mã {agency.id})",
        f"Kế hoạch: {p.kind} số {p.number} — {p.short_title}",
        f"Hạn gửi: trước ngày {fmt.date(due)} (định kỳ ngày {p.reporting.day:02d}/{p.reporting.month:02d} hằng năm) về {to}.",
        "",
        "CÁCH ĐIỀN",
        f"1. {t.what}",
        "2. Các dòng đã điền sẵn những gì cơ quan phụ trách; điền tiếp các cột còn trống của dòng. Dòng không điền thêm gì "
        "thì không được nhập và được liệt kê là «bỏ trống».",
        f"3. Cột «{t.name_label}» chỉ để đọc; lệnh nhập bỏ qua cột này.",
        "4. Cần thêm dòng: dùng các dòng trống bên dưới, ghi đủ các cột bắt buộc.",
        "5. Chép đúng như nguồn, kể cả các từ «hơn», «gần», «trên», «khoảng» đứng trước con số; mỗi dòng có nguồn và "
        "câu trích dẫn nguyên văn.",
        "",
        "Ý NGHĨA CÁC CỘT",
        f"- {t.name_label} (chỉ để đọc): tên để dễ đọc.",
        *(f"- {c.label} ({'bắt buộc' if c.required else 'không bắt buộc'}): {c.help}" for c in sheet.columns),
        "",
        "LƯU VÀ GỬI",
    ]
    if file_kind == "xlsx":
        lines.append(f"- Giữ nguyên dạng .xlsx và tên trang tính «{SHEET_DATA}».")
    else:
        lines.append(
            "- Mở bằng Excel (tệp lưu mã UTF-8 có BOM nên chữ tiếng Việt hiện đúng). Khi lưu, chọn "
            "Tệp → Lưu thành → «CSV UTF-8 (Comma delimited) (*.csv)»."
        )
    lines.append(
        f"- Tải tệp lên thư mục nop/ của kho dữ liệu (Add file → Upload files), hoặc gửi cho {to}; kiểm tra tự động báo "
        "lỗi theo dòng và cột của bảng tính trước khi ghi."
    )
    return lines


def make_sheet_template(
    t: SheetTemplate,
    folder: Path | str | None,
    agency: str,
    year: int,
    today: dt.date,
    file_kind: str = "xlsx",
    out_dir: Path | str = ".",
    plan: m.PlanData | None = None,
) -> tuple[list[Path], list[dict[str, str]], Any]:
    """Write the template file(s); return (files, prefilled rows, problems of the plan data). StaffError on bad
    arguments, or when the agency has nothing of this kind to fill."""
    _root, plan, problems = template_plan(folder, file_kind, plan)
    if plan is None or problems.errors:
        return [], [], problems
    ag = template_agency(plan, agency, year, today)
    rows = t.rows(plan, ag.id, year)
    if not rows:
        raise StaffError(
            f"«{ag.name}» không phụ trách chương trình, dự án hay nhiệm vụ nào của loại tệp «{t.spec.sheet.what}».",
            "Chọn cơ quan khác bằng --co-quan, hoặc loại tệp khác bằng --loai.",
        )
    target, companion = output_files(out_dir, file_name(t, ag.id, year), file_kind)
    header = [t.name_label, *(c.label for c in t.spec.sheet.columns)]
    cells = [[t.name_of(plan, r), *(r.get(c.id, "") for c in t.spec.sheet.columns)] for r in rows]
    text = instructions(t, plan, ag, year, file_kind)
    if file_kind == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(header)
        w.writerows([[("'" + c) if could_run(c) else c for c in r] for r in cells])
        target.write_bytes(buf.getvalue().encode("utf-8-sig"))
        lists = [f"{title}: " + "; ".join(f"{code} = {name}" for code, name in items) for title, items in codes(plan)]
        companion.write_text("\r\n".join([*text, "", "DANH MỤC MÃ", *lists]) + "\r\n", encoding="utf-8-sig", newline="")
        return [target, companion], rows, problems
    _write_xlsx(target, t, plan, header, cells, text, year)
    return [target], rows, problems


def _write_xlsx(
    path: Path, t: SheetTemplate, plan: m.PlanData, header: list[str], rows: list[list[str]], text: list[str], year: int
) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_DATA
    ws.append(header)
    helps = {t.name_label: "Chỉ để đọc; lệnh nhập bỏ qua cột này."} | {c.label: c.help for c in t.spec.sheet.columns}
    for i, label in enumerate(header, start=1):
        c = ws.cell(row=1, column=i)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="1F4E79")
        c.alignment = Alignment(wrap_text=True, vertical="center")
        c.comment = Comment(helps[label], "plansite")
        ws.column_dimensions[get_column_letter(i)].width = 44 if i == 1 else max(14, min(40, len(label) + 4))
    for r in rows:
        ws.append(r)
    last = len(rows) + 1 + SPARE_ROWS  # the rows Excel's lists of choices cover
    grey = PatternFill("solid", fgColor="E7E6E6")
    looks = CellLooks()
    for row_i in range(2, len(rows) + 2):
        c = ws.cell(row=row_i, column=1)
        if not looks.copy_to(c, "name"):
            c.fill = grey
            looks.remember(c, "name")
        for col_i in range(2, len(header) + 1):
            c = ws.cell(row=row_i, column=col_i)
            if not looks.copy_to(c, "text"):
                c.number_format = "@"  # typed as text, read by the documented rules
                looks.remember(c, "text")
    # The rows below are empty cells with the column's style (Excel's and LibreOffice's rule for a cell with no
    # style of its own): no cell is written for them, which was most of a template's size and time.
    ws.column_dimensions["A"].fill = grey
    for col_i in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(col_i)].number_format = "@"
    for i, col in enumerate(t.spec.sheet.columns, start=2):
        if col.choices and len('"' + ",".join(col.choices) + '"') <= 255:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(c for c in col.choices if c) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=col.label,
                error=col.help[:255],
            )
            letter = get_column_letter(i)
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "B2"
    hs = wb.create_sheet(SHEET_HELP)
    hs.column_dimensions["A"].width = 40
    hs.column_dimensions["B"].width = 100
    for line in text:
        hs.append([line])
        c = hs.cell(row=hs.max_row, column=1)
        if line and line == line.upper():
            c.font = Font(bold=True)
    for title, items in codes(plan):
        hs.append([])
        hs.append([title])
        hs.cell(row=hs.max_row, column=1).font = Font(bold=True)
        for code, name in items:
            hs.append([code, name])
    for sheet in wb.worksheets:
        as_text(sheet)
    wb.properties.creator = "plansite"
    wb.properties.title = f"{t.title.capitalize()} năm {year}"
    wb.active = 0
    wb.save(path)
