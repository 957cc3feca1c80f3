"""When did each data file last change? Read once per build from git history."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Change:
    date: dt.date
    commit: str
    subject: str
    files: tuple[str, ...]  # paths relative to the data folder
    # Lines of progress files this change added and removed (file -> lines), to say what changed in data words.
    added: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    removed: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)


@dataclass
class History:
    changes: list[Change] = field(default_factory=list)  # newest first
    last_changed: dict[str, dt.date] = field(default_factory=dict)  # data-relative path -> date
    folder_in_repo: str | None = None  # the data folder's path inside the git repository ("" = its root)

    def last(self, rel: str) -> dt.date | None:
        return self.last_changed.get(rel)


def read_history(folder: Path, limit: int = 400) -> History:
    """Changes to files under ``folder``, newest first; empty when git is unavailable."""
    out = History()
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True, timeout=20, check=True
        ).stdout.strip()
        rel_folder = Path(folder).resolve().relative_to(Path(top).resolve()).as_posix()
        log = subprocess.run(
            ["git", "log", f"-n{limit}", "--format=%x1e%H%x1f%cI%x1f%s", "--name-only", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError, ValueError):
        return out
    prefix = "" if rel_folder in ("", ".") else rel_folder + "/"
    out.folder_in_repo = prefix.rstrip("/")
    for record in log.split("\x1e"):
        if not record.strip():
            continue
        head, _, names = record.partition("\n")
        commit, date_s, subject = [*head.split("\x1f"), "", "", ""][:3]
        try:
            day = dt.datetime.fromisoformat(date_s).date()
        except ValueError:
            continue
        files = tuple(n[len(prefix) :] for n in names.splitlines() if n.strip() and n.startswith(prefix))
        out.changes.append(Change(day, commit[:10], subject, files))
        for f in files:
            out.last_changed.setdefault(f, day)
    _add_line_diffs(out, folder, prefix, limit)
    return out


def _add_line_diffs(out: History, folder: Path, prefix: str, limit: int) -> None:
    """The lines each change added to and removed from the progress files (one ``git log -p`` for all)."""
    try:
        log = subprocess.run(
            ["git", "log", f"-n{limit}", "--format=%x1e%H", "-p", "--unified=0", "--no-color", "--no-renames", "--", "progress"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return
    diffs: dict[str, tuple[dict[str, list[str]], dict[str, list[str]]]] = {}
    for record in log.split("\x1e"):
        commit, _, body = record.partition("\n")
        if not commit.strip():
            continue
        added: dict[str, list[str]] = {}
        removed: dict[str, list[str]] = {}
        current = ""
        for line in body.splitlines():
            if line.startswith("+++ "):
                name = line[4:].removeprefix("b/")
                current = name[len(prefix) :] if name.startswith(prefix) else ""
            elif line.startswith("--- ") or line.startswith("@@"):
                continue
            elif current and line.startswith("+"):
                added.setdefault(current, []).append(line[1:].lstrip("\ufeff"))
            elif current and line.startswith("-"):
                removed.setdefault(current, []).append(line[1:].lstrip("\ufeff"))
        diffs[commit.strip()[:10]] = (added, removed)
    for i, c in enumerate(out.changes):
        if c.commit in diffs:
            a, r = diffs[c.commit]
            out.changes[i] = Change(
                c.date, c.commit, c.subject, c.files, {k: tuple(v) for k, v in a.items()}, {k: tuple(v) for k, v in r.items()}
            )
