"""Problem records: texts, GitHub annotations, the collector (problems/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite.problems import DataError, Problem, Problems, kinds

# --------------------------------------------------------------------------- problem records


def test_problem_texts() -> None:
    p = Problem("progress/a.csv", 3, "Giá trị", "khong-phai-so", "«x» không phải số.", "Ghi số.")
    assert p.location() == "progress/a.csv, dòng 3, cột «Giá trị»"
    assert p.text() == "LỖI progress/a.csv, dòng 3, cột «Giá trị»: «x» không phải số. — Cách sửa: Ghi số."
    w = Problem("places.yaml", None, None, "k", "m", "", "warning")
    assert w.location() == "places.yaml" and w.text() == "CẢNH BÁO places.yaml: m"


def test_github_annotation_escapes() -> None:
    p = Problem("a,b:c.csv", 2, "Nguồn", "k:1", "50% sai\ndòng hai", "sửa")
    ann = p.github_annotation()
    assert ann.startswith("::error file=a%2Cb%3Ac.csv,line=2,title=k%3A1::")
    assert "50%25 sai%0Adòng hai" in ann and "\n" not in ann
    assert Problem("f", None, None, "k", "m", severity="warning").github_annotation() == "::warning file=f,title=k::m"


def test_problems_collector(tmp_path: Path) -> None:
    problems = Problems(root=tmp_path)
    problems.add(tmp_path / "b.yaml", 5, kinds.YAML_TAB)
    problems.add(tmp_path / "a.yaml", None, kinds.EXPIRED_PLACE, place="Xã X", year=2020, start="…", end="…")
    problems.add(tmp_path / "sub" / "c.csv", 2, kinds.BAD_YEAR, column="Năm", value="x", first=2015, last=2024)
    problems.checked(tmp_path / "sub" / "c.csv")
    assert len(problems) == 3
    assert [p.file for p in problems.sorted()] == ["a.yaml", "b.yaml", "sub/c.csv"]
    assert problems.kinds() == [("dia-ban-het-hieu-luc", "a.yaml", None), ("yaml-tab", "b.yaml", 5), ("sai-nam", "sub/c.csv", 2)]
    assert [p.kind for p in problems.errors] == ["yaml-tab", "sai-nam"]
    assert [p.kind for p in problems.warnings] == ["dia-ban-het-hieu-luc"]  # the severity is the kind's
    last = problems.sorted()[-1]
    assert (last.column, last.message) == ("Năm", "«x» không phải năm.") and "2015–2024" in last.hint
    with pytest.raises(TypeError):
        problems.add(tmp_path / "b.yaml", 5, kinds.BAD_YEAR, value="x")  # a field of the template is missing
    assert problems.files_checked == {"sub/c.csv"}
    err = DataError(problems)
    assert "2 lỗi" in str(err) and err.problems is problems
