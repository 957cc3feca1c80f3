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
    return out
