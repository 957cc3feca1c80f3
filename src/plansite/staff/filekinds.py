"""Kinds of staff file: what an agency fills in a spreadsheet, declared once, so that the template downloads of the
site, the import command and the upload route (``staff.uploads``) work for each kind the same way.

A kind declares its columns (the checker's declarations: label, id, required, help), the column that says
which target file a row belongs to, where its rows go in the data folder, which agencies fill it, and the
functions that make its template and import a filled one. An upload is matched to a kind by its header row:
the kind whose required columns are all there, the one with most of its columns there first.

Today one kind is registered: progress figures (``progress/<indicator>.csv``). A new kind (the investment
and task-evidence files) plugs in with ``register``; nothing else of the upload route changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plansite import model as m
from plansite.check.progress import COLUMNS, Column
from plansite.load.files import PROGRESS_DIR
from plansite.staff.common import CODE_LABEL, NAME_LABEL
from plansite.status.reporting import lead_indicators
from plansite.vi.text import key

Importer = Callable[..., Any]  # (source, folder, today, overwrite=, dry_run=) -> ImportReport
TemplateMaker = Callable[..., tuple[list[Path], list[Any], Any]]  # (folder, agency, year, today, format, out_dir)


@dataclass(frozen=True)
class StaffFileKind:
    id: str  # «so-lieu»
    title: str  # what the file holds, for people: «Số liệu chỉ tiêu»
    columns: tuple[Column, ...]  # the columns of one row of the target file
    key_label: str  # the template's column that names the target of a row («Mã chỉ tiêu»)
    extra_labels: tuple[str, ...]  # the template's other own columns, for reading only («Tên chỉ tiêu»)
    target: Callable[[Path, str], Path]  # (data folder, key of a row) -> the file its rows go into
    agencies: Callable[[m.PlanData], list[str]]  # agencies that fill this kind of file
    template_name: Callable[[str, int], str]  # (agency, year) -> file name of the template, without suffix
    make_template: TemplateMaker
    import_file: Importer

    def labels(self) -> list[str]:
        return [self.key_label, *self.extra_labels, *(c.label for c in self.columns)]

    def score(self, header: Sequence[str]) -> int | None:
        """How many of this kind's columns ``header`` has (matched folded, as the checker does), or None when a
        required column (or the key column) is missing."""
        have = {key(h) for h in header}
        names = {key(self.key_label): {key(self.key_label)}} | {key(c.label): {key(c.label), key(c.id)} for c in self.columns}
        names |= {key(x): {key(x)} for x in self.extra_labels}
        required = [key(self.key_label), *(key(c.label) for c in self.columns if c.required)]
        if not all(names[r] & have for r in required):
            return None
        return sum(1 for forms in names.values() if forms & have)


FILE_KINDS: dict[str, StaffFileKind] = {}


def register(kind: StaffFileKind) -> StaffFileKind:
    if kind.id in FILE_KINDS:
        raise ValueError(f"staff file kind {kind.id} registered twice")
    FILE_KINDS[kind.id] = kind
    return kind


def kind_of(header: Sequence[str], name: str = "", plan: m.PlanData | None = None) -> StaffFileKind | None:
    """The kind of a filled file with this header row; a file without the key column is taken as progress figures
    when its name (``name``, without suffix) is an indicator's id, as the import command always has."""
    scored = [(s, k) for k in FILE_KINDS.values() if (s := k.score(header)) is not None]
    if scored:
        return max(scored, key=lambda t: t[0])[1]
    if plan is not None and name in {i.id for i in plan.indicators}:
        return FILE_KINDS.get(PROGRESS.id)
    return None


def _progress_agencies(plan: m.PlanData) -> list[str]:
    return [a.id for a in plan.agencies if lead_indicators(plan, a.id)]


def _progress_template(*args: Any, **kwargs: Any) -> tuple[list[Path], list[Any], Any]:
    from plansite.staff.template import make_template

    return make_template(*args, **kwargs)


def _progress_import(*args: Any, **kwargs: Any) -> Any:
    from plansite.staff.importer import import_file

    return import_file(*args, **kwargs)


PROGRESS = register(
    StaffFileKind(
        id="so-lieu",
        title="Số liệu chỉ tiêu",
        columns=COLUMNS,
        key_label=CODE_LABEL,
        extra_labels=(NAME_LABEL,),
        target=lambda folder, code: folder / PROGRESS_DIR / f"{code}.csv",
        agencies=_progress_agencies,
        template_name=lambda agency, year: f"{agency}-{year}",
        make_template=_progress_template,
        import_file=_progress_import,
    )
)
