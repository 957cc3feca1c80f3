"""Reading a staff file whose columns are declared once (``Sheet``): every cell by the reader of its column.

The file is read as progress files are (``check.progress.table``: UTF-8 with or without BOM,
Excel's quoting, «;» or tab as separator; the header matched with or without diacritics).
Every problem is reported at its line and column, all at once; a row with an error is
reported and left out of the model, never dropped silently. These files hold tens or
hundreds of rows, so each row is read in turn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plansite.check.progress.columns import Column, map_header
from plansite.check.progress.rules import cell
from plansite.check.progress.table import read_table
from plansite.check.sheets.cells import Found, Lookup, Reader
from plansite.problems import Problems, kinds

RowCheck = Callable[[Lookup, dict[str, Any]], list[tuple[str | None, Found]]]  # (column id or None, problem)


@dataclass(frozen=True)
class Sheet:
    """A staff file: its name, what it holds, its columns (each with its reader) and the checks of a whole row."""

    name: str
    what: str
    columns: tuple[Column, ...]
    readers: dict[str, Reader]  # column id -> reader of the column's stripped text
    row_checks: tuple[RowCheck, ...] = ()

    @property
    def header(self) -> str:
        return "dòng tiêu đề cột ở dòng 1: " + ",".join(c.label for c in self.columns)

    def label(self, column: str | None) -> str | None:
        return next((c.label for c in self.columns if c.id == column), None) if column else None


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, Any]  # column id -> what its reader made of it


def read_sheet(path: Path, sheet: Sheet, lk: Lookup, problems: Problems) -> list[Row]:
    """The rows of ``path`` without error; every problem of the file reported to ``problems``."""
    table = read_table(path, problems, path.parent, taker=f"Tệp {sheet.name}", header=sheet.header)
    if table is None:
        return []
    cols = map_header(path, table.header, problems, sheet.columns)
    if cols is None:
        return []
    out: list[Row] = []
    width = len(table.header)
    for line, cells in table.rows():
        if not any(c.strip() for c in cells):
            continue
        found = _extra(cells, width) + _cells(sheet, cols, cells)
        if not found:
            values, found = _read(sheet, cols, cells, lk)
            if not any(k.severity == "error" for _, (k, _f) in found):
                found += [p for check in sheet.row_checks for p in check(lk, values)]
            if not any(k.severity == "error" for _, (k, _f) in found):
                out.append(Row(line, values))
        for column, (kind, fields) in found:
            problems.add(path, line, kind, column=sheet.label(column), **fields)
    return out


def _extra(cells: list[str], width: int) -> list[tuple[str | None, Found]]:
    filled = [c for c in cells[width:] if c.strip()]
    if not filled:
        return []
    return [(None, (kinds.EXTRA_CELLS, {"cells": len(cells), "columns": width, "extra": filled[0][:40]}))]


def _cells(sheet: Sheet, cols: dict[str, int], cells: list[str]) -> list[tuple[str | None, Found]]:
    """No control character, no cell too long (``progress.rules.cell``): a row with such a cell is not read further."""
    return [(c.id, p) for c in sheet.columns if c.id in cols for p in cell(None, cells[cols[c.id]])[1]]  # type: ignore[arg-type]


def _read(
    sheet: Sheet, cols: dict[str, int], cells: list[str], lk: Lookup
) -> tuple[dict[str, Any], list[tuple[str | None, Found]]]:
    values: dict[str, Any] = {}
    found: list[tuple[str | None, Found]] = []
    for c in sheet.columns:
        s = cells[cols[c.id]].strip() if c.id in cols else ""
        if not s and c.required:
            found.append((c.id, (kinds.MISSING_CELL, {"label": c.label, "help": c.help})))
            values[c.id] = None
            continue
        value, problems = sheet.readers[c.id](lk, c, s)
        values[c.id] = value
        found += [(c.id, p) for p in problems]
    return values, found
