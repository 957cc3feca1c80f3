"""Cells of the templates' workbooks (openpyxl): styles given cheaply, text kept text.

A template has a few hundred rows of a dozen columns, nearly all with one of a handful of looks (locked and grey,
to fill and yellow, typed as text …). Setting a style through openpyxl's attributes looks each part up in the
workbook's style tables, about 15 µs a part and cell: most of a template's time. ``CellLooks`` styles the first
cell of each look through those attributes and gives every other cell of that look a copy of the first one's
style record: the same indexes into the same tables, as openpyxl's own worksheet copy does
(``openpyxl.worksheet.copier``). The saved file is the same, cell for cell.
"""

from __future__ import annotations

from collections.abc import Hashable
from copy import copy
from typing import Any


class CellLooks:
    """The style record of the first cell of each look, by a name the caller gives the look."""

    def __init__(self) -> None:
        self._first: dict[Hashable, Any] = {}

    def copy_to(self, cell: Any, look: Hashable) -> bool:
        """Give ``cell`` the style of ``look`` if a cell of that look was styled already; False if none was yet."""
        first = self._first.get(look)
        if first is None:
            return False
        cell._style = copy(first)
        return True

    def remember(self, cell: Any, look: Hashable) -> None:
        """``cell`` has just been styled as ``look``: the cells of that look after it copy its style."""
        self._first[look] = copy(cell._style)


def as_text(ws: Any) -> None:
    """Every cell that openpyxl took for a formula (a text from data starting with «=») is stored as text."""
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f":
                c.data_type = "s"
