"""The open-data tables as pandas DataFrames, and the same tables made safe for spreadsheets.

Each table has the columns of ``schema.FIELDS``, in that order, with one dtype per Table Schema
type: text and dates (ISO strings) ``object``, integers ``Int64`` (may be missing), numbers
``float64`` (NaN: missing), booleans ``bool``.

Text cells that a spreadsheet would execute (starting with =, +, -, @, tab or carriage return)
are neutralised with a leading apostrophe, as OWASP advises for CSV injection; numbers stay
numbers (``spreadsheet_safe``). The JSON downloads keep the text as it is.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any

import numpy as np
import pandas as pd

from plansite.publish.inputs import OpenDataInput
from plansite.publish.schema import FIELDS, columns, of_type
from plansite.status.reporting import REPORT_LABELS

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
DTYPES = {"string": "object", "date": "object", "integer": "Int64", "number": "float64", "boolean": "bool"}


def frame(table: str, data: Mapping[str, Sequence[Any] | np.ndarray]) -> pd.DataFrame:
    """A table of ``FIELDS[table]`` from its columns (lists of plain Python values, or arrays, used as they are)."""
    return pd.DataFrame({f.name: pd.Series(data[f.name], dtype=DTYPES[f.type], copy=False) for f in FIELDS[table]}, copy=False)


def from_rows(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    return frame(table, {name: [r.get(name) for r in rows] for name in columns(table)})


def indicators(data: OpenDataInput) -> pd.DataFrame:
    rows = []
    for ind in data.plan.indicators:
        head = data.statuses[ind.id].headline
        rows.append(
            {
                "id": ind.id,
                "name": ind.name,
                "area": ind.area,
                "unit": ind.unit,
                "status": head.status,
                "status_label": head.label,
                "quote": ind.quote,
                "url": f"chi-tieu/{ind.id}/",
            }
        )
    return from_rows("indicators", rows)


def targets(data: OpenDataInput) -> pd.DataFrame:
    rows = []
    for ind in data.plan.indicators:
        for a, t in zip(data.statuses[ind.id].assessments, ind.targets, strict=True):
            owed = data.owed.get((ind.id, a.index))
            rows.append(
                {
                    "indicator_id": ind.id,
                    "year": t.year,
                    "start_year": t.start_year,
                    "operator": t.operator,
                    "value": t.value,
                    "value_max": t.value_max,
                    "unit": t.unit or ind.unit,
                    "kind": t.kind,
                    "base_year": t.base_year,
                    "reference": t.reference,
                    "status": a.status,
                    "status_label": a.label,
                    "explanation": a.sentence,
                    "latest_year": a.latest.year if a.latest else None,
                    "latest_value": a.latest.value if a.latest else None,
                    "owed_by": owed.agency if owed else None,
                    "owed_year": owed.year if owed else None,
                    "owed_deadline": owed.deadline.isoformat() if owed else None,
                    "quote": t.quote,
                }
            )
    return from_rows("targets", rows)


def reporting(data: OpenDataInput) -> pd.DataFrame:
    """The reporting record of every body: one row per (body, year, indicator it leads)."""
    names: dict[str, str] = {}
    for ag in data.plan.agencies:
        names.setdefault(ag.id, ag.name)
    rows = [
        {
            "agency_id": aid,
            "agency_name": names[aid],
            "year": rec.year,
            "deadline": rec.deadline.isoformat(),
            "indicator_id": item.indicator,
            "state": item.state,
            "state_label": REPORT_LABELS[item.state],
            "reported_date": item.reported.isoformat() if item.reported else None,
        }
        for aid, records in data.reporting.items()
        for rec in records
        for item in rec.items
    ]
    return from_rows("reporting", rows)


OBSERVATION_ATTRS = {  # column → attribute of Observation, and the type of the values
    "indicator_id": ("indicator", object),
    "year": ("year", np.int64),
    "value": ("value", np.float64),
    "area": ("place", object),
    "series": ("series", object),
    "method": ("method", object),
    "source": ("source", object),
    "source_url": ("url", object),
    "agency": ("agency", object),
    "preliminary": ("preliminary", np.bool_),
    "estimate": ("estimate", np.bool_),
    "note": ("note", object),
}
OBSERVATION_ORDER = ["indicator_id", "series", "area", "year", "method"]


def observations(data: OpenDataInput) -> pd.DataFrame:
    """Every figure, sorted by indicator, series, place, year and method (ties in the order read).

    Made one column at a time, in the sorted order, so that a million figures are not held twice.
    """
    obs = data.observations

    def values(attr: str, dtype: Any) -> np.ndarray:
        return np.fromiter(map(attrgetter(attr), obs), dtype=dtype, count=len(obs))

    keys = pd.DataFrame({c: values(*OBSERVATION_ATTRS[c]) for c in OBSERVATION_ORDER}, copy=False)
    order = keys.sort_values(OBSERVATION_ORDER, kind="stable").index.to_numpy()
    del keys
    cols = {name: values(attr, dtype)[order] for name, (attr, dtype) in OBSERVATION_ATTRS.items()}
    cols["reported_date"] = np.array(iso_dates(map(attrgetter("reported"), obs)), dtype=object)[order]
    names = {}
    for pid in pd.unique(cols["area"]):
        place = data.places.get(pid)
        names[pid] = place.full_name if place else pid
    cols["area_name"] = np.fromiter(map(names.__getitem__, cols["area"]), dtype=object, count=len(obs))
    return frame("observations", cols)


def iso_dates(dates: Iterable[dt.date | None]) -> list[str | None]:
    """2024-03-01 for each date (the same few dates repeat on many rows), None for none."""
    memo: dict[dt.date, str] = {}
    return [None if d is None else memo.get(d) or memo.setdefault(d, d.isoformat()) for d in dates]


def groups(table: pd.DataFrame, column: str) -> Iterator[tuple[str, slice]]:
    """(value, rows) of a table sorted by ``column``: each value's rows are one slice."""
    values = table[column].to_numpy()
    starts = [0, *(np.flatnonzero(values[1:] != values[:-1]) + 1).tolist(), len(values)]
    for a, b in itertools.pairwise(starts):
        if a < b:
            yield str(values[a]), slice(a, b)


# ---------------------------------------------------------------------------------- spreadsheets


def could_run(text: str) -> bool:
    """Whether a spreadsheet may run ``text`` as a formula. A lone «=», «+», «-» or «@» (the operator «=» of a
    target) is no formula: it stays as typed, shown as text, with no apostrophe before it."""
    return text.startswith(DANGEROUS) and (len(text.strip()) > 1 or text[:1] in ("\t", "\r"))


def neutralise(texts: pd.Series) -> pd.Series:
    """A text column with an apostrophe before each cell a spreadsheet would run as a formula."""
    distinct = pd.unique(texts.to_numpy())  # a column holds few distinct texts: places, sources, methods …
    dangerous = [v for v in distinct if isinstance(v, str) and could_run(v)]
    if not dangerous:
        return texts
    run = texts.isin(dangerous)
    out = texts.copy()
    out[run] = "'" + texts[run]
    return out


def spreadsheet_safe(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """The same table, every text cell neutralised (numbers and booleans untouched)."""
    return df.assign(**{name: neutralise(df[name]) for name in of_type(table, "string", "date")})


def for_csv(table: str, safe: pd.DataFrame) -> pd.DataFrame:
    """A spreadsheet-safe table as its CSV shows it: booleans «true»/«false» (numbers: ``to_csv``)."""
    return safe.assign(**{name: safe[name].map({True: "true", False: "false"}) for name in of_type(table, "boolean")})


def _number_text(value: Any) -> str:
    """A number as the CSV shows it: 3, -3, 26.7, 0.3333333333333333 (the shortest text of the float)."""
    v = float(value)
    return str(int(v)) if v.is_integer() else repr(v)


def to_csv(df: pd.DataFrame, header: bool = True) -> str:
    """CSV text of a table made by ``for_csv``: «,», minimal quoting, «\\n» ends a row, missing cells empty."""
    text: str = df.to_csv(index=False, header=header, lineterminator="\n", float_format=_number_text, na_rep="")
    return text


def python_columns(df: pd.DataFrame) -> list[list[Any]]:
    """Each column as a list of plain Python values, None where missing."""
    return [_python_values(s) for _, s in df.items()]


def _python_values(s: pd.Series) -> list[Any]:
    if s.dtype == object:  # text: None where missing (as made by ``frame``)
        return [None if v is not None and v != v else v for v in s.tolist()] if s.hasnans else s.tolist()
    if s.dtype == bool or not s.hasnans:
        return s.tolist()
    return s.astype(object).where(s.notna(), None).tolist()


def python_rows(df: pd.DataFrame, chunk: int = 20_000) -> Iterator[tuple[Any, ...]]:
    """The rows as tuples of plain Python values, None where missing (made a few thousand at a time)."""
    for start in range(0, len(df), chunk):
        yield from zip(*python_columns(df.iloc[start : start + chunk]), strict=True)


def records(table: str, df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as JSON objects: whole numbers as integers (3, not 3.0), null where missing."""
    names = columns(table)
    numbers = {names.index(n) for n in of_type(table, "number")}
    cols = python_columns(df)
    for i in numbers:
        cols[i] = [int(v) if v is not None and v.is_integer() else v for v in cols[i]]
    return [dict(zip(names, row, strict=True)) for row in zip(*cols, strict=True)]
