"""Every text from data is inert everywhere, and no file the site offers or sends carries a live formula.

The data (``payloadkit.payload_data``): the minimal fixture with an injection payload in every string field
of every YAML model and every column of every progress file, found by walking the pydantic models. What the
checker refuses is refused at the field's own line (and given back); the rest is built with the real
``mkdocs build --strict``. Then:

* every page: no script or handler from data, no javascript: link, ``{{ 7*7 }}`` not evaluated, and the
  payload shown as typed wherever any part of it is shown (the theme's titles show ‹ › for < >);
* every download (CSV, .xlsx, JSON, the zip and what it holds, the per-indicator files) and the templates
  sent to agencies (.xlsx and .csv): no cell a spreadsheet would run as a formula.
(The browser half: tests/browser/test_payload_browser.py.)
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from markupsafe import escape

from _site import shared_build
from payloadkit import MARK, MODELS, PAYLOAD, Site, payload_data
from plansite.publish.tables import could_run
from plansite.staff import make_template
from plansite.status.reporting import lead_indicators
from testkit import TODAY, read_only

pytestmark = pytest.mark.slow
THEMED = PAYLOAD.replace("<", "‹").replace(">", "›")  # how the theme's header and titles show it
CODE = str(escape(PAYLOAD))  # inside the embed code a reader copies (an iframe's title, escaped as HTML)
ROW = PAYLOAD.replace('"', '""')  # inside the guide's example row of a CSV file (a quoted cell)


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Path]]:
    site = payload_data(tmp_path_factory.mktemp("payload") / "data", TODAY)
    yield from ((site, p) for p in read_only(shared_build(tmp_path_factory, site.folder, TODAY), "the payload build"))


def test_payload_reached_every_model_and_was_refused_only_where_located(payload_site: tuple[Site, Path]) -> None:
    site, _ = payload_site
    models = {cls.__name__ for cls, _ in MODELS.values()}
    assert models <= {w.split(".")[0] for w in site.walked}, "a model of a data file was not walked"
    assert len(site.holding) > 100, len(site.holding)
    assert all(kind for _, _, kind in site.refused)  # each given back on a problem at its own line
    assert all("Nguồn" in cols and "Ghi chú" in cols and "Phương pháp" in cols for cols in site.columns.values())
    assert set(site.sheet_columns) == {"investment.csv", "task-updates.csv"}
    assert all("Trích dẫn" in cols and "Nguồn" in cols for cols in site.sheet_columns.values()), site.sheet_columns
    print(
        f"verified: {len(site.holding)} fields hold the payload, {len(site.refused)} refused at their line, "
        f"{len(site.walked)} model fields walked; CSV columns holding it: {sorted({c for cols in site.columns.values() for c in cols})}"
    )


class _Text(HTMLParser):
    """Visible text (not <title>, <script>, <style>, nor a chart's SVG, whose labels wrap), handlers and URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.bad: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            v = "".join((value or "").split()).lower()
            if name.startswith("on") and (MARK in (value or "") or name == "onerror"):
                self.bad.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "srcset", "data") and v.startswith(
                ("javascript:", "vbscript:", "data:text")
            ):
                self.bad.append(f"<{tag} {name}={value}>")
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source", "wbr"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self._in and self._in.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        top = self._in[-1] if self._in else ""
        if top == "script" and MARK in data:
            self.bad.append("script: " + data[:60])
        elif top not in ("script", "style", "title") and "svg" not in self._in:
            self.text.append(data)


def test_every_page_is_inert_and_shows_the_payload_as_typed(payload_site: tuple[Site, Path]) -> None:
    _, out = payload_site
    shown, problems = [], []
    for page in sorted(out.rglob("*.html")):
        scan = _Text()
        scan.feed(page.read_text(encoding="utf-8"))
        text = "".join(scan.text)
        rel = page.relative_to(out).as_posix()
        problems += [f"{rel}: {b}" for b in scan.bad]
        if "49 {% raw %}" in text:
            problems.append(f"{rel}: «{{{{ 7*7 }}}}» evaluated")
        low = text.lower()  # a word from data may be shown in lower case («các huyện»): still as typed otherwise
        whole = sum(low.count(v.lower()) for v in (PAYLOAD, THEMED, CODE, ROW))
        if low.count("window.__pwned=1") != whole:
            i = text.find("window.__pwned=1")
            problems.append(f"{rel}: the payload shown altered: …{text[max(0, i - 80) : i + 120]!r}…")
        if whole:
            shown.append(rel)
    assert not problems, f"{len(problems)} problems, e.g.\n" + "\n".join(problems[:15])
    assert len(shown) > 20, shown
    print(f"verified: {len(list(out.rglob('*.html')))} pages inert; the payload shown as typed on {len(shown)}")


def _links(doc: object, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _links(v, k)
    elif isinstance(doc, list):
        for v in doc:
            yield from _links(v, key)
    elif isinstance(doc, str) and key.lower() in ("url", "path", "href", "homepage", "repository", "license_url", "src"):
        yield key, doc


def test_json_links_are_http_only(payload_site: tuple[Site, Path]) -> None:
    """The JSON downloads and the search index hold the payload as data; every link in them is http(s) or the site's."""
    _, out = payload_site
    bad = []
    for path in sorted(out.rglob("*.json")):
        for key, url in _links(json.loads(path.read_text(encoding="utf-8"))):
            if url and (url.split(":", 1)[0].lower() not in ("http", "https") and ":" in url.split("/", 1)[0]):
                bad.append(f"{path.relative_to(out)}: {key}={url[:60]}")
    assert not bad, bad


# --------------------------------------------------------------------------- no live formula


def _csv_cells(text: str) -> Iterator[str]:
    text = text.removeprefix("\ufeff")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield from row


def _live_in_csv(text: str) -> list[str]:
    return [c[:50] for c in _csv_cells(text) if could_run(c) and not _number(c)]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _live_in_xlsx(data: bytes) -> list[str]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


def _live(name: str, data: bytes) -> list[str]:
    if name.endswith(".csv"):
        return _live_in_csv(data.decode("utf-8-sig"))
    if name.endswith(".xlsx"):
        return _live_in_xlsx(data)
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return [f"{m}: {x}" for m in z.namelist() for x in _live(m, z.read(m))]
    return []


def test_no_download_carries_a_live_formula(payload_site: tuple[Site, Path]) -> None:
    _, out = payload_site
    files = [p for p in sorted(out.rglob("*")) if p.suffix in (".csv", ".xlsx", ".zip")]
    live = {p.relative_to(out).as_posix(): x for p in files if (x := _live(p.name, p.read_bytes()))}
    assert not live, live
    whole = (out / "du-lieu" / "observations.csv").read_text(encoding="utf-8")
    assert ("'" + PAYLOAD).replace('"', '""') in whole, "the payload is not in the open data: the test would prove nothing"
    with zipfile.ZipFile(out / "du-lieu" / "du-lieu.zip") as z:
        sources = [n for n in z.namelist() if n.startswith("nguon/progress/")]
        assert sources and all("'=HYPERLINK" in z.read(n).decode("utf-8") for n in sources)
    names = [p.relative_to(out).as_posix() for p in files]
    assert any(n.startswith("du-lieu/chi-tieu/") for n in names)
    print(f"verified: {len(files)} downloads (zip members included) without a live formula")


@pytest.mark.parametrize("file_kind", ["xlsx", "csv"])
def test_templates_carry_no_live_formula(file_kind: str, payload_site: tuple[Site, Path], tmp_path: Path) -> None:
    site, _ = payload_site
    from plansite.pipeline import check

    plan = check(site.folder, TODAY).plan
    assert plan is not None
    agencies = [a.id for a in plan.agencies if lead_indicators(plan, a.id)]
    made = 0
    for agency in agencies:
        files, _, _ = make_template(site.folder, agency, TODAY.year - 1, TODAY, file_kind, tmp_path / agency)
        for f in files:
            data = f.read_bytes()
            assert not _live(f.name, data), (f.name, _live(f.name, data))
            made += 1
    assert made, "no template was made"
