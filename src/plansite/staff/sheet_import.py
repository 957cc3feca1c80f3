"""Importing a filled template of a staff file whose columns are declared once (``check.sheets.Sheet``:
investment.csv, task-updates.csv) into its one file of the data folder.

The same way as progress figures (``staff.importer``): every row is checked by the checker's own reader of
that file (``check.sheets.read_sheet``, each problem at the row and column of the spreadsheet); a row that is
already there is left alone; a row that names the same thing as a row already there (``SheetSpec.identity``:
the same programme, period and measure; the same task, date and document …) but says something else is a
conflict, written only with ``overwrite``; new rows are appended. When any row has an error, nothing is
written. The merged file is checked again before it is written.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plansite import model as m
from plansite.check.progress.columns import map_header
from plansite.check.progress.table import read_table
from plansite.check.sheets import Lookup, Row, Sheet, read_sheet
from plansite.problems import Problems, kinds
from plansite.staff.common import BLANK, CONFLICT, ERROR, NEW, OVERWRITTEN, SAME, load
from plansite.staff.importer import FileChange, ImportReport, RowResult, _atomic_write, _record_spans
from plansite.staff.spreadsheet import read_filled
from plansite.vi import fmt
from plansite.vi.text import key

Words = Callable[[m.PlanData, dict[str, Any]], str]


@dataclass(frozen=True)
class SheetSpec:
    """How one kind of sheet file is imported."""

    sheet: Sheet  # its columns, readers and row checks: the checker's own
    file: str  # its file in the data folder («investment.csv»)
    identity: tuple[str, ...]  # columns that name what a row is about: same identity and other cells = a conflict
    group: str  # the column whose value groups the rows in the summary («nhiem_vu»)
    group_label: str  # the summary's first column («Nhiệm vụ»)
    words: Words  # a row in words: «Dự án …, 2024: hơn 810 tỷ đồng»
    prefilled: tuple[str, ...] = ()  # columns the template fills in: a row with nothing else is left blank
    ignored: tuple[str, ...] = ()  # the template's read-only columns (not of the file), skipped by the import


def shown(value: Any) -> str:
    """A read cell as people write it, for messages: ids joined by «; », dates as dd/mm/yyyy, values as published."""
    if value is None or value == "" or value == ():
        return "(trống)"
    if isinstance(value, m.PartialDate):
        return value.short()
    if isinstance(getattr(value, "text", None), str):  # a value as published
        return str(value.text)
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):  # years
        return str(value[0]) if value[0] == value[1] else f"{value[0]}-{value[1]}"
    if isinstance(value, tuple | list):
        return "; ".join(shown(v) for v in value)
    if isinstance(value, dt.date):
        return fmt.date(value)
    return str(value)


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _csv_text(rows: Sequence[Sequence[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _identity(spec: SheetSpec, values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(_hashable(values.get(c)) for c in spec.identity)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(_hashable(a.get(k)) == _hashable(b.get(k)) for k in a.keys() | b.keys())


def _read_rows(path: Path, spec: SheetSpec, lk: Lookup, problems: Problems) -> tuple[list[Row], dict[int, list[str]]]:
    """The checked rows of ``path`` and, by line, their raw cells in the order of the sheet's columns."""
    rows = read_sheet(path, spec.sheet, lk, problems)
    raw: dict[int, list[str]] = {}
    table = read_table(path, Problems(root=path.parent), path.parent, taker=f"Tệp {spec.sheet.name}", header=spec.sheet.header)
    cols = map_header(path, table.header, Problems(root=path.parent), spec.sheet.columns) if table is not None else None
    if table is not None and cols is not None:
        for line, cells in table.rows():
            raw[line] = [cells[cols[c.id]] if c.id in cols and cols[c.id] < len(cells) else "" for c in spec.sheet.columns]
    return rows, raw


def _candidates(src: Path, spec: SheetSpec, report: ImportReport, lk: Lookup) -> list[tuple[int, list[str]]] | None:
    """The filled rows as rows of the target file (its columns in order, any cells past the header kept, so that the
    checker counts them); blank rows are reported as such. None when the file cannot be read."""
    problems = report.problems
    table = read_filled(src, problems)
    if table is None:
        return None
    skip = {key(x) for x in spec.ignored}
    keep = [i for i, h in enumerate(table.header) if key(h) not in skip]
    header = [table.header[i] for i in keep]
    cols = map_header(src, header, problems, spec.sheet.columns)
    if cols is None:
        return None
    width = len(header)
    prefilled = {cols[c] for c in spec.prefilled if c in cols}
    group_i = cols.get(spec.group)
    out = []
    for line, full in table.rows():
        cells = [full[i] if i < len(full) else "" for i in keep] + full[len(table.header) :]
        if not any(c.strip() for i, c in enumerate(cells) if i not in prefilled):
            if any(c.strip() for c in cells):
                group = cells[group_i].strip() if group_i is not None and group_i < len(cells) else ""
                report.results.append(RowResult(BLANK, group or "?", line, "chưa điền gì ngoài các cột điền sẵn"))
            continue
        row = [cells[cols[c.id]] if c.id in cols and cols[c.id] < len(cells) else "" for c in spec.sheet.columns]
        out.append((line, row + cells[width:]))
    return out


def _check_rows(
    src: Path, spec: SheetSpec, candidates: list[tuple[int, list[str]]], lk: Lookup, report: ImportReport
) -> list[Row]:
    """The candidates checked by the checker's reader of the target file, every problem put back at the spreadsheet's
    row (the column labels are the same)."""
    header = [c.label for c in spec.sheet.columns]
    lines: dict[int, int] = {}  # line of the probe file -> row of the spreadsheet
    at = 1
    parts = [_csv_text([header])]
    for line, cells in candidates:
        text = _csv_text([cells])
        at += text.count("\n")
        lines[at] = line
        parts.append(text)
    found = Problems(root=Path.cwd())
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / spec.file
        probe.write_text("".join(parts), encoding="utf-8")
        rows = read_sheet(probe, spec.sheet, lk, found)
    rel = report.problems.rel(src)
    report.problems.extend(dataclasses.replace(p, file=rel, line=lines.get(p.line or 0, p.line)) for p in found.items)
    return [Row(lines[r.line], r.values) for r in rows]


def import_sheet(
    spec: SheetSpec,
    source: Path | str,
    folder: Path | str | None,
    today: dt.date,
    overwrite: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Check a filled template and merge it into ``spec.file``. Nothing is written when any row has an error."""
    src = Path(source)
    root, plan, problems = load(folder)
    report = ImportReport(src, problems, dry_run=dry_run, overwrite=overwrite, group_label=spec.group_label)
    if plan is None or problems.errors:
        return report
    lk = Lookup.of(plan, today)
    candidates = _candidates(src, spec, report, lk)
    if candidates is None:
        return report
    new_rows = _check_rows(src, spec, candidates, lk, report)
    good = {r.line for r in new_rows}
    for line, cells in candidates:
        if line not in good:
            group = cells[[c.id for c in spec.sheet.columns].index(spec.group)].strip()
            report.results.append(RowResult(ERROR, group or "?", line))
    target = root / spec.file
    planned = _merge(target, spec, plan, lk, src, new_rows, {line: cells for line, cells in candidates}, report)
    report.results.sort(key=lambda r: r.line)
    if planned is None or problems.errors:
        return report
    text, change, marked = planned
    _final_check(change, text, spec, lk, marked, report)
    if problems.errors:
        return report
    report.changes = [change] if change.added or change.overwritten or change.normalised else []
    if dry_run or not report.changes:
        return report
    now = target.read_bytes() if target.exists() else None
    if now != change.original:
        problems.add(target, None, kinds.CHANGED_MEANWHILE)
        return report
    _atomic_write(target, text)
    report.written = True
    return report


def _merge(
    target: Path,
    spec: SheetSpec,
    plan: m.PlanData,
    lk: Lookup,
    src: Path,
    new_rows: list[Row],
    cells_by_line: dict[int, list[str]],
    report: ImportReport,
) -> tuple[str, FileChange, list[tuple[dict[str, Any], str]]] | None:
    """The new text of the target file, or None when the existing file cannot be read or has errors."""
    problems = report.problems
    change = FileChange(target, created=not target.exists())
    existing: list[Row] = []
    raw: dict[int, list[str]] = {}
    text = ""
    if target.exists():
        before = len(problems.errors)
        data = target.read_bytes()
        change.original = data
        existing, raw = _read_rows(target, spec, lk, problems)
        if len(problems.errors) > before:
            report.notes.append(
                f"{problems.rel(target)} đang có lỗi (xem ở trên), nên không gộp được các dòng nhập vào: "
                "sửa tệp này trước (python -m plansite check), rồi nhập lại."
            )
            return None
        text = data.decode("utf-8-sig")
        change.normalised = not (text.startswith(_csv_text([[c.label for c in spec.sheet.columns]])) and "\r" not in text)
        change.normalised = change.normalised or data.startswith(b"\xef\xbb\xbf")
    by_identity: dict[tuple[Any, ...], Row] = {}
    for r in existing:
        by_identity.setdefault(_identity(spec, r.values), r)
    labels = {c.id: c.label for c in spec.sheet.columns}
    rel_target = problems.rel(target)
    replace: dict[int, list[str]] = {}
    append: list[list[str]] = []
    marked: list[tuple[dict[str, Any], str]] = []
    width = len(spec.sheet.columns)
    for row in new_rows:
        cells = [c.strip() for c in cells_by_line[row.line][:width]]
        group = shown(row.values.get(spec.group))
        words = spec.words(plan, row.values)
        exact = next((r for r in existing if _same(r.values, row.values)), None)
        if exact is not None:
            report.results.append(RowResult(SAME, group, row.line, f"giống {rel_target}, dòng {exact.line}", words))
            continue
        old = by_identity.get(_identity(spec, row.values))
        if old is None:
            append.append(cells)
            report.results.append(RowResult(NEW, group, row.line, figure=words))
            marked.append((row.values, f"Thêm: {words}"))
            continue
        diffs = [
            (labels[c.id], shown(old.values.get(c.id)), shown(row.values.get(c.id)))
            for c in spec.sheet.columns
            if _hashable(old.values.get(c.id)) != _hashable(row.values.get(c.id))
        ]
        detail = "; ".join(f"{label}: {a} → {b}" for label, a, b in diffs)
        report.results.append(RowResult(CONFLICT, group, row.line, f"{rel_target}, dòng {old.line}: {detail}", words))
        if report.overwrite:
            replace[old.line] = cells
            marked.append((row.values, f"Thay: {words}"))
            report.results.append(RowResult(OVERWRITTEN, group, row.line, f"{rel_target}, dòng {old.line}", words))
        outcome = "đã ghi đè bằng dòng mới (--ghi-de)" if report.overwrite else "dòng này không được ghi"
        fields = {"file": rel_target, "row": old.line, "where": group, "changes": detail, "outcome": outcome}
        problems.add(src, row.line, kinds.CONFLICT, column=diffs[0][0] if diffs else None, **fields)
    change.added, change.overwritten = len(append), len(replace)
    header = [c.label for c in spec.sheet.columns]
    if not text:
        return _csv_text([header, *append]), change, marked
    if not change.normalised:
        lines = text.split("\n")
        records = [
            _csv_text([replace[end]]) if end in replace else "\n".join(lines[first - 1 : last]) + "\n"
            for end, (first, last) in _record_spans(text).items()
        ]
        return "".join(records) + _csv_text(append), change, marked
    kept = [replace.get(line, cells) for line, cells in raw.items() if any(c.strip() for c in cells)]
    return _csv_text([header, *kept, *append]), change, marked


def _final_check(
    change: FileChange, text: str, spec: SheetSpec, lk: Lookup, marked: list[tuple[dict[str, Any], str]], report: ImportReport
) -> None:
    """The merged file, read as the checker will read it: its errors stop the import; the lines of the rows added or
    replaced (``marked``: their values and words) are noted for the pull request's annotations."""
    found = Problems(root=Path.cwd())
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / spec.file
        probe.write_bytes(text.encode("utf-8"))
        merged = read_sheet(probe, spec.sheet, lk, found)
    taken: set[int] = set()
    for values, words in marked:
        row = next((r for r in merged if r.line not in taken and _same(r.values, values)), None)
        if row is not None:
            taken.add(row.line)
            change.lines.append((row.line, words))
    if found.errors:
        rel = report.problems.rel(change.path)
        report.notes.append(f"{rel} sau khi gộp không đạt kiểm tra (xem lỗi ở trên): không ghi.")
        report.problems.extend(dataclasses.replace(p, file=rel) for p in found.errors)
