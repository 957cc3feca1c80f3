"""Reading a staff CSV file into a table of text cells, with the line of every record.

pandas' C parser reads the file (``dtype=str``, nothing turned into NaN). The line of a
record is the line on which it ends, as a text editor and Python's csv module count it;
it is known from the line breaks that are not inside quotes, so a quoted cell that spans
lines keeps every later line exact. pandas accepts a few things Python's csv module (in
strict mode) refuses, and refuses rows longer than the header: whenever a file is not a
plain CSV (a quote that is not at the start or end of a cell, more cells than the header,
a cell too long for the csv module …), the csv module reads it instead and says where the
structural problem is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from plansite.check.progress.columns import HEADER_CONTENT
from plansite.load.boundary import read_bytes
from plansite.load.textio import decode_text
from plansite.problems import Problems, kinds
from plansite.vi.text import trim

# Maps every control byte (of ``_CONTROL`` in rules.py, and NUL) to 0 and any other byte to 1.
_CONTROL_BYTES = bytes(0 if (b < 32 and b not in (9, 10, 13)) or b == 127 else 1 for b in range(256))
_QUOTE, _NEWLINE = ord('"'), ord("\n")


@dataclass
class Table:
    """The header and the text cells of a CSV file, column by column, padded to the header's width.

    ``lines[i]``: the line on which record i (the first after the header is 0) ends;
    ``extras[i]``: its cells beyond the header, if any; ``longest``: an upper bound of the
    length of any cell (the longest record, in bytes); ``controls``: whether the file may
    hold a control character."""

    header: list[str]
    columns: list[npt.NDArray[np.object_]]
    lines: npt.NDArray[np.int64]
    extras: dict[int, list[str]] = field(default_factory=dict)
    longest: int = 0
    controls: bool = True
    hidden: int = 0  # columns of the file the caller took out before checking (the template's own): messages count them

    def __len__(self) -> int:
        return len(self.lines)

    @classmethod
    def from_rows(cls, header: Sequence[str], rows: Sequence[tuple[int, Sequence[str]]], hidden: int = 0) -> Table:
        """A table of (line, cells) rows (read by the csv module, or from a spreadsheet); ``hidden``: columns of the
        file not in ``header`` (messages that count cells count them too)."""
        width = len(header)
        columns = [np.array([c[i] if i < len(c) else "" for _, c in rows], dtype=object) for i in range(width)]
        extras = {r: list(c[width:]) for r, (_, c) in enumerate(rows) if len(c) > width}
        longest = max((sum(map(len, c)) + len(c) for _, c in rows), default=0)
        lines = np.array([line for line, _ in rows], dtype=np.int64)
        return cls(list(header), columns, lines, extras, longest, hidden=hidden)

    def without_empty_trailing_columns(self) -> int:
        """Take out the columns at the right end that have no header and no text in any row (Excel writes them when
        its used range is wider than the table); return how many. In a row that also has cells beyond the header,
        they join those extras, so a message that counts the row's cells still counts the file's."""
        width = len(self.header)
        while width and not trim(self.header[width - 1]) and not any(trim(c) for c in self.columns[width - 1]):
            width -= 1
        gone = len(self.header) - width
        if gone and width:
            tail = [list(col) for col in self.columns[width:]]
            self.extras = {r: [c[r] for c in tail] + extra for r, extra in self.extras.items()}
            self.header, self.columns = self.header[:width], self.columns[:width]
        return gone if width else 0

    def repeated_headers(self) -> list[int]:
        """Records that repeat the header (two files pasted into one): at least two cells, and every filled cell
        but one (the pasted file's byte order mark may sit in the first), equal to the header's cell above them."""
        if len(self.header) < 2 or not len(self):
            return []
        # Cheap first: a repeated header repeats the first or the second name. Only those records are compared whole.
        near = np.flatnonzero((self.columns[0] == self.header[0]) | (self.columns[1] == self.header[1]))
        if not len(near):
            return []
        same = np.zeros(len(near), dtype=np.int64)
        filled = np.zeros(len(near), dtype=np.int64)
        for name, col in zip(self.header, self.columns, strict=True):
            here = col[near]
            same += here == name
            filled += here != ""
        found = near[(same >= 2) & (same >= filled - 1)].tolist()
        return [r for r in found if r not in self.extras]

    def drop(self, records: list[int]) -> None:
        """Take ``records`` out of the table (their problems are reported by the caller)."""
        if not records:
            return
        keep = np.ones(len(self), dtype=bool)
        keep[records] = False
        index = np.cumsum(keep) - 1
        self.columns = [c[keep] for c in self.columns]
        self.extras = {int(index[r]): e for r, e in self.extras.items() if keep[r]}
        self.lines = self.lines[keep]

    def rows(self) -> list[tuple[int, list[str]]]:
        """(line, cells) of every record: the header's width, and any cells beyond it."""
        cells = [list(col) for col in self.columns]
        return [(int(line), [c[r] for c in cells] + self.extras.get(r, [])) for r, line in enumerate(self.lines.tolist())]


def sniff_delimiter(first_line: str) -> str:
    if first_line.count(";") > first_line.count(","):
        return ";"
    if first_line.count("\t") > first_line.count(","):
        return "\t"
    return ","


_CSV_PHRASES = {
    "unexpected end of data": "tệp kết thúc khi dấu ngoặc kép chưa đóng",
    "expected after": "sau dấu ngoặc kép đóng phải là dấu phân cách hoặc cuối dòng",
    "field larger than field limit": "có ô quá dài",
}


def csv_problem(exc: csv.Error) -> str:
    """The csv module's complaint in Vietnamese, the original in brackets."""
    text = str(exc)
    vi = next((v for en, v in _CSV_PHRASES.items() if en in text), "")
    return f"{vi} ({text})" if vi else text


def read_table(
    path: Path, problems: Problems, root: Path | None = None, taker: str = "Thư mục progress/", header: str = HEADER_CONTENT
) -> Table | None:
    """The table of a staff CSV file, or None (with the problem recorded) when it cannot be read, is a link
    (or is reached through one below ``root``) or is too large.

    ``taker`` (what takes the file) and ``header`` (the header row it needs) word the problems of other staff files."""
    problems.checked(path)
    try:
        raw = read_bytes(path, problems, root)
    except FileNotFoundError:
        problems.add(path, None, kinds.UNREADABLE, what="tệp", reason="không có tệp này")
        return None
    if raw is None:
        return None
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        found = "bảng tính Excel mang đuôi .csv"
        problems.add(path, None, kinds.NOT_CSV, taker=taker, expected="tệp .csv", found=found)
        return None
    text = decode_text(raw, path, problems)
    if text is None:
        return None
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    return parse_text(text, path, problems, None if b"\r" in body else body, header)


def parse_text(
    text: str, path: Path, problems: Problems, data: bytes | None = None, header: str = HEADER_CONTENT
) -> Table | None:
    """The table of ``text`` (line ends «\\n»); ``data``: its UTF-8 bytes, when the caller has them."""
    if not text.strip():
        problems.add(path, 1, kinds.EMPTY_FILE, where=f"Tệp {path.name}", missing="dòng tiêu đề", content=header)
        return None
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    table = _with_pandas(text.encode("utf-8") if data is None else data, delimiter)
    return table if table is not None else _with_csv(text, delimiter, path, problems)


def _record_ends(arr: npt.NDArray[np.uint8], newlines: npt.NDArray[np.intp], delimiter: str) -> npt.NDArray[np.intp] | None:
    """Byte offsets of the line breaks that end records; None unless every quote opens or closes a cell.

    Then the k-th quote (from 0) opens a cell, or is the second of a doubled quote, when k is
    even, and closes a cell, or is the first of a doubled quote, when k is odd: so a line
    break is inside a cell exactly when an odd number of quotes come before it. A quote that
    opens must follow a delimiter, a line break or the start; one that closes must come
    before a delimiter, a line break or the end; doubled quotes are next to each other.
    Anything else (a quote inside an unquoted cell, or text after a closing quote) is left
    to the csv module."""
    quotes = np.flatnonzero(arr == _QUOTE)
    if not len(quotes):
        return newlines
    if len(quotes) % 2:
        return None
    sep = ord(delimiter)
    closing = quotes[1::2]
    after = arr[np.minimum(closing + 1, len(arr) - 1)]
    if not ((after == sep) | (after == _NEWLINE) | (after == _QUOTE) | (closing + 1 == len(arr))).all():
        return None
    opening = quotes[0::2]
    before = arr[np.maximum(opening - 1, 0)]
    if not ((before == sep) | (before == _NEWLINE) | (before == _QUOTE) | (opening == 0)).all():
        return None
    inside = np.searchsorted(quotes, newlines) % 2 == 1
    return newlines[~inside]


def _with_pandas(data: bytes, delimiter: str) -> Table | None:
    """The table read by pandas' C parser, or None when the csv module has to read the file."""
    arr = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(arr == _NEWLINE)
    ends = _record_ends(arr, newlines, delimiter)
    if ends is None:
        return None
    bounds = np.concatenate(([-1], ends, [len(arr)] if not data.endswith(b"\n") else []))
    longest = int(np.diff(bounds).max(initial=0))
    if longest > csv.field_size_limit():
        return None  # the csv module refuses such a cell: its message says where
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            encoding="utf-8",
            low_memory=False,  # one pass, no chunks to join
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None  # more cells than the header, or no header line: the csv module says which line
    lines = np.searchsorted(newlines, bounds[1:]) + 1  # the line of each record's last character
    if len(lines) != len(frame):
        return None
    columns = [frame[c].to_numpy(dtype=object) for c in frame.columns]
    header = [str(c[0]) for c in columns]
    controls = b"\x00" in data.translate(_CONTROL_BYTES)
    return Table(header, [c[1:] for c in columns], lines[1:].astype(np.int64), {}, longest, controls)


def _with_csv(text: str, delimiter: str, path: Path, problems: Problems) -> Table | None:
    """The table read by Python's csv module, record by record; None (with the problem) at a CSV syntax error."""
    # A cell may be as long as the file (at most ``boundary.MAX_FILE_BYTES``): the cell rule then says which cell
    # is too long, at its line and column, instead of the csv module's «field larger than field limit».
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for cells in reader:
            if header is None:
                header = cells
            else:
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # say where the quote opened, not where the file ends
            start = (rows[-1][0] if rows else 1 if header is not None else 0) + 1
            number, name = _open_quote_column(text.split("\n")[start - 1], delimiter, header)
            problem = (
                f"dấu ngoặc kép mở ở dòng {start} (ô thứ {number}) không được đóng, nên mọi dòng từ đó đến cuối tệp "
                f"(dòng {reader.line_num}) bị đọc thành một ô"
            )
            problems.add(path, start, kinds.CSV_SYNTAX, column=name, problem=problem)
        else:
            problems.add(path, reader.line_num, kinds.CSV_SYNTAX, problem=csv_problem(exc))
        return None
    return Table.from_rows(header or [], rows)


def _open_quote_column(line: str, delimiter: str, header: list[str] | None) -> tuple[int, str | None]:
    """(number, header name) of the cell of ``line`` whose opening quote is never closed: the last quote that
    opens a cell, counted by toggling at every quote (a doubled quote toggles twice)."""
    inside, opened = False, 0
    for i, ch in enumerate(line):
        if ch == '"':
            inside = not inside
            if inside:
                opened = i
    before = next(csv.reader([line[:opened]], delimiter=delimiter), []) if opened else []
    number = max(len(before), 1)
    name = header[number - 1].strip() if header and number <= len(header) and header[number - 1].strip() else None
    return number, name
