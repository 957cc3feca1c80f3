"""Decode staff files: UTF-8 with or without BOM; anything else is a problem, not a guess."""

from __future__ import annotations

from pathlib import Path

from plansite.problems.record import Problems

_BOMS = {
    b"\xff\xfe": "UTF-16 LE",
    b"\xfe\xff": "UTF-16 BE",
}


def decode_text(raw: bytes, path: Path, problems: Problems) -> str | None:
    """Return the text of ``raw`` as UTF-8 (BOM removed, CRLF normalised), or None."""
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            problems.add(
                path,
                1,
                "ma-hoa",
                f"Tệp được lưu bằng mã {name}, không phải UTF-8.",
                "Trong Excel chọn Lưu thành → «CSV UTF-8 (Comma delimited)»; trong trình soạn thảo chọn mã UTF-8.",
            )
            return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(
            path,
            line,
            "ma-hoa",
            "Tệp không phải mã UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI); chữ tiếng Việt sẽ bị sai nếu đọc tiếp.",
            "Trong Excel chọn Lưu thành → «CSV UTF-8 (Comma delimited)»; hoặc mở bằng Notepad rồi lưu lại với mã UTF-8.",
        )
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.add(
            path,
            line,
            "ky-tu-dieu-khien",
            "Tệp có ký tự rỗng (NUL); có thể tệp bị hỏng hoặc không phải tệp văn bản.",
            "Mở lại tệp gốc và lưu lại dạng văn bản UTF-8.",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
