"""Applying the rules of ``rules.py`` to the rows of many tables at once, one distinct value at a time.

The rows of every table are laid end to end, column by column. Each column is factorized
(``pd.factorize``: a code per row, and its distinct texts), so a rule runs once per distinct
value of what it reads — a tuple of codes when it reads several columns — and its result
is mapped back to the rows by their codes. Only the rows that hold a failing value are
visited one by one, to report each problem at its line and column. On a clean file no
Python code runs per row except to make its Observation.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from plansite import model as m
from plansite.check.progress.columns import COLUMN_BY_ID, COLUMNS
from plansite.check.progress.plausible import fraction_warnings
from plansite.check.progress.rules import CELL, DUPLICATE_KEY, MAX_CELL, RULES, Found, Lookup, Rule, duplicate
from plansite.check.progress.table import Table
from plansite.model.observations import Observation
from plansite.problems import Problems, kinds
from plansite.vi.text import key, trim

Codes = npt.NDArray[np.int64]
Coded = tuple[Codes, npt.NDArray[Any]]  # a code per row, and the distinct values the codes point at
# A problem waiting to be reported: (order, row, kind, column id, fields); rows' problems are reported in
# the order of their rows, then of the rules (as a person reads the file).
Pending = tuple[tuple[int, ...], int, kinds.Kind, str | None, dict[str, Any]]


@dataclass
class Source:
    """One table to check: a progress file (or the rows of a filled template) of one indicator."""

    path: Path
    rel: str  # the path as problems and Observations show it
    indicator: m.Indicator
    table: Table
    cols: dict[str, int]  # column id -> position in the table (columns.map_header)
    problems: Problems  # where the problems of its rows go


def factorize(values: npt.NDArray[Any]) -> Coded:
    codes, uniques = pd.factorize(values)
    return codes.astype(np.int64, copy=False), np.asarray(uniques, dtype=object)


def combine(parts: Sequence[Coded], values: bool = True) -> tuple[Codes, list[npt.NDArray[Any]]]:
    """Codes of the distinct tuples of several coded inputs, and (unless not ``values``) the values of each
    input in each tuple."""
    if len(parts) == 1:
        return parts[0][0], [parts[0][1]]
    sizes = [max(len(v), 1) for _, v in parts]
    if math.prod(sizes) < 2**62:  # one number per tuple (mixed radix), decoded back into its parts
        number = np.zeros(len(parts[0][0]), dtype=np.int64)
        for (c, _), size in zip(parts, sizes, strict=True):
            number = number * size + c
        codes, tuples = pd.factorize(number)
        if not values:
            return codes.astype(np.int64, copy=False), []
        out: list[npt.NDArray[Any]] = []
        rest = np.asarray(tuples, dtype=np.int64)
        for (_, v), size in reversed(list(zip(parts, sizes, strict=True))):
            out.append(v[rest % size])
            rest = rest // size
        return codes.astype(np.int64, copy=False), out[::-1]
    number = parts[0][0]
    for c, v in parts[1:]:
        number = pd.factorize(number * max(len(v), 1) + c)[0].astype(np.int64)
    codes, _ = pd.factorize(number)
    _, first = np.unique(codes, return_index=True)
    return codes.astype(np.int64, copy=False), [v[c[first]] for c, v in parts]


def apply(rule: Rule, lk: Lookup, inputs: dict[str, Coded]) -> tuple[Codes, npt.NDArray[Any], dict[int, tuple[Found, ...]]]:
    """The rule on every distinct value of what it reads: (codes of the rows, value of each code, problems by code)."""
    codes, distinct = combine([inputs[name] for name in rule.reads])
    if rule.many is not None:
        values, found = rule.many(lk, *distinct)
        return codes, values, found
    results = [rule.check(lk, *t) for t in zip(*distinct, strict=True)]
    values = np.empty(len(results), dtype=object)
    values[:] = [r[0] for r in results]
    return codes, values, {i: r[1] for i, r in enumerate(results) if r[1]}


def check_sources(sources: Sequence[Source], lk: Lookup) -> list[Observation]:
    """Check every row of every source; report each problem to its source; return the rows' Observations."""
    sources = [s for s in sources if len(s.table)]
    if not sources:
        return []
    sizes = np.array([len(s.table) for s in sources], dtype=np.int64)
    part = np.repeat(np.arange(len(sources), dtype=np.int64), sizes)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    lines = np.concatenate([s.table.lines for s in sources])
    raw: dict[str, Coded] = {}
    for c in COLUMNS:
        if any(c.id in s.cols for s in sources):
            blank = np.full(1, "", dtype=object)
            cells = [s.table.columns[s.cols[c.id]] if c.id in s.cols else np.repeat(blank, len(s.table)) for s in sources]
            raw[c.id] = factorize(np.concatenate(cells))
    pending: list[Pending] = []
    empty = _blank_rows(raw, sources, starts, len(lines))
    overflowing: dict[int, dict[str, Any]] = {}
    broken = _cells(raw, sources, starts, part, empty, lk, pending, overflowing)
    rows = np.flatnonzero(~empty & ~broken)
    inputs = _stripped(raw, rows)
    inputs["indicator"] = (part[rows], _objects([s.indicator for s in sources]))
    error = np.zeros(len(rows), dtype=bool)
    for i, rule in enumerate(RULES):
        codes, values, found = apply(rule, lk, inputs)
        inputs[rule.name] = (codes, values)
        if found:
            error |= _pending(found, codes, rows, (1, i), rule.column, pending)
    keep = _duplicates(inputs, rows, part, lines, ~error, pending, len(sources))
    _one_spelling(inputs, rows, keep, part, lines, sources, pending)
    _overflows(overflowing, set(rows[error].tolist()) | set(np.flatnonzero(broken).tolist()), pending)
    _report(pending, sources, part, lines)
    kept = np.flatnonzero(keep)
    at = rows[kept]
    fraction_warnings(_column(inputs, "value", kept), _column(inputs, "series", kept), part[at], lines[at], sources)
    return _observations(inputs, rows, keep, part, lines, sources)


def _column(inputs: dict[str, Coded], name: str, kept: Codes) -> npt.NDArray[Any]:
    """The values of one input at the kept rows (``kept``: positions in the rows checked)."""
    codes, values = inputs[name]
    return np.repeat(values, len(kept)) if len(values) == 1 else values[codes[kept]]


def _objects(items: Sequence[Any]) -> npt.NDArray[np.object_]:
    out = np.empty(len(items), dtype=object)
    out[:] = list(items)
    return out


def _blank_rows(raw: dict[str, Coded], sources: Sequence[Source], starts: Codes, n: int) -> npt.NDArray[np.bool_]:
    """Rows whose every cell is empty or spaces: skipped, as if not there."""
    empty = np.ones(n, dtype=bool)
    for codes, texts in raw.values():
        empty &= np.fromiter((not trim(t) for t in texts), dtype=bool, count=len(texts))[codes]
    for i, s in enumerate(sources):
        for r, extra in s.table.extras.items():
            if any(trim(c) for c in extra):
                empty[starts[i] + r] = False
    return empty


def _cells(
    raw: dict[str, Coded],
    sources: Sequence[Source],
    starts: Codes,
    part: Codes,
    empty: npt.NDArray[np.bool_],
    lk: Lookup,
    pending: list[Pending],
    overflowing: dict[int, dict[str, Any]],
) -> npt.NDArray[np.bool_]:
    """Cells beyond the header, then ``rules.cell`` on every cell (in the order of the file's columns): rows that fail.

    A row whose cells past the header are all empty is read on; it goes into ``overflowing`` (see ``_overflows``)."""
    broken = np.zeros(len(part), dtype=bool)
    for i, s in enumerate(sources):
        for r, extra in s.table.extras.items():
            g = int(starts[i] + r)
            cells = [str(col[r]) for col in s.table.columns] + extra
            fields = overflow(cells, len(s.table.header), s.cols.get("gia_tri"), s.table.hidden)
            if any(trim(c) for c in extra):  # a filled cell past the header: the row cannot be read as it stands
                pending.append(((g, 0, -1, 0), g, kinds.EXTRA_CELLS, None, fields))
                broken[g] = True
            elif not empty[g]:  # empty cells past the header: the cause of the row's other errors, if it has any
                overflowing[g] = fields
    # A file with no control byte and no record longer than MAX_CELL has no cell the rule can refuse.
    risky = np.array([s.table.controls or s.table.longest > MAX_CELL for s in sources])
    at = np.flatnonzero(risky[part] & ~empty)
    if not len(at):
        return broken
    for cid, (codes, texts) in raw.items():
        used = np.zeros(len(texts), dtype=bool)
        used[codes[at]] = True
        found = {int(u): problems for u in np.flatnonzero(used) if (problems := CELL.check(lk, texts[u])[1])}
        if not found:
            continue
        bad = np.zeros(len(texts), dtype=bool)
        bad[list(found)] = True
        for g in at[bad[codes[at]]].tolist():
            position = sources[part[g]].cols[cid]
            for j, (kind, fields) in enumerate(found[codes[g]]):
                pending.append(((g, 0, position, j), g, kind, cid, fields))
            broken[g] = True
    return broken


_DIGITS = re.compile(r"[-+−]?\d+")
_DECIMALS = re.compile(r"\d+\s*%?")


def overflow(cells: Sequence[str], width: int, value_at: int | None, hidden: int = 0) -> dict[str, Any]:
    """The fields of ``kinds.EXTRA_CELLS`` for a row of ``cells`` under a header of ``width`` columns.

    The likeliest cause is named: the value column and the next cell read as the two halves of a number written
    with an unquoted decimal comma («26», «7 %» from 26,7 %); else a delimiter inside a cell."""
    filled = [c for c in cells[width:] if trim(c)]
    extra = f"; phần thừa: «{filled[0][:40]}»" if filled else " (các ô thừa ở cuối dòng để trống)"
    v = value_at if value_at is not None and value_at + 1 < len(cells) else None
    split = v is not None and _DIGITS.fullmatch(cells[v].strip()) and _DECIMALS.fullmatch(cells[v + 1].strip())
    fields = {"cells": len(cells) + hidden, "columns": width + hidden, "extra": extra}
    if split and v is not None:
        number = f"{cells[v].strip()},{cells[v + 1].strip()}"
        cause = f"có thể do dấu phẩy thập phân không nằm trong ngoặc kép: «{number}» bị tách thành hai ô"
        fix = (
            f'Viết "{number}" (trong ngoặc kép), hoặc dùng dấu chấm phẩy (;) làm dấu phân cách cho cả tệp; lưu từ Excel bằng '
            "«CSV UTF-8» thì Excel tự thêm ngoặc kép."
        )
        return fields | {"cause": cause, "fix": fix}
    cause = "có thể một ô chứa dấu phân cách mà không nằm trong ngoặc kép"
    return fields | {"cause": cause, "fix": 'Bọc ô đó trong ngoặc kép "…", hoặc xóa ô thừa.'}


def _overflows(overflowing: dict[int, dict[str, Any]], failing: set[int], pending: list[Pending]) -> None:
    """Rows with empty cells past the header: an error named first when the row has other errors (they may follow
    from it: «26,7» split in two shifts every later cell), else a warning (trailing delimiters are harmless)."""
    for g, fields in overflowing.items():
        if g in failing:
            pending.append(((g, 0, -1, 0), g, kinds.EXTRA_CELLS, None, fields))
        else:
            shape = {"cells": fields["cells"], "columns": fields["columns"], "empty": fields["cells"] - fields["columns"]}
            pending.append(((g, 0, -1, 0), g, kinds.EXTRA_EMPTY_CELLS, None, shape))


def _stripped(raw: dict[str, Coded], rows: Codes) -> dict[str, Coded]:
    """The cells of ``rows``, trimmed (``vi.text.trim``: spaces and invisible characters at either end), coded by
    their distinct trimmed texts; a missing column is all empty."""
    out: dict[str, Coded] = {}
    for c in COLUMNS:
        if c.id not in raw:
            out[c.id] = (np.zeros(len(rows), dtype=np.int64), _objects([""]))
            continue
        codes, texts = raw[c.id]
        at = codes if len(rows) == len(codes) else codes[rows]
        stripped = [trim(t) for t in texts]
        if stripped == texts.tolist():  # nothing to strip: the same codes
            out[c.id] = (at, texts)
        else:
            to_stripped, distinct = factorize(_objects(stripped))
            out[c.id] = (to_stripped[at], distinct)
    return out


def _pending(
    found: dict[int, tuple[Found, ...]],
    codes: Codes,
    rows: Codes,
    order: tuple[int, int],
    column: str | None,
    pending: list[Pending],
) -> npt.NDArray[np.bool_]:
    """Queue the problems of the rows that hold a failing value; return which rows now have an error."""
    fails = np.zeros(max(int(codes.max(initial=-1)), max(found)) + 1, dtype=bool)
    errs = np.zeros_like(fails)
    for u, problems in found.items():
        fails[u] = True
        errs[u] = any(kind.severity == "error" for kind, _ in problems)
    for r in np.flatnonzero(fails[codes]).tolist():
        g = int(rows[r])
        for j, (kind, fields) in enumerate(found[int(codes[r])]):
            pending.append(((g, *order, j), g, kind, column, fields))
    return errs[codes]


def _duplicates(
    inputs: dict[str, Coded],
    rows: Codes,
    part: Codes,
    lines: Codes,
    good: npt.NDArray[np.bool_],
    pending: list[Pending],
    n_sources: int,
) -> npt.NDArray[np.bool_]:
    """Rows without error that repeat an earlier row of their file (``rules.DUPLICATE_KEY``) are reported; the rest are kept."""
    at = np.flatnonzero(good)
    keep = good.copy()
    if not len(at):
        return keep
    method_codes, methods = inputs["phuong_phap"]
    folded = factorize(_objects([key(t) for t in methods]))
    parts: list[Coded] = [(part[rows[at]], np.arange(n_sources))]
    for name in DUPLICATE_KEY:
        if name == "phuong_phap":
            codes, values = folded[0][method_codes], folded[1]
        else:  # by value: two texts may say the same («2020» and «2020.0», a place's name and its id)
            by_value, values = factorize(inputs[name][1])
            codes = by_value[inputs[name][0]]
        parts.append((codes[at], values))
    codes, _ = combine(parts, values=False)
    if codes.max(initial=-1) + 1 == len(codes):  # as many distinct keys as rows
        return keep
    repeated = pd.Series(codes).duplicated(keep="first").to_numpy()
    first = np.flatnonzero(~repeated)[codes]  # codes number the tuples in the order they first appear
    year, place, series = (inputs[n][1][inputs[n][0][at]] for n in ("year", "place", "series"))
    for r in np.flatnonzero(repeated).tolist():
        g = int(rows[at[r]])
        fields = duplicate(int(lines[rows[at[first[r]]]]), year[r], place[r], series[r], methods[method_codes[at[r]]])[0][1]
        pending.append(((g, 1, len(RULES), 0), g, kinds.DUPLICATE_ROW, "nam", fields))
        keep[at[r]] = False
    return keep


def _one_spelling(
    inputs: dict[str, Coded],
    rows: Codes,
    keep: npt.NDArray[np.bool_],
    part: Codes,
    lines: Codes,
    sources: Sequence[Source],
    pending: list[Pending],
) -> None:
    """One spelling per method of an indicator. Methods that differ only in case, spaces or diacritics (the
    duplicate rule's key, ``vi.text.key``) are one method: the status compares methods, so «Chuẩn A» and «chuẩn a»
    must not start two series. Each kept row takes the spelling of the indicator's first row with that method
    (in file order), and a row spelled otherwise gets a warning naming that row."""
    codes, texts = inputs["phuong_phap"]
    if len(texts) < 2:
        return
    folded, _ = factorize(_objects([key(t) for t in texts]))
    if len(np.unique(folded)) == len(texts):  # no two spellings of one method anywhere
        return
    spellings = np.bincount(folded, minlength=len(texts))  # distinct texts per folded method
    at = np.flatnonzero(keep)
    indicators = [s.indicator.id for s in sources]
    first: dict[tuple[str, int], tuple[int, int]] = {}  # (indicator, folded method) -> (text code, row)
    codes = codes.copy()
    for r in at[spellings[folded[codes[at]]] > 1].tolist():
        g = int(rows[r])
        here = (indicators[part[g]], int(folded[codes[r]]))
        t, f = first.setdefault(here, (int(codes[r]), g))
        if t == int(codes[r]):
            continue
        same_file = part[f] == part[g]
        where = f"dòng {int(lines[f])}" if same_file else f"tệp {sources[part[f]].rel}, dòng {int(lines[f])}"
        fields = {"method": texts[codes[r]], "first": texts[t], "where": where}
        pending.append(((g, 1, len(RULES) + 1, 0), g, kinds.METHOD_SPELLING, "phuong_phap", fields))
        codes[r] = t
    inputs["phuong_phap"] = (codes, texts)


def _report(pending: list[Pending], sources: Sequence[Source], part: Codes, lines: Codes) -> None:
    for _, g, kind, cid, fields in sorted(pending, key=lambda p: p[0]):
        s = sources[part[g]]
        s.problems.add(s.path, int(lines[g]), kind, column=COLUMN_BY_ID[cid].label if cid else None, **fields)


def _observations(
    inputs: dict[str, Coded], rows: Codes, keep: npt.NDArray[np.bool_], part: Codes, lines: Codes, sources: Sequence[Source]
) -> list[Observation]:
    ok = np.flatnonzero(keep)
    at = rows[ok]
    everything = len(ok) == len(rows)

    def take(name: str) -> Iterable[Any]:
        codes, values = inputs[name]
        if len(values) == 1:  # one value in every row (an empty column …)
            return itertools.repeat(values[0], len(ok))
        return values[codes if everything else codes[ok]].tolist()  # type: ignore[no-any-return]

    indicators = _objects([s.indicator.id for s in sources])[part[at]].tolist()
    files = _objects([s.rel for s in sources])[part[at]].tolist()
    columns = (
        indicators,
        take("year"),
        take("value"),
        take("place"),
        take("series"),
        take("phuong_phap"),
        take("source"),
        take("url"),
        take("agency"),
        take("reported"),
        take("preliminary"),
        take("estimate"),
        take("ghi_chu"),
        files,
        lines[at].tolist(),
    )
    return list(map(tuple.__new__, itertools.repeat(Observation, len(ok)), zip(*columns, strict=True)))
