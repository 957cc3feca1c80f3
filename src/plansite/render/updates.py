"""What changed in the data, in the data's own words: «Thêm số liệu <năm> cho <chỉ tiêu>: <giá trị>».

From the lines a change added to and removed from progress files (``load.history``): each line is
read with the progress files' column names (the header of the file as it is now), figures are
matched by year, place, series and method; a matched pair is a correction, the rest additions or
removals. A place is named as the rest of the site names it (its full name in places.yaml), whether
the file wrote its id, its name or an alias. Changes to the plan's own files are named by what the
file holds. Commit messages are developers' words and are not shown.

A change that touched nothing the site shows has nothing to say and is left out (``Update.shown``):
a merge (git lists no files for it: its changes are listed through the commits it brings), a commit
that only adds or removes an upload in ``nop/`` (the figures it brings come in their own commit).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from plansite import model as m
from plansite.check.progress.columns import COLUMN_BY_KEY
from plansite.check.progress.places import PlaceIndex
from plansite.load.datafiles import DATA_FILES, UPLOAD_DIR
from plansite.load.history import Change
from plansite.vi import fmt
from plansite.vi.numbers import NumberError, parse_number
from plansite.vi.text import key

MAX_LINES = 12  # sentences shown per change; the rest are counted


@dataclass(frozen=True)
class Update:
    date: object
    sentences: list[str]
    more: int  # sentences not shown
    indicators: list[tuple[str, str]]  # (id, name) of the indicators whose figures changed
    other: list[str]  # what else changed, in words («nội dung chỉ tiêu, mục tiêu»)

    @property
    def shown(self) -> bool:
        """Whether the change says anything: merges and upload-only commits do not."""
        return bool(self.sentences or self.indicators or self.other)


def _header(folder: Path, rel: str) -> list[str]:
    try:
        first = (folder / rel).read_text(encoding="utf-8-sig").split("\n", 1)[0]
    except OSError:
        return []
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return next(csv.reader([first], delimiter=delimiter), [])


def _place(row: dict[str, str], places: PlaceIndex) -> tuple[str, str]:
    """(id, full name) of the row's place as the file wrote it; the text itself when no place has it; ("", "")
    for the plan's own place (an empty cell)."""
    text = row.get("dia_ban", "")
    if not text:
        return "", ""
    year = row.get("nam", "")
    found, _ = places.find(text, int(year) if year.isdigit() else None)
    return (found.id, found.full_name) if found is not None else (key(text), text)


def _figures(lines: tuple[str, ...], header: list[str], places: PlaceIndex) -> dict[tuple[str, str, str, str], dict[str, str]]:
    cols = {i: COLUMN_BY_KEY[key(h)].id for i, h in enumerate(header) if key(h) in COLUMN_BY_KEY}
    delimiter = ";" if sum(x.count(";") for x in lines) > sum(x.count(",") for x in lines) else ","
    out = {}
    for cells in csv.reader(list(lines), delimiter=delimiter):
        row = {cols[i]: c.strip() for i, c in enumerate(cells) if i in cols}
        if not row.get("nam") or row.get("nam") == "Năm" or not row.get("gia_tri"):
            continue  # the header itself, a blank line
        pid, row["noi"] = _place(row, places)
        out[(row.get("nam", ""), pid, row.get("chuoi", ""), key(row.get("phuong_phap", "")))] = row
    return out


def _value(row: dict[str, str], ind: m.Indicator) -> str:
    series = ind.series_by_id(row.get("chuoi", "") or ind.primary_series)
    unit = series.unit if series is not None and series.unit else ind.unit
    try:
        return fmt.with_unit(parse_number(row.get("gia_tri", "")), unit, 4)
    except NumberError:
        return row.get("gia_tri", "")


def _where(row: dict[str, str]) -> str:
    return f", {row['noi']}" if row.get("noi") else ""


def words(change: Change, plan: m.PlanData, folder: Path) -> Update:
    indicators = {i.id: i for i in plan.indicators}
    places = PlaceIndex(plan.places.places, [lv.id for lv in plan.places.levels])
    sentences: list[str] = []
    touched: list[tuple[str, str]] = []
    for rel in change.files:
        if not rel.startswith("progress/"):
            continue
        iid = rel.removeprefix("progress/").removesuffix(".csv")
        ind = indicators.get(iid)
        if ind is None:
            continue
        touched.append((iid, ind.name))
        header = _header(folder, rel)
        new = _figures(change.added.get(rel, ()), header, places)
        old = _figures(change.removed.get(rel, ()), header, places)
        for k, row in new.items():
            if k in old:
                if _value(old[k], ind) != _value(row, ind):
                    sentences.append(
                        f"Sửa số liệu {k[0]} của {ind.name}{_where(row)}: {_value(old[k], ind)} → {_value(row, ind)}"
                    )
                else:
                    sentences.append(f"Cập nhật nguồn hoặc ghi chú của số liệu {k[0]}, {ind.name}{_where(row)}")
            else:
                sentences.append(f"Thêm số liệu {k[0]} cho {ind.name}{_where(row)}: {_value(row, ind)}")
        sentences += [
            f"Bỏ số liệu {k[0]} của {ind.name}{_where(row)} ({_value(row, ind)})" for k, row in old.items() if k not in new
        ]
    other = sorted(
        {
            DATA_FILES[rel].what if rel in DATA_FILES else rel
            for rel in change.files
            if not rel.startswith(("progress/", f"{UPLOAD_DIR}/"))  # an upload is said by the figures it brought
        }
    )
    return Update(change.date, sentences[:MAX_LINES], max(0, len(sentences) - MAX_LINES), touched, other)
