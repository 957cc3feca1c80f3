"""Spreadsheets uploaded into the data folder's ``nop/`` through GitHub's «Add file → Upload files», imported by
the pull-request workflow (``python -m plansite nop``; the workflow only pushes, comments and annotates).

For each upload (``nop/`` holds nothing else but its README): its kind of staff file (``staff.filekinds``),
a dry run of its import, then, when the dry run is clean, the import itself and the upload's removal. An
upload with errors, or whose figures differ from figures already there (a conflict), changes nothing and
stays in ``nop/``: the comment lists each error with its row and column, or explains the conflict and asks
for confirmation (the label ``CONFIRM_LABEL``, which runs the import again with overwrite allowed). The
whole data folder is then checked as ``plansite check`` does.

``Run`` holds the outcome; ``commit`` records it in git, ``workflow_commands`` are GitHub workflow commands
(problems at their row; a notice on each CSV line added or replaced), ``uploads_comment`` (module
``staff.comment``) the pull-request comment.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from plansite import model as m
from plansite.load.datafiles import UPLOAD_DIR
from plansite.load.files import data_dir
from plansite.pipeline import Checked, check
from plansite.problems import Problems
from plansite.problems.record import annotation
from plansite.staff.common import StaffError, load
from plansite.staff.filekinds import PROGRESS, StaffFileKind, kind_of
from plansite.staff.importer import ImportReport
from plansite.staff.spreadsheet import read_filled

CONFIRM_LABEL = "xac-nhan-thay-so-lieu"
NOT_UPLOADS = frozenset({"README.md"})

# What happened to one upload.
IMPORTED, REFUSED, TO_CONFIRM = "da-nhap", "co-loi", "can-xac-nhan"


@dataclass
class Upload:
    path: Path
    kind: StaffFileKind
    report: ImportReport
    status: str


@dataclass
class Run:
    folder: Path
    uploads: list[Upload] = field(default_factory=list)
    checked: Checked | None = None  # the whole data folder, after the imports
    overwrite: bool = False
    commit: str = ""  # the commit made, if any

    def exit_code(self) -> int:
        """0: done (or nothing uploaded); 1: an upload or the data has errors; 3: conflicts wait for confirmation."""
        if any(u.status == REFUSED for u in self.uploads) or (self.checked is not None and not self.checked.ok):
            return 1
        return 3 if any(u.status == TO_CONFIRM for u in self.uploads) else 0


def upload_files(folder: Path) -> list[Path]:
    """The files uploaded into ``nop/`` and its sub-folders (GitHub's upload keeps the folder a person drags in),
    not its README, nothing hidden, in path order."""
    inbox = folder / UPLOAD_DIR
    if not inbox.is_dir():
        return []
    found = []
    for p in inbox.rglob("*"):
        rel = p.relative_to(inbox)
        if p.is_file() and not any(part.startswith(".") for part in rel.parts) and rel.as_posix() not in NOT_UPLOADS:
            found.append(p)
    return sorted(found)


def _in_inbox(folder: Path, path: Path) -> str:
    """An upload's name as people see it in ``nop/``: with its sub-folder, if any."""
    try:
        return path.relative_to(folder / UPLOAD_DIR).as_posix()
    except ValueError:
        return path.name


def detect(path: Path, plan: m.PlanData | None) -> StaffFileKind:
    """The kind of an upload by its header row; progress figures when no kind matches (its import says what is missing)."""
    table = read_filled(path, Problems(root=Path.cwd()))
    found = kind_of(table.header, path.stem, plan) if table is not None else None
    return found or PROGRESS


def process(folder: Path | str | None, today: dt.date, overwrite: bool = False) -> Run:
    """Import every upload whose dry run is clean; leave the others, and check the data folder afterwards."""
    root = data_dir(folder)
    run = Run(root, overwrite=overwrite)
    plan = load(root)[1]
    for path in upload_files(root):
        kind = detect(path, plan)
        trial: ImportReport = kind.import_file(path, root, today, overwrite=overwrite, dry_run=True)
        code = trial.exit_code()
        if code != 0:
            run.uploads.append(Upload(path, kind, trial, REFUSED if code == 1 else TO_CONFIRM))
            continue
        report: ImportReport = kind.import_file(path, root, today, overwrite=overwrite)
        status = IMPORTED if report.exit_code() == 0 else REFUSED
        if status == IMPORTED:
            path.unlink()
        run.uploads.append(Upload(path, kind, report, status))
    run.checked = check(root, today)
    return run


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise StaffError(f"lệnh git {args[0]} không chạy được: {proc.stderr.strip()[:300]}", "Chạy lệnh trong kho git của dự án.")
    return proc.stdout


def commit(run: Run) -> str:
    """Record the imports in git: the changed data files added, the imported uploads removed; the new commit's id,
    or "" when nothing was imported. The author is git's configured user (the workflow sets the bot's)."""
    done = [u for u in run.uploads if u.status == IMPORTED]
    if not done:
        return ""
    repo = Path(_git(run.folder, "rev-parse", "--show-toplevel").strip())
    for u in done:
        _git(repo, "rm", "-q", "--cached", "--ignore-unmatch", "--", str(u.path.resolve()))
        for change in u.report.changes:
            _git(repo, "add", "--", str(change.path.resolve()))
    if not _git(repo, "diff", "--cached", "--name-only").strip():
        return ""
    lines = [f"Nhập {len(done)} tệp nộp qua trang web (tự động)", ""]
    for u in done:
        added = sum(c.added for c in u.report.changes)
        replaced = sum(c.overwritten for c in u.report.changes)
        lines.append(f"- {_in_inbox(run.folder, u.path)} ({u.kind.title}): thêm {added} dòng, ghi đè {replaced} dòng")
    _git(repo, "commit", "-q", "-m", "\n".join(lines))
    run.commit = _git(repo, "rev-parse", "HEAD").strip()
    return run.commit


def workflow_commands(run: Run) -> list[str]:
    """GitHub workflow commands: every problem of the uploads at its row and column; a notice on every CSV line
    an import added or replaced; the problems of the whole check."""
    out: list[str] = []
    for u in run.uploads:
        out += [p.github_annotation() for p in u.report.problems.sorted()]
        for change in u.report.changes if u.status == IMPORTED else []:
            rel = u.report.problems.rel(change.path)
            out += [
                annotation("notice", rel, line, "nhap-tu-tep-nop", f"{words} (từ {_in_inbox(run.folder, u.path)})")
                for line, words in change.lines
            ]
    if run.checked is not None:
        out += [p.github_annotation() for p in run.checked.problems.sorted()]
    return out


def write_outputs(run: Run) -> None:
    """The step's outputs for the workflow (``GITHUB_OUTPUT``), when it runs in one."""
    target = os.environ.get("GITHUB_OUTPUT")
    if not target:
        return
    imported = sum(1 for u in run.uploads if u.status == IMPORTED)
    with open(target, "a", encoding="utf-8") as f:
        f.write(f"ma={run.exit_code()}\ncommit={run.commit}\nnhap={imported}\ntep={len(run.uploads)}\n")
