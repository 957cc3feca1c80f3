"""Decode staff files: UTF-8 with or without BOM; anything else is a problem, not a guess."""

from __future__ import annotations

from pathlib import Path

from plansite.problems import kinds
from plansite.problems.record import Problems

_BOMS = {
    b"\xff\xfe": "UTF-16 LE",
    b"\xfe\xff": "UTF-16 BE",
}


def char_name(char: str) -> str:
    """A control character as staff can look it up: «U+0007»; NUL has its name."""
    return "ký tự rỗng NUL, U+0000" if char == "\x00" else f"U+{ord(char):04X}"


def decode_text(raw: bytes, path: Path, problems: Problems) -> str | None:
    """Return the text of ``raw`` as UTF-8 (BOM removed, CRLF normalised), or None."""
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            problems.add(path, 1, kinds.ENCODING, found=f"lưu bằng mã {name}")
            return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(path, line, kinds.ENCODING, found="có thể là Windows-1258, TCVN3 hoặc VNI")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.add(path, line, kinds.CONTROL_CHAR, where="Dòng", char=char_name("\x00"), what="dòng")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
