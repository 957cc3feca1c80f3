"""What the last check of each progress file found, for a process that checks the same folder again.

``mkdocs serve --dirty`` keeps one process alive between rebuilds; after a staff member saves
one file, only that file is read and checked again. A file's rows are checked against the plan
(indicators, places, agencies) and the day, never against another progress file (each file holds
one indicator, so two files cannot hold the same figure): its result can be reused as long as
the file and everything outside ``progress/`` are unchanged. A file is «unchanged» when its size
and modification time are, as ``make`` and MkDocs judge it; a file modified less than
``RACY_SECONDS`` before it was read is read again next time, as git does with «racily clean»
files: a second change within the clock's step could keep both.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from plansite.model.observations import Observation
from plansite.problems import Problems

Stamp = tuple[int, int]  # size, modification time in nanoseconds
RACY_SECONDS = 2


def stamp(path: Path) -> Stamp | None:
    """The file's stamp, taken before it is read; None when a change right after could go unseen (``RACY_SECONDS``)."""
    st = path.stat()
    if st.st_mtime_ns > time.time_ns() - RACY_SECONDS * 1_000_000_000:
        return None
    return st.st_size, st.st_mtime_ns


@dataclass(frozen=True)
class FileResult:
    stamp: Stamp | None  # None: read again next time
    observations: list[Observation]
    problems: Problems  # what the check of this file found, added to the run's problems again on reuse


@dataclass
class ProgressMemo:
    """Each progress file's last result, and what changed since the last build that succeeded (``settle``)."""

    context: tuple[object, ...] | None = None  # everything outside progress/, and the day
    results: dict[Path, FileResult] = field(default_factory=dict)
    # Since the last settled build: each progress file read again, with its rows then and now (rel -> before, after).
    changed: dict[str, tuple[list[Observation], list[Observation]]] = field(default_factory=dict)
    context_changed: bool = True  # since the last settled build, the plan or the day changed: every file was read again

    def begin(self, folder: Path, today: dt.date) -> None:
        """Start a check of ``folder``: forget every result if anything the rows are checked against changed."""
        context = (folder.resolve(), today, stamps_of(folder, skipped="progress"))
        if context != self.context:
            self.results.clear()
            self.context_changed = True
        self.context = context

    def settle(self) -> None:
        """The build of the last check succeeded: what it showed is the new «before»."""
        self.changed = {}
        self.context_changed = False

    def get(self, path: Path) -> FileResult | None:
        found = self.results.get(path)
        return found if found is not None and found.stamp is not None and found.stamp == _try_stamp(path) else None

    def put(self, path: Path, rel: str, result: FileResult) -> None:
        last = self.results.get(path)
        before = self.changed[rel][0] if rel in self.changed else last.observations if last is not None else []
        self.changed[rel] = (before, result.observations)
        self.results[path] = result

    def forget_missing(self, seen: set[Path]) -> None:
        """A file deleted (or unreadable) since the last check: its figures are gone, which is a change too."""
        for path in [p for p in self.results if p not in seen]:
            gone = self.results.pop(path)
            rel = gone.observations[0].file if gone.observations else path.name
            before = self.changed[rel][0] if rel in self.changed else gone.observations
            self.changed[rel] = (before, [])


def _try_stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def stamps_of(folder: Path, skipped: str | None = None) -> tuple[tuple[str, Stamp], ...]:
    """Every file of ``folder`` (or the file ``folder``) except those under ``skipped/``, with its stamp (sorted)."""
    if folder.is_file():
        found = _try_stamp(folder)
        return ((folder.name, found),) if found is not None else ()
    out: list[tuple[str, Stamp]] = []
    for here, dirs, files in os.walk(folder):
        rel_dir = Path(here).relative_to(folder)
        if rel_dir == Path("."):
            dirs[:] = [d for d in dirs if d != skipped]
        for name in files:
            path = Path(here) / name
            stamped = _try_stamp(path)
            if stamped is not None:
                out.append(((rel_dir / name).as_posix(), stamped))
    return tuple(sorted(out))
