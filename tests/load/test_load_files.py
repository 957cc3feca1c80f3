"""Reading files: YAML with lines, text decoding, the full text (load stage)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from plansite.load.fulltext import load_fulltext
from plansite.load.textio import decode_text
from plansite.load.yamlio import LineDict, LineList, line_of, load_yaml
from plansite.problems import Problems

# --------------------------------------------------------------------------- YAML with lines


def _yaml(tmp_path: Path, text: str | bytes) -> tuple[Any, Problems]:
    p = tmp_path / "x.yaml"
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = Problems(root=tmp_path)
    return load_yaml(p, problems), problems


def test_yaml_keeps_lines(tmp_path: Path) -> None:
    data, problems = _yaml(
        tmp_path, "# chú thích\nitems:\n  - id: a\n    name: A\n\n  - id: b\n    tags:\n      - x\n      - y\n"
    )
    assert problems.items == [] and problems.files_checked == {"x.yaml"}
    assert isinstance(data, LineDict) and isinstance(data["items"], LineList)
    assert data.lines["items"] == 2
    assert data["items"].lines == [3, 6]
    assert line_of(data, ("items", 0, "name")) == 4
    assert line_of(data, ("items", 1, "tags", 1)) == 9
    assert line_of(data, ("items", 1, "missing")) == 6  # falls back to the item
    assert line_of(data, ("items", 7)) == 2  # falls back to the list's key


def test_yaml_dates_stay_text(tmp_path: Path) -> None:
    data, _ = _yaml(tmp_path, "a: 2020-06-04\nb: 04/06/2020\n")
    assert data == {"a": "2020-06-04", "b": "04/06/2020"}


def test_yaml_crlf_and_bom(tmp_path: Path) -> None:
    data, problems = _yaml(tmp_path, b"\xef\xbb\xbfa: 1\r\nb: T\xc3\xaan\r\n")
    assert problems.items == [] and data == {"a": 1, "b": "Tên"}
    assert data.lines == {"a": 1, "b": 2}


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [
        ("a: 1\nb: [1, 2\n", "yaml-cu-phap", 3),
        ("a: 1\nb: x: y\n", "yaml-cu-phap", 2),
        ("a:\n  b: 1\n\tc: 2\n", "yaml-tab", 3),
        ("a: 1\nb: 2\na: 3\n", "yaml-trung-khoa", 3),
        ("? [1, 2]\n: 3\n", "yaml-khoa-khong-hop-le", 1),
        ("a: *nope\n", "yaml-cu-phap", 1),
    ],
)
def test_yaml_problems(tmp_path: Path, text: str, kind: str, line: int) -> None:
    _data, problems = _yaml(tmp_path, text)
    assert [(p.kind, p.file, p.line) for p in problems] == [(kind, "x.yaml", line)]


def test_yaml_duplicate_key_keeps_the_first(tmp_path: Path) -> None:
    data, _ = _yaml(tmp_path, "a: 1\na: 2\n")
    assert data == {"a": 1}


def test_yaml_unsafe_tags_are_not_executed(tmp_path: Path) -> None:
    data, problems = _yaml(tmp_path, "a: !!python/object/apply:os.system ['echo x']\n")
    assert data is None
    assert [p.kind for p in problems] == ["yaml-cu-phap"]


def test_yaml_recursive_alias(tmp_path: Path) -> None:
    _data, problems = _yaml(tmp_path, "a: &x [*x]\n")
    assert all(p.kind.startswith("yaml") for p in problems)


# --------------------------------------------------------------------------- text decoding


def test_decode_text(tmp_path: Path) -> None:
    problems = Problems(root=tmp_path)
    p = tmp_path / "f"
    assert decode_text(b"\xef\xbb\xbfa\r\nb\rc\n", p, problems) == "a\nb\nc\n"
    assert decode_text("Tiếng Việt".encode(), p, problems) == "Tiếng Việt"
    assert problems.items == []
    assert decode_text(b"a\nb\n\xe2n\n", p, problems) is None
    assert decode_text("a".encode("utf-16-le").join([b"\xff\xfe", b""]), p, problems) is None
    assert decode_text(b"a\n\x00", p, problems) is None
    assert [(x.kind, x.line) for x in problems] == [("ma-hoa", 3), ("ma-hoa", 1), ("ky-tu-dieu-khien", 2)]


# --------------------------------------------------------------------------- full text


def test_fulltext_blocks(tmp_path: Path) -> None:
    p = tmp_path / "toan-van.md"
    p.write_text(
        "Tiêu ngữ {#tieu-ngu}\n\n# I. MỤC ĐÍCH {#i}\n\n- Gạch đầu dòng. {#i-1}\n\nĐoạn không mã.\n### 1. Mục {#i-1-a}\n",
        encoding="utf-8",
    )
    problems = Problems(root=tmp_path)
    blocks = load_fulltext(p, problems)
    assert problems.items == []
    assert [(b.line, b.level, b.text, b.anchor, b.bullet) for b in blocks] == [
        (1, 0, "Tiêu ngữ", "tieu-ngu", False),
        (3, 1, "I. MỤC ĐÍCH", "i", False),
        (5, 0, "Gạch đầu dòng.", "i-1", True),
        (7, 0, "Đoạn không mã.", None, False),
        (8, 3, "1. Mục", "i-1-a", False),
    ]


def test_fulltext_problems(tmp_path: Path) -> None:
    p = tmp_path / "toan-van.md"
    p.write_text("A {#a}\nB {#a}\nC {#Sai Mã}\n", encoding="utf-8")
    problems = Problems(root=tmp_path)
    load_fulltext(p, problems)
    assert [(x.kind, x.line) for x in problems] == [("trung-ma", 2), ("ma-khong-hop-le", 3)]
    p.write_text("\n  \n", encoding="utf-8")
    problems = Problems(root=tmp_path)
    assert load_fulltext(p, problems) == []
    assert [x.kind for x in problems] == ["tep-rong"]
    problems = Problems(root=tmp_path)
    assert load_fulltext(tmp_path / "khong-co.md", problems) == []
    assert [x.kind for x in problems] == ["thieu-tep"]
