"""One cache for everything a build can reuse (rendered charts, chart shapes, compiled templates …).

An entry is named by a hash of everything its content depends on: its input, the version of
this package's code (a hash of its source files and templates), and the versions of the
libraries that make such content (altair, vl-convert, openpyxl, Jinja). Upgrading a library
or changing the code gives new names, so an older entry is never used by mistake; an
older cache restored by CI is safe, it just holds entries nobody asks for.

Nothing here knows what is cached: callers give a namespace («svg», «chart-shapes» …) and
the bytes of their input.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("altair", "vl-convert-python", "openpyxl", "jinja2", "pandas", "babel")
ENV = "PLANSITE_CACHE"  # the cache folder (default: .cache beside mkdocs.yml); benchmarks start from an empty one


@functools.cache
def code_version() -> str:
    """A hash of this package's source files and templates: a new one whenever the code changes."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".js", ".css", ".json") and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


@functools.cache
def library_versions() -> str:
    out = []
    for name in LIBRARIES:
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


def entry_key(namespace: str, *inputs: bytes | str) -> str:
    """The name of the entry for these inputs, with the code and library versions mixed in."""
    h = hashlib.sha256(f"{namespace}\0{code_version()}\0{library_versions()}".encode())
    for part in inputs:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()[:24]


class Cache:
    """A folder of entries (``None``: nothing is kept, every lookup misses)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = 0
        self.misses = 0

    @classmethod
    def beside(cls, project_root: Path) -> Cache:
        return cls(Path(os.environ.get(ENV) or project_root / ".cache"))

    def _path(self, namespace: str, key: str, suffix: str) -> Path | None:
        return self.folder / namespace / f"{key}{suffix}" if self.folder is not None else None

    def get(self, namespace: str, key: str, suffix: str = "") -> bytes | None:
        path = self._path(namespace, key, suffix)
        if path is not None:
            with contextlib.suppress(OSError):
                data = path.read_bytes()
                self.hits += 1
                return data
        self.misses += 1
        return None

    def has(self, namespace: str, key: str, suffix: str = "") -> bool:
        path = self._path(namespace, key, suffix)
        return path is not None and path.exists()

    def put(self, namespace: str, key: str, data: bytes, suffix: str = "") -> None:
        """Store atomically (a temporary file renamed into place); a read-only cache is not an error."""
        path = self._path(namespace, key, suffix)
        if path is None:
            return
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)

    def folder_for(self, namespace: str) -> Path | None:
        """A sub-folder for a library that manages its own files (Jinja's bytecode cache), per code version."""
        if self.folder is None:
            return None
        path = self.folder / namespace / entry_key(namespace)
        with contextlib.suppress(OSError):
            path.mkdir(parents=True, exist_ok=True)
            return path
        return None
