"""Load the data folder into typed models, collecting every problem on the way."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from plansite import model as m
from plansite.check.schema import closest, validate_item
from plansite.load.datafiles import DATA_FILES
from plansite.load.fulltext import Block, load_fulltext
from plansite.load.yamlio import LineDict, LineList, load_yaml, shown
from plansite.problems import kinds
from plansite.problems.record import Problems
from plansite.vi.text import key

T = TypeVar("T", bound=BaseModel)

FILES = {  # name in the code -> file name (described in load.datafiles.DATA_FILES)
    "plan": "plan.yaml",
    "areas": "areas.yaml",
    "indicators": "indicators.yaml",
    "tasks": "tasks.yaml",
    "agencies": "agencies.yaml",
    "places": "places.yaml",
    "work": "work-status.yaml",
    "abbreviations": "tu-viet-tat.yaml",
    "programmes": "programmes.yaml",
    "projects": "projects.yaml",
    "investment": "investment.csv",
    "task_updates": "task-updates.csv",
    "fulltext": "toan-van.md",
}
assert set(FILES.values()) == set(DATA_FILES)
PROGRESS_DIR = "progress"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the argument, else ``PLAN_DATA_DIR``, else ``data``."""
    return Path(explicit or os.environ.get("PLAN_DATA_DIR") or "data")


def _list_file(
    cls: type[T], path: Path, problems: Problems, key: str, store: dict[str, Any], name: str, required: bool = True
) -> list[T]:
    """Load a file that holds a list of items under ``key``; keep its raw YAML in ``store``."""
    about = DATA_FILES.get(path.name)
    what = about.what if about else "tệp dữ liệu"
    content = about.content if about else f"danh sách dưới khối «{key}:»"
    if not path.exists() and not path.is_symlink():  # a dangling link is refused when read, not «missing»
        if required:
            problems.add(path, None, kinds.MISSING_FILE, name=path.name, what=what, content=content)
        return []
    before = len(problems)
    raw = load_yaml(path, problems)
    store[name] = raw
    if raw is None:
        if len(problems) == before and required:
            problems.add(path, None, kinds.EMPTY_FILE, where=f"Tệp {path.name}", missing="nội dung", content=content)
        return []
    if not isinstance(raw, LineDict) or key not in raw:
        problems.add(
            path,
            getattr(raw, "line", 1),
            kinds.MISSING_FIELD,
            field=key,
            found="gốc tệp không có khối này",
            example=f"khối «{key}:» ở đầu tệp, rồi danh sách các mục bắt đầu bằng «- »",
        )
        return []
    for k in raw:
        if k != key:
            problems.add(path, raw.lines.get(k), kinds.UNKNOWN_FIELD, field=k, allowed=key, closest=closest(str(k), [key]))
    items = raw[key]
    if items is None:
        items = LineList()
    base: tuple[Any, ...] = (key,)
    if not isinstance(items, list):
        problems.add(
            path,
            getattr(items, "line", 1),
            kinds.WRONG_TYPE,
            field=key,
            expected="danh sách",
            shown=shown(items),
            example="mỗi mục trên một dòng bắt đầu bằng «- »",
        )
        return []
    out: list[T] = []
    for i, item in enumerate(items):
        obj = validate_item(cls, item, path, problems, (*base, i), raw)
        if obj is not None:
            out.append(obj)
    return out


def _single_file(cls: type[T], path: Path, problems: Problems, store: dict[str, Any], name: str) -> T | None:
    """Load a file that holds one model (plan.yaml, places.yaml); keep its raw YAML in ``store``."""
    about = DATA_FILES[path.name]
    if not path.exists() and not path.is_symlink():  # a dangling link is refused when read, not «missing»
        problems.add(path, None, kinds.MISSING_FILE, name=path.name, what=about.what, content=about.content)
        return None
    before = len(problems)
    raw = load_yaml(path, problems)
    store[name] = raw
    if raw is not None:
        return validate_item(cls, raw, path, problems)
    if len(problems) == before:
        problems.add(path, None, kinds.EMPTY_FILE, where=f"Tệp {path.name}", missing="nội dung", content=about.content)
    return None


class Loaded:
    """Models plus the raw YAML (for line numbers in cross-reference checks)."""

    def __init__(self) -> None:
        self.plan: m.Plan | None = None
        self.areas: list[m.Area] = []
        self.indicators: list[m.Indicator] = []
        self.tasks: list[m.Task] = []
        self.agencies: list[m.Agency] = []
        self.places: m.Places | None = None
        self.work: list[m.WorkUpdate] = []
        self.abbreviations: list[m.Abbreviation] = []
        self.programmes: list[m.Programme] = []
        self.projects: list[m.Project] = []
        self.blocks: list[Block] = []
        self.raw: dict[str, Any] = {}
        self.paths: dict[str, Path] = {}
        # Files that could not be read as a whole (missing, refused, a syntax error, no list under their key):
        # what refers to them is not checked (``unchecked`` says so), instead of being reported as unknown.
        self.broken: set[str] = set()

    def rejected(self, name: str) -> frozenset[str]:
        """The ids (folded, ``vi.text.key``) of the entries of list file ``name`` that were refused (each with its own
        problems): what refers to one is left unchecked, not reported as referring to nothing."""
        about = DATA_FILES.get(FILES.get(name, ""))
        if about is None or not about.key:
            return frozenset()
        valid = {key(str(x.id)) for x in getattr(self, name, []) if hasattr(x, "id")}
        raw = {key(str(item.get("id"))) for item in lines_index(self.raw.get(name), about.key) if item.get("id") is not None}
        return frozenset(raw - valid)


def load_all(folder: Path, problems: Problems) -> Loaded:
    """Load every YAML file and the full text; cross-references are not checked here (CSV files are read by the checks)."""
    out = Loaded()
    p = {name: folder / fname for name, fname in FILES.items()}
    out.paths = p
    if not folder.is_dir():
        problems.add(folder, None, kinds.MISSING_FOLDER, folder=str(folder), what="thư mục dữ liệu của kế hoạch")
        return out

    out.plan = _single_file(m.Plan, p["plan"], problems, out.raw, "plan")
    r = out.raw
    out.areas = _list_file(m.Area, p["areas"], problems, "areas", r, "areas")
    out.indicators = _list_file(m.Indicator, p["indicators"], problems, "indicators", r, "indicators")
    out.tasks = _list_file(m.Task, p["tasks"], problems, "tasks", r, "tasks")
    out.agencies = _list_file(m.Agency, p["agencies"], problems, "agencies", r, "agencies")
    out.work = _list_file(m.WorkUpdate, p["work"], problems, "updates", r, "work", required=False)
    out.abbreviations = _list_file(
        m.Abbreviation, p["abbreviations"], problems, "abbreviations", r, "abbreviations", required=False
    )
    out.programmes = _list_file(m.Programme, p["programmes"], problems, "programmes", r, "programmes", required=False)
    out.projects = _list_file(m.Project, p["projects"], problems, "projects", r, "projects", required=False)

    out.places = _single_file(m.Places, p["places"], problems, out.raw, "places")

    out.blocks = load_fulltext(p["fulltext"], problems)
    out.broken = _broken(out)
    return out


def _broken(out: Loaded) -> set[str]:
    """The files read as a whole by nothing: a required file missing, refused or unreadable, or without its list."""
    broken = {name for name in ("plan", "places") if getattr(out, name) is None}
    for name, fname in FILES.items():
        about = DATA_FILES[fname]
        if not about.key or name == "places":
            continue
        raw = out.raw.get(name)
        if raw is None and not about.required and not out.paths[name].exists() and not out.paths[name].is_symlink():
            continue
        if not (isinstance(raw, LineDict) and about.key in raw and (raw[about.key] is None or isinstance(raw[about.key], list))):
            broken.add(name)
    if not out.blocks:
        broken.add("fulltext")
    return broken


def unchecked(loaded: Loaded, problems: Problems) -> None:
    """One note on each broken file: what could not be checked because of it (``DataFile.unchecked``)."""
    for name in sorted(loaded.broken):
        what = DATA_FILES[FILES[name]].unchecked
        if what:
            problems.add(loaded.paths[name], None, kinds.NOT_CHECKED, what=what)


def lines_index(raw: Any, key: str) -> list[LineDict]:
    """The list of item mappings under ``key`` of a raw YAML document (for line numbers)."""
    if isinstance(raw, LineDict) and isinstance(raw.get(key), LineList):
        return [x for x in raw[key] if isinstance(x, LineDict)]
    return []
