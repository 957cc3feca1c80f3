"""Staff workflow: a fill-in template per agency and year, and the import that merges a filled template.

* ``make_template`` writes what one agency must fill for one year: one row per
  (indicator it leads, place), as .xlsx (sheets «Số liệu» and «Hướng dẫn») or as
  CSV (UTF-8 with BOM, so Excel shows Vietnamese) with a companion instructions file.
* ``import_file`` reads a filled template (.xlsx, or CSV with or without BOM, «,» or «;»),
  checks every row with the checker's own code (``progress._check_rows``, never a copy
  of its rules) and merges the rows into ``progress/<indicator>.csv``: new rows are
  appended, identical rows are left alone, rows that differ from a figure already
  there are conflicts, written only with ``overwrite``. When any row has an error,
  nothing is written.

The importer finds the indicator of a row by the column «Mã chỉ tiêu»; «Tên chỉ tiêu»
is for reading only and is ignored.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import math
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from plansite import model as m
from plansite.check.progress import COLUMN_BY_KEY, COLUMNS, HEADER, Observation, PlaceIndex, _alive, _check_rows, read_table
from plansite.check.references import load_plan
from plansite.load.files import PROGRESS_DIR, data_dir
from plansite.problems import Problem, Problems, kinds
from plansite.problems.kinds import examples
from plansite.status.reporting import lead_indicators
from plansite.vi import fmt
from plansite.vi.text import key

CODE_LABEL = "Mã chỉ tiêu"
NAME_LABEL = "Tên chỉ tiêu"
TEMPLATE_HEADER = [CODE_LABEL, NAME_LABEL, *HEADER]
CODE_HELP = (
    "Mã của chỉ tiêu, điền sẵn; không sửa. Lệnh nhập số liệu (import) dùng cột này để biết dòng thuộc chỉ tiêu nào "
    "(tệp progress/<Mã chỉ tiêu>.csv)."
)
NAME_HELP = "Tên chỉ tiêu, điền sẵn để dễ đọc; lệnh nhập bỏ qua cột này."
SHEET_DATA = "Số liệu"
SHEET_HELP = "Hướng dẫn"
FORMATS = ("xlsx", "csv")
IMPORT_TAKES = "tệp .xlsx hoặc .csv"
LEVELS = ("tinh", "huyen")
PROVINCE_LABEL = "Toàn tỉnh"
SPARE_ROWS = 200  # empty, editable rows below the template rows of the .xlsx

# Statuses of one imported row.
NEW, SAME, CONFLICT, OVERWRITTEN, BLANK, ERROR = "them-moi", "khong-doi", "xung-dot", "ghi-de", "bo-trong", "loi"
STATUS_LABELS = {
    NEW: "Thêm mới",
    SAME: "Không đổi",
    CONFLICT: "Xung đột",
    OVERWRITTEN: "Ghi đè",
    BLANK: "Bỏ trống",
    ERROR: "Lỗi",
}

NUMBER_RULE = (
    "Dấu phẩy hoặc dấu chấm thập phân đều được khi không gây nhầm: 26,7 và 26.7 đều là hai mươi sáu phẩy bảy; có thể ghi thêm % ở cuối.",
    "Số hàng nghìn: 1.234.567 hoặc 1 234 567; có cả hai dấu thì dấu cuối cùng là dấu thập phân: 1.234,5.",
    "Số như 1.234 hoặc 1,234 bị từ chối vì có thể hiểu hai cách; viết 1234 nếu là số nguyên, 1,2340 nếu là số thập phân.",
    "Tỉ lệ phần trăm ghi từ 0 đến 100 (26,7 chứ không phải 0,267). Không ghi chữ trong ô giá trị.",
)


class StaffError(Exception):
    """A mistake in how a command was called (unknown agency, year out of range …), in Vietnamese."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def text(self) -> str:
        return f"LỖI: {self.message}" + (f" — Cách sửa: {self.hint}" if self.hint else "")


# --------------------------------------------------------------------------- shared


def _load(folder: Path | str | None) -> tuple[Path, m.PlanData | None, Problems]:
    root = data_dir(folder)
    problems = Problems(root=Path.cwd())
    plan = load_plan(root, problems) if root.is_dir() else None
    if not root.is_dir():
        problems.add(root, None, kinds.MISSING_FOLDER, folder=str(root), what="thư mục dữ liệu của kế hoạch")
    return root, plan, problems


def _lookups(plan: m.PlanData) -> tuple[PlaceIndex, dict[str, m.Agency], dict[str, str]]:
    agencies = {a.id: a for a in plan.agencies}
    agency_keys = {key(a.name): a.id for a in agencies.values()} | {key(a.short_name): a.id for a in agencies.values()}
    return PlaceIndex(plan.places.places), agencies, agency_keys


def _column_index(header: Sequence[str]) -> dict[str, int]:
    """Column id (progress.COLUMNS) -> index, for the columns the checker knows."""
    out: dict[str, int] = {}
    for i, name in enumerate(header):
        col = COLUMN_BY_KEY.get(key(name))
        if col is not None and col.id not in out:
            out[col.id] = i
    return out


def number_text(value: float) -> str:
    """A number as the checker reads it unambiguously: 97.5, 1234, 1.2340 (never «1.234»)."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    s = format(Decimal(repr(float(value))), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    whole, _, frac = s.lstrip("-").partition(".")
    if len(frac) == 3 and len(whole) <= 3 and not whole.startswith("0"):
        s += "0"  # «1.234» would be refused as ambiguous; «1.2340» is the same number
    return s


def _deadline(plan: m.PlanData, year: int) -> dt.date:
    r = plan.plan.reporting
    return dt.date(year, r.month, r.day)


# --------------------------------------------------------------------------- template


@dataclass(frozen=True)
class TemplateRow:
    indicator: m.Indicator
    place: m.Place
    place_text: str  # what the row shows in «Địa bàn»
    method: str  # the latest method of the indicator's figures, prefilled


def _existing_rows(folder: Path, iid: str) -> list[dict[str, str]]:
    """Rows of progress/<iid>.csv as {column id: text}; problems of the file are the checker's business."""
    path = folder / PROGRESS_DIR / f"{iid}.csv"
    if not path.is_file():
        return []
    table = read_table(path, Problems(root=folder))
    if table is None:
        return []
    header, rows = table
    cols = _column_index(header)
    return [{cid: (cells[i].strip() if i < len(cells) else "") for cid, i in cols.items()} for _, cells in rows]


def template_rows(plan: m.PlanData, folder: Path, agency: str, year: int, level: str = "tinh") -> list[TemplateRow]:
    """One row per (indicator the agency leads, place).

    Places: the plan's province; plus every district valid in ``year`` when the
    indicator already has figures for a district, or always with ``level="huyen"``.
    """
    places = PlaceIndex(plan.places.places)
    province = plan.place(plan.plan.place)
    districts = [p for p in plan.places.places if p.level == "huyen" and _alive(p, year)]
    out: list[TemplateRow] = []
    for ind in lead_indicators(plan, agency):
        existing = _existing_rows(folder, ind.id)
        has_district = False
        for row in existing:
            text = row.get("dia_ban", "")
            ytxt = row.get("nam", "").removesuffix(".0")
            if text and key(text) != "toan tinh":
                place, _ = places.find(text, int(ytxt) if ytxt.isdigit() else None)
                has_district = has_district or (place is not None and place.level == "huyen")
        method = _latest_method(ind, existing)
        out.append(TemplateRow(ind, province, PROVINCE_LABEL, method))
        if level == "huyen" or has_district:
            for d in districts:
                found, _ = places.find(d.full_name, year)
                out.append(TemplateRow(ind, d, d.full_name if found is not None and found.id == d.id else d.id, method))
    return out


def _latest_method(ind: m.Indicator, rows: list[dict[str, str]]) -> str:
    """The method of the latest figure of the main series: a new figure without it would look like a method change."""
    best: tuple[int, int] | None = None
    method = ""
    for i, row in enumerate(rows):
        if (row.get("chuoi", "") or ind.primary_series) != ind.primary_series:
            continue
        ytxt = row.get("nam", "").removesuffix(".0")
        if not ytxt.isdigit():
            continue
        if best is None or (int(ytxt), i) >= best:
            best, method = (int(ytxt), i), row.get("phuong_phap", "")
    return method


def _series_text(ind: m.Indicator) -> str:
    if not ind.series:
        return "chỉ có chuỗi chính (để trống cột «Chuỗi số liệu»)"
    names = [f"{s.id} ({s.name}{', chuỗi chính' if i == 0 else ''})" for i, s in enumerate(ind.series)]
    return "; ".join(names)


def instructions(plan: m.PlanData, agency: m.Agency, year: int, indicators: Sequence[m.Indicator], file_kind: str) -> list[str]:
    """The instructions of a template, one paragraph a line (a sheet of the .xlsx, or the companion .txt)."""
    p = plan.plan
    deadline = _deadline(plan, year)
    to = next((a.name for a in plan.agencies if a.id == p.reporting.to), p.reporting.to)
    lines = [
        f"MẪU BÁO CÁO SỐ LIỆU NĂM {year}",
        f"Cơ quan: {agency.name} (mã {agency.id})",
        f"Kế hoạch: {p.kind} số {p.number} — {p.short_title}",
        f"Hạn gửi: trước ngày {fmt.date(deadline)} (định kỳ ngày {p.reporting.day:02d}/{p.reporting.month:02d} hằng năm) "
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
    file_kind: str = "xlsx",
    out_dir: Path | str = ".",
    level: str = "tinh",
    today: dt.date | None = None,
) -> tuple[list[Path], list[TemplateRow], Problems]:
    """Write the template file(s); return (files, rows, problems of the plan data). Raise StaffError on bad arguments."""
    today = today or dt.date.today()
    if file_kind not in FORMATS:
        raise StaffError(f"Định dạng «{file_kind}» không hỗ trợ.", "Dùng --dinh-dang xlsx hoặc --dinh-dang csv.")
    if level not in LEVELS:
        raise StaffError(f"Cấp «{level}» không hỗ trợ.", "Dùng --cap tinh hoặc --cap huyen.")
    root, plan, problems = _load(folder)
    if plan is None or problems.errors:
        return [], [], problems
    ag = next((a for a in plan.agencies if a.id == agency), None)
    if ag is None:
        ag_id = next((a.id for a in plan.agencies if key(agency) in (key(a.name), key(a.short_name))), None)
        ag = next((a for a in plan.agencies if a.id == ag_id), None)
    if ag is None:
        raise StaffError(
            f"Không có cơ quan «{agency}».", "Dùng một mã trong agencies.yaml: " + ", ".join(a.id for a in plan.agencies) + "."
        )
    lo, hi = plan.plan.data_years.start, min(plan.plan.data_years.end, today.year)
    if not lo <= year <= hi:
        raise StaffError(f"Năm {year} nằm ngoài khoảng nhận số liệu {lo}–{hi}.", "Chọn năm khác bằng --nam.")
    rows = template_rows(plan, root, ag.id, year, level)
    if not rows:
        raise StaffError(
            f"«{ag.name}» không chủ trì chỉ tiêu định lượng nào; không có gì để điền.", "Chọn cơ quan khác bằng --co-quan."
        )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{ag.id}-{year}.{file_kind}"
    companion = out / f"{ag.id}-{year}-huong-dan.txt"
    for path in (target, companion) if file_kind == "csv" else (target,):
        if path.exists():
            raise StaffError(
                f"Tệp {path} đã có; không ghi đè để khỏi mất số liệu đã điền.",
                "Xóa hoặc đổi tên tệp cũ, hoặc chọn thư mục khác bằng --ra.",
            )
    indicators = list(dict.fromkeys(r.indicator.id for r in rows))
    inds = [plan.indicator(i) for i in indicators]
    text = instructions(plan, ag, year, inds, file_kind)
    cells = [_template_cells(r, year, ag.id) for r in rows]
    if file_kind == "csv":
        _write_csv_template(target, cells)
        companion.write_text("\r\n".join(text) + "\r\n", encoding="utf-8-sig", newline="")
        return [target, companion], rows, problems
    _write_xlsx_template(target, cells, text, plan, inds, year)
    return [target], rows, problems


def _template_cells(row: TemplateRow, year: int, agency: str) -> list[Any]:
    values: dict[str, Any] = {"nam": year, "dia_ban": row.place_text, "phuong_phap": row.method, "co_quan": agency}
    return [row.indicator.id, row.indicator.name, *(values.get(c.id, "") for c in COLUMNS)]


def _write_csv_template(path: Path, rows: list[list[Any]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(TEMPLATE_HEADER)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


def _write_xlsx_template(
    path: Path, rows: list[list[Any]], text: list[str], plan: m.PlanData, inds: Sequence[m.Indicator], year: int
) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_DATA
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F4E79")
    ro_fill = PatternFill("solid", fgColor="E7E6E6")
    need_fill = PatternFill("solid", fgColor="FFF2CC")
    helps = {CODE_LABEL: CODE_HELP, NAME_LABEL: NAME_HELP} | {c.label: c.help for c in COLUMNS}
    ws.append(TEMPLATE_HEADER)
    for i, label in enumerate(TEMPLATE_HEADER, start=1):
        c = ws.cell(row=1, column=i)
        c.font = head_font
        c.fill = head_fill
        c.alignment = Alignment(wrap_text=True, vertical="center")
        c.comment = Comment(helps[label], "plansite")
    for r in rows:
        ws.append(r)
    last = len(rows) + 1 + SPARE_ROWS
    text_cols = {TEMPLATE_HEADER.index(lbl) + 1 for lbl in ("Giá trị", "Ngày báo cáo", "Địa bàn", CODE_LABEL)}
    need_cols = {TEMPLATE_HEADER.index(lbl) + 1 for lbl in ("Giá trị", "Nguồn", "Ngày báo cáo")}
    for row_i in range(2, last + 1):
        for col_i in range(1, len(TEMPLATE_HEADER) + 1):
            c = ws.cell(row=row_i, column=col_i)
            prefilled_ro = col_i <= 2 and row_i <= len(rows) + 1
            c.protection = Protection(locked=prefilled_ro)
            if prefilled_ro:
                c.fill = ro_fill
            elif col_i in need_cols and row_i <= len(rows) + 1:
                c.fill = need_fill
            if col_i in text_cols:
                c.number_format = "@"  # typed as text, then read by the documented number and date rules
    widths = {
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
    for i, label in enumerate(TEMPLATE_HEADER, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(label, max(10, len(label) + 2))
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "C2"
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
    ws.protection.sheet = True  # no password: it only keeps the two prefilled columns from being edited by mistake
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.insertRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False

    hs = wb.create_sheet(SHEET_HELP)
    hs.column_dimensions["A"].width = 140
    bold = Font(bold=True)
    for line in text:
        hs.append([line])
        c = hs.cell(row=hs.max_row, column=1)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        if line and line == line.upper():
            c.font = Font(bold=True, size=12 if hs.max_row == 1 else 11)
    hs.append([])
    hs.append(["Bảng đơn vị", "", ""])
    hs.cell(row=hs.max_row, column=1).font = bold
    hs.append([CODE_LABEL, NAME_LABEL, "Đơn vị", "Chuỗi số liệu"])
    for c in hs[hs.max_row]:
        c.font = head_font
        c.fill = head_fill
    for ind in inds:
        hs.append([ind.id, ind.name, ind.unit, _series_text(ind)])
    for letter, width in (("B", 50), ("C", 22), ("D", 50)):
        hs.column_dimensions[letter].width = width
    wb.properties.creator = "plansite"
    wb.properties.title = f"Mẫu báo cáo số liệu năm {year}"
    wb.active = 0
    wb.save(path)


# --------------------------------------------------------------------------- reading a filled template


def _cell_text(value: Any, number_format: str = "General") -> str:
    """An Excel cell as the text a person would have typed into a CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, dt.datetime):
        return fmt.date(value.date())
    if isinstance(value, dt.date):
        return fmt.date(value)
    if isinstance(value, (int, float)):
        v = float(value)
        if math.isnan(v) or math.isinf(v):
            return str(value)
        if "%" in (number_format or ""):
            v = round(v * 100, 10)  # a cell formatted as percentage stores 97,5% as 0.975
        return number_text(v)
    return str(value)


def read_xlsx(path: Path, problems: Problems) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """Header and (row number, cells) of the sheet «Số liệu» (or the first sheet) of an .xlsx file."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    problems.checked(path)
    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, InvalidFileException) as exc:
        problems.add(path, None, kinds.UNREADABLE, what="bảng tính", reason=str(exc) or type(exc).__name__)
        return None
    try:
        ws = wb[SHEET_DATA] if SHEET_DATA in wb.sheetnames else wb.worksheets[0]
        table: list[tuple[int, list[str]]] = []
        for row in ws.iter_rows():
            if not row:
                continue
            table.append((row[0].row or 0, [_cell_text(c.value, c.number_format) for c in row]))
    finally:
        wb.close()
    if not table or not any(c.strip() for c in table[0][1]):
        problems.add(
            path,
            1,
            kinds.EMPTY_FILE,
            where=f"Trang tính «{ws.title}»",
            missing="dòng tiêu đề ở dòng 1",
            content="dòng tiêu đề cột ở dòng 1: " + ", ".join(TEMPLATE_HEADER),
        )
        return None
    header = table[0][1]
    while header and not header[-1].strip():
        header = header[:-1]
    return header, table[1:]


def read_filled(path: Path, problems: Problems) -> tuple[list[str], Sequence[tuple[int, list[str]]]] | None:
    """A filled template: .xlsx (by content, whatever the name) or CSV (UTF-8 with or without BOM, «,» or «;»)."""
    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        problems.checked(path)
        problems.add(path, None, kinds.UNREADABLE, what="tệp", reason=exc.strerror or type(exc).__name__)
        return None
    if head.startswith(b"PK\x03\x04"):
        return read_xlsx(path, problems)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        problems.checked(path)
        problems.add(path, None, kinds.NOT_CSV, taker="Lệnh nhập", expected=IMPORT_TAKES, found="bảng tính Excel cũ (.xls)")
        return None
    if path.suffix.lower() not in (".csv", ".txt"):
        problems.checked(path)
        found = f"tệp «{path.suffix}»" if path.suffix else "tệp không đuôi"
        problems.add(path, None, kinds.NOT_CSV, taker="Lệnh nhập", expected=IMPORT_TAKES, found=found)
        return None
    return read_table(path, problems)


# --------------------------------------------------------------------------- import


@dataclass
class RowResult:
    status: str
    indicator: str
    line: int  # row of the imported file
    detail: str = ""


@dataclass
class FileChange:
    path: Path
    added: int = 0
    overwritten: int = 0
    normalised: bool = False  # the existing file was rewritten in the canonical form
    created: bool = False
    original: bytes | None = None  # the file as read, to notice a change made meanwhile


@dataclass
class ImportReport:
    source: Path
    problems: Problems
    results: list[RowResult] = field(default_factory=list)
    changes: list[FileChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    overwrite: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    def count(self, status: str, indicator: str | None = None) -> int:
        return sum(1 for r in self.results if r.status == status and (indicator is None or r.indicator == indicator))

    @property
    def unresolved_conflicts(self) -> int:
        return 0 if self.overwrite else self.count(CONFLICT)

    def exit_code(self) -> int:
        """0: done; 1: errors, nothing written; 3: written, but conflicts left out (rerun with --ghi-de)."""
        if not self.ok:
            return 1
        return 3 if self.unresolved_conflicts else 0


_COMPARED = (
    ("value", "Giá trị"),
    ("source", "Nguồn"),
    ("url", "Liên kết nguồn"),
    ("agency", "Cơ quan báo cáo"),
    ("reported", "Ngày báo cáo"),
    ("preliminary", "Sơ bộ"),
    ("estimate", "Ước tính"),
    ("note", "Ghi chú"),
)


def _obs_key(o: Observation) -> tuple[int, str, str, str]:
    return (o.year, o.place, o.series, key(o.method))


def _shown(o: Observation, attr: str, decimals: int) -> str:
    v = getattr(o, attr)
    if attr == "value":
        return fmt.number(v, max(decimals, 4))
    if attr == "reported":
        return fmt.date(v) or "(trống)"
    if attr in ("preliminary", "estimate"):
        return "x" if v else "(trống)"
    return f"«{v}»" if v else "(trống)"


def _differences(old: Observation, new: Observation, decimals: int) -> list[tuple[str, str, str]]:
    return [
        (label, _shown(old, attr, decimals), _shown(new, attr, decimals))
        for attr, label in _COMPARED
        if getattr(old, attr) != getattr(new, attr)
    ]


def canonical_cells(o: Observation, province: str, series_text: str, method_text: str) -> list[str]:
    """One observation as a row of progress/<id>.csv, in the order of progress.HEADER."""
    values = {
        "nam": str(o.year),
        "gia_tri": number_text(o.value),
        "dia_ban": "" if o.place == province else o.place,
        "chuoi": series_text,
        "phuong_phap": method_text,
        "nguon": o.source,
        "lien_ket": o.url,
        "co_quan": o.agency,
        "ngay_bao_cao": fmt.date(o.reported),
        "so_bo": "x" if o.preliminary else "",
        "uoc_tinh": "x" if o.estimate else "",
        "ghi_chu": o.note,
    }
    return [values[c.id] for c in COLUMNS]


def _csv_line(cells: Sequence[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    return buf.getvalue()


def _record_spans(text: str) -> dict[int, tuple[int, int]]:
    """For each CSV record: its last physical line (as the checker reports it) -> (first, last) lines, 1-based."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    spans: dict[int, tuple[int, int]] = {}
    prev = 0
    for _ in reader:
        spans[reader.line_num] = (prev + 1, reader.line_num)
        prev = reader.line_num
    return spans


def _dedupe(problems: Problems) -> None:
    seen: set[Problem] = set()
    items = []
    for p in problems.items:
        if p not in seen:
            seen.add(p)
            items.append(p)
    problems.items[:] = items


def import_file(
    source: Path | str,
    folder: Path | str | None = None,
    overwrite: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Check a filled template and merge it into progress/. Nothing is written when any row has an error."""
    today = today or dt.date.today()
    src = Path(source)
    root, plan, problems = _load(folder)
    report = ImportReport(src, problems, dry_run=dry_run, overwrite=overwrite)
    if plan is None or problems.errors:
        return report
    table = read_filled(src, problems)
    if table is None:
        return report
    header, rows = table
    code_i = next((i for i, h in enumerate(header) if key(h) == key(CODE_LABEL)), None)
    name_i = next((i for i, h in enumerate(header) if key(h) == key(NAME_LABEL)), None)
    indicators = {i.id: i for i in plan.indicators}
    if code_i is None and src.stem not in indicators:
        problems.add(
            src,
            1,
            kinds.MISSING_COLUMN,
            column=CODE_LABEL,
            label=CODE_LABEL,
            help=f"{CODE_HELP} Dùng tệp mẫu tạo bằng lệnh template, hoặc đặt tên tệp bằng mã chỉ tiêu.",
        )
        return report
    keep = [i for i in range(len(header)) if i not in (code_i, name_i)]
    sub_header = [header[i] for i in keep]
    value_i = _column_index(header).get("gia_tri")

    groups: dict[str, list[tuple[int, list[str]]]] = {}
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        iid = cells[code_i].strip() if code_i is not None and code_i < len(cells) else src.stem
        value = cells[value_i].strip() if value_i is not None and value_i < len(cells) else ""
        if value_i is not None and not value:
            detail = "chưa có giá trị"
            if any(
                cells[i].strip()
                for i in keep
                if i < len(cells)
                and i != value_i
                and header[i]
                and key(header[i]) in (key("Nguồn"), key("Ngày báo cáo"), key("Liên kết nguồn"))
            ):
                detail += " (đã ghi nguồn hoặc ngày báo cáo nhưng thiếu giá trị — kiểm tra lại)"
            report.results.append(RowResult(BLANK, iid or "?", line, detail))
            continue
        if not iid:
            problems.add(
                src,
                line,
                kinds.UNKNOWN_INDICATOR,
                column=CODE_LABEL,
                value="(trống)",
                found_in=f"cột «{CODE_LABEL}» để trống",
                example=examples(indicators),
            )
            report.results.append(RowResult(ERROR, "?", line))
            continue
        if iid not in indicators:
            problems.add(
                src,
                line,
                kinds.UNKNOWN_INDICATOR,
                column=CODE_LABEL,
                value=iid,
                found_in=f"cột «{CODE_LABEL}»; giữ nguyên mã của mẫu",
                example=examples(indicators, near=iid),
            )
            report.results.append(RowResult(ERROR, iid, line))
            continue
        groups.setdefault(iid, []).append(
            (line, [cells[i] if i < len(cells) else "" for i in keep] + [c for c in cells[len(header) :]])
        )

    places, agencies, agency_keys = _lookups(plan)
    planned: dict[str, tuple[str, FileChange]] = {}  # indicator -> (new file text, change)
    for iid, candidates in groups.items():
        ind = indicators[iid]
        new_obs = _check_rows(src, ind, plan, (sub_header, candidates), places, agencies, agency_keys, problems, today)
        _dedupe(problems)  # a header problem is found once per indicator group; report it once
        bad_lines = {p.line for p in problems.errors if p.file == problems.rel(src)}
        for line, _ in candidates:
            if line in bad_lines:
                report.results.append(RowResult(ERROR, iid, line))
        target = root / PROGRESS_DIR / f"{iid}.csv"
        merged = _merge(
            target,
            ind,
            plan,
            src,
            candidates,
            sub_header,
            new_obs,
            overwrite,
            report,
            problems,
            (places, agencies, agency_keys),
            today,
        )
        if merged is not None:
            planned[iid] = merged
    report.results.sort(key=lambda r: r.line)
    if problems.errors:
        return report

    for iid, (text, change) in planned.items():
        check_problems = Problems(root=Path.cwd())
        with tempfile.TemporaryDirectory() as tmp:
            probe = Path(tmp) / f"{iid}.csv"
            probe.write_bytes(text.encode("utf-8"))
            t = read_table(probe, check_problems)
            if t is not None:
                _check_rows(probe, indicators[iid], plan, t, places, agencies, agency_keys, check_problems, today)
        if check_problems.errors or t is None:  # cannot happen when the rows above passed; never write a broken file
            report.notes.append(f"{problems.rel(change.path)} sau khi gộp không đạt kiểm tra (xem lỗi ở trên): không ghi.")
            rel = problems.rel(change.path)
            problems.extend(dataclasses.replace(p, file=rel) for p in check_problems.errors)
    if problems.errors:
        return report
    report.changes = [c for _, c in planned.values() if c.added or c.overwritten or c.normalised]
    if dry_run:
        return report
    for change in report.changes:  # someone else may have saved the file since it was read
        now = change.path.read_bytes() if change.path.exists() else None
        if now != change.original:
            problems.add(change.path, None, kinds.CHANGED_MEANWHILE)
    if problems.errors:
        return report
    for _iid, (text, change) in planned.items():
        if change.added or change.overwritten or change.normalised:
            _atomic_write(change.path, text)
    report.written = bool(report.changes)
    return report


def _merge(
    target: Path,
    ind: m.Indicator,
    plan: m.PlanData,
    src: Path,
    candidates: list[tuple[int, list[str]]],
    sub_header: list[str],
    new_obs: list[Observation],
    overwrite: bool,
    report: ImportReport,
    problems: Problems,
    lookups: tuple[PlaceIndex, dict[str, m.Agency], dict[str, str]],
    today: dt.date,
) -> tuple[str, FileChange] | None:
    """The new text of progress/<id>.csv, or None when the existing file cannot be read or checked."""
    places, agencies, agency_keys = lookups
    province = plan.plan.place
    change = FileChange(target, created=not target.exists())
    existing: list[Observation] = []
    old_table: tuple[list[str], Sequence[tuple[int, list[str]]]] | None = ([], [])
    text = ""
    had_bom = False
    if target.exists():
        before = len(problems.errors)
        raw = target.read_bytes()
        change.original = raw
        old_table = read_table(target, problems)
        if old_table is None:
            report.notes.append(f"{problems.rel(target)} không đọc được (xem lỗi ở trên), nên không gộp được số liệu nhập vào.")
            return None
        existing = _check_rows(target, ind, plan, old_table, places, agencies, agency_keys, problems, today)
        if len(problems.errors) > before:
            report.notes.append(
                f"{problems.rel(target)} đang có lỗi (xem ở trên), nên không gộp được số liệu nhập vào: "
                "sửa tệp này trước (python -m plansite check), rồi nhập lại."
            )
            return None
        had_bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
    by_key = {_obs_key(o): o for o in existing}
    cells_by_line = dict(candidates)
    sub_cols = _column_index(sub_header)
    replace: dict[int, list[str]] = {}  # existing record (checker line) -> new cells
    append: list[list[str]] = []
    rel_target = problems.rel(target)
    for o in new_obs:
        cells = cells_by_line[o.line]
        series_text = cells[sub_cols["chuoi"]].strip() if "chuoi" in sub_cols and sub_cols["chuoi"] < len(cells) else ""
        new_cells = canonical_cells(o, province, series_text, o.method)
        old = by_key.get(_obs_key(o))
        if old is None:
            append.append(new_cells)
            report.results.append(RowResult(NEW, ind.id, o.line))
            continue
        diffs = _differences(old, o, ind.decimals)
        if not diffs:
            report.results.append(RowResult(SAME, ind.id, o.line, f"giống {rel_target}, dòng {old.line}"))
            continue
        shown = "; ".join(f"{label}: {a} → {b}" for label, a, b in diffs)
        where = f"năm {o.year}, {plan.place(o.place).full_name if o.place in places.by_id else o.place}"
        report.results.append(RowResult(CONFLICT, ind.id, o.line, f"{rel_target}, dòng {old.line}: {shown}"))
        if overwrite:
            replace[old.line] = new_cells
            report.results.append(RowResult(OVERWRITTEN, ind.id, o.line, f"{rel_target}, dòng {old.line}"))
        outcome = "đã ghi đè bằng số mới (--ghi-de)" if overwrite else "dòng này không được ghi"
        problems.add(
            src,
            o.line,
            kinds.CONFLICT,
            column=diffs[0][0],
            file=rel_target,
            row=old.line,
            where=where,
            changes=shown,
            outcome=outcome,
        )
    change.added, change.overwritten = len(append), len(replace)
    if not append and not replace:
        return text, change
    return _compose(text, had_bom, old_table, replace, append, change), change


def _compose(
    text: str,
    had_bom: bool,
    old_table: tuple[list[str], Sequence[tuple[int, list[str]]]] | None,
    replace: dict[int, list[str]],
    append: list[list[str]],
    change: FileChange,
) -> str:
    """Existing rows kept byte for byte when the file is already canonical; otherwise the file is rewritten canonically."""
    header_line = _csv_line(HEADER)
    if not text:
        return header_line + "".join(_csv_line(c) for c in append)
    if text.startswith(header_line) and "\r" not in text and not had_bom:
        lines = text.split("\n")
        records = []
        for end, (first, last) in _record_spans(text).items():
            records.append(_csv_line(replace[end]) if end in replace else "\n".join(lines[first - 1 : last]) + "\n")
        return "".join(records) + "".join(_csv_line(c) for c in append)
    change.normalised = True
    assert old_table is not None
    header, rows = old_table
    cols = _column_index(header)
    out = [header_line]
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if line in replace:
            out.append(_csv_line(replace[line]))
        else:
            out.append(_csv_line([cells[cols[c.id]] if c.id in cols and cols[c.id] < len(cells) else "" for c in COLUMNS]))
    out += [_csv_line(c) for c in append]
    return "".join(out)


def _atomic_write(path: Path, text: str) -> None:
    """Write through a hidden temporary file (the checker skips dot files), then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(text.encode("utf-8"))
    os.replace(tmp, path)


# --------------------------------------------------------------------------- report


def summary_table(report: ImportReport) -> list[str]:
    """The per-indicator counts, as an aligned text table."""
    statuses = [NEW, SAME, CONFLICT, OVERWRITTEN, BLANK, ERROR]
    inds = list(dict.fromkeys(r.indicator for r in report.results))
    head = ["Chỉ tiêu", *(STATUS_LABELS[s].lower() for s in statuses)]
    body = [[i, *(str(report.count(s, i)) for s in statuses)] for i in inds]
    body.append(["Tổng", *(str(report.count(s)) for s in statuses)])
    widths = [max(len(r[c]) for r in [head, *body]) for c in range(len(head))]

    def fmt_row(r: Iterable[str]) -> str:
        cells = list(r)
        return "  ".join([cells[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))])

    rule = "  ".join("-" * w for w in widths)
    return [fmt_row(head), rule, *(fmt_row(r) for r in body[:-1]), rule, fmt_row(body[-1])]


def report_lines(report: ImportReport) -> list[str]:
    src = report.problems.rel(report.source)
    title = f"Kết quả nhập {src}" + (" (chạy thử)" if report.dry_run else "") + ":"
    out = [title, *(summary_table(report) if report.results else ["(không có dòng số liệu nào được đọc)"]), *report.notes]
    blanks = [r for r in report.results if r.status == BLANK]
    if blanks:
        out.append("")
        out.append(f"Bỏ trống ({len(blanks)} dòng, không nhập):")
        out += [f"  dòng {r.line} ({r.indicator}): {r.detail}" for r in blanks]
    same = [r for r in report.results if r.status == SAME]
    if same:
        out.append("")
        out.append(f"Không đổi ({len(same)} dòng, đã có đúng như vậy):")
        out += [f"  dòng {r.line} ({r.indicator}): {r.detail}" for r in same]
    out.append("")
    if not report.ok:
        out.append(f"Có {len(report.problems.errors)} lỗi: KHÔNG ghi tệp nào. Sửa các lỗi trên trong tệp nhập rồi chạy lại.")
        return out
    verb = "Sẽ ghi" if report.dry_run else "Đã ghi"
    for c in report.changes:
        parts = []
        if c.created:
            parts.append("tạo tệp mới")
        if c.added:
            parts.append(f"thêm {c.added} dòng")
        if c.overwritten:
            parts.append(f"ghi đè {c.overwritten} dòng")
        if c.normalised:
            parts.append("chuẩn hóa thứ tự cột và dấu phân cách của tệp")
        out.append(f"{verb} {report.problems.rel(c.path)}: " + ", ".join(parts) + ".")
    if not report.changes:
        out.append("Không có gì mới để ghi.")
    if report.dry_run:
        out.append("Chạy thử (--thu): không ghi tệp nào.")
    if report.unresolved_conflicts:
        out.append(
            f"Còn {report.unresolved_conflicts} dòng xung đột chưa ghi (xem các CẢNH BÁO ở trên). "
            "Nếu số mới đúng, chạy lại với --ghi-de."
        )
    if report.written:
        out.append("Tiếp theo: chạy python -m plansite check, rồi gửi thay đổi (pull request).")
    return out
