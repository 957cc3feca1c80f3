"""Compare two built sites page by page: ``python scripts/compare_sites.py OLD NEW``.

Files are compared byte for byte, except archives (.zip, .xlsx), whose members are compared one by one
(their times differ on every build), and docProps/core.xml of a workbook (its created/modified times).
For an HTML page that differs, the lines that differ are printed (at most a few per page).
"""

from __future__ import annotations

import difflib
import sys
import zipfile
from pathlib import Path

SKIP_MEMBERS = {"docProps/core.xml"}


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n not in SKIP_MEMBERS}


def compare(old: Path, new: Path, lines: int = 6) -> list[str]:
    a = {p.relative_to(old).as_posix() for p in old.rglob("*") if p.is_file()}
    b = {p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file()}
    out = [f"only in {old}: {f}" for f in sorted(a - b)] + [f"only in {new}: {f}" for f in sorted(b - a)]
    for f in sorted(a & b):
        x, y = (old / f).read_bytes(), (new / f).read_bytes()
        if x == y:
            continue
        if f.endswith((".zip", ".xlsx")):
            mx, my = members(old / f), members(new / f)
            changed = sorted(n for n in mx.keys() | my.keys() if mx.get(n) != my.get(n))
            if changed:
                out.append(f"differs: {f}: members {changed[:8]}")
            continue
        out.append(f"differs: {f}")
        if f.endswith((".html", ".json", ".csv", ".xml")):
            diff = difflib.unified_diff(
                x.decode("utf-8", "replace").splitlines(), y.decode("utf-8", "replace").splitlines(), lineterm="", n=0
            )
            shown = [d for d in diff if d.startswith(("+", "-")) and not d.startswith(("+++", "---"))][:lines]
            out += ["    " + d[:300] for d in shown]
    return out


if __name__ == "__main__":
    report = compare(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(report) if report else "no difference")
