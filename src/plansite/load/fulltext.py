"""The plan's full text, kept in the data folder with a stable anchor per paragraph.

Format (``toan-van.md``): one block per line. A line starting with ``#``
is a heading (more ``#`` = deeper). A block that ends with ``{#anchor}``
gets that anchor, so items of the plan can link to the paragraph they quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from plansite.load.textio import decode_text
from plansite.problems.record import Problems

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
        raw = path.read_bytes()
    except OSError:
        problems.add(
            path,
            None,
            "thieu-tep",
            "Không tìm thấy tệp toàn văn của kế hoạch.",
            "Tạo tệp toan-van.md trong thư mục dữ liệu, mỗi đoạn một dòng, kết thúc bằng {#ma-doan}.",
        )
        return []
    text = decode_text(raw, path, problems)
    if text is None:
        return []
    blocks: list[Block] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        anchor = None
        m = _ANCHOR.search(line)
        if m:
            anchor = m.group(1)
            line = line[: m.start()]
            if anchor in seen:
                problems.add(
                    path, number, "trung-ma", f"Mã đoạn «{anchor}» đã dùng ở dòng {seen[anchor]}.", "Mỗi đoạn cần một mã riêng."
                )
            seen[anchor] = number
        elif _BAD_ANCHOR.search(line):
            problems.add(
                path,
                number,
                "ma-khong-hop-le",
                "Mã đoạn không hợp lệ.",
                "Viết dạng {#ii-2-1}: chữ thường không dấu, số, gạch ngang.",
            )
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
        problems.add(path, None, "tep-rong", "Tệp toàn văn rỗng.", "Dán toàn văn kế hoạch vào tệp.")
    return blocks
