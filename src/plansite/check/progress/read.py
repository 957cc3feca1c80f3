"""Reading every progress file of a data folder: one CSV per indicator under ``progress/``, filled in by staff.

Reading is forgiving where it is safe (UTF-8 with or without BOM, CRLF, Excel's quoting,
«;» or tab as separator, headers with or without diacritics) and strict where a guess
could publish a wrong number. Rows with problems are reported, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import NamedTuple

from plansite import model as m
from plansite.check.progress.columns import column_index, map_header
from plansite.check.progress.engine import Source, check_sources
from plansite.check.progress.memo import FileResult, ProgressMemo, Stamp, stamp
from plansite.check.progress.rules import Lookup
from plansite.check.progress.table import Table, read_table
from plansite.load.boundary import entries, refused
from plansite.load.files import Loaded
from plansite.model.observations import Observation, Progress
from plansite.problems import Problems, kinds
from plansite.problems.kinds import examples
from plansite.vi.text import key, trim

SKIPPED = ("readme.md", "huong-dan.md")  # notes for staff that may sit in progress/


def read_progress(
    folder: Path,
    plan: m.PlanData | None,
    problems: Problems,
    today: dt.date,
    partial: Loaded | None = None,
    memo: ProgressMemo | None = None,
) -> Progress:
    """Read and check every progress file; ``today`` bounds the years and report dates.

    Without the model (``plan`` None: plan.yaml or places.yaml could not be read), the files are checked
    with what ``partial`` holds: the indicators, places and agencies that could be read. With a ``memo``
    (a process that checks the folder again, ``mkdocs serve --dirty``), a file unchanged since its last
    check is not read again: its rows and problems are those of that check."""
    # Reading makes one object per row and no reference cycles: pausing the cyclic garbage
    # collector saves its repeated passes over the growing list (10–20% with a million rows).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_progress(folder, plan, problems, today, partial, memo if plan is not None else None)
    finally:
        if collecting:
            gc.enable()


def _lookup(plan: m.PlanData | None, partial: Loaded | None, today: dt.date) -> Lookup | None:
    """What the rows are checked against: the files as read, a file that could not be read left unchecked."""
    if partial is not None:
        agencies = None if "agencies" in partial.broken else partial.agencies
        return Lookup.partial(partial.plan, partial.places, agencies, today)
    return Lookup.of(plan, today) if plan is not None else None


def _read_progress(
    folder: Path, plan: m.PlanData | None, problems: Problems, today: dt.date, partial: Loaded | None, memo: ProgressMemo | None
) -> Progress:
    out = Progress()
    pdir = folder / "progress"
    if refused(pdir, problems, folder):
        return out
    if not pdir.is_dir():
        problems.add(pdir, None, kinds.MISSING_FOLDER, folder="progress/", what="thư mục số liệu, có thể để trống")
        return out
    indicators = {i.id: i for i in (plan.indicators if plan else partial.indicators if partial else [])}
    known = plan is not None or (partial is not None and "indicators" not in partial.broken)  # every indicator read
    found: list[Problems] = []  # the problems of each file, reported file by file
    lookup = _lookup(plan, partial, today)
    batch = _Batch(lookup)
    ordered: list[tuple[Path, _Fresh | FileResult]] = []  # the files' rows, in the order of the files
    stamps: dict[Path, Stamp | None] = {}
    for path in entries(pdir):
        if path.name.startswith(".") or path.name.lower() in SKIPPED:
            continue
        mine = Problems(root=problems.root)
        found.append(mine)
        if refused(path, mine, folder):
            continue
        if path.parent != pdir:
            mine.add(path, None, kinds.WRONG_PLACE, folder=path.parent.relative_to(pdir).as_posix(), name=path.name)
            continue
        if path.suffix.lower() != ".csv":
            suffix = f"tệp «{path.suffix}»" if path.suffix else "tệp không đuôi"
            mine.add(path, None, kinds.NOT_CSV, taker="Thư mục progress/", expected="tệp .csv", found=suffix)
            continue
        ind = indicators.get(path.stem)
        if ind is None and partial is not None and key(path.stem) in partial.rejected("indicators"):
            mine.add(path, None, kinds.ENTRY_REFUSED, what="chỉ tiêu", id=path.stem, file="indicators.yaml")
            continue
        if known and ind is None:
            where = f"tên tệp «{path.name}»"
            mine.add(
                path, None, kinds.UNKNOWN_INDICATOR, value=path.stem, found_in=where, example=examples(indicators, near=path.stem)
            )
            read_table(path, mine)  # its other problems are reported too
            continue
        out.files[path.stem] = path
        if memo is not None:
            kept = memo.get(path)
            if kept is not None:
                found[-1] = kept.problems
                ordered.append((path, kept))
                continue
            stamps[path] = stamp(path)  # before reading: a change made while it is read is seen next time
        table = read_table(path, mine, folder)
        if table is not None and ind is not None:
            source = prepare(path, ind, table, mine)
            if source is not None:
                batch.add(source)
                ordered.append((path, _Fresh(source.rel, mine)))
    out.observations = batch.done()
    if memo is not None:
        out.observations = _remembered(out.observations, ordered, stamps, memo)
    for mine in found:
        problems.extend(mine)
        problems.files_checked |= mine.files_checked
    return out


class _Fresh(NamedTuple):
    """A file read and checked by this run: the path its rows name, and its problems."""

    rel: str
    problems: Problems


class _Batch:
    """The files read so far, checked together once they hold ``ROWS`` rows: a rule then runs once per distinct value
    of many files, while the cells' text of a national plan's million rows is never held at once (its peak memory was
    the text of every cell). Files are checked in the order read; a file's rows are checked with its own (duplicates
    are found within a file), so the figures and problems are those of checking every file at once."""

    ROWS = 200_000

    def __init__(self, lookup: Lookup | None) -> None:
        self.lookup = lookup
        self.sources: list[Source] = []
        self.rows = 0
        self.observations: list[Observation] = []

    def add(self, source: Source) -> None:
        self.sources.append(source)
        self.rows += len(source.table)
        if self.rows >= self.ROWS:
            self._check()

    def done(self) -> list[Observation]:
        self._check()
        return self.observations

    def _check(self) -> None:
        if self.lookup is not None and self.sources:
            self.observations.extend(check_sources(self.sources, self.lookup))
        self.sources, self.rows = [], 0


def _remembered(
    checked: list[Observation],
    ordered: list[tuple[Path, _Fresh | FileResult]],
    stamps: dict[Path, Stamp | None],
    memo: ProgressMemo,
) -> list[Observation]:
    """Every file's rows in file order, those just checked (``checked``) put into the memo."""
    by_file: dict[str, list[Observation]] = {}
    for o in checked:
        by_file.setdefault(o.file, []).append(o)
    out: list[Observation] = []
    for path, item in ordered:
        if isinstance(item, _Fresh):
            rel, item = item.rel, FileResult(stamps[path], by_file.get(item.rel, []), item.problems)
            memo.put(path, rel, item)
        out.extend(item.observations)
    memo.forget_missing({path for path, _ in ordered})
    return out


def prepare(path: Path, ind: m.Indicator, table: Table, problems: Problems) -> Source | None:
    """A table to check, once its header is known; None (with problems) when the header is not right."""
    if (below := header_below(table)) is not None:
        line, names = below
        problems.add(path, 1, kinds.HEADER_NOT_FIRST, at=line, columns=first_names(names), above=line - 1)
        return None
    if gone := table.without_empty_trailing_columns():
        problems.add(path, 1, kinds.EMPTY_TRAILING_COLUMNS, count=gone, first=len(table.header) + 1)
    cols = map_header(path, table.header, problems)
    if cols is not None and (repeated := table.repeated_headers()):
        shown = first_names(table.header)
        for r in repeated:
            problems.add(path, int(table.lines[r]), kinds.REPEATED_HEADER, columns=shown)
        table.drop(repeated)
    return None if cols is None else Source(path, problems.rel(path), ind, table, cols, problems)


def first_names(names: list[str]) -> str:
    """The first three column names, for a message: «Năm, Giá trị, Địa bàn, …»."""
    return ", ".join(trim(n) for n in names[:3]) + (", …" if len(names) > 3 else "")


def header_below(table: Table, look: int = 10) -> tuple[int, list[str]] | None:
    """When line 1 names no known column but one of the next records names at least two (a title row, a blank line
    or Excel's «sep=;» above the header): that record's line and the columns it names; else None."""
    if column_index(table.header):
        return None
    for line, cells in table.rows()[:look]:  # only for a file whose line 1 is not a header: rare
        found = column_index(cells)
        if len(found) >= 2:
            return line, [cells[i].strip() for i in sorted(found.values())]
    return None


def check_table(path: Path, ind: m.Indicator, table: Table, lookup: Lookup, problems: Problems) -> list[Observation]:
    """Check one table (a progress file, or rows of a filled template) of one indicator."""
    source = prepare(path, ind, table, problems)
    return [] if source is None else check_sources([source], lookup)
