"""Problems found in the data: collected, never raised one at a time.

Every problem is a record (file, line, column, kind, message, hint) so that
tests can assert on kind and location, and people read the Vietnamese text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plansite.problems.kinds import Kind


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in one place of one file."""

    file: str
    line: int | None
    column: str | None
    kind: str
    message: str
    hint: str = ""
    severity: str = "error"  # "error" fails the check; "warning" is printed only

    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"dòng {self.line}")
        if self.column:
            parts.append(f"cột «{self.column}»")
        return ", ".join(parts)

    def text(self) -> str:
        label = "LỖI" if self.severity == "error" else "CẢNH BÁO"
        out = f"{label} {self.location()}: {self.message}"
        if self.hint:
            out += f" — Cách sửa: {self.hint}"
        return out

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command that marks the exact line."""
        level = "error" if self.severity == "error" else "warning"
        msg = self.message + (f" — Cách sửa: {self.hint}" if self.hint else "")
        if self.column:
            msg = f"cột «{self.column}»: " + msg
        return annotation(level, self.file, self.line, self.kind, msg)


def annotation(level: str, file: str, line: int | None, title: str, message: str) -> str:
    """A GitHub Actions workflow command (``::error``, ``::warning``, ``::notice``) on a line of a file."""
    props = [f"file={_gh_escape_prop(file)}"]
    if line is not None:
        props.append(f"line={line}")
    props.append(f"title={_gh_escape_prop(title)}")
    return f"::{level} {','.join(props)}::{_gh_escape_data(message)}"


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """A collector of problems, shared by every step of a check run."""

    root: Path = field(default_factory=Path.cwd)
    items: list[Problem] = field(default_factory=list)
    files_checked: set[str] = field(default_factory=set)

    def rel(self, path: Path | str) -> str:
        p = Path(path)
        try:
            # Not resolved: a symbolic link is named by its own path, never by where it points.
            return os.path.relpath(os.path.abspath(p), os.path.abspath(self.root)).replace(os.sep, "/")
        except ValueError:  # other drive
            return str(p)

    def add(self, path: Path | str, line: int | None, kind: Kind, column: str | None = None, **fields: Any) -> None:
        """Record one problem of ``kind``; its message and fix are the kind's templates filled with ``fields``."""
        message, hint = kind.render(**fields)
        self.items.append(Problem(self.rel(path), line, column, kind.id, message, hint, kind.severity))

    def checked(self, path: Path | str) -> None:
        self.files_checked.add(self.rel(path))

    def extend(self, other: Iterable[Problem]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity != "error"]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        """By file and line; the problems of one line keep the order they were found in, which for a progress
        file is the order of its columns in the template (Năm, Giá trị, Địa bàn …), not the alphabet."""
        return sorted(self.items, key=lambda p: (p.file, p.line or 0))

    def kinds(self) -> list[tuple[str, str, int | None]]:
        """(kind, file, line) tuples, for tests."""
        return [(p.kind, p.file, p.line) for p in self.sorted()]


class DataError(Exception):
    """Raised by the build when the data has errors; carries them all."""

    def __init__(self, problems: Problems):
        self.problems = problems
        lines = [p.text() for p in problems.sorted() if p.severity == "error"]
        super().__init__(f"Dữ liệu có {len(lines)} lỗi:\n" + "\n".join(lines))
