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


def _utf16_without_bom(raw: bytes) -> bool:
    """UTF-16 text with no byte order mark: mostly ASCII, so every other byte of the start is NUL."""
    head = raw[:512]
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return max(even.count(0), odd.count(0)) > 0.6 * len(odd)


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
        if _utf16_without_bom(raw):
            problems.add(path, 1, kinds.ENCODING, found="lưu bằng mã UTF-16, không có BOM")
            return None
        before = raw[: exc.start]
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1  # CRLF, LF or CR alone
        problems.add(path, line, kinds.ENCODING, found="có thể là Windows-1258, TCVN3 hoặc VNI")
        return None
    if "\x00" in text:
        if _utf16_without_bom(raw):  # plain ASCII in UTF-16 is valid UTF-8 with a NUL after every letter
            problems.add(path, 1, kinds.ENCODING, found="lưu bằng mã UTF-16, không có BOM")
            return None
        line = text[: text.index("\x00")].count("\n") + 1
        problems.add(path, line, kinds.CONTROL_CHAR, where="Dòng", char=char_name("\x00"), what="dòng")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
