"""A fill-in template per agency and year: one row per (indicator it leads, place), as .xlsx or CSV, with instructions."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plansite import model as m
from plansite.check.progress import COLUMNS, PlaceIndex, alive
from plansite.check.progress.rules import whole_labels
from plansite.load.files import data_dir
from plansite.problems import Problems
from plansite.publish.tables import could_run
from plansite.staff.common import (
    CODE_HELP,
    CODE_LABEL,
    FORMATS,
    NAME_HELP,
    NAME_LABEL,
    NUMBER_RULE,
    SHEET_DATA,
    SHEET_HELP,
    SPARE_ROWS,
    TEMPLATE_HEADER,
    StaffError,
    deadline,
    load,
    output_files,
)
from plansite.staff.progress_facts import progress_facts
from plansite.staff.xlsx_cells import CellLooks, as_text
from plansite.status.reporting import lead_indicators
from plansite.vi import fmt
from plansite.vi.text import key


@dataclass(frozen=True)
class TemplateRow:
    indicator: m.Indicator
    place: m.Place
    place_text: str  # what the row shows in «Địa bàn»
    method: str  # the latest method of the indicator's figures, prefilled


def template_rows(plan: m.PlanData, folder: Path, agency: str, year: int, level: str | None = None) -> list[TemplateRow]:
    """One row per (indicator the agency leads, place).

    Places: the plan's own place; plus every unit of the next level down valid in ``year``
    when the indicator already has figures at that level, or every unit of ``level`` (a level
    id of places.yaml) valid in ``year`` inside the plan's place when asked for.
    """
    hierarchy = plan.places
    places = PlaceIndex(hierarchy.places, [lv.id for lv in hierarchy.levels])
    own = plan.place(plan.plan.place)
    below = next((lv.id for lv in hierarchy.levels if hierarchy.rank(lv.id) > hierarchy.rank(own.level)), None)
    wanted = level or below
    units = [p for p in hierarchy.places if p.level == wanted and alive(p, year) and _inside(hierarchy, p, own.id)]
    whole = {key(w) for w in whole_labels(plan) if w}
    own_label = next((w for w in whole_labels(plan) if w), own.full_name)
    out: list[TemplateRow] = []

    def unit_of(text: str, in_year: int | None) -> bool:  # a place of the file, as written, is a unit of ``wanted``
        place, _ = places.find(text, in_year)
        return place is not None and place.level == wanted

    for ind in lead_indicators(plan, agency):
        facts = progress_facts(folder, ind.id)
        has_units = any(unit_of(text, y) for text, years in facts.places.items() if key(text) not in whole for y in years)
        method = facts.latest_method(ind.primary_series)
        out.append(TemplateRow(ind, own, own_label, method))
        if level is not None or has_units:
            for d in units:
                found, _ = places.find(d.full_name, year)
                out.append(TemplateRow(ind, d, d.full_name if found is not None and found.id == d.id else d.id, method))
    return out


def _inside(hierarchy: m.Places, place: m.Place, ancestor: str) -> bool:
    by_id = {p.id: p for p in hierarchy.places}
    seen: set[str] = set()
    cur: m.Place | None = place
    while cur is not None and cur.parent is not None and cur.id not in seen:
        seen.add(cur.id)
        if cur.parent == ancestor:
            return True
        cur = by_id.get(cur.parent)
    return False


def _series_text(ind: m.Indicator) -> str:
    if not ind.series:
        return "chỉ có chuỗi chính (để trống cột «Chuỗi số liệu»)"
    names = [f"{s.id} ({s.name}{', chuỗi chính' if i == 0 else ''})" for i, s in enumerate(ind.series)]
    return "; ".join(names)


def instructions(plan: m.PlanData, agency: m.Agency, year: int, indicators: Sequence[m.Indicator], file_kind: str) -> list[str]:
    """The instructions of a template, one paragraph a line (a sheet of the .xlsx, or the companion .txt).

    Longer than most functions here: it is the text staff read, kept in reading order."""
    p = plan.plan
    due = deadline(plan, year)
    to = next((a.name for a in plan.agencies if a.id == p.reporting.to), p.reporting.to)
    lines = [
        f"MẪU BÁO CÁO SỐ LIỆU NĂM {year}",
        f"Cơ quan: {agency.name} (mã {agency.id})",
        f"Kế hoạch: {p.kind} số {p.number} — {p.short_title}",
        f"Hạn gửi: trước ngày {fmt.date(due)} (định kỳ ngày {p.reporting.day:02d}/{p.reporting.month:02d} hằng năm) "
        f"về {to}. Ngày ghi ở cột «Ngày báo cáo» dùng để tính báo cáo đúng hạn.",
        "",
        "CÁCH ĐIỀN",
        "1. Mỗi dòng là một con số: một chỉ tiêu, một năm, một địa bàn.",
        "2. Điền cột «Giá trị», «Nguồn» và «Ngày báo cáo» (dd/mm/yyyy). Nếu có, điền thêm «Liên kết nguồn», «Sơ bộ», "
        "«Ước tính», «Ghi chú».",
        f"3. Không sửa cột «{CODE_LABEL}»: lệnh nhập số liệu (import) dùng cột này để biết dòng thuộc chỉ tiêu nào. "
        f"Cột «{NAME_LABEL}» chỉ để đọc; lệnh nhập bỏ qua cột này.",
        "4. Chưa có số liệu cho dòng nào thì để trống ô «Giá trị»: dòng đó không được nhập và được liệt kê là «bỏ trống» "
        "trong báo cáo nhập.",
        "5. «Năm» và «Cơ quan báo cáo» đã điền sẵn. «Phương pháp» đã điền sẵn theo số liệu gần nhất của chỉ tiêu; "
        "chỉ sửa khi chuẩn hoặc cách tính thay đổi.",
        f"6. Muốn báo thêm số liệu (địa bàn khác, chuỗi số liệu khác): thêm dòng mới bên dưới, ghi đủ «{CODE_LABEL}», "
        "«Năm», «Giá trị», «Nguồn».",
        "",
        "CÁCH GHI SỐ",
        *(f"- {r}" for r in NUMBER_RULE),
        "",
        "ĐƠN VỊ CỦA TỪNG CHỈ TIÊU",
        *(f"- {i.id}: {i.name} — đơn vị: {i.unit}; chuỗi số liệu: {_series_text(i)}" for i in indicators),
        "",
        "Ý NGHĨA CÁC CỘT",
        f"- {CODE_LABEL} (bắt buộc): {CODE_HELP}",
        f"- {NAME_LABEL} (chỉ để đọc): {NAME_HELP}",
        *(f"- {c.label} ({'bắt buộc' if c.required else 'không bắt buộc'}): {c.help}" for c in COLUMNS),
        "",
        "LƯU VÀ GỬI",
    ]
    if file_kind == "xlsx":
        lines += [
            f"- Giữ nguyên dạng .xlsx và tên trang tính «{SHEET_DATA}». Trang tính được khóa nhẹ (không mật khẩu) để "
            f"tránh sửa nhầm hai cột «{CODE_LABEL}», «{NAME_LABEL}»; các dòng trống bên dưới dùng để thêm dòng.",
        ]
    else:
        lines += [
            "- Mở bằng Excel (tệp lưu mã UTF-8 có BOM nên chữ tiếng Việt hiện đúng). Khi lưu, chọn "
            "Tệp → Lưu thành → «CSV UTF-8 (Comma delimited) (*.csv)»; không chọn «CSV (Comma delimited)».",
        ]
    lines += [
        f"- Gửi tệp đã điền cho {to}. Cán bộ kỹ thuật nhập tệp bằng lệnh: python -m plansite import <tệp>; "
        "lệnh kiểm tra mọi dòng và báo lỗi (dòng, cột, cách sửa) trước khi ghi.",
    ]
    return lines


def make_template(
    folder: Path | str | None,
    agency: str,
    year: int,
    today: dt.date,
    file_kind: str = "xlsx",
    out_dir: Path | str = ".",
    level: str | None = None,
    plan: m.PlanData | None = None,
) -> tuple[list[Path], list[TemplateRow], Problems]:
    """Write the template file(s); return (files, rows, problems of the plan data). Raise StaffError on bad arguments.

    ``plan``: the plan of ``folder`` already loaded and checked (the site's build passes it for every template)."""
    root, plan, problems = template_plan(folder, file_kind, plan)
    if plan is None or problems.errors:
        return [], [], problems
    if level is not None and level not in [lv.id for lv in plan.places.levels]:
        choices = ", ".join(f"{lv.id} ({lv.name})" for lv in plan.places.levels)
        raise StaffError(f"Cấp «{level}» không có trong danh mục địa bàn.", f"Dùng --cap với một trong: {choices}.")
    ag = template_agency(plan, agency, year, today)
    rows = template_rows(plan, root, ag.id, year, level)
    if not rows:
        raise StaffError(
            f"«{ag.name}» không chủ trì chỉ tiêu định lượng nào; không có gì để điền.", "Chọn cơ quan khác bằng --co-quan."
        )
    target, companion = output_files(out_dir, f"{ag.id}-{year}", file_kind)
    inds = [plan.indicator(i) for i in dict.fromkeys(r.indicator.id for r in rows)]
    text = instructions(plan, ag, year, inds, file_kind)
    cells = [_template_cells(r, year, ag.id) for r in rows]
    if file_kind == "csv":
        _write_csv_template(target, cells)
        companion.write_text("\r\n".join(text) + "\r\n", encoding="utf-8-sig", newline="")
        return [target, companion], rows, problems
    _write_xlsx_template(target, cells, text, plan, inds, year)
    return [target], rows, problems


def template_plan(
    folder: Path | str | None, file_kind: str, plan: m.PlanData | None = None
) -> tuple[Path, m.PlanData | None, Problems]:
    """What every template maker starts with: a known format, and the plan (``plan`` when the caller has it already
    loaded and checked, else loaded from ``folder``) with the problems of its data."""
    if file_kind not in FORMATS:
        raise StaffError(f"Định dạng «{file_kind}» không hỗ trợ.", "Dùng --dinh-dang xlsx hoặc --dinh-dang csv.")
    if plan is not None:
        return data_dir(folder), plan, Problems(root=Path.cwd())
    return load(folder)


def template_agency(plan: m.PlanData, agency: str, year: int, today: dt.date) -> m.Agency:
    """The agency a template is for, and its year within the years the plan takes figures for, up to this year."""
    ag = _agency(plan, agency)
    lo, hi = plan.plan.data_years.start, min(plan.plan.data_years.end, today.year)
    if not lo <= year <= hi:
        raise StaffError(f"Năm {year} nằm ngoài khoảng nhận số liệu {lo}–{hi}.", "Chọn năm khác bằng --nam.")
    return ag


def _agency(plan: m.PlanData, agency: str) -> m.Agency:
    """The agency by id, name or short name; StaffError with the ids of the plan otherwise."""
    ag = next((a for a in plan.agencies if a.id == agency), None)
    if ag is None:
        ag = next((a for a in plan.agencies if key(agency) in (key(a.name), key(a.short_name))), None)
    if ag is None:
        raise StaffError(
            f"Không có cơ quan «{agency}».", "Dùng một mã trong agencies.yaml: " + ", ".join(a.id for a in plan.agencies) + "."
        )
    return ag


def _template_cells(row: TemplateRow, year: int, agency: str) -> list[Any]:
    values: dict[str, Any] = {"nam": year, "dia_ban": row.place_text, "phuong_phap": row.method, "co_quan": agency}
    return [row.indicator.id, row.indicator.name, *(values.get(c.id, "") for c in COLUMNS)]


def _write_csv_template(path: Path, rows: list[list[Any]]) -> None:
    """The CSV template; a text cell a spreadsheet would run as a formula gets an apostrophe before it
    (as in the open data), which the importer takes off again."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(TEMPLATE_HEADER)
    w.writerows([[("'" + c) if isinstance(c, str) and could_run(c) else c for c in r] for r in rows])
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


_WIDTHS = {
    CODE_LABEL: 30,
    NAME_LABEL: 50,
    "Giá trị": 12,
    "Địa bàn": 24,
    "Nguồn": 40,
    "Liên kết nguồn": 30,
    "Phương pháp": 28,
    "Ghi chú": 40,
    "Cơ quan báo cáo": 18,
    "Ngày báo cáo": 14,
    "Chuỗi số liệu": 16,
}
_HEAD_COLOR, _HEAD_FILL = "FFFFFF", "1F4E79"  # the header row: white on dark blue


def _write_xlsx_template(
    path: Path, rows: list[list[Any]], text: list[str], plan: m.PlanData, inds: Sequence[m.Indicator], year: int
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_DATA
    _data_sheet(ws, rows)
    _validations(ws, plan, len(rows) + 1 + SPARE_ROWS)
    _help_sheet(wb.create_sheet(SHEET_HELP), text, inds)
    for sheet in wb.worksheets:
        as_text(sheet)  # no text from data is ever a live formula in a file sent to an agency
    wb.properties.creator = "plansite"
    wb.properties.title = f"Mẫu báo cáo số liệu năm {year}"
    wb.active = 0
    wb.save(path)


def _data_sheet(ws: Any, rows: list[list[Any]]) -> None:
    """The sheet «Số liệu»: header with help comments, the rows, prefilled columns locked, cells to fill marked."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    ro_fill = PatternFill("solid", fgColor="E7E6E6")
    need_fill = PatternFill("solid", fgColor="FFF2CC")
    helps = {CODE_LABEL: CODE_HELP, NAME_LABEL: NAME_HELP} | {c.label: c.help for c in COLUMNS}
    ws.append(TEMPLATE_HEADER)
    for i, label in enumerate(TEMPLATE_HEADER, start=1):
        c = ws.cell(row=1, column=i)
        c.font = Font(bold=True, color=_HEAD_COLOR)
        c.fill = PatternFill("solid", fgColor=_HEAD_FILL)
        c.alignment = Alignment(wrap_text=True, vertical="center")
        c.comment = Comment(helps[label], "plansite")
    for r in rows:
        ws.append(r)
    filled = len(rows) + 1
    text_cols = {TEMPLATE_HEADER.index(lbl) + 1 for lbl in ("Giá trị", "Ngày báo cáo", "Địa bàn", CODE_LABEL)}
    need_cols = {TEMPLATE_HEADER.index(lbl) + 1 for lbl in ("Giá trị", "Nguồn", "Ngày báo cáo")}
    looks = CellLooks()
    for row_i in range(2, filled + 1):
        for col_i in range(1, len(TEMPLATE_HEADER) + 1):
            prefilled_ro = col_i <= 2
            need = col_i in need_cols and not prefilled_ro
            text = col_i in text_cols
            c = ws.cell(row=row_i, column=col_i)
            if looks.copy_to(c, (prefilled_ro, need, text)):
                continue
            c.protection = Protection(locked=prefilled_ro)
            if prefilled_ro:
                c.fill = ro_fill
            elif need:
                c.fill = need_fill
            if text:
                c.number_format = "@"  # typed as text, then read by the documented number and date rules
            looks.remember(c, (prefilled_ro, need, text))
    for i, label in enumerate(TEMPLATE_HEADER, start=1):
        column = ws.column_dimensions[get_column_letter(i)]
        column.width = _WIDTHS.get(label, max(10, len(label) + 2))
        # The rows below are empty cells: they take the column's style (Excel's and LibreOffice's rule for a cell
        # with no style of its own), open to typing and, for the columns read as text, typed as text. No cell is
        # written for them: 200 spare rows of cells were most of a template's size and time.
        column.protection = Protection(locked=False)
        if i in text_cols:
            column.number_format = "@"
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "C2"
    ws.protection.sheet = True  # no password: it only keeps the two prefilled columns from being edited by mistake
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.insertRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


def _validations(ws: Any, plan: m.PlanData, last: int) -> None:
    """Excel's own checks while typing: x or nothing in the flag columns, a year of the plan in «Năm»."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    flags = DataValidation(
        type="list",
        formula1='"x"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Sơ bộ / Ước tính",
        error="Ghi x (có) hoặc để trống (không).",
    )
    for lbl in ("Sơ bộ", "Ước tính"):
        col = get_column_letter(TEMPLATE_HEADER.index(lbl) + 1)
        flags.add(f"{col}2:{col}{last}")
    ws.add_data_validation(flags)
    lo, hi = plan.plan.data_years.start, plan.plan.data_years.end
    years = DataValidation(
        type="whole",
        operator="between",
        formula1=str(lo),
        formula2=str(hi),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Năm",
        error=f"Ghi năm 4 chữ số, từ {lo} đến {hi}.",
    )
    col = get_column_letter(TEMPLATE_HEADER.index("Năm") + 1)
    years.add(f"{col}2:{col}{last}")
    ws.add_data_validation(years)


def _help_sheet(hs: Any, text: list[str], inds: Sequence[m.Indicator]) -> None:
    """The sheet «Hướng dẫn»: the instructions, then the unit and series of each indicator."""
    from openpyxl.styles import Alignment, Font, PatternFill

    hs.column_dimensions["A"].width = 140
    for line in text:
        hs.append([line])
        c = hs.cell(row=hs.max_row, column=1)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        if line and line == line.upper():
            c.font = Font(bold=True, size=12 if hs.max_row == 1 else 11)
    hs.append([])
    hs.append(["Bảng đơn vị", "", ""])
    hs.cell(row=hs.max_row, column=1).font = Font(bold=True)
    hs.append([CODE_LABEL, NAME_LABEL, "Đơn vị", "Chuỗi số liệu"])
    for c in hs[hs.max_row]:
        c.font = Font(bold=True, color=_HEAD_COLOR)
        c.fill = PatternFill("solid", fgColor=_HEAD_FILL)
    for ind in inds:
        hs.append([ind.id, ind.name, ind.unit, _series_text(ind)])
    for letter, width in (("B", 50), ("C", 22), ("D", 50)):
        hs.column_dimensions[letter].width = width
