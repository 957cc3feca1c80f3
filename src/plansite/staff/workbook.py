"""Opening an uploaded .xlsx file safely: limits checked on the zip's table of contents before anything is
parsed, XML read without DTDs or entities (defusedxml), rows read as a stream (openpyxl's read-only mode).

An .xlsx file is a zip of XML parts. Each member's declared size bounds what reading it can produce
(``zipfile`` stops there and checks the CRC), so the limits below hold whatever the file claims:
a 3 KB «zip bomb» that would unpack to gigabytes is refused before a byte of it is inflated.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException

from plansite.load.boundary import size_text

MAX_FILE = 20 * 1024 * 1024  # the uploaded file; a template for one agency and year is under 100 KB
MAX_UNPACKED = 50 * 1024 * 1024  # all of its members, uncompressed
MAX_RATIO = 100  # uncompressed / compressed, for a member of more than RATIO_FROM bytes (Excel's parts: 5–20)
RATIO_FROM = 1024 * 1024
MAX_ROWS = 100_000  # rows with content, in all sheets
MAX_COLUMNS = 60  # the template has 14; cells further right are read as empty
MAX_MERGED = 10_000  # merged ranges in a sheet (a filled template has none, or a few)
_XML = (".xml", ".rels", ".vml")
_PEEK = 64 * 1024


class Refused(Exception):
    """Why a workbook is not opened, in Vietnamese (the «why» of ``kinds.XLSX_REFUSED``)."""


def inspect(path: Path) -> None:
    """Raise ``Refused`` when the file is too large, unpacks to too much, is compressed abnormally, or declares
    a DTD or an entity; nothing is inflated beyond the first bytes of each XML part."""
    size = path.stat().st_size
    if size > MAX_FILE:
        raise Refused(f"tệp dài {size_text(size)} (tối đa {size_text(MAX_FILE)})")
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        total = sum(i.file_size for i in infos)
        if total > MAX_UNPACKED:
            raise Refused(f"khi giải nén, tệp thành {size_text(total)} (tối đa {size_text(MAX_UNPACKED)})")
        for info in infos:
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise Refused(f"phần «{info.filename[:60]}» nén theo kiểu Excel không dùng")
            if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise Refused(f"phần «{info.filename[:60]}» nén gấp {ratio} lần (tối đa {MAX_RATIO} lần)")
        for info in infos:
            if info.filename.lower().endswith(_XML):
                with z.open(info) as f:
                    head = f.read(_PEEK)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise Refused(f"phần «{info.filename[:60]}» có khai báo DTD hoặc thực thể XML (XXE)")


@dataclass
class Sheet:
    name: str
    hidden: bool
    rows: list[tuple[int, list[Any]]]  # (row number, cell values) of the rows with content
    formulas: dict[tuple[int, int], str]  # (row, column from 0) -> the formula, for cells that hold one
    number_formats: dict[tuple[int, int], str]
    # The merged ranges: (first row, first column from 0, last row, last column), columns within MAX_COLUMNS.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)  # rows hidden in Excel (still read: said, never dropped)
    # Cells whose formula Excel computed to an empty text («=IF(A2="";"";…)» dragged down): shown empty, read so.
    empty_results: set[tuple[int, int]] = field(default_factory=set)


@contextmanager
def _open(path: Path, data_only: bool) -> Iterator[Any]:
    from openpyxl import load_workbook

    # Opened as a file, not by name: openpyxl refuses a name not ending in .xlsx/.xlsm, and an .xlsx saved
    # under another name (a download without its extension, «.xls» typed by hand) is still an .xlsx.
    with path.open("rb") as f:
        wb = load_workbook(f, read_only=True, data_only=data_only)
        try:
            yield wb
        finally:
            wb.close()


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet's rows with content (after ``inspect``). Formulas are read in a first pass; their values as
    Excel saved them in a second, only when there are formulas. Raise ``Refused`` on a hostile or broken file."""
    try:
        sheets = _read(path, data_only=False)
        if any(s.formulas for s in sheets):
            computed = {s.name: s for s in _read(path, True)}
            for s in sheets:
                done = computed.get(s.name) or Sheet(s.name, s.hidden, [], {}, {})
                values = {(r, c): v for r, cells in done.rows for c, v in enumerate(cells)}
                values.update(dict.fromkeys(done.empty_results, ""))
                s.rows = [
                    (r, [values.get((r, c)) if (r, c) in s.formulas else v for c, v in enumerate(cells)]) for r, cells in s.rows
                ]
    except Refused:
        raise
    except Exception as exc:  # anything openpyxl cannot read in a file from outside: said, never a crash
        if _unsafe_xml(exc):  # defusedxml's refusal, also when openpyxl wraps it in its own error
            raise Refused(UNSAFE_XML) from None
        raise Refused("tệp hỏng hoặc không đúng dạng .xlsx: mở lại bằng Excel và lưu thành «Sổ làm việc Excel (.xlsx)»") from None
    return sheets


UNSAFE_XML = "XML của tệp có khai báo DTD hoặc thực thể XML (XXE), thấy khi đọc tệp; Excel không tạo ra những khai báo này"


def _unsafe_xml(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, DefusedXmlException):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _read(path: Path, data_only: bool) -> list[Sheet]:
    out: list[Sheet] = []
    count = 0
    with _open(path, data_only) as wb:
        for ws in wb.worksheets:
            ws.reset_dimensions()  # a declared size (A1:XFD1048576) is not believed: only the cells present are read
            sheet = Sheet(ws.title, ws.sheet_state != "visible", [], {}, {})
            for row in ws.iter_rows(max_col=MAX_COLUMNS):
                values = [getattr(c, "value", None) for c in row]
                if data_only:  # a formula's empty text result: openpyxl gives None, the cell's type says «str»
                    at = next((c.row for c in row if getattr(c, "row", None)), 0)
                    sheet.empty_results.update(
                        (at, i) for i, c in enumerate(row) if values[i] is None and getattr(c, "data_type", None) == "str"
                    )
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                count += 1
                if count > MAX_ROWS:
                    raise Refused(f"có hơn {MAX_ROWS:,} dòng có nội dung".replace(",", "."))
                number = next((c.row for c in row if getattr(c, "row", None)), 0)
                for i, c in enumerate(row):
                    if getattr(c, "data_type", None) == "f":
                        sheet.formulas[(number, i)] = str(c.value)
                    fmt = getattr(c, "number_format", "General")
                    if fmt and fmt != "General":
                        sheet.number_formats[(number, i)] = fmt
                sheet.rows.append((number, values))
            if not data_only:
                sheet.merged, hidden = _sheet_layout(ws, sheet.rows[-1][0] if sheet.rows else 0)
                sheet.hidden_rows = [r for r, _ in sheet.rows if r in hidden]
            out.append(sheet)
    return out


def _sheet_layout(ws: Any, last_content_row: int) -> tuple[list[tuple[int, int, int, int]], set[int]]:
    """The merged ranges of a sheet, cut to its rows with content and to MAX_COLUMNS. openpyxl's read-only sheets
    do not give them, so the sheet's part is read again for its ``<mergeCell ref="K2:K6"/>`` elements (defusedxml,
    as everything else of the file). Excel never overlaps two ranges, so together they cover at most the sheet's
    cells; a file whose ranges cover more (overlapping on purpose) is refused before any value is spread.
    Also the rows hidden in Excel (``<row r="5" hidden="1">``), up to the last row with content."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import range_boundaries

    out: list[tuple[int, int, int, int]] = []
    covered, hidden = 0, set[int]()
    with ws._get_source() as src:  # the sheet's XML part, as openpyxl's read-only sheet itself opens it
        for _, el in iterparse(src):
            if el.tag.endswith("}row") and el.get("hidden") in ("1", "true"):
                number = int(el.get("r") or "0") if (el.get("r") or "").isdigit() else 0
                if 0 < number <= last_content_row:
                    hidden.add(number)
            elif el.tag.endswith("}mergeCell") and el.get("ref"):
                first_col, first_row, last_col, last_row = range_boundaries(el.get("ref"))
                if first_row is not None and first_col is not None and last_row is not None and last_col is not None:
                    last_row, last_col = min(last_row, last_content_row), min(last_col, MAX_COLUMNS)
                    if first_col <= last_col and first_row <= last_row:  # cells further right are read as empty
                        out.append((first_row, first_col - 1, last_row, last_col - 1))
                        covered += (last_row - first_row + 1) * (last_col - first_col + 1)
                    if len(out) > MAX_MERGED or covered > MAX_ROWS * MAX_COLUMNS:
                        raise Refused(f"có hơn {MAX_MERGED:,} vùng ô gộp, hoặc các vùng gộp chồng lên nhau".replace(",", "."))
            el.clear()
    return out, hidden
