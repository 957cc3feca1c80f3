"""Reading a filled template: the sheet «Số liệu» of an .xlsx file, or a CSV file (UTF-8 with or without BOM, «,» or «;»)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from plansite.check.progress import Table, read_table
from plansite.problems import Problems, kinds
from plansite.staff.common import IMPORT_TAKES, SHEET_DATA, TEMPLATE_HEADER, number_text
from plansite.vi import fmt


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


def read_xlsx(path: Path, problems: Problems) -> Table | None:
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
    return Table.from_rows(header, table[1:])


def read_filled(path: Path, problems: Problems) -> Table | None:
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
