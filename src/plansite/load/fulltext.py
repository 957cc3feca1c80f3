"""The plan's full text, kept in the data folder with a stable anchor per paragraph.

Format (``toan-van.md``): one block per line. A line starting with ``#``
is a heading (more ``#`` = deeper). A block that ends with ``{#anchor}``
gets that anchor, so items of the plan can link to the paragraph they quote.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from plansite.load.boundary import read_bytes
from plansite.load.datafiles import DATA_FILES
from plansite.load.textio import decode_text
from plansite.problems import kinds
from plansite.problems.record import Problems
from plansite.vi.text import slugify

_ANCHOR = re.compile(r"\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$")
_BAD_ANCHOR = re.compile(r"\{#[^}]*\}\s*$")


@dataclass(frozen=True)
class Block:
    line: int
    level: int  # 0 = paragraph, 1.. = heading depth
    text: str
    anchor: str | None
    bullet: bool = False


def load_fulltext(path: Path, problems: Problems) -> list[Block]:
    problems.checked(path)
    try:
        raw = read_bytes(path, problems)
    except FileNotFoundError:
        about = DATA_FILES["toan-van.md"]
        problems.add(path, None, kinds.MISSING_FILE, name=path.name, what=about.what, content=about.content)
        return []
    if raw is None:
        return []
    text = decode_text(raw, path, problems)
    if text is None:
        return []
    blocks: list[Block] = []
    lines = text.split("\n")
    uses = Counter(m.group(1) for line in lines if (m := _ANCHOR.search(line)))
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        anchor = None
        m = _ANCHOR.search(line)
        if m:
            anchor = m.group(1)
            line = line[: m.start()]
            if anchor in seen:
                problems.add(path, number, kinds.DUPLICATE_ID, what="đoạn", id=anchor, count=uses[anchor])
            seen.add(anchor)
        elif bad := _BAD_ANCHOR.search(line):
            shown = bad.group(0).strip()
            problems.add(path, number, kinds.BAD_ID, shown=shown, where="cuối đoạn", example="«{#" + slugify(shown[2:-1]) + "}»")
        level = 0
        stripped = line.strip()
        hm = re.match(r"^(#{1,6})\s+(.*)$", stripped)
        if hm:
            level = len(hm.group(1))
            stripped = hm.group(2)
        bullet = False
        if stripped.startswith("- "):
            bullet = True
            stripped = stripped[2:]
        blocks.append(Block(number, level, stripped.strip(), anchor, bullet))
    if not blocks:
        content = DATA_FILES["toan-van.md"].content
        problems.add(path, None, kinds.EMPTY_FILE, where=f"Tệp {path.name}", missing="đoạn văn nào", content=content)
    return blocks
