"""Open data: a valid Frictionless package, complete downloads, licence and citation, spreadsheet-safe cells.

* du-lieu/datapackage.json of the real build validates with ``frictionless`` (zero errors);
  resources indicators, targets, observations carry the required columns and Vietnamese titles;
* du-lieu.zip holds the same tables and every source file of the data folder, byte for byte;
* the page du-lieu/index.html states the CC BY 4.0 licence (linked) and a citation;
* spreadsheet safety (OWASP «CSV injection»): in an evil build every text cell of the CSV
  downloads and of du-lieu.xlsx that starts with = + - @ tab or CR has a leading apostrophe,
  the workbook holds no formula, while real negative numbers (target -3 of
  ty-le-ho-ngheo-dtts) stay numbers (numeric cells in the .xlsx).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import frictionless
import pytest
import yaml
from openpyxl import load_workbook

from _site import ROOT, build, built_site, make_evil_data  # noqa: F401
from plansite.load.datafiles import UPLOAD_DIR
from testkit import LIVE_DATA, LIVE_TODAY, read_only

pytestmark = pytest.mark.slow

REQUIRED = {
    "indicators": ["id", "name", "unit", "status"],
    "targets": ["indicator_id", "year", "operator", "value", "kind"],
    "observations": ["indicator_id", "year", "value", "area", "series", "source"],
}
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
NEGATIVE_TARGET = ("ty-le-ho-ngheo-dtts", -3)


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff"), f"{path.name}: no BOM"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


# --------------------------------------------------------------------------- the package


def test_datapackage_validates_with_frictionless(built_site: Path) -> None:  # noqa: F811
    report = frictionless.Package(str(built_site / "du-lieu" / "datapackage.json")).validate()
    errors = report.flatten(["type", "note"])
    assert report.valid and not errors, errors[:20]
    rows = {t.name: t.stats["rows"] for t in report.tasks}
    assert rows.get("indicators", 0) > 0 and rows.get("targets", 0) > 0, rows
    print(f"verified: datapackage.json valid (frictionless {frictionless.__version__}), rows {rows}")


def test_resources_columns_and_titles(built_site: Path) -> None:  # noqa: F811
    pkg = json.loads((built_site / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in pkg["resources"]}
    assert set(REQUIRED) <= set(resources), sorted(resources)
    for name, required in REQUIRED.items():
        res = resources[name]
        assert res.get("title") and re.search(r"[^\x00-\x7f]", res["title"]), f"{name}: no Vietnamese title"
        fields = {f["name"]: f for f in res["schema"]["fields"]}
        assert set(required) <= set(fields), f"{name}: missing {set(required) - set(fields)}"
        for f in fields.values():
            assert f.get("title") and f["title"] != f["name"], f"{name}.{f['name']}: no Vietnamese title"
        vietnamese = [f for f in fields.values() if re.search(r"[^\x00-\x7f]", f["title"])]
        assert len(vietnamese) >= len(fields) // 2, f"{name}: titles do not look Vietnamese"
        with (built_site / "du-lieu" / res["path"]).open(encoding="utf-8-sig", newline="") as fh:
            assert next(csv.reader(fh)) == list(fields), f"{res['path']}: header differs from the schema"
    licences = pkg.get("licenses", [])
    assert any(
        lic.get("name") == "CC-BY-4.0" and "creativecommons.org/licenses/by/4.0" in lic.get("path", "") for lic in licences
    ), licences


def test_zip_holds_tables_and_source_data(built_site: Path) -> None:  # noqa: F811
    out = built_site / "du-lieu"
    with zipfile.ZipFile(out / "du-lieu.zip") as z:
        names = set(z.namelist())
        for n in names:
            assert not n.startswith("/") and ".." not in n.split("/"), f"unsafe path in zip: {n}"
        for table in ("indicators.csv", "targets.csv", "observations.csv", "datapackage.json"):
            assert table in names, f"{table} missing from du-lieu.zip"
            assert z.read(table) == (out / table).read_bytes(), f"{table} in the zip differs from the download"
        assert "du-lieu.xlsx" in names
        source = [f for f in sorted((LIVE_DATA).rglob("*")) if f.is_file() and not f.name.startswith(".")]
        source = [f for f in source if f.relative_to(LIVE_DATA).parts[0] != UPLOAD_DIR]  # uploads are not data yet
        assert not any(n.startswith(f"nguon/{UPLOAD_DIR}/") for n in names), "an upload waiting for import was published"
        assert source
        for f in source:
            arc = "nguon/" + f.relative_to(LIVE_DATA).as_posix()
            assert arc in names, f"source file {arc} missing from du-lieu.zip"
            assert z.read(arc) == f.read_bytes(), f"{arc} differs from the data folder"
        licence = z.read("GIAY-PHEP.txt").decode("utf-8") if "GIAY-PHEP.txt" in names else ""
        assert "CC BY 4.0" in licence, "licence file missing or without CC BY 4.0"
    print(f"verified: du-lieu.zip has the tables, datapackage.json and {len(source)} source files")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.licence_links: list[tuple[str, str]] = []
        self.cites: list[str] = []
        self._a: dict[str, str] | None = None
        self._text: list[str] = []
        self._cite = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "license" in a.get("rel", "").split():
            self._a, self._text = a, []
        if tag == "cite":
            self._cite += 1
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._a is not None:
            self.licence_links.append((self._a.get("href", ""), "".join(self._text)))
            self._a = None
        if tag == "cite" and self._cite:
            self._cite -= 1
            self.cites.append("".join(self._text))

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def test_licence_and_citation_on_the_page(built_site: Path) -> None:  # noqa: F811
    page = _Page()
    page.feed((built_site / "du-lieu" / "index.html").read_text(encoding="utf-8"))
    assert any("creativecommons.org/licenses/by/4.0" in href and "CC BY 4.0" in text for href, text in page.licence_links), (
        page.licence_links
    )
    plan = yaml.safe_load((LIVE_DATA / "plan.yaml").read_text(encoding="utf-8"))
    assert page.cites, "no <cite> on du-lieu/index.html"
    cite = " ".join(page.cites)
    assert str(plan["number"]) in cite and "CC BY 4.0" in cite and re.search(r"\(\d{4}\)", cite), cite


# --------------------------------------------------------------------------- spreadsheet safety

EXTRA_ROWS = [  # (method, source, note): each starts with a character a spreadsheet would run
    ("+1+2 phương pháp", "@SUM(A1:A2) nguồn", "-2+3+cmd|' /C calc'!A0"),
    ("-phương pháp âm", "=cmd|' /C notepad'!A0", "@ghi chú"),
    ("@phương pháp", "+nguồn cộng", "=1+1"),
]


def _set_yaml(path: Path, field: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(
        rf"^(\s*(?:- )?{field}: ).*$", lambda m: m.group(1) + json.dumps(value, ensure_ascii=False), text, count=1, flags=re.M
    )
    assert n == 1, f"no «{field}:» in {path.name}"
    path.write_text(new, encoding="utf-8")


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("evil-open")
    data = make_evil_data(tmp / "data")
    first = yaml.safe_load((data / "indicators.yaml").read_text(encoding="utf-8"))["indicators"][0]["id"]
    path = data / "progress" / f"{first}.csv"
    rows = io.StringIO()
    w = csv.writer(rows, lineterminator="\n")
    for i, (method, source, note) in enumerate(EXTRA_ROWS):
        w.writerow([2017 + i, 1, "", "", method, source, "https://example.org/x", "", "", "", "", note])
    path.write_text(path.read_text(encoding="utf-8") + rows.getvalue(), encoding="utf-8")
    _set_yaml(data / "indicators.yaml", "name", "\t=1+2 tên bắt đầu bằng tab")
    out = tmp / "site"
    build(data, out)
    yield from read_only(out, "the evil build (open data)")


def _types(site: Path) -> dict[str, dict[str, str]]:
    pkg = json.loads((site / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: {f["name"]: f["type"] for f in r["schema"]["fields"]} for r in pkg["resources"]}


def _is_number(s: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", s) is not None


def csv_violations(site: Path) -> tuple[list[str], int]:
    types = _types(site)
    files = [(site / "du-lieu" / f"{n}.csv", n) for n in types]
    files += [(p, "observations") for p in sorted((site / "du-lieu" / "chi-tieu").glob("*.csv"))]
    bad, neutralised = [], 0
    for path, table in files:
        for i, row in enumerate(read_csv(path), start=2):
            for col, value in row.items():
                kind = types[table].get(col, "string")
                where = f"{path.relative_to(site)} row {i} {col}={value[:40]!r}"
                if kind in ("number", "integer"):
                    if value and not _is_number(value):
                        bad.append(f"{where}: not a plain number in a {kind} column")
                elif value.startswith(DANGEROUS) and value.strip() not in LONE_SIGNS:
                    bad.append(f"{where}: text cell starts with {value[:1]!r}")
                elif value.startswith("'") and value[1:2] and value[1:].startswith(DANGEROUS):
                    neutralised += 1
    return bad, neutralised


# A lone sign is no formula (the operator «=» of a target): it stays as the plan wrote it, without an apostrophe.
LONE_SIGNS = ("=", "+", "-", "@")


def test_lone_operator_is_exported_as_typed(built_site: Path) -> None:  # noqa: F811
    ops = {r["operator"] for r in read_csv(built_site / "du-lieu" / "targets.csv")}
    assert "'=" not in ops and "'<" not in ops, ops


def test_csv_downloads_neutralise_formulas(evil_site: Path) -> None:
    bad, neutralised = csv_violations(evil_site)
    assert not bad, "\n".join(bad[:20])
    obs = read_csv(evil_site / "du-lieu" / "observations.csv")
    methods = {r["method"] for r in obs}
    assert any(m.startswith("'=HYPERLINK(") for m in methods), methods
    for method, source, note in EXTRA_ROWS:
        assert any(r["method"] == "'" + method and r["source"] == "'" + source and r["note"] == "'" + note for r in obs), method
    names = {r["name"] for r in read_csv(evil_site / "du-lieu" / "indicators.csv")}
    # the loader may strip the leading tab; either way the formula must not start the cell
    assert "'\t=1+2 tên bắt đầu bằng tab" in names or "'=1+2 tên bắt đầu bằng tab" in names, names
    assert neutralised >= 3 * len(EXTRA_ROWS) + 2
    print(f"verified: {neutralised} dangerous text cells neutralised in the CSV downloads, none left")


def test_negative_numbers_stay_numbers_in_csv(built_site: Path, evil_site: Path) -> None:  # noqa: F811
    iid, value = NEGATIVE_TARGET
    for site in (built_site, evil_site):
        targets = [r for r in read_csv(site / "du-lieu" / "targets.csv") if r["indicator_id"] == iid]
        assert targets, f"no target for {iid}"
        assert any(r["value"] == str(value) for r in targets), [r["value"] for r in targets]
        assert not any(r["value"].startswith("'") for r in targets)


def _sheets(site: Path) -> dict[str, list[list[object]]]:
    wb = load_workbook(site / "du-lieu" / "du-lieu.xlsx")
    return {ws.title: [list(r) for r in ws.iter_rows()] for ws in wb.worksheets}


def test_xlsx_has_no_formula_and_neutralised_text(evil_site: Path) -> None:
    wb = load_workbook(evil_site / "du-lieu" / "du-lieu.xlsx")
    bad, neutralised = [], 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    bad.append(f"{ws.title}!{c.coordinate}: formula {c.value!r}")
                elif c.data_type in ("s", "inlineStr") and isinstance(c.value, str):
                    if c.value.startswith(DANGEROUS) and c.value.strip() not in LONE_SIGNS:
                        bad.append(f"{ws.title}!{c.coordinate}: text starts with {c.value[:1]!r}: {c.value[:40]!r}")
                    elif c.value.startswith("'") and c.value[1:].startswith(DANGEROUS):
                        neutralised += 1
    assert not bad, "\n".join(bad[:20])
    assert neutralised >= 3 * len(EXTRA_ROWS) + 2, neutralised
    print(f"verified: du-lieu.xlsx has no formula; {neutralised} dangerous text cells neutralised")


def test_xlsx_negative_target_is_a_number(built_site: Path, evil_site: Path) -> None:  # noqa: F811
    iid, value = NEGATIVE_TARGET
    for site in (built_site, evil_site):
        wb = load_workbook(site / "du-lieu" / "du-lieu.xlsx")
        ws = wb["Mục tiêu"]
        rows = list(ws.iter_rows())
        head = [c.value for c in rows[0]]
        col = head.index("Giá trị mục tiêu")
        cells = [r[col] for r in rows[1:] if r[0].value == iid]
        assert cells, f"no row for {iid} in sheet «Mục tiêu»"
        assert any(c.data_type == "n" and c.value == value for c in cells), [(c.data_type, c.value) for c in cells]


def test_reporting_record_is_in_the_package(built_site: Path) -> None:  # noqa: F811
    """Who reported on time: the same record as the agency pages, row for row, in CSV, datapackage and xlsx."""

    from plansite.pipeline import check
    from plansite.status.reporting import REPORT_LABELS, reporting_record

    checked = check(LIVE_DATA, LIVE_TODAY)
    assert checked.plan is not None
    record = reporting_record(checked.plan, checked.progress.observations, LIVE_TODAY)
    expected = [
        (
            aid,
            str(rec.year),
            rec.deadline.isoformat(),
            item.indicator,
            item.state,
            item.reported.isoformat() if item.reported else "",
        )
        for aid, recs in record.items()
        for rec in recs
        for item in rec.items
    ]
    rows = read_csv(built_site / "du-lieu" / "reporting.csv")
    got = [(r["agency_id"], r["year"], r["deadline"], r["indicator_id"], r["state"], r["reported_date"]) for r in rows]
    assert got == expected and len(got) > 16
    assert all(r["state_label"] == REPORT_LABELS[r["state"]] for r in rows)
    pkg = json.loads((built_site / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))
    assert "reporting" in [res["name"] for res in pkg["resources"]]
    wb = load_workbook(built_site / "du-lieu" / "du-lieu.xlsx", read_only=True)
    assert wb.sheetnames[-1] == "Báo cáo đúng hạn"
    assert sum(1 for _ in wb["Báo cáo đúng hạn"].iter_rows()) == len(rows) + 1
    with zipfile.ZipFile(built_site / "du-lieu" / "du-lieu.zip") as z:
        assert z.read("reporting.csv").decode("utf-8") == (built_site / "du-lieu" / "reporting.csv").read_text(encoding="utf-8")
