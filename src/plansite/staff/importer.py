"""Importing a filled template into progress/: every row checked by the checker's own rules, then merged.

New rows are appended, identical rows are left alone, rows that differ from a figure already
there are conflicts, written only with ``overwrite``. When any row has an error, nothing is
written.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plansite import model as m
from plansite.check.progress import COLUMNS, HEADER, Lookup, Observation, Table, check_table, column_index, read_table
from plansite.load.files import PROGRESS_DIR
from plansite.problems import Problem, Problems, kinds
from plansite.problems.kinds import examples
from plansite.staff import explain
from plansite.staff.common import (
    BLANK,
    CODE_HELP,
    CODE_LABEL,
    CONFLICT,
    ERROR,
    NAME_LABEL,
    NEW,
    OVERWRITTEN,
    SAME,
    load,
    number_text,
)
from plansite.staff.spreadsheet import read_filled
from plansite.vi import fmt
from plansite.vi.text import key


@dataclass
class RowResult:
    status: str
    indicator: str
    line: int  # row of the imported file
    detail: str = ""
    figure: str = ""  # «Tỷ lệ hộ nghèo, Tỉnh Mẫu, 2025: 17,2%» (``explain.figure``), for rows read without error
    understood: list[str] = field(default_factory=list)  # «26,7 %» → 26,7 … (``explain.understood``)


@dataclass
class FileChange:
    path: Path
    added: int = 0
    overwritten: int = 0
    normalised: bool = False  # the existing file was rewritten in the canonical form
    created: bool = False
    original: bytes | None = None  # the file as read, to notice a change made meanwhile
    keys: dict[tuple[int, str, str, str], str] = field(default_factory=dict)  # added or replaced figure -> its words
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line in the merged file, words) of those figures


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
    group_label: str = "Chỉ tiêu"  # what the rows are grouped by in the summary (an indicator, a task group …)

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
    source: Path | str, folder: Path | str | None, today: dt.date, overwrite: bool = False, dry_run: bool = False
) -> ImportReport:
    """Check a filled template and merge it into progress/. Nothing is written when any row has an error."""
    src = Path(source)
    root, plan, problems = load(folder)
    report = ImportReport(src, problems, dry_run=dry_run, overwrite=overwrite)
    if plan is None or problems.errors:
        return report
    table = read_filled(src, problems)
    if table is None:
        return report
    grouped = _groups(src, table, plan, report)
    if grouped is None:
        return report
    sub_header, groups = grouped
    lookup = Lookup.of(plan, today)
    planned: dict[str, tuple[str, FileChange]] = {}  # indicator -> (new file text, change)
    for iid, candidates in groups.items():
        ind = plan.indicator(iid)
        hidden = len(table.header) - len(sub_header)
        new_obs = check_table(src, ind, Table.from_rows(sub_header, candidates, hidden), lookup, problems)
        _dedupe(problems)  # a header problem is found once per indicator group; report it once
        bad_lines = {p.line for p in problems.errors if p.file == problems.rel(src)}
        report.results += [RowResult(ERROR, iid, line) for line, _ in candidates if line in bad_lines]
        target = root / PROGRESS_DIR / f"{iid}.csv"
        merged = _merge(target, ind, plan, lookup, (src, candidates, sub_header, new_obs), report)
        if merged is not None:
            planned[iid] = merged
    report.results.sort(key=lambda r: r.line)
    if not problems.errors:
        for iid, (text, change) in planned.items():
            final_check(change, text, plan.indicator(iid), lookup, report)
    if not problems.errors:
        _write(planned, report)
    return report


def _groups(
    src: Path, table: Table, plan: m.PlanData, report: ImportReport
) -> tuple[list[str], dict[str, list[tuple[int, list[str]]]]] | None:
    """The header without the template's own columns, and the rows with a value, by indicator.

    Rows without a value are «bỏ trống»; rows of an unknown indicator are errors. None (with
    the problem) when the file does not say which indicator its rows belong to."""
    problems = report.problems
    header = table.header
    code_i = next((i for i, h in enumerate(header) if key(h) == key(CODE_LABEL)), None)
    name_i = next((i for i, h in enumerate(header) if key(h) == key(NAME_LABEL)), None)
    indicators = [i.id for i in plan.indicators]
    if code_i is None and src.stem not in indicators:
        how = f"{CODE_HELP} Dùng tệp mẫu tạo bằng lệnh template, hoặc đặt tên tệp bằng mã chỉ tiêu."
        problems.add(src, 1, kinds.MISSING_COLUMN, column=CODE_LABEL, label=CODE_LABEL, help=how)
        return None
    keep = [i for i in range(len(header)) if i not in (code_i, name_i)]
    cols = column_index(header)
    value_i = cols.get("gia_tri")
    noted = {cols[c] for c in ("nguon", "ngay_bao_cao", "lien_ket") if c in cols}  # filled in without a value: said so
    groups: dict[str, list[tuple[int, list[str]]]] = {}
    for line, cells in table.rows():
        if not any(c.strip() for c in cells):
            continue
        iid = cells[code_i].strip() if code_i is not None and code_i < len(cells) else src.stem
        if value_i is not None and not (cells[value_i].strip() if value_i < len(cells) else ""):
            detail = "chưa có giá trị"
            if any(cells[i].strip() for i in noted if i < len(cells)):
                detail += " (đã ghi nguồn hoặc ngày báo cáo nhưng thiếu giá trị — kiểm tra lại)"
            report.results.append(RowResult(BLANK, iid or "?", line, detail))
        elif iid not in indicators:
            found_in = f"cột «{CODE_LABEL}»" + ("; giữ nguyên mã của mẫu" if iid else " để trống")
            example = examples(indicators, near=iid)
            problems.add(
                src, line, kinds.UNKNOWN_INDICATOR, column=CODE_LABEL, value=iid or "(trống)", found_in=found_in, example=example
            )
            report.results.append(RowResult(ERROR, iid or "?", line))
        else:
            cells = [cells[i] if i < len(cells) else "" for i in keep] + cells[len(header) :]
            groups.setdefault(iid, []).append((line, cells))
    return [header[i] for i in keep], groups


def final_check(change: FileChange, text: str, ind: m.Indicator, lookup: Lookup, report: ImportReport) -> None:
    """The merged file, checked as the checker will read it; its errors stop the import (they cannot happen when
    the rows passed, but a broken file is never written). The lines of the figures added or replaced are noted."""
    path = change.path
    found = Problems(root=Path.cwd())
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / path.name
        probe.write_bytes(text.encode("utf-8"))
        table = read_table(probe, found)
        if table is not None:
            merged = check_table(probe, ind, table, lookup, found)
            change.lines = [(o.line, change.keys[_obs_key(o)]) for o in merged if _obs_key(o) in change.keys]
    if found.errors or table is None:
        rel = report.problems.rel(path)
        report.notes.append(f"{rel} sau khi gộp không đạt kiểm tra (xem lỗi ở trên): không ghi.")
        report.problems.extend(dataclasses.replace(p, file=rel) for p in found.errors)


def _write(planned: dict[str, tuple[str, FileChange]], report: ImportReport) -> None:
    """Write the changed files, unless a dry run or unless someone saved one of them since it was read."""
    report.changes = [c for _, c in planned.values() if c.added or c.overwritten or c.normalised]
    if report.dry_run:
        return
    for change in report.changes:
        now = change.path.read_bytes() if change.path.exists() else None
        if now != change.original:
            report.problems.add(change.path, None, kinds.CHANGED_MEANWHILE)
    if report.problems.errors:
        return
    for text, change in planned.values():
        if change.added or change.overwritten or change.normalised:
            _atomic_write(change.path, text)
    report.written = bool(report.changes)


Imported = tuple[Path, list[tuple[int, list[str]]], list[str], list[Observation]]  # source, its rows, header, figures


def _merge(
    target: Path, ind: m.Indicator, plan: m.PlanData, lookup: Lookup, imported: Imported, report: ImportReport
) -> tuple[str, FileChange] | None:
    """The new text of progress/<id>.csv, or None when the existing file cannot be read or checked."""
    problems = report.problems
    change = FileChange(target, created=not target.exists())
    existing: list[Observation] = []
    old_table: Table | None = None
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
        existing = check_table(target, ind, old_table, lookup, problems)
        if len(problems.errors) > before:
            report.notes.append(
                f"{problems.rel(target)} đang có lỗi (xem ở trên), nên không gộp được số liệu nhập vào: "
                "sửa tệp này trước (python -m plansite check), rồi nhập lại."
            )
            return None
        had_bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
    replace, append = _compare(change, ind, plan, {_obs_key(o): o for o in existing}, imported, report)
    change.added, change.overwritten = len(append), len(replace)
    if not append and not replace:
        return text, change
    return _compose(text, had_bom, old_table, replace, append, change), change


def _compare(
    change: FileChange,
    ind: m.Indicator,
    plan: m.PlanData,
    by_key: dict[tuple[int, str, str, str], Observation],
    imported: Imported,
    report: ImportReport,
) -> tuple[dict[int, list[str]], list[list[str]]]:
    """Each imported figure against the file's: new (appended), the same, or a conflict (replaced with overwrite).

    Returns (existing record's line -> new cells, new rows)."""
    src, candidates, sub_header, new_obs = imported
    problems = report.problems
    cells_by_line = dict(candidates)
    sub_cols = column_index(sub_header)
    replace: dict[int, list[str]] = {}
    append: list[list[str]] = []
    rel_target = problems.rel(change.path)
    labels = {cid: sub_header[i] for cid, i in sub_cols.items()}
    for o in new_obs:
        cells = cells_by_line[o.line]
        series_text = cells[sub_cols["chuoi"]].strip() if "chuoi" in sub_cols and sub_cols["chuoi"] < len(cells) else ""
        new_cells = canonical_cells(o, plan.plan.place, series_text, o.method)
        old = by_key.get(_obs_key(o))
        words = explain.figure(plan, ind, o)
        seen = explain.understood(plan, ind, o, cells, sub_cols)
        if old is None or _differences(old, o, ind.decimals):
            explain.warn_missing(problems, src, ind, o, list(by_key.values()), labels)
        if old is None:
            append.append(new_cells)
            change.keys[_obs_key(o)] = f"Thêm: {words}"
            report.results.append(RowResult(NEW, ind.id, o.line, figure=words, understood=seen))
            continue
        diffs = _differences(old, o, ind.decimals)
        if not diffs:
            report.results.append(RowResult(SAME, ind.id, o.line, f"giống {rel_target}, dòng {old.line}", words, seen))
            continue
        shown = "; ".join(f"{label}: {a} → {b}" for label, a, b in diffs)
        where = f"năm {o.year}, {explain.place_name(plan, o.place)}"
        report.results.append(RowResult(CONFLICT, ind.id, o.line, f"{rel_target}, dòng {old.line}: {shown}", words, seen))
        if report.overwrite:
            replace[old.line] = new_cells
            change.keys[_obs_key(o)] = f"Thay: {words} (trước đây: {explain.value_text(ind, old.value)})"
            report.results.append(RowResult(OVERWRITTEN, ind.id, o.line, f"{rel_target}, dòng {old.line}", words))
        outcome = "đã ghi đè bằng số mới (--ghi-de)" if report.overwrite else "dòng này không được ghi"
        fields = {"file": rel_target, "row": old.line, "where": where, "changes": shown, "outcome": outcome}
        problems.add(src, o.line, kinds.CONFLICT, column=diffs[0][0], **fields)
    return replace, append


def _compose(
    text: str,
    had_bom: bool,
    old_table: Table | None,
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
    header, rows = old_table.header, old_table.rows()
    cols = column_index(header)
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
