"""The checker's rules for plans of any shape: impossible deadlines, quotes outside their paragraph, declared
levels of places, the new target kinds; each a located Vietnamese problem (kind, file, line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite.pipeline import Checked


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(folder: Path, name: str, marker: str = "# LỖI") -> int:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if marker in line)


def kinds_at(checked: Checked) -> set[tuple[str, str, int | None]]:
    return {(p.kind, p.file, p.line) for p in checked.problems.errors}


@pytest.mark.parametrize(("day", "month"), [(31, 11), (29, 2), (30, 2), (31, 4)])
def test_impossible_reporting_deadline(day: int, month: int, minimal_dir: Path, run_check) -> None:
    edit(minimal_dir, "plan.yaml", "  day: 15\n  month: 12\n", f"  day: {day}  # LỖI\n  month: {month}\n")
    checked = run_check(minimal_dir)
    found = [p for p in checked.problems.errors if p.file == "plan.yaml" and p.kind == "gia-tri-khong-hop-le"]
    assert found and f"{day:02d}/{month:02d}" in found[0].message, [p.text() for p in checked.problems.errors]
    assert found[0].line is not None


@pytest.mark.parametrize("field", ["valid_from: 31/11/2022", "valid_to: 29/02/2023"])
def test_impossible_dates_of_places(field: str, minimal_dir: Path, run_check) -> None:
    edit(minimal_dir, "places.yaml", "    valid_from: 01/01/2022\n", f"    {field}  # LỖI\n")
    checked = run_check(minimal_dir)
    assert ("sai-ngay", "places.yaml", line_of(minimal_dir, "places.yaml")) in kinds_at(checked), [
        p.text() for p in checked.problems
    ]


def test_quote_not_in_its_paragraph(minimal_dir: Path, run_check) -> None:
    edit(
        minimal_dir,
        "indicators.yaml",
        "    quote: tỷ lệ hộ nghèo dưới 10% vào năm 2025 và dưới 5% vào năm 2030\n",
        "    quote: tỷ lệ hộ nghèo dưới 9% vào năm 2025  # LỖI\n",
    )
    checked = run_check(minimal_dir)
    line = line_of(minimal_dir, "indicators.yaml")
    assert ("trich-dan-khong-khop", "indicators.yaml", line) in kinds_at(checked)
    problem = next(p for p in checked.problems.errors if p.kind == "trich-dan-khong-khop")
    assert "{#ii-2-1}" in problem.message and "toan-van.md" in problem.message


def test_quote_with_other_spacing_and_case_is_accepted(minimal_dir: Path, run_check) -> None:
    edit(
        minimal_dir,
        "indicators.yaml",
        "    quote: tỷ lệ hộ nghèo dưới 10% vào năm 2025 và dưới 5% vào năm 2030\n",
        "    quote: Tỷ lệ hộ nghèo   dưới 10%\n      vào năm 2025\n",
    )
    assert not [p for p in run_check(minimal_dir).problems.errors if p.kind == "trich-dan-khong-khop"]


def test_level_must_be_declared(minimal_dir: Path, run_check) -> None:
    edit(
        minimal_dir,
        "places.yaml",
        "    level: huyen\n    parent: tinh-mau\n  - id: suoi-bac\n",
        "    level: quan  # LỖI\n    parent: tinh-mau\n  - id: suoi-bac\n",
    )
    checked = run_check(minimal_dir)
    found = [p for p in checked.problems.errors if p.file == "places.yaml" and p.kind == "gia-tri-khong-hop-le"]
    assert found and found[0].line == line_of(minimal_dir, "places.yaml") and "tinh, huyen, xa" in found[0].hint


def test_places_may_have_any_levels(minimal_dir: Path, run_check) -> None:
    """A plan's places can be a country and its provinces: no level name is assumed."""
    text = (minimal_dir / "places.yaml").read_text(encoding="utf-8")
    text = text.replace("id: tinh\n    name: Cấp tỉnh", "id: quoc-gia\n    name: Toàn quốc").replace(
        "level: tinh\n", "level: quoc-gia\n"
    )
    (minimal_dir / "places.yaml").write_text(text, encoding="utf-8")
    assert run_check(minimal_dir).ok


@pytest.mark.parametrize(
    ("target", "rule_word"),
    [
        ('        kind: thay-doi-so-voi-goc\n        operator: "<="\n        value: -50\n', "base_year"),
        (
            '        kind: ti-le-tham-chieu\n        operator: ">="\n        value: 1.2\n        unit: lần\n        reference_indicator: khong-co\n',
            "reference_indicator",
        ),
    ],
)
def test_new_target_kinds_are_checked(target: str, rule_word: str, minimal_dir: Path, run_check) -> None:
    edit(
        minimal_dir,
        "indicators.yaml",
        '        kind: muc\n        operator: "<"\n        value: 10\n',
        target.replace("\n", "  # LỖI\n", 1),
    )
    checked = run_check(minimal_dir)
    assert not checked.ok
    texts = " ".join(p.text() for p in checked.problems.errors)
    assert rule_word in texts or "khong-co" in texts, texts
