"""The open-data files from the small typed input (plansite.publish.write), without a site build.

The tables are pandas DataFrames; what their files hold is checked here against the same rows
computed from the checked data with plain Python (the way the tables were made before pandas).
The data is the shared synthetic data (benchmarks.synth), judged on SYNTH_TODAY.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from plansite.cache import Cache
from plansite.pipeline import check
from plansite.publish import tables
from plansite.publish.inputs import OpenDataInput
from plansite.publish.schema import FIELDS, columns
from plansite.publish.write import write
from plansite.status.judged import judge
from plansite.status.method import assess_all
from plansite.status.reporting import REPORT_LABELS, reporting_record
from testkit import REPO, SYNTH_TODAY, read_only

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def open_data_input(folder: Path, cache: Cache | None = None) -> OpenDataInput:
    checked = check(folder, today=SYNTH_TODAY)
    assert checked.ok and checked.plan is not None
    j = judge(checked, SYNTH_TODAY)
    plan, obs = j.plan, j.observations
    assert j.statuses == assess_all(plan, obs, SYNTH_TODAY) and j.reporting == reporting_record(plan, obs, SYNTH_TODAY)
    return OpenDataInput(
        plan=plan,
        observations=obs,
        statuses=j.statuses,
        reporting=j.reporting,
        owed=j.owed,
        places={p.id: p for p in plan.places.places},
        data_folder=checked.folder,
        today=SYNTH_TODAY,
        cache=cache or Cache(None),
    )


@pytest.fixture(scope="module")
def real(synthetic: Path) -> OpenDataInput:
    """The open-data input of the synthetic data (the name is the one the tests had on the live data)."""
    return open_data_input(synthetic)


@pytest.fixture(scope="module")
def written(real: OpenDataInput, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("open")
    write(real, out)
    yield from read_only(out / "du-lieu", "the open-data files")


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff"), f"{path.name}: no BOM (Excel on Windows would garble the Vietnamese)"
    return list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"), newline="")))


# ------------------------------------------------------------------ the reference: plain Python


def _text(v: Any) -> str:
    """A cell as the CSV shows it, by hand."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, int):
        return str(v)
    return "'" + v if v.startswith(DANGEROUS) else v


def expected_observations(data: OpenDataInput) -> list[list[Any]]:
    rows = []
    for o in sorted(data.observations, key=lambda o: (o.indicator, o.series, o.place, o.year, o.method)):
        place = data.places.get(o.place)
        rows.append(
            [
                o.indicator,
                o.year,
                o.value,
                o.place,
                place.full_name if place else o.place,
                o.series,
                o.method,
                o.source,
                o.url,
                o.agency,
                o.reported.isoformat() if o.reported else None,
                o.preliminary,
                o.estimate,
                o.note,
            ]
        )
    return rows


def test_observations_csv_is_the_figures_in_order(real: OpenDataInput, written: Path) -> None:
    got = read_csv(written / "observations.csv")
    assert got[0] == columns("observations")
    assert got[1:] == [[_text(v) for v in row] for row in expected_observations(real)]
    assert len(got) - 1 == len(real.observations) > 30


def test_per_indicator_files(real: OpenDataInput, written: Path) -> None:
    expected = expected_observations(real)
    for ind in real.plan.indicators:
        rows = read_csv(written / "chi-tieu" / f"{ind.id}.csv")
        assert rows[0] == columns("observations")
        assert rows[1:] == [[_text(v) for v in r] for r in expected if r[0] == ind.id]
        doc = json.loads((written / "chi-tieu" / f"{ind.id}.json").read_text(encoding="utf-8"))
        assert doc["indicator"]["id"] == ind.id and doc["indicator"]["url"] == f"chi-tieu/{ind.id}/"
        assert [t["year"] for t in doc["targets"]] == [t.year for t in ind.targets]
        mine = [r for r in expected if r[0] == ind.id]
        assert [list(o.values()) for o in doc["observations"]] == [
            [int(v) if isinstance(v, float) and v.is_integer() else v for v in r] for r in mine
        ]


def test_targets_and_indicators_tables(real: OpenDataInput, written: Path) -> None:
    targets = read_csv(written / "targets.csv")
    assert targets[0] == columns("targets")
    expected = []
    for ind in real.plan.indicators:
        for a, t in zip(real.statuses[ind.id].assessments, ind.targets, strict=True):
            row = [ind.id, t.year, t.start_year, t.operator, t.value, t.value_max, t.unit or ind.unit, t.kind]
            latest = [a.latest.year, a.latest.value] if a.latest else [None, None]
            o = real.owed.get((ind.id, a.index))
            owed = [o.agency, o.year, o.deadline.isoformat()] if o else [None, None, None]
            expected.append([*row, t.base_year, t.reference, a.status, a.label, a.sentence, *latest, *owed, t.quote])
    assert targets[1:] == [[_text(v) for v in r] for r in expected]
    negative = [_text(t.value) for ind in real.plan.indicators for t in ind.targets if t.value is not None and t.value < 0]
    assert negative and all(any(r[4] == v for r in targets[1:]) for v in negative)  # a negative target stays a number
    indicators = read_csv(written / "indicators.csv")
    assert [r[0] for r in indicators[1:]] == [ind.id for ind in real.plan.indicators]


def test_reporting_table(real: OpenDataInput, written: Path) -> None:
    rows = read_csv(written / "reporting.csv")
    names = {a.id: a.name for a in real.plan.agencies}
    expected = [
        [
            aid,
            names[aid],
            rec.year,
            rec.deadline.isoformat(),
            item.indicator,
            item.state,
            REPORT_LABELS[item.state],
            item.reported,
        ]
        for aid, recs in real.reporting.items()
        for rec in recs
        for item in rec.items
    ]
    assert rows[1:] == [[_text(v.isoformat() if isinstance(v, dt.date) else v) for v in r] for r in expected] and len(rows) > 16


def test_every_file_is_written(written: Path) -> None:
    names = {p.name for p in written.iterdir()}
    assert names >= {"indicators.csv", "targets.csv", "observations.csv", "reporting.csv", "datapackage.json"}
    assert {"du-lieu.xlsx", "du-lieu.zip", "chi-tieu"} <= names


# ------------------------------------------------------------------ cells


def test_csv_cells_by_hand() -> None:
    df = tables.frame(
        "targets",
        {
            "indicator_id": ["=cmd|' /C calc'!A0", "+a", "-b", "@c", "\td", "\r", "a,b", 'q"x', "dòng\nmới", "'=đã"],
            "year": [2025, 2025, None, 2030, 2030, 2030, 2030, 2030, 2030, 2030],
            "start_year": [None] * 10,
            "operator": [">=", "=", "<", None, "khoang", ">", ">", ">", ">", ">"],
            "value": [-3.0, 26.7, 2.0, None, 1 / 3, 1e16, 1e20, 0.1, -0.5, 1e-5],
            **{c: [None] * 10 for c in columns("targets")[5:]},
        },
    )
    text = tables.to_csv(tables.for_csv("targets", tables.spreadsheet_safe("targets", df)))
    assert "\n'\r," in text  # a carriage return is not quoted (as the csv module writes it with «\n» rows)
    rows = list(csv.reader(io.StringIO(text.replace("'\r,", "'CR,"), newline="")))
    assert rows[0] == columns("targets")
    assert [r[0] for r in rows[1:]] == [
        "'=cmd|' /C calc'!A0",
        "'+a",
        "'-b",
        "'@c",
        "'\td",
        "'CR",
        "a,b",
        'q"x',
        "dòng\nmới",
        "'=đã",
    ]
    assert [r[1] for r in rows[1:]] == ["2025", "2025", "", *["2030"] * 7]
    # A lone «=» (the operator of a target) is no formula: it stays as typed, without an apostrophe.
    assert [r[3] for r in rows[1:4]] == [">=", "=", "<"]
    numbers = ["-3", "26.7", "2", "", "0.3333333333333333", "10000000000000000", "100000000000000000000", "0.1", "-0.5", "1e-05"]
    assert [r[4] for r in rows[1:]] == numbers
    assert text.count("\r\n") == 0 and '"a,b"' in text and '"q""x"' in text


def test_booleans_and_json_values() -> None:
    df = tables.frame(
        "observations",
        {
            **{c: ["x", "=y"] for c in columns("observations")},
            "year": [2020, 2021],
            "value": [3.0, -0.25],
            "reported_date": ["2024-03-01", None],
            "preliminary": [True, False],
            "estimate": [False, True],
        },
    )
    csv_rows = list(
        csv.reader(io.StringIO(tables.to_csv(tables.for_csv("observations", tables.spreadsheet_safe("observations", df)))))
    )
    assert [r[11:13] for r in csv_rows[1:]] == [["true", "false"], ["false", "true"]]
    assert csv_rows[2][10] == "" and csv_rows[2][0] == "'=y"
    records = tables.records("observations", df)
    assert records[0]["value"] == 3 and type(records[0]["value"]) is int and records[1]["value"] == -0.25
    assert records[1]["reported_date"] is None and records[1]["preliminary"] is False
    assert records[1]["note"] == "=y"  # JSON keeps the text as it is
    assert json.dumps(records)  # plain Python values only


def test_dtypes_follow_the_table_schema(real: OpenDataInput) -> None:
    kinds = {"string": "object", "date": "object", "integer": "Int64", "number": "float64", "boolean": "bool"}
    for name, make in [("indicators", tables.indicators), ("targets", tables.targets), ("observations", tables.observations)]:
        df = make(real)
        assert list(df.columns) == columns(name)
        assert [str(df[f.name].dtype) for f in FIELDS[name]] == [kinds[f.type] for f in FIELDS[name]]
    assert isinstance(tables.reporting(real), pd.DataFrame)


def test_python_columns_have_no_missing_markers() -> None:
    df = tables.frame("targets", {c: [None, None] for c in columns("targets")} | {"year": [1, None], "value": [math.nan, 2.5]})
    cols = dict(zip(columns("targets"), tables.python_columns(df), strict=True))
    assert cols["year"] == [1, None] and cols["value"] == [None, 2.5] and cols["quote"] == [None, None]


def test_product_code_imports_pandas_and_babel() -> None:
    """Both are declared runtime dependencies (requirements/requirements.in): the build uses them."""
    imported = set()
    for path in (REPO / "src" / "plansite").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
    declared = (REPO / "requirements" / "requirements.in").read_text(encoding="utf-8")
    for name in ("pandas", "babel"):
        assert name in declared and name in imported, name


def test_a_plan_without_figures(real: OpenDataInput, tmp_path: Path) -> None:
    import dataclasses

    from openpyxl import load_workbook

    write(dataclasses.replace(real, observations=[], reporting={}), tmp_path)
    out = tmp_path / "du-lieu"
    assert read_csv(out / "observations.csv") == [columns("observations")]
    for ind in real.plan.indicators:
        assert read_csv(out / "chi-tieu" / f"{ind.id}.csv") == [columns("observations")]
        assert json.loads((out / "chi-tieu" / f"{ind.id}.json").read_text(encoding="utf-8"))["observations"] == []
    wb = load_workbook(out / "du-lieu.xlsx", read_only=True)
    assert [len(list(wb[t].iter_rows())) for t in ("Số liệu", "Báo cáo đúng hạn")] == [1, 1]
