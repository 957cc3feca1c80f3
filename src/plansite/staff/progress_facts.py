"""What a fill-in template needs to know of an indicator's progress file, without keeping its rows.

A template lists the indicator's places and prefills the method of its latest figure. For that it needs only the places
the file names (with the years they have figures for) and, for each series, its last figure's method. A national plan's
file holds tens of thousands of rows, and the site builds a template for each agency and year. Each file is read once
per version (its size and time of change) and only these facts are kept, not a dict per row.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from plansite.check.progress import column_index, read_table
from plansite.load.files import PROGRESS_DIR
from plansite.problems import Problems

READ = ("dia_ban", "nam", "chuoi", "phuong_phap")  # the columns the facts come from (ids of check.progress.COLUMNS)


@dataclass(frozen=True)
class Latest:
    year: int
    row: int  # the record's position in the file (the later row wins within a year)
    method: str


@dataclass(frozen=True)
class ProgressFacts:
    places: dict[str, frozenset[int | None]]  # each place as written (stripped, not empty) → its rows' years (None: no year)
    latest: dict[str, Latest]  # each series as written ("" when blank) → its last figure with a year

    def latest_method(self, primary_series: str) -> str:
        """The method of the latest figure of the main series (rows that leave the series blank are in it), or ""."""
        found = [f for s in {"", primary_series} if (f := self.latest.get(s)) is not None]
        return max(found, key=lambda f: (f.year, f.row)).method if found else ""


NONE = ProgressFacts({}, {})


def progress_facts(folder: Path, iid: str) -> ProgressFacts:
    """The facts of ``progress/<iid>.csv``; problems of the file are the checker's business."""
    path = folder / PROGRESS_DIR / f"{iid}.csv"
    if not path.is_file():
        return NONE
    st = path.stat()
    return _facts_of(str(path), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _facts_of(path_text: str, _size: int, _mtime_ns: int) -> ProgressFacts:
    path = Path(path_text)
    table = read_table(path, Problems(root=path.parent.parent))
    if table is None or not len(table):
        return NONE
    at = column_index(table.header)
    cells = pd.DataFrame(
        {c: pd.Series(table.columns[at[c]], dtype=object).str.strip() if c in at else "" for c in READ},
        index=pd.RangeIndex(len(table)),
    )
    year_text = cells["nam"].str.removesuffix(".0")
    has_year = year_text.str.isdecimal()
    year = year_text[has_year].map(int)  # Python ints: a year of twenty digits is refused by the checker, not here
    years = pd.Series([None] * len(cells), index=cells.index, dtype=object)
    years.loc[year.index] = year.astype(object)
    named = cells["dia_ban"] != ""
    places: dict[str, set[int | None]] = {}
    for place, y in zip(cells["dia_ban"][named].tolist(), years[named].tolist(), strict=True):
        places.setdefault(place, set()).add(y)
    dated = pd.DataFrame({"series": cells["chuoi"][has_year], "year": year, "method": cells["phuong_phap"][has_year]})
    last = dated.reset_index().sort_values(["year", "index"], kind="stable").groupby("series", sort=False).tail(1)
    latest = {
        s: Latest(int(y), int(r), m)
        for s, y, r, m in zip(
            last["series"].tolist(), last["year"].tolist(), last["index"].tolist(), last["method"].tolist(), strict=True
        )
    }
    return ProgressFacts({p: frozenset(ys) for p, ys in places.items()}, latest)
