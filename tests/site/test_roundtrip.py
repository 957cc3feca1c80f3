"""Nothing lost: every observation row of data/progress/*.csv reaches the downloads and its indicator page.

The CSV files are read here with the csv module alone (not with the package): header by
label or column id, «,» «;» or tab separators, Vietnamese or English decimal marks, places
by id or name. Each non-blank row must appear exactly once

* in du-lieu/observations.csv (same indicator, year, place, series, method, source; value equal), and
* on chi-tieu/<id>/index.html (same year, place, series, method, source; the value as the page
  writes it, Vietnamese style such as «26,93%»): figures of the plan's own place in the «Số liệu»
  table (table.ps-data, one row each), every other place's in the table by place (table.ps-pivot,
  one cell each, the source in the note the cell points to or the one note under the table),

and neither holds rows that the CSV files do not. This runs on the real data (whatever
rows it has) and on a copy with a few extra rows in new files, so it checks something even
before any progress data exists.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from _site import ROOT, build, built_site, copy_data  # noqa: F401
from testkit import LIVE_DATA, Unchanged

pytestmark = pytest.mark.slow

COLUMNS = {  # folded header → field
    "nam": "year",
    "gia tri": "value",
    "dia ban": "place",
    "chuoi so lieu": "series",
    "chuoi": "series",
    "phuong phap": "method",
    "nguon": "source",
}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().replace("_", " ").split())


def vn_number(text: str) -> float:
    """Our own reading of a number cell: «26,93», «29.40», «1.234,5», «1 234», «−3», «45%»."""
    s = text.strip().replace("\u2212", "-").removesuffix("%").strip()
    s = re.sub(r"[\s\u00a0\u202f]", "", s)
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif s.count(",") + s.count(".") > 1:
        s = s.replace(",", "").replace(".", "")
    else:
        s = s.replace(",", ".")
    return float(s)


def page_number(text: str) -> float:
    """A value as the page shows it: «26,9%», «1.234,5 triệu đồng», «−3 điểm %/năm»."""
    m = re.match(r"([−-]?)([\d.]+(?:,\d+)?)", text.strip())
    assert m, f"no number in {text!r}"
    return (-1 if m.group(1) else 1) * float(m.group(2).replace(".", "").replace(",", "."))


@dataclass(frozen=True)
class Row:
    indicator: str
    year: int
    value: float
    place: str
    series: str
    method: str
    source: str
    where: str


class Meta:
    """What the CSV rows need from the YAML files, read with yaml.safe_load."""

    def __init__(self, folder: Path):
        load = lambda name: yaml.safe_load((folder / name).read_text(encoding="utf-8"))  # noqa: E731
        self.province = load("plan.yaml")["place"]
        self.indicators = {i["id"]: i for i in load("indicators.yaml")["indicators"]}
        self.places: dict[str, list[str]] = {}
        for p in load("places.yaml")["places"]:
            for label in {p["id"], p["name"], f"{p['kind']} {p['name']}", *p.get("aliases", [])}:
                self.places.setdefault(fold(label), []).append(p["id"])

    def place(self, text: str) -> str:
        if not text.strip() or fold(text) == "toan tinh":
            return self.province
        ids = sorted(set(self.places.get(fold(text), [])))
        assert len(ids) == 1, f"place {text!r} resolves to {ids}"
        return ids[0]

    def primary(self, iid: str) -> str:
        series = self.indicators[iid].get("series") or []
        return series[0]["id"] if series else "chinh"

    def series_name(self, iid: str, sid: str) -> str:
        for s in self.indicators[iid].get("series") or []:
            if s["id"] == sid:
                return s["name"]
        return "Chuỗi chính"


def source_rows(folder: Path) -> list[Row]:
    meta = Meta(folder)
    out = []
    for path in sorted((folder / "progress").glob("*.csv")):
        text = path.read_bytes().decode("utf-8-sig")
        first = text.splitlines()[0] if text.strip() else ""
        delim = ";" if first.count(";") > first.count(",") else "\t" if first.count("\t") > first.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        header = [COLUMNS.get(fold(h)) for h in next(reader, [])]
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            cell = {f: cells[i].strip() for i, f in enumerate(header) if f and i < len(cells)}
            iid = path.stem
            out.append(
                Row(
                    iid,
                    int(cell["year"]),
                    vn_number(cell["value"]),
                    meta.place(cell.get("place", "")),
                    cell.get("series") or meta.primary(iid),
                    " ".join(cell.get("method", "").split()),
                    " ".join(cell["source"].split()),
                    f"{path.name}:{reader.line_num}",
                )
            )
    return out


# --------------------------------------------------------------------------- the page table


class DataTable(HTMLParser):
    """Rows of table.ps-data: per cell its text (tags such as «⚠ đổi phương pháp» left out) and first link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, str]]] = []
        self._table = self._body = False
        self._cell: list[str] | None = None
        self._href = ""
        self._tag_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table" and "ps-data" in a.get("class", "").split():
            self._table = True
        elif self._table and tag == "tbody":
            self._body = True
        elif self._body and tag == "tr":
            self.rows.append([])
        elif self._body and tag == "td":
            self._cell, self._href = [], ""
        elif self._cell is not None and tag == "a" and not self._href:
            self._href = a.get("href", "")
        elif self._cell is not None and tag == "span" and ("ps-tag" in a.get("class", "").split() or self._tag_depth):
            self._tag_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._table:
            self._table = self._body = False
        elif tag == "td" and self._cell is not None:
            self.rows[-1].append((" ".join("".join(self._cell).split()), self._href))
            self._cell = None
        elif tag == "span" and self._tag_depth:
            self._tag_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._tag_depth:
            self._cell.append(data)


class PivotTable(HTMLParser):
    """table.ps-pivot: header years; row groups headed by their series and method; rows of
    (place, series, method, cells); and the notes the cells point to.

    A cell is (its text without the «sb»/«ưt» marks and note number, the note number or 0).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.years: list[str] = []
        self.rows: list[tuple[str, str, str, list[tuple[str, int]]]] = []
        self.notes: dict[int, str] = {}
        self.shared: str | None = None
        self._in = ""  # "", "table", "thead", "tbody"
        self._group = False
        self._series: list[str] = []
        self._method: list[str] = []
        self._grab: list[str] | None = None  # the span being read: series or method of a group
        self._cell: list[str] | None = None
        self._href = ""
        self._skip = 0
        self._note_ref = 0
        self._sup = False
        self._note_id: int | None = None
        self._src: list[str] | None = None
        self._src_depth = 0
        self._shared_p = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        cls = a.get("class", "").split()
        if tag == "table" and "ps-pivot" in cls:
            self._in = "table"
        elif self._in and tag in ("thead", "tbody"):
            self._in = tag
        elif self._in == "tbody" and tag == "tr":
            self._group = "ps-group" in cls
            if self._group:
                self._series, self._method = [], []
            else:
                self.rows.append(("", " ".join("".join(self._series).split()), " ".join("".join(self._method).split()), []))
        elif self._group and tag == "span" and "ps-g-series" in cls:
            self._grab = self._series
        elif self._group and tag == "span" and "ps-g-method" in cls:
            self._grab = self._method
        elif self._in in ("thead", "tbody") and tag in ("th", "td") and not self._group:
            self._cell, self._href, self._note_ref = [], "", 0
        elif self._cell is not None and tag == "a" and not self._href and not self._sup:
            self._href = a.get("href", "")
        elif self._cell is not None and tag == "sup":
            self._sup = True
        elif self._cell is not None and self._sup and tag == "a":
            self._note_ref = int(a.get("href", "#gc-0").rsplit("-", 1)[1])
        elif self._cell is not None and tag == "abbr":
            self._skip += 1
        elif tag == "li" and a.get("id", "").startswith("gc-"):
            self._note_id = int(a["id"][3:])
        elif tag == "p" and "ps-pivot-note" in cls:
            self._shared_p = True
        elif tag == "span" and "ps-src" in cls and (self._note_id is not None or self._shared_p):
            self._src, self._src_depth = [], 1
        elif self._src is not None and tag == "span":
            self._src_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._in:
            self._in = ""
        elif tag == "span" and self._grab is not None:
            self._grab = None
        elif tag == "tr":
            self._group = False
        elif tag in ("th", "td") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._in == "thead":
                self.years.append(text)
            else:
                place, series, method, cells = self.rows[-1]
                if not place:
                    m = re.search(r"dia-ban/([^/#]+)/?", self._href)
                    self.rows[-1] = (m.group(1) if m else text, series, method, cells)
                else:
                    cells.append((text, self._note_ref))
            self._cell = None
        elif tag == "sup":
            self._sup = False
        elif tag == "abbr" and self._skip:
            self._skip -= 1
        elif self._src is not None and tag == "span":
            self._src_depth -= 1
            if not self._src_depth:
                text = " ".join("".join(self._src).split())
                if self._note_id is not None:
                    self.notes[self._note_id] = text
                else:
                    self.shared = text
                self._src = None
        elif tag == "li":
            self._note_id = None
        elif tag == "p":
            self._shared_p = False

    def handle_data(self, data: str) -> None:
        if self._grab is not None:
            self._grab.append(data)
        if self._cell is not None and not self._skip and not self._sup:
            self._cell.append(data)
        if self._src is not None:
            self._src.append(data)


@dataclass(frozen=True)
class PageRow:
    year: int
    place: str
    series: str
    method: str
    value: float
    value_text: str
    source: str


def page_rows(site: Path, iid: str) -> list[PageRow]:
    html = (site / "chi-tieu" / iid / "index.html").read_text(encoding="utf-8")
    parser = DataTable()
    parser.feed(html)
    out = []
    for cells in parser.rows:
        assert len(cells) >= 7, f"chi-tieu/{iid}: unexpected row {cells}"
        (year, _), (place_text, place_href), (series, _), (method, _), (value, _), _, (source, _) = cells[:7]
        m = re.search(r"dia-ban/([^/#]+)/?", place_href)
        out.append(PageRow(int(year), m.group(1) if m else place_text, series, method, page_number(value), value, source))
    pivot = PivotTable()
    pivot.feed(html)
    years = pivot.years[1:]
    for place, series, method, cells in pivot.rows:
        assert len(cells) == len(years), f"chi-tieu/{iid}: pivot row {place} has {len(cells)} cells for {len(years)} years"
        for y, (text, note) in zip(years, cells, strict=True):
            if text == "–":
                continue
            if note:
                source = pivot.notes[note]
            else:
                assert pivot.shared is not None, f"chi-tieu/{iid}: cell {place} {y} has no note and the table no shared note"
                source = pivot.shared
            out.append(PageRow(int(y), place, series, method, page_number(text), text, source))
    return out


# --------------------------------------------------------------------------- the checks


def check_downloads(site: Path, rows: list[Row]) -> None:
    obs = list(csv.DictReader(io.StringIO((site / "du-lieu" / "observations.csv").read_text(encoding="utf-8-sig"), newline="")))
    missing = []
    for r in rows:
        found = [
            o
            for o in obs
            if o["indicator_id"] == r.indicator
            and int(o["year"]) == r.year
            and o["area"] == r.place
            and o["series"] == r.series
            and o["method"] == r.method
            and o["source"] == r.source
            and math.isclose(float(o["value"]), r.value, rel_tol=1e-12, abs_tol=1e-12)
        ]
        if len(found) != 1:
            missing.append(f"{r.where}: found {len(found)} times in observations.csv: {r}")
    assert not missing, "\n".join(missing[:20])
    assert len(obs) == len(rows), f"observations.csv has {len(obs)} rows, the CSV files {len(rows)}"


def check_pages(site: Path, rows: list[Row], meta: Meta) -> None:
    problems = []
    for iid in sorted({r.indicator for r in rows} | {p.name for p in (site / "chi-tieu").iterdir() if p.is_dir()}):
        if iid not in meta.indicators:
            continue
        shown = page_rows(site, iid)
        mine = [r for r in rows if r.indicator == iid]
        for r in mine:
            found = [
                p
                for p in shown
                if p.year == r.year
                and p.place == r.place
                and p.method == r.method
                and p.source == r.source
                and p.series == meta.series_name(iid, r.series)
                and abs(p.value - r.value) <= 1e-9
            ]
            if len(found) != 1:
                near = [p.value_text for p in shown if p.year == r.year and p.place == r.place and p.method == r.method]
                problems.append(f"{r.where}: value {r.value} found {len(found)} times on chi-tieu/{iid}/ (shown: {near})")
        if len(shown) != len(mine):
            problems.append(f"chi-tieu/{iid}/ shows {len(shown)} rows, the CSV has {len(mine)}")
    assert not problems, "\n".join(problems[:20])


# --------------------------------------------------------------------------- the fixture copy


def _pick(meta: Meta, folder: Path, percent: bool, series: bool) -> str | None:
    for iid, ind in meta.indicators.items():
        has_series = len(ind.get("series") or []) >= 2
        if (folder / "progress" / f"{iid}.csv").exists() or has_series != series:
            continue
        if (str(ind.get("unit", "")).strip() == "%") == percent and ind.get("unit") != "định tính":
            return iid
    return None


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The real data plus two new progress files in the formats staff use."""
    tmp = tmp_path_factory.mktemp("roundtrip")
    data = copy_data(tmp / "data")
    meta = Meta(data)
    head = (
        "Năm,Giá trị,Địa bàn,Chuỗi số liệu,Phương pháp,Nguồn,Liên kết nguồn,Cơ quan báo cáo,Ngày báo cáo,Sơ bộ,Ước tính,Ghi chú\n"
    )
    a = _pick(meta, data, percent=True, series=False)
    assert a, "no percentage indicator without progress data to add rows to"
    (data / "progress" / f"{a}.csv").write_text(
        head
        + '2019,"26,93",,,,Báo cáo số 1/BC-UBND (thử),https://example.org/a,,,,,\n'
        + "2020,27.5,pac-nam,,,Báo cáo số 2/BC-UBND (thử),,,,x,,\n"
        + ",,,,,,,,,,,\n"
        + '2021,"1,97",Huyện Pác Nặm,,Phương pháp mới,"Nguồn có dấu phẩy, và ""ngoặc kép""",,,,,,\n'
        + "\n"
        + "2022,30,toàn tỉnh,,,Nguồn thứ tư,,,,,,Ghi chú\n",
        encoding="utf-8",
    )
    b = _pick(meta, data, percent=False, series=True)
    if b:
        ids = [s["id"] for s in meta.indicators[b]["series"]]
        (data / "progress" / f"{b}.csv").write_bytes(
            (
                "\ufeff"
                + head.replace(",", ";").replace("\n", "\r\n")
                + f"2020;46,35;;;;Nguồn chấm phẩy;;;;;;\r\n2020;1.234,5;;{ids[1]};;Nguồn chấm phẩy;;;;;;\r\n"
            ).encode("utf-8")
        )
    out = tmp / "site"
    build(data, out)
    data_guard, site_guard = Unchanged(data, "the round trip's data"), Unchanged(out, "the round trip's build")
    yield data, out
    data_guard.check()
    site_guard.check()


def test_fixture_rows_were_added(fixture_site: tuple[Path, Path]) -> None:
    data, _ = fixture_site
    assert len(source_rows(data)) >= len(source_rows(LIVE_DATA)) + 4


def test_real_data_reaches_downloads(built_site: Path) -> None:  # noqa: F811
    rows = source_rows(LIVE_DATA)
    check_downloads(built_site, rows)
    print(f"verified: {len(rows)} real observation rows, each exactly once in observations.csv")


def test_real_data_reaches_pages(built_site: Path) -> None:  # noqa: F811
    rows = source_rows(LIVE_DATA)
    check_pages(built_site, rows, Meta(LIVE_DATA))
    print(f"verified: {len(rows)} real observation rows, each exactly once on its indicator page, value as entered")


def test_fixture_rows_reach_downloads(fixture_site: tuple[Path, Path]) -> None:
    data, out = fixture_site
    check_downloads(out, source_rows(data))


def test_fixture_rows_reach_pages(fixture_site: tuple[Path, Path]) -> None:
    """Includes «nothing lost» for the numbers themselves: 26,93 in the CSV is 26,93% on the page, not 26,9%."""
    data, out = fixture_site
    check_pages(out, source_rows(data), Meta(data))


def test_independent_readers() -> None:
    assert vn_number("26,93") == 26.93 and vn_number("29.40") == 29.4 and vn_number("1.234,5") == 1234.5
    assert vn_number("1 234 567") == 1234567 and vn_number("−3") == -3 and vn_number("45 %") == 45
    assert page_number("26,93%") == 26.93 and page_number("1.234,5 triệu đồng") == 1234.5 and page_number("−3 điểm") == -3
    assert fold("Chuỗi số liệu") == "chuoi so lieu" and fold("Địa bàn") == "dia ban"
