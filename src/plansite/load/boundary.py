"""The data folder is a boundary: only regular files inside it are read, listed or published.

A symbolic link (to a file or a folder, inside or outside the data folder), a file reached
through one, a FIFO or a device is refused with a located problem and never opened, so
nothing outside the folder is read, printed in a message or copied into the open data.
A file larger than ``MAX_FILE_BYTES`` is refused before it is read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from plansite.problems import kinds
from plansite.problems.record import Problems
from plansite.vi import fmt

MAX_FILE_BYTES = 64 * 1024 * 1024  # a progress file of 100 places × 30 years × 10 series is under 2 MB


def size_text(n: int) -> str:
    """A size as staff read it: «64 MB», «2,5 MB», «800 KB»."""
    if n >= 1024 * 1024:
        return f"{fmt.number(n / (1024 * 1024), 1)} MB"
    return f"{fmt.number(max(n, 1) / 1024, 0)} KB"


def _link_what(path: Path, root: Path) -> str:
    """What a symbolic link is, without following it further than to ask where it ends."""
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    where = "tới một tệp trong thư mục dữ liệu" if inside else "ra ngoài thư mục dữ liệu"
    return f"liên kết tượng trưng (symlink) {where}"


def refused(path: Path, problems: Problems, root: Path | None = None) -> bool:
    """Whether ``path`` must not be read: a link, or reached through one (between ``root`` and it), not a
    regular file, or too large. The problem is recorded at ``path``; a missing file is not refused."""
    top = root if root is not None else path.parent
    try:
        rel = path.relative_to(top)
    except ValueError:
        rel = Path(path.name)
    step = top
    for part in rel.parts:
        step = step / part
        if step.is_symlink():
            problems.add(step, None, kinds.NOT_A_FILE, name=step.name, what=_link_what(step, top))
            return True
    try:
        st = path.stat()
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            return False
        problems.add(path, None, kinds.NOT_A_FILE, name=path.name, what="tệp đặc biệt (FIFO, thiết bị hoặc socket)")
        return True
    if st.st_size > MAX_FILE_BYTES:
        size, limit = size_text(st.st_size), size_text(MAX_FILE_BYTES)
        if size == limit:  # just over the limit: say it in bytes, not «64 MB (tối đa 64 MB)»
            size, limit = f"{fmt.number(st.st_size, 0)} byte", f"{fmt.number(MAX_FILE_BYTES, 0)} byte"
        problems.add(path, None, kinds.FILE_TOO_LARGE, size=size, limit=limit)
        return True
    return False


def read_bytes(path: Path, problems: Problems, root: Path | None = None) -> bytes | None:
    """The bytes of a data file; None when it is refused or cannot be read (with the problem). A missing
    file raises FileNotFoundError, so each caller says what that file is."""
    if refused(path, problems, root):
        return None
    if not path.exists():
        raise FileNotFoundError(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        problems.add(path, None, kinds.UNREADABLE, what="tệp", reason=exc.strerror or type(exc).__name__)
        return None


def regular_files(folder: Path) -> Iterator[Path]:
    """Every regular file under ``folder``, sorted, never through a symbolic link (links are skipped: the
    checker reports them, ``links`` lists them)."""
    found: list[Path] = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        base = Path(here)
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink())
        for name in files:
            p = base / name
            if not p.is_symlink() and p.is_file():
                found.append(p)
    yield from sorted(found)


def entries(folder: Path) -> Iterator[Path]:
    """Everything under ``folder`` that is not a real folder: files, links (to files or folders), FIFOs …,
    sorted, never descending through a link. ``refused`` tells which may be read."""
    found: list[Path] = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        base = Path(here)
        found += [base / n for n in files] + [base / d for d in dirs if (base / d).is_symlink()]
        dirs[:] = [d for d in dirs if not (base / d).is_symlink()]
    yield from sorted(found)
