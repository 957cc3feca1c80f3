"""Write the open data under du-lieu/: the CSV tables, datapackage.json, a CSV and a JSON file per
indicator, du-lieu.xlsx, and du-lieu.zip (all of them, the data folder's files and the licence).
The tables of task updates and money figures are written when the plan has such data.

The observations are one DataFrame; each indicator's rows are written to its own files and
appended to observations.csv, so the text of a million figures is never held at once.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import time
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from plansite.check.progress import sniff_delimiter
from plansite.load.boundary import regular_files
from plansite.load.datafiles import UPLOAD_DIR
from plansite.publish import investment, tables, xlsx
from plansite.publish.datapackage import datapackage, licence_text
from plansite.publish.inputs import OpenDataInput
from plansite.publish.schema import OPTIONAL, TABLES, TITLES, headers
from plansite.vi.text import slugify

OUT = "du-lieu"
VI = "tieng-viet"  # copies of the tables with the Vietnamese column titles, for people who open them in Excel
BOM = "\ufeff"  # every CSV starts with it: Excel on Windows then reads Vietnamese right


def write(data: OpenDataInput, site_dir: Path) -> None:
    out = site_dir / OUT
    (out / "chi-tieu").mkdir(parents=True, exist_ok=True)
    names = _names(data)
    makers = {
        "indicators": tables.indicators,
        "targets": tables.targets,
        "observations": tables.observations,
        "task_updates": investment.task_updates,
        "investment": investment.investment,
        "reporting": tables.reporting,
    }
    raw = {name: makers[name](data) for name in names}
    safe = {name: tables.spreadsheet_safe(name, df) for name, df in raw.items()}
    files: dict[str, str | Path] = {}
    (out / VI).mkdir(exist_ok=True)
    for name in names:
        if name == "observations":
            files["observations.csv"] = out / "observations.csv"
            files[f"{VI}/{vi_name(name)}"] = out / VI / vi_name(name)
            _write_observations(out, data, raw, tables.for_csv(name, safe[name]))
        else:
            csv_text = tables.to_csv(tables.for_csv(name, safe[name]))
            files[f"{name}.csv"] = BOM + csv_text
            files[f"{VI}/{vi_name(name)}"] = BOM + vi_header(name) + csv_text.split("\n", 1)[1]
    files["datapackage.json"] = json.dumps(datapackage(data.plan.plan, names), ensure_ascii=False, indent=2)
    for name, content in files.items():
        if isinstance(content, str):
            (out / name).write_text(content, encoding="utf-8")
    workbook(out / "du-lieu.xlsx", safe, data)
    _write_zip(out / "du-lieu.zip", files, out / "du-lieu.xlsx", data)


def _write_observations(out: Path, data: OpenDataInput, raw: dict[str, pd.DataFrame], text: pd.DataFrame) -> None:
    """observations.csv, and chi-tieu/<id>.csv and chi-tieu/<id>.json for every indicator of the plan."""
    indicator: dict[str, dict[str, Any]] = {}
    for row in tables.records("indicators", raw["indicators"]):
        indicator.setdefault(row["id"], row)
    targets: dict[str, list[dict[str, Any]]] = {}
    for row in tables.records("targets", raw["targets"]):
        targets.setdefault(row["indicator_id"], []).append(row)
    wanted = set(indicator)
    obs = raw["observations"]
    header = tables.to_csv(text.iloc[:0])

    def per_indicator(iid: str, csv_text: str, rows: list[dict[str, Any]]) -> None:
        (out / "chi-tieu" / f"{iid}.csv").write_text(BOM + csv_text, encoding="utf-8")
        doc = {"indicator": indicator[iid], "targets": targets.get(iid, []), "observations": rows}
        (out / "chi-tieu" / f"{iid}.json").write_text(
            json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

    with (
        (out / "observations.csv").open("w", encoding="utf-8", newline="") as whole,
        (out / VI / vi_name("observations")).open("w", encoding="utf-8", newline="") as vi,
    ):
        whole.write(BOM + header)
        vi.write(BOM + vi_header("observations"))
        for iid, rows in tables.groups(obs, "indicator_id"):
            csv_text = tables.to_csv(text.iloc[rows])
            whole.write(csv_text[len(header) :])
            vi.write(csv_text[len(header) :])
            if iid in wanted:
                per_indicator(iid, csv_text, tables.records("observations", obs.iloc[rows]))
                wanted.discard(iid)
    for iid in indicator:
        if iid in wanted:  # no figure yet
            per_indicator(iid, header, [])


def vi_name(table: str) -> str:
    """«so-lieu.csv»: the file of a table's Vietnamese-headed copy, named after its Vietnamese title."""
    return slugify(TITLES[table]) + ".csv"


def vi_header(table: str) -> str:
    return tables.to_csv(pd.DataFrame(columns=headers(table)))


def _names(data: OpenDataInput) -> list[str]:
    """The tables written, in order: every table, less the optional ones the plan has no data for."""
    there = investment.present(data)
    return [name for name in TABLES if name not in OPTIONAL or name in there]


def workbook(path: Path, safe: dict[str, pd.DataFrame], data: OpenDataInput) -> None:
    """du-lieu.xlsx: one sheet per table (figures past a sheet's rows continue on «Số liệu (2)» …)."""
    sheets = []
    for name in safe:
        df = safe[name]
        sheets.append(xlsx.Sheet(TITLES[name], headers(name), tables.python_rows(df), len(df)))
    xlsx.write_workbook(path, sheets, data.cache)


def _write_zip(path: Path, files: dict[str, str | Path], workbook: Path, data: OpenDataInput) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            if isinstance(text, str):
                z.writestr(name, text)
            else:
                _zip_copy(z, name, text)
        z.write(workbook, workbook.name, compress_type=zipfile.ZIP_STORED)  # compressed already
        folder = data.data_folder
        for f in regular_files(folder):  # never through a link: nothing from outside the data folder
            if not f.name.startswith(".") and f.relative_to(folder).parts[0] != UPLOAD_DIR:  # uploads are not data yet
                z.writestr("nguon/" + f.relative_to(folder).as_posix(), source_copy(f))
        z.writestr("GIAY-PHEP.txt", licence_text(data.plan.plan, data.today.year))


def source_copy(path: Path) -> bytes:
    """A data file as the zip carries it: as it is, except that in a CSV file every cell a spreadsheet would
    run as a formula (``tables.could_run``) gets an apostrophe before it, as in the other CSV downloads."""
    raw = path.read_bytes()
    if path.suffix.lower() != ".csv":
        return raw
    bom = raw.startswith(BOM.encode())
    text = raw.decode("utf-8-sig", errors="replace")
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        rows = [[text]]  # not CSV (the check refused it): one cell, neutralised as a whole
    if not any(tables.could_run(c) for row in rows for c in row):
        return raw
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(
        [[("'" + c) if tables.could_run(c) else c for c in row] for row in rows]
    )
    return ((BOM if bom else "") + buf.getvalue()).encode("utf-8")


def _zip_copy(z: zipfile.ZipFile, name: str, path: Path) -> None:
    """Like ``z.writestr(name, path.read_text())``, without reading the whole file at once."""
    info = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
    info.compress_type = z.compression
    info.external_attr = 0o600 << 16
    with path.open("rb") as src, z.open(info, "w", force_zip64=True) as dest:
        shutil.copyfileobj(src, dest, 1 << 20)
