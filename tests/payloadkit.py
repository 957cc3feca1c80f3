"""A data folder with an injection payload in every string field of every YAML model and in every column of
every progress file, found by walking the pydantic models (never a hand-kept list of fields).

``payload_data(dest)`` starts from the minimal fixture with the made-up investment files, and puts ``PAYLOAD``
into every ``str`` field the models declare (present in the files or not, in every item of every list), every
column of a new row of each progress file, every free-text column of a new row of investment.csv and
task-updates.csv, and the end of every paragraph of the full text (so that quotes may quote it). The
checker then refuses some of them (ids, references, choices, links, numbers …): each refusal must be a
located problem at the field's own line; those fields get their value back, and the rest is valid data
that builds. The result says which fields hold the payload and which were refused.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from plansite import model as m
from plansite.check.progress import COLUMNS
from plansite.load.files import FILES
from plansite.load.yamlio import line_of, load_yaml
from plansite.pipeline import check
from plansite.problems import Problems
from plansite.staff import canonical_cells
from testkit import MINIMAL, copy_folder, with_investment

MARK = "__pwned"
PAYLOAD = (
    '=HYPERLINK("http://evil.example","x") <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> '
    '{{ 7*7 }} {% raw %} **đậm** [bấm](javascript:window.__pwned=3) <a href="javascript:window.__pwned=4">x</a> &amp;'
)
# A Markdown field shows its Markdown (sanitised): the same payload without the link the checker refuses.
MARKDOWN_PAYLOAD = PAYLOAD.replace("[bấm](javascript:window.__pwned=3) ", "").replace(
    '<a href="javascript:window.__pwned=4">x</a> ', ""
)

MODELS: dict[str, tuple[type[BaseModel], str]] = {  # file name in the code -> (model, key of its list; "" for one model)
    "plan": (m.Plan, ""),
    "areas": (m.Area, "areas"),
    "indicators": (m.Indicator, "indicators"),
    "tasks": (m.Task, "tasks"),
    "agencies": (m.Agency, "agencies"),
    "places": (m.Places, ""),
    "work": (m.WorkUpdate, "updates"),
    "abbreviations": (m.Abbreviation, "abbreviations"),
    "programmes": (m.Programme, "programmes"),
    "projects": (m.Project, "projects"),
}
SHEETS = ("investment", "task_updates")  # CSV files of declared columns: a new row, every free-text column the payload
assert set(MODELS) | set(SHEETS) | {"fulltext"} == set(FILES), "a data file the payload does not reach"


def _strs(annotation: Any) -> tuple[bool, bool, type[BaseModel] | None]:
    """(is a text, is a list of texts, the model it holds or lists) of a field's annotation."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _strs(args[0])
    if origin in (typing.Union, types.UnionType):
        found = [_strs(a) for a in args if a is not type(None)]
        return any(f[0] for f in found), any(f[1] for f in found), next((f[2] for f in found if f[2]), None)
    if origin is list:
        inner = _strs(args[0])
        return False, inner[0], inner[2]
    if origin is typing.Literal:
        return all(isinstance(a, str) for a in args), False, None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return False, False, annotation
    return annotation is str, False, None


@dataclass
class Site:
    """Where the payload went: (file, path of keys) of each field that holds it, and of each refused."""

    folder: Path
    holding: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    refused: list[tuple[str, tuple[Any, ...], str]] = field(default_factory=list)  # … and the problem kind
    columns: dict[str, list[str]] = field(default_factory=dict)  # progress file -> columns holding the payload
    sheet_columns: dict[str, list[str]] = field(default_factory=dict)  # investment.csv … -> columns holding it
    walked: set[str] = field(default_factory=set)  # «Model.field» of every text field walked


def _walk(
    cls: type[BaseModel], raw: dict[str, Any], loc: tuple[Any, ...], out: list[tuple[tuple[Any, ...], Any]], seen: set[str]
) -> None:
    """Put the payload in every text field of ``raw`` (a mapping read for ``cls``); record (location, old value)."""
    for name, info in cls.model_fields.items():
        text, texts, inner = _strs(info.annotation)
        md = isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("format") == "markdown"
        if text:
            seen.add(f"{cls.__name__}.{name}")
            out.append(((*loc, name), raw.get(name, _ABSENT)))
            raw[name] = MARKDOWN_PAYLOAD if md else PAYLOAD
        elif texts and isinstance(raw.get(name), list):
            seen.add(f"{cls.__name__}.{name}")
            for i, v in enumerate(raw[name]):
                if isinstance(v, str):
                    out.append(((*loc, name, i), v))
                    raw[name][i] = PAYLOAD
        if inner is not None:
            value = raw.get(name)
            if isinstance(value, dict):
                _walk(inner, value, (*loc, name), out, seen)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        _walk(inner, item, (*loc, name, i), out, seen)


_ABSENT = object()


def _set(doc: Any, loc: tuple[Any, ...], value: Any) -> None:
    node = doc
    for k in loc[:-1]:
        node = node[k]
    if value is _ABSENT:
        del node[loc[-1]]
    else:
        node[loc[-1]] = value


def _items(doc: Any, key: str) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    if not key:
        yield (), doc
    else:
        for i, item in enumerate(doc.get(key) or []):
            yield (key, i), item


def payload_data(dest: Path, today: dt.date) -> Site:
    folder = with_investment(copy_folder(MINIMAL, dest))
    # The minimal fixture has no abbreviations file; one entry, so that its model is walked too.
    (folder / FILES["abbreviations"]).write_text("abbreviations:\n  - viet_tat: KH\n    day_du: [kế hoạch]\n", encoding="utf-8")
    site = Site(folder)
    docs: dict[str, Any] = {}
    changed: dict[str, list[tuple[tuple[Any, ...], Any]]] = {}
    for name, (cls, key) in MODELS.items():
        path = folder / FILES[name]
        if not path.exists():
            continue
        docs[name] = yaml.safe_load(path.read_text(encoding="utf-8"))
        changed[name] = []
        for base, item in _items(docs[name], key):
            _walk(cls, item, base, changed[name], site.walked)
    text = folder / FILES["fulltext"]
    lines = [
        line.replace(" {#", f" {PAYLOAD} {{#", 1) if "{#" in line and not line.startswith("#") else line
        for line in text.read_text(encoding="utf-8").splitlines()
    ]
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    progress = _canonical(today)
    cells = {name: {c.label: PAYLOAD for c in COLUMNS} for name in progress}
    before = check(folder, today).plan  # where the investment rows are, before place names hold the payload
    assert before is not None
    sheets = {FILES[n]: _sheet_rows(folder / FILES[n], before) for n in SHEETS}  # file -> (header, rows, the new row)
    for _ in range(6):  # refuse, restore, check again: a restored field may uncover nothing new
        _write(folder, docs, progress, cells)
        _write_sheets(folder, sheets)
        checked = check(folder, today)
        if not checked.problems.errors:
            break
        lines_of = {name: _lines(folder / FILES[name], changed[name]) for name in changed}
        given_back, stray = 0, []
        for p in checked.problems.errors:
            rel = Path(p.file)
            name = next((n for n in changed if FILES[n] == rel.name and rel.parent.name != "progress"), None)
            if name is not None:
                hit = [(loc, old) for loc, old in changed[name] if lines_of[name].get(loc) == p.line]
                for loc, old in hit:
                    _set(docs[name], loc, old)
                    changed[name].remove((loc, old))
                    site.refused.append((FILES[name], loc, p.kind))
                given_back += len(hit)
                stray += [] if hit else [p]
            elif rel.name in sheets and p.column and sheets[rel.name][2].get(p.column) == PAYLOAD:
                sheets[rel.name][2][p.column] = sheets[rel.name][1][0][sheets[rel.name][0].index(p.column)]
                given_back += 1
            elif rel.parent.name == "progress" and p.column and cells[rel.name].get(p.column) == PAYLOAD:
                cells[rel.name][p.column] = _valid(p.column, today)
                given_back += 1
            else:
                stray.append(p)  # a consequence of another refusal (an id refused: its file unknown), gone next round
        if not given_back:
            raise AssertionError("refusals without a field to give back: " + "; ".join(p.text() for p in stray[:5]))
    else:
        raise AssertionError("the payload data never became valid: " + "; ".join(p.text() for p in checked.problems.errors[:5]))
    site.holding = [(FILES[n], loc) for n, locs in changed.items() for loc, _ in locs]
    site.columns = {n: [c for c, v in row.items() if v == PAYLOAD] for n, row in cells.items()}
    site.sheet_columns = {n: [c for c, v in new.items() if v == PAYLOAD] for n, (_, _, new) in sheets.items()}
    return site


def _sheet_rows(path: Path, plan: m.PlanData) -> tuple[list[str], list[list[str]], dict[str, str]]:
    """(header, rows, a new row): the new row is the first row with the payload in every free-text column. Rows
    that name their place only in words get its id (the place names will hold the payload)."""
    import csv
    import io

    from plansite.check.sheets import cells as sheet_cells
    from plansite.check.sheets import investment, task_updates

    sheet = {investment.FILE: investment.SHEET, task_updates.FILE: task_updates.SHEET}[path.name]
    header, *rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    free = {c.label for c in sheet.columns if sheet.readers[c.id] is sheet_cells.text}
    if "Mã địa bàn" in header:
        at = header.index("Mã địa bàn")
        places = {f.line: f.places for f in plan.figures}
        for line, row in enumerate(rows, start=2):
            if not row[at].strip():
                row[at] = ";".join(places.get(line, ())) or m.OUTSIDE
    new = {h: (PAYLOAD if h in free else rows[0][i]) for i, h in enumerate(header)}
    return header, rows, new


def _write_sheets(folder: Path, sheets: dict[str, tuple[list[str], list[list[str]], dict[str, str]]]) -> None:
    import csv
    import io

    for name, (header, rows, new) in sheets.items():
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([header, *rows, [new[h] for h in header]])
        (folder / name).write_text(buf.getvalue(), encoding="utf-8")


def _lines(path: Path, locs: list[tuple[tuple[Any, ...], Any]]) -> dict[tuple[Any, ...], int | None]:
    raw = load_yaml(path, Problems(root=path.parent))
    return {loc: line_of(raw, loc) for loc, _ in locs}


def _valid(column: str, today: dt.date) -> str:
    """A valid cell for a column that refused the payload (a year no other row of the minimal fixture has)."""
    return {"Năm": str(today.year - 1), "Giá trị": "1"}.get(column, "")


def _write(folder: Path, docs: dict[str, Any], rows: dict[str, list[list[str]]], cells: dict[str, dict[str, str]]) -> None:
    import csv
    import io

    for name, doc in docs.items():
        (folder / FILES[name]).write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8"
        )
    for name, existing in rows.items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([c.label for c in COLUMNS])
        w.writerows(existing)
        w.writerow([cells[name][c.label] for c in COLUMNS])
        (folder / "progress" / name).write_text(buf.getvalue(), encoding="utf-8")


def _canonical(today: dt.date) -> dict[str, list[list[str]]]:
    """The minimal fixture's figures as rows naming places and agencies by id: their names may hold the payload."""
    checked = check(MINIMAL, today)
    assert checked.plan is not None and checked.ok
    out: dict[str, list[list[str]]] = {p.name: [] for p in sorted((MINIMAL / "progress").glob("*.csv"))}
    for o in checked.progress.observations:
        ind = checked.plan.indicator(o.indicator)
        series = "" if o.series == ind.primary_series else o.series
        out[f"{o.indicator}.csv"].append(canonical_cells(o, checked.plan.plan.place, series, o.method))
    return out
