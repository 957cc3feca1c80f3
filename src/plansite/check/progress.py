"""Progress figures: one CSV per indicator under ``progress/``, filled in by staff.

Reading is forgiving where it is safe (UTF-8 with or without BOM, CRLF,
Excel's quoting, «;» as separator, headers with or without diacritics) and
strict where a guess could publish a wrong number.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gc
import io
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import overload

from plansite import model as m
from plansite.check.urls import is_safe_url, shown_url
from plansite.load.textio import char_name, decode_text
from plansite.model.observations import Observation, Progress
from plansite.problems import Problems, kinds
from plansite.problems.kinds import Kind, examples
from plansite.vi.numbers import SIMPLE_NUMBER as _SIMPLE_NUMBER
from plansite.vi.numbers import NumberError, parse_number, parse_number_fast
from plansite.vi.text import key


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    required: bool
    help: str


COLUMNS: tuple[Column, ...] = (
    Column("nam", "Năm", True, "Năm của số liệu, 4 chữ số, ví dụ 2024."),
    Column("gia_tri", "Giá trị", True, "Con số, theo đơn vị của chỉ tiêu. Dấu phẩy thập phân: 26,7. Không ghi chữ."),
    Column("dia_ban", "Địa bàn", False, "Tên hoặc mã đơn vị hành chính; để trống = toàn tỉnh."),
    Column("chuoi", "Chuỗi số liệu", False, "Mã chuỗi số liệu (cách đo) của chỉ tiêu; để trống = chuỗi chính."),
    Column(
        "phuong_phap",
        "Phương pháp",
        False,
        "Chuẩn hoặc phương pháp đo. Khi phương pháp đổi, số liệu trước và sau không được so sánh với nhau.",
    ),
    Column("nguon", "Nguồn", True, "Tên văn bản hoặc bài viết công bố con số."),
    Column("lien_ket", "Liên kết nguồn", False, "Địa chỉ web của nguồn, bắt đầu bằng https:// hoặc http://."),
    Column("co_quan", "Cơ quan báo cáo", False, "Mã hoặc tên cơ quan báo cáo con số."),
    Column("ngay_bao_cao", "Ngày báo cáo", False, "Ngày con số được báo cáo hoặc công bố, dạng dd/mm/yyyy."),
    Column("so_bo", "Sơ bộ", False, "Ghi x nếu là số sơ bộ."),
    Column("uoc_tinh", "Ước tính", False, "Ghi x nếu là số ước tính."),
    Column("ghi_chu", "Ghi chú", False, "Giải thích thêm, nếu cần."),
)
COLUMN_BY_KEY = {key(c.label): c for c in COLUMNS} | {key(c.id): c for c in COLUMNS}
HEADER = [c.label for c in COLUMNS]
TRUE_WORDS = {"x", "co", "có", "1", "true", "yes", "dung", "đúng", "sb", "sơ bộ", "so bo", "ước tính", "uoc tinh", "ut"}
FALSE_WORDS = {"", "khong", "không", "0", "false", "no", "sai"}
MAX_CELL = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_YEAR = re.compile(r"\d{4}")

# The checker reads every row of every file: the helpers below are memoised (the same
# place, method, date or link repeats on many rows) and the word sets are folded once.
_key = functools.lru_cache(maxsize=8192)(key)
_TRUE_KEYS = frozenset(key(w) for w in TRUE_WORDS)
_FALSE_KEYS = frozenset(key(w) for w in FALSE_WORDS)
_safe_url = functools.lru_cache(maxsize=8192)(is_safe_url)


class PlaceIndex:
    """Finds a place by id, name, «Kind Name» or alias, taking validity dates into account."""

    def __init__(self, places: Iterable[m.Place]):
        self.by_id = {p.id: p for p in places}
        self.by_name: dict[str, list[m.Place]] = {}
        for p in self.by_id.values():
            for label in {p.name, p.full_name, *p.aliases}:
                self.by_name.setdefault(key(label), []).append(p)

    def examples(self) -> str:
        """Two names staff can copy, taken from the data (a district and a commune, if any)."""
        picks = [next((p.name for p in self.by_id.values() if p.level == lvl), "") for lvl in ("huyen", "xa")]
        picks = [f"«{x}»" for x in picks if x] or ["«tên đơn vị»"]
        return ", ".join(picks)

    def find(self, text: str, year: int | None) -> tuple[m.Place | None, str]:
        """(place, problem). The problem is empty when the place is found."""
        if text in self.by_id:
            return self.by_id[text], ""
        cands = self.by_name.get(key(text), [])
        if not cands:
            return None, "unknown"
        if len(cands) > 1 and year is not None:
            live = [p for p in cands if _alive(p, year)]
            cands = live or cands
        if len(cands) > 1:
            return None, "ambiguous:" + ", ".join(f"{p.id} ({p.full_name})" for p in cands)
        return cands[0], ""


def _alive(p: m.Place, year: int) -> bool:
    start = p.valid_from.year if p.valid_from else -(10**9)
    end = p.valid_to.year if p.valid_to else 10**9
    return start <= year <= end


@functools.lru_cache(maxsize=1024)
def _flag(text: str) -> bool | None:
    k = text.strip().lower()
    if k in TRUE_WORDS or key(k) in _TRUE_KEYS:
        return True
    if k in FALSE_WORDS or key(k) in _FALSE_KEYS:
        return False
    return None


@functools.lru_cache(maxsize=8192)
def _parse_date(text: str) -> dt.date | None:
    s = text.strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(s)


def sniff_delimiter(first_line: str) -> str:
    if first_line.count(";") > first_line.count(","):
        return ";"
    if first_line.count("\t") > first_line.count(","):
        return "\t"
    return ","


HEADER_CONTENT = "dòng tiêu đề cột ở dòng 1: " + ",".join(HEADER)

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


# Maps every control byte (the bytes of _CONTROL, and NUL) to 0 and any other byte to 1.
_CONTROL_BYTES = bytes(0 if (b < 32 and b not in (9, 10, 13)) or b == 127 else 1 for b in range(256))


class _Rows(Sequence[tuple[int, list[str]]]):
    """(line, cells) of each row, made when asked for: row i (from 0) is on line i + 2."""

    __slots__ = ("cells",)

    def __init__(self, cells: list[list[str]]):
        self.cells = cells

    def __len__(self) -> int:
        return len(self.cells)

    @overload
    def __getitem__(self, i: int) -> tuple[int, list[str]]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, list[str]]]: ...
    def __getitem__(self, i: int | slice) -> tuple[int, list[str]] | list[tuple[int, list[str]]]:
        if isinstance(i, slice):
            return [(j + 2, self.cells[j]) for j in range(*i.indices(len(self.cells)))]
        j = i + len(self.cells) if i < 0 else i
        return (j + 2, self.cells[i])

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return zip(itertools.count(2), self.cells)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class _Table(tuple):  # type: ignore[type-arg]
    """(header, rows) of ``read_table``; ``clean``: no control character and no over-long cell in
    the file; ``cells``: the rows' cells alone, when row i is on line i + 2 (no cell spans lines)."""

    clean = False
    cells: list[list[str]] | None = None


def read_table(path: Path, problems: Problems) -> tuple[list[str], Sequence[tuple[int, list[str]]]] | None:
    """Header and (line, cells) rows of a staff CSV file, or None when unreadable."""
    problems.checked(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(path, None, kinds.UNREADABLE, what="tệp", reason=exc.strerror or type(exc).__name__)
        return None
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        problems.add(
            path, None, kinds.NOT_CSV, taker="Thư mục progress/", expected="tệp .csv", found="bảng tính Excel mang đuôi .csv"
        )
        return None
    text = decode_text(raw, path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.add(path, 1, kinds.EMPTY_FILE, where=f"Tệp {path.name}", missing="dòng tiêu đề", content=HEADER_CONTENT)
        return None
    first = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first)
    # One record per physical line (no line break inside a quoted cell): the line of a record
    # is its position, and the whole file is read in one call.
    breaks = text.count("\n")  # decode_text has made every line end «\n»
    lines_total = breaks if text.endswith("\n") else breaks + 1
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        records = []
    if records and len(records) == lines_total:
        body = records[1:]
        table = _Table((records[0], _Rows(body)))
        table.cells = body
        # No cell spans lines here, so a line no longer than MAX_CELL holds no longer cell. Both
        # checks on the UTF-8 bytes (a control byte there is a control character; a line has at
        # least as many bytes as characters), in C.
        table.clean = b"\x00" not in raw.translate(_CONTROL_BYTES) and max(map(len, raw.split(b"\n"))) <= MAX_CELL
        return table
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for cells in reader:
            line = reader.line_num
            if header is None:
                header = cells
                continue
            rows.append((line, cells))
    except csv.Error as exc:
        problems.add(path, reader.line_num, kinds.CSV_SYNTAX, problem=csv_problem(exc))
        return None
    return header or [], rows


def read_progress(folder: Path, plan: m.PlanData | None, problems: Problems, today: dt.date | None = None) -> Progress:
    """Read and check every progress file. Rows with problems are reported, never dropped silently."""
    # Reading makes one object per row and no reference cycles: pausing the cyclic garbage
    # collector saves its repeated passes over the growing list (10–20% with a million rows).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_progress(folder, plan, problems, today)
    finally:
        if collecting:
            gc.enable()


def _read_progress(folder: Path, plan: m.PlanData | None, problems: Problems, today: dt.date | None) -> Progress:
    today = today or dt.date.today()
    out = Progress()
    pdir = folder / "progress"
    if not pdir.is_dir():
        problems.add(pdir, None, kinds.MISSING_FOLDER, folder="progress/", what="thư mục số liệu, có thể để trống")
        return out
    indicators = {i.id: i for i in plan.indicators} if plan else {}
    agencies = {a.id: a for a in plan.agencies} if plan else {}
    agency_keys = {key(a.name): a.id for a in agencies.values()} | {key(a.short_name): a.id for a in agencies.values()}
    places = PlaceIndex(plan.places.places) if plan else None
    for path in sorted(pdir.rglob("*")):
        if path.is_dir():
            continue
        if path.name.startswith(".") or path.name.lower() in ("readme.md", "huong-dan.md"):
            continue
        if path.parent != pdir:
            problems.add(path, None, kinds.WRONG_PLACE, folder=path.parent.relative_to(pdir).as_posix(), name=path.name)
            continue
        if path.suffix.lower() != ".csv":
            found = f"tệp «{path.suffix}»" if path.suffix else "tệp không đuôi"
            problems.add(path, None, kinds.NOT_CSV, taker="Thư mục progress/", expected="tệp .csv", found=found)
            continue
        iid = path.stem
        ind = indicators.get(iid)
        if plan is not None and ind is None:
            problems.add(
                path,
                None,
                kinds.UNKNOWN_INDICATOR,
                value=iid,
                found_in=f"tên tệp «{path.name}»",
                example=examples(indicators, near=iid),
            )
            read_table(path, problems)
            continue
        out.files[iid] = path
        table = read_table(path, problems)
        if table is None or plan is None or ind is None or places is None:
            continue
        out.observations.extend(_check_rows(path, ind, plan, table, places, agencies, agency_keys, problems, today))
    return out


def _check_rows(
    path: Path,
    ind: m.Indicator,
    plan: m.PlanData,
    table: tuple[list[str], Sequence[tuple[int, list[str]]]],
    places: PlaceIndex,
    agencies: dict[str, m.Agency],
    agency_keys: dict[str, str],
    problems: Problems,
    today: dt.date,
) -> list[Observation]:
    header, rows = table
    cols: dict[str, int] = {}
    ok_header = True
    for i, name in enumerate(header):
        col = COLUMN_BY_KEY.get(key(name))
        if not name.strip():
            problems.add(path, 1, kinds.UNNAMED_COLUMN, column=f"#{i + 1}", number=i + 1)
            ok_header = False
        elif col is None:
            problems.add(path, 1, kinds.UNKNOWN_COLUMN, column=name, name=name, columns=", ".join(HEADER))
            ok_header = False
        elif col.id in cols:
            problems.add(path, 1, kinds.DUPLICATE_COLUMN, column=name, name=name, first=cols[col.id] + 1, number=i + 1)
            ok_header = False
        else:
            cols[col.id] = i
    for col in COLUMNS:
        if col.required and col.id not in cols:
            problems.add(path, 1, kinds.MISSING_COLUMN, column=col.label, label=col.label, help=col.help)
            ok_header = False
    if not ok_header:
        return []

    clean = bool(getattr(table, "clean", False))
    cells_only = getattr(table, "cells", None)
    fast = _fast_rows(path, ind, plan, header, rows, cols, places, agencies, agency_keys, problems, today, clean, cells_only)
    if fast is not None:
        return fast
    label = {c.id: c.label for c in COLUMNS}
    series_ids = ind.series_ids()
    province = plan.plan.place
    lo, hi = plan.plan.data_years.start, min(plan.plan.data_years.end, today.year)
    seen: dict[tuple[int, str, str, str], int] = {}
    out: list[Observation] = []
    rel_file = problems.rel(path)
    # One object per distinct text: a source or a link repeats on many rows (memory of large plans).
    shared: dict[str, str] = {}
    col_items = tuple(cols.items())
    whole_row = len(cols) == len(header)  # every column known: the cells of a full row are the row
    primary = ind.primary_series
    units: dict[str, str] = {}  # series id -> unit of its figures
    for line, cells in rows:
        if not "".join(cells).strip():  # a blank row (only empty or space cells)
            continue
        bad = False

        def err(kind: Kind, col: str | None, line: int = line, **fields: object) -> None:
            nonlocal bad
            bad = True
            problems.add(path, line, kind, column=label.get(col, col) if col else None, **fields)

        if len(cells) > len(header):
            extra = [c for c in cells[len(header) :] if c.strip()]
            if extra:
                err(kinds.EXTRA_CELLS, None, cells=len(cells), columns=len(header), extra=extra[0][:40])
        if whole_row and len(cells) == len(header):
            cell = {cid: cells[i] for cid, i in col_items}
            joined = "".join(cells)
        else:
            cell = {cid: (cells[i] if i < len(cells) else "") for cid, i in col_items}
            joined = "".join(cell.values())
        # One search per row; cell by cell only when something is found.
        if len(joined) > MAX_CELL or _CONTROL.search(joined):
            for cid, v in cell.items():
                if found := _CONTROL.search(v):
                    err(kinds.CONTROL_CHAR, cid, where="Ô", char=char_name(found.group()), what="nội dung ô")
                if len(v) > MAX_CELL:
                    err(kinds.LONG_CELL, cid, length=len(v), limit=MAX_CELL)
        if bad:
            continue
        cell = {cid: v.strip() for cid, v in cell.items()}

        year: int | None = None
        ytxt = cell.get("nam", "")
        if not ytxt:
            err(kinds.MISSING_YEAR, "nam", first=lo, last=hi)
        elif not _YEAR.fullmatch(ytxt.removesuffix(".0")):
            err(kinds.BAD_YEAR, "nam", value=ytxt, first=lo, last=hi)
        else:
            year = int(ytxt.removesuffix(".0"))
            if not lo <= year <= hi:
                err(kinds.YEAR_OUT_OF_RANGE, "nam", year=year, first=lo, last=hi)

        value: float | None = None
        vtxt = cell.get("gia_tri", "")
        if not vtxt:
            err(kinds.MISSING_VALUE, "gia_tri")
        else:
            try:
                value = parse_number(vtxt)
            except NumberError as exc:
                err(exc.kind, "gia_tri", **exc.fields)
        sid = cell.get("chuoi", "") or primary
        if sid not in series_ids:
            err(kinds.UNKNOWN_SERIES, "chuoi", series=sid, indicator=ind.id, choices=", ".join(series_ids))
        unit = units.get(sid)
        if unit is None:
            series = ind.series_by_id(sid)
            unit = units[sid] = (series.unit if series and series.unit else ind.unit).strip()
        if value is not None and unit == "%" and not 0 <= value <= 100:
            err(kinds.PERCENT_OUT_OF_RANGE, "gia_tri", value=vtxt)

        place_id = province
        ptxt = cell.get("dia_ban", "")
        if ptxt and _key(ptxt) != "toan tinh":
            place, why = places.find(ptxt, year)
            if place is None:
                if why.startswith("ambiguous:"):
                    err(kinds.AMBIGUOUS_PLACE, "dia_ban", value=ptxt, matches=why[10:], example=why[10:].split(" ", 1)[0])
                else:
                    err(kinds.UNKNOWN_PLACE, "dia_ban", value=ptxt, example=places.examples())
            else:
                place_id = place.id
                if year is not None and not _alive(place, year):
                    problems.add(
                        path,
                        line,
                        kinds.EXPIRED_PLACE,
                        column="Địa bàn",
                        place=place.full_name,
                        year=year,
                        start=place.valid_from or "…",
                        end=place.valid_to or "…",
                    )

        source = cell.get("nguon", "")
        if not source:
            err(kinds.MISSING_SOURCE, "nguon")
        url = cell.get("lien_ket", "")
        if url and not _safe_url(url):
            err(kinds.UNSAFE_LINK, "lien_ket", url=shown_url(url))
        agency = cell.get("co_quan", "")
        if agency:
            aid = agency if agency in agencies else agency_keys.get(_key(agency))
            if aid is None:
                err(kinds.UNKNOWN_AGENCY, "co_quan", value=agency, example=examples(agencies, near=agency))
            else:
                agency = aid
        reported: dt.date | None = None
        dtxt = cell.get("ngay_bao_cao", "")
        if dtxt:
            try:
                reported = _parse_date(dtxt)
            except ValueError:
                err(kinds.BAD_DATE, "ngay_bao_cao", value=dtxt, what="ngày báo cáo", why="không phải ngày dạng dd/mm/yyyy")
            else:
                assert reported is not None
                if reported > today:
                    err(kinds.FUTURE_DATE, "ngay_bao_cao", value=dtxt, today=f"{today:%d/%m/%Y}")
                elif year is not None and reported.year < year:
                    err(
                        kinds.BAD_DATE,
                        "ngay_bao_cao",
                        value=dtxt,
                        what="ngày báo cáo",
                        why=f"trước năm của số liệu ({year})",
                    )
        flags = {}
        for cid in ("so_bo", "uoc_tinh"):
            f = _flag(cell.get(cid, ""))
            if f is None:
                err(kinds.BAD_FLAG, cid, value=cell.get(cid))
            flags[cid] = bool(f)
        method = cell.get("phuong_phap", "")
        if year is not None and not bad:
            k = (year, place_id, sid, _key(method))
            if k in seen:
                err(
                    kinds.DUPLICATE_ROW,
                    "nam",
                    first=seen[k],
                    year=year,
                    place=place_id,
                    series=sid,
                    method=method or "(trống)",
                )
            else:
                seen[k] = line
        if bad or year is None or value is None:
            continue
        out.append(
            Observation(
                indicator=ind.id,
                year=year,
                value=value,
                place=place_id,
                series=shared.setdefault(sid, sid),
                method=shared.setdefault(method, method),
                source=shared.setdefault(source, source),
                url=shared.setdefault(url, url),
                agency=agency,
                reported=reported,
                preliminary=flags["so_bo"],
                estimate=flags["uoc_tinh"],
                note=shared.setdefault(note := cell.get("ghi_chu", ""), note),
                file=rel_file,
                line=line,
            )
        )
    return out


_SIMPLE_COLUMN = re.compile(f"(?:{_SIMPLE_NUMBER.pattern})(?:\n(?:{_SIMPLE_NUMBER.pattern}))*")


def _fast_rows(
    path: Path,
    ind: m.Indicator,
    plan: m.PlanData,
    header: list[str],
    rows: Sequence[tuple[int, list[str]]],
    cols: dict[str, int],
    places: PlaceIndex,
    agencies: dict[str, m.Agency],
    agency_keys: dict[str, str],
    problems: Problems,
    today: dt.date,
    clean: bool = False,
    cells_only: list[list[str]] | None = None,
) -> list[Observation] | None:
    """The row checks of ``_check_rows``, column by column, for a file in which they all pass.

    Each distinct text of a column is checked once (a file has a few years, places, sources
    and dates, repeated on every row). At the first sign of any problem, or of a warning,
    this gives up (None) and the row-by-row checks read the whole file and say what is wrong,
    so messages never depend on which way a file was read. ``tests/test_progress_csv.py``
    compares the two ways on clean and broken files.
    """
    width = len(header)
    table = cells_only if cells_only is not None else list(map(itemgetter(1), rows))
    if not rows or len(cols) != width:
        return None
    try:
        columns = list(zip(*table, strict=True))
    except ValueError:  # rows of different lengths
        return None
    if len(columns) != width:
        return None
    if not clean:
        for col in columns:
            if max(map(len, col)) > MAX_CELL or _CONTROL.search("\n".join(col)):
                return None
    n = len(rows)
    blank = ("",) * n

    def column(cid: str) -> tuple[str, ...]:
        i = cols.get(cid)
        return columns[i] if i is not None else blank

    lo, hi = plan.plan.data_years.start, min(plan.plan.data_years.end, today.year)
    year_of: dict[str, int] = {}
    for t in set(column("nam")):
        s = t.strip().removesuffix(".0")
        if not _YEAR.fullmatch(s) or not lo <= int(s) <= hi:
            return None
        year_of[t] = int(s)
    years = list(map(year_of.__getitem__, column("nam")))

    texts = column("gia_tri")
    joined = "\n".join(texts)
    if joined.count("\n") == n - 1 and _SIMPLE_COLUMN.fullmatch(joined):  # every figure plain: read them all at once
        values = list(map(float, joined.replace(",", ".").split("\n")))
    else:
        try:
            values = list(map(parse_number_fast, texts))
        except NumberError:
            return None

    primary = ind.primary_series
    series_ids = set(ind.series_ids())
    sid_of: dict[str, str] = {}
    for t in set(column("chuoi")):
        sid = t.strip() or primary
        if sid not in series_ids:
            return None
        sid_of[t] = sid
    sids = list(map(sid_of.__getitem__, column("chuoi")))
    percent = set()
    for sid in set(sid_of.values()):
        series = ind.series_by_id(sid)
        if (series.unit if series and series.unit else ind.unit).strip() == "%":
            percent.add(sid)
    if percent:
        if set(sid_of.values()) <= percent:  # every figure a percentage
            if min(values) < 0 or max(values) > 100:
                return None
        elif any(s in percent and not 0 <= v <= 100 for s, v in zip(sids, values, strict=True)):
            return None

    province = plan.plan.place
    place_of: dict[str, str] = {}
    limited: set[str] = set()  # places with validity dates: each row's year is checked
    for t in set(column("dia_ban")):
        s = t.strip()
        if not s or _key(s) == "toan tinh":
            place_of[t] = province
            continue
        place, _ = places.find(s, None)
        if place is None:
            return None
        place_of[t] = place.id
        if place.valid_from or place.valid_to:
            limited.add(place.id)
    place_ids = list(map(place_of.__getitem__, column("dia_ban")))
    if limited:
        for pid, y in zip(place_ids, years, strict=True):
            if pid in limited and not _alive(places.by_id[pid], y):
                return None

    if not all(t.strip() for t in set(column("nguon"))):
        return None
    for t in set(column("lien_ket")):
        if t.strip() and not _safe_url(t.strip()):
            return None
    agency_of: dict[str, str] = {}
    for t in set(column("co_quan")):
        s = t.strip()
        aid = (s if s in agencies else agency_keys.get(_key(s))) if s else ""
        if aid is None:
            return None
        agency_of[t] = aid
    date_of: dict[str, dt.date | None] = {}
    for t in set(column("ngay_bao_cao")):
        s = t.strip()
        if not s:
            date_of[t] = None
            continue
        try:
            d = _parse_date(s)
        except ValueError:
            return None
        if d is None or d > today:
            return None
        date_of[t] = d
    dates = list(map(date_of.__getitem__, column("ngay_bao_cao")))
    if any(d is not None and d.year < y for d, y in set(zip(dates, years, strict=True))):
        return None
    flag_of: dict[str, bool] = {}
    for t in set(column("so_bo")) | set(column("uoc_tinh")):
        f = _flag(t)
        if f is None:
            return None
        flag_of[t] = f

    def strip_shared(col: tuple[str, ...]) -> list[str]:
        """Cells stripped, one string object per distinct text."""
        once = {t: t.strip() for t in set(col)}
        return list(map(once.__getitem__, col))

    methods = strip_shared(column("phuong_phap"))
    method_key = {t: _key(t) for t in set(methods)}
    keys = set(zip(years, place_ids, sids, map(method_key.__getitem__, methods), strict=True))
    if len(keys) != n:
        return None  # a repeated row: the row loop says which

    make = functools.partial(tuple.__new__, Observation)
    return list(
        map(
            make,
            zip(
                repeat(ind.id, n),
                years,
                values,
                place_ids,
                sids,
                methods,
                strip_shared(column("nguon")),
                strip_shared(column("lien_ket")),
                list(map(agency_of.__getitem__, column("co_quan"))),
                dates,
                list(map(flag_of.__getitem__, column("so_bo"))),
                list(map(flag_of.__getitem__, column("uoc_tinh"))),
                strip_shared(column("ghi_chu")),
                repeat(problems.rel(path), n),
                range(2, n + 2) if cells_only is not None else map(itemgetter(0), rows),
                strict=True,
            ),
        )
    )
