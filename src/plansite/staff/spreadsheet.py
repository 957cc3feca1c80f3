"""Reading a filled template: the sheet «Số liệu» of an .xlsx file, or a CSV file (UTF-8 with or without BOM, «,» or «;»)."""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any

from plansite.check.progress import Table, read_table
from plansite.check.progress.read import first_names
from plansite.problems import Problems, kinds
from plansite.staff.common import IMPORT_TAKES, SHEET_DATA, SHEET_HELP, TEMPLATE_HEADER, number_text
from plansite.staff.workbook import Refused, Sheet, inspect, read_sheets
from plansite.vi import fmt


def _cell_text(value: Any, number_format: str = "General") -> str:
    """An Excel cell as the text a person would have typed into a CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):  # as Excel shows it; a flag column reads TRUE as «có», «Giá trị» says it is no number
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return fmt.date(value.date())
    if isinstance(value, dt.date):
        return fmt.date(value)
    if isinstance(value, (int, float)):
        v = float(value)
        if math.isnan(v) or math.isinf(v):
            return str(value)
        if _percent(number_format):
            v = round(v * 100, 10)  # a cell formatted as percentage stores 97,5% as 0.975
        return number_text(v).replace(".", ",")  # as it is typed here: 97,5 (number_text never groups thousands)
    return str(value)


_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')


def _percent(number_format: str) -> bool:
    """Whether Excel shows a cell of this number format as a percentage (the value times 100): a «%» of the
    format itself, not one inside quotes («0.0"%"»), escaped («0.0\\%»), in brackets, or after «_» or «*»."""
    return "%" in _LITERALS.sub("", number_format or "")


def read_xlsx(path: Path, problems: Problems) -> Table | None:
    """Header and (row number, cells) of the sheet «Số liệu» (or the first visible sheet) of an .xlsx file.

    The file is inspected before it is parsed (``staff.workbook``); a hidden sheet with content, rows typed
    in another sheet, and a formula without the value Excel computed are each reported, never dropped or
    preferred silently."""
    problems.checked(path)
    try:
        inspect(path)
        sheets = read_sheets(path)
    except zipfile.BadZipFile:
        problems.add(path, None, kinds.UNREADABLE, what="bảng tính", reason="tệp .xlsx hỏng (không mở được như tệp nén)")
        return None
    except OSError as exc:
        problems.add(path, None, kinds.UNREADABLE, what="bảng tính", reason=exc.strerror or type(exc).__name__)
        return None
    except Refused as exc:
        problems.add(path, None, kinds.XLSX_REFUSED, why=str(exc))
        return None
    data = _data_sheet(path, sheets, problems)
    if data is not None and data.rows and data.rows[0][0] != 1 and _known_header([_cell_text(v) for v in data.rows[0][1]]):
        names = [_cell_text(v) for v in data.rows[0][1] if v is not None]
        at = data.rows[0][0]
        problems.add(path, 1, kinds.HEADER_NOT_FIRST, at=at, columns=first_names(names), above=at - 1)
        return None
    if data is None or not data.rows or data.rows[0][0] != 1:
        title = data.name if data is not None else SHEET_DATA
        problems.add(
            path,
            1,
            kinds.EMPTY_FILE,
            where=f"Trang tính «{title}»",
            missing="dòng tiêu đề ở dòng 1",
            content="dòng tiêu đề cột ở dòng 1: " + ", ".join(TEMPLATE_HEADER),
        )
        return None
    header = [_cell_text(v) for v in data.rows[0][1]]
    while header and not header[-1].strip():
        header = header[:-1]
    for (row, col), formula in sorted(data.formulas.items()):
        cells = dict(data.rows).get(row, [])
        if col < len(cells) and cells[col] is None:
            label = header[col] if col < len(header) else f"#{col + 1}"
            problems.add(path, row, kinds.FORMULA_NO_VALUE, column=label, formula=formula[:60])
    _spread_merged(path, data, header, problems)
    hidden = [r for r in data.hidden_rows if r > 1]
    if hidden:
        shown = ", ".join(str(r) for r in hidden[:10]) + (f" và {len(hidden) - 10} dòng khác" if len(hidden) > 10 else "")
        problems.add(path, hidden[0], kinds.HIDDEN_ROWS, count=len(hidden), rows=f"dòng {shown}")
    body = [
        (r, _trimmed([_cell_text(v, data.number_formats.get((r, c), "General")) for c, v in enumerate(cells)], len(header)))
        for r, cells in data.rows[1:]
    ]
    if not _known_header(header) and _header_below(path, body[:10], problems):
        return None
    return Table.from_rows(header, _inside(path, body, header, problems))


def _data_sheet(path: Path, sheets: list[Sheet], problems: Problems) -> Sheet | None:
    """The sheet «Số liệu», else the first visible sheet but the guide; every other sheet with content is reported
    (hidden or not), never read instead of it or dropped without a word."""
    visible = [s for s in sheets if not s.hidden]
    data = next((s for s in visible if s.name == SHEET_DATA), None) or next((s for s in visible if s.name != SHEET_HELP), None)
    for s in sheets:
        if s is data or not s.rows or (s.name == SHEET_HELP and not s.hidden):
            continue
        where = data.name if data is not None else SHEET_DATA
        if s.hidden:
            problems.add(path, None, kinds.HIDDEN_SHEET, sheet=s.name, rows=len(s.rows), data=where)
        else:
            problems.add(path, s.rows[0][0], kinds.EXTRA_SHEET, sheet=s.name, rows=len(s.rows), first=s.rows[0][0], data=where)
    return data


def _spread_merged(path: Path, data: Sheet, header: list[str], problems: Problems) -> None:
    """Below the header, each merged range's value (Excel keeps it in the range's first cell only) in every cell
    of the range, with a warning: merging «Ngày báo cáo» or «Nguồn» over several rows means the same for each."""
    rows = dict(data.rows)
    numbers = sorted(rows)
    for first_row, first_col, last_row, last_col in sorted(data.merged):  # messages in the order of rows and columns
        if first_row < 2 or (first_row == last_row and first_col == last_col):
            continue
        value = (rows.get(first_row) or [])[first_col : first_col + 1]
        if not value or value[0] is None or (isinstance(value[0], str) and not value[0].strip()):
            continue
        number_format = data.number_formats.get((first_row, first_col))
        # Only the rows with content (a row with nothing else in it stays blank), however far the range reaches.
        for r in numbers[bisect_left(numbers, first_row) : bisect_right(numbers, last_row)]:
            cells = rows[r]
            cells.extend([None] * (last_col + 1 - len(cells)))
            for c in range(first_col, last_col + 1):
                cells[c] = value[0]
                if number_format:
                    data.number_formats[(r, c)] = number_format
        label = header[first_col] if first_col < len(header) else ""
        cells_text = f"{_cell_name(first_row, first_col)}:{_cell_name(last_row, last_col)}"
        problems.add(
            path,
            first_row,
            kinds.MERGED_CELLS,
            column=label or None,
            cells=cells_text,
            value=_cell_text(value[0], number_format or "General")[:60],
            first=first_row,
            last=last_row,
        )


def _inside(path: Path, body: list[tuple[int, list[str]]], header: list[str], problems: Problems) -> list[tuple[int, list[str]]]:
    """Rows without the cells right of the header's last column, each such cell with content an error naming it
    (a sheet has no delimiters, so the CSV's «extra cells» message would not fit)."""
    width, out = len(header), []
    for r, cells in body:
        for c in range(width, len(cells)):
            if cells[c].strip():
                problems.add(path, r, kinds.OUTSIDE_TABLE, cell=_cell_name(r, c), last=header[-1], value=cells[c][:60], row=r)
        out.append((r, cells[:width]))
    return out


def _cell_name(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col + 1)}{row}"


def _trimmed(cells: list[str], width: int) -> list[str]:
    """A sheet's row without its empty cells past the header (a sheet has no delimiters: they are no «extra cells»)."""
    end = len(cells)
    while end > width and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _known_header(cells: list[str]) -> bool:
    """Whether a row is the header of a kind of staff file (all its required columns named)."""
    from plansite.staff.filekinds import kind_of  # the kinds import the readers of their files

    return kind_of(cells) is not None


def _header_below(path: Path, first_rows: list[tuple[int, list[str]]], problems: Problems) -> bool:
    """When one of the rows under a first row that is no header is a header (a title row above it): say so, True."""
    for line, cells in first_rows:
        if _known_header(cells):
            names = [c for c in cells if c.strip()]
            problems.add(path, 1, kinds.HEADER_NOT_FIRST, at=line, columns=first_names(names), above=line - 1)
            return True
    return False


def _header_in_place(path: Path, table: Table | None, problems: Problems) -> Table | None:
    """The table, when its header is its first row; a title row above the header is one error (not «column
    missing» for each column), and a copy of the header further down (two files pasted into one) is an error on
    its row, which is left out (not «no indicator with code «Mã chỉ tiêu»»)."""
    if table is None:
        return None
    if not _known_header(table.header):
        return None if _header_below(path, table.rows()[:10], problems) else table
    if repeated := table.repeated_headers():
        shown = first_names([h for h in table.header if h.strip()])
        for r in repeated:
            problems.add(path, int(table.lines[r]), kinds.REPEATED_HEADER, columns=shown)
        table.drop(repeated)
    return table


def read_filled(path: Path, problems: Problems) -> Table | None:
    """A filled template: .xlsx (by content, whatever the name) or CSV (UTF-8 with or without BOM, «,» or «;»)."""
    return _header_in_place(path, _read_filled(path, problems), problems)


def _read_filled(path: Path, problems: Problems) -> Table | None:
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
