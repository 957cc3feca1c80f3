"""Bad-input gallery, hostile and careless input (issue «Hostile and careless input»): one fixture per
defect under tests/fixtures/bad/<defect>/, laid over a copy of the minimal fixture, asserted by kind and
location as in test_gallery.py. The defects a fixture folder cannot hold (links, a FIFO, a file over the
size limit) are made by the test, each named after its defect.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_gallery import assert_only, marked_line, matching, overlay

from plansite.load.boundary import MAX_FILE_BYTES
from testkit import BAD

# case, kind, file, line (None: the file itself; "MARK": the line marked «# LỖI»), column
ERRORS = [
    ("csv-dau-phan-tram-sai-don-vi", "sai-don-vi", "progress/thu-nhap-binh-quan.csv", 4, "Giá trị"),
    ("csv-dau-phan-tram-co-cach", "sai-don-vi", "progress/thu-nhap-so-ca-nuoc.csv", 6, "Giá trị"),
    ("ma-trung-ten-trang-linh-vuc", "ma-trung-ten-trang", "areas.yaml", "MARK", None),
    ("ma-trung-ten-trang-dia-ban", "ma-trung-ten-trang", "places.yaml", "MARK", None),
    ("yaml-long-nhau-qua-sau", "yaml-qua-sau", "work-status.yaml", 3, None),
    ("yaml-long-nhau-qua-sau-khoi", "yaml-qua-sau", "tu-viet-tat.yaml", 51, None),
    ("yaml-ky-tu-thay-the-le", "ky-tu-khong-hop-le", "areas.yaml", "MARK", None),
    ("yaml-ky-tu-thay-the-le-trong-khoa", "ky-tu-khong-hop-le", "work-status.yaml", "MARK", None),  # and «truong-la»
    ("csv-o-vuot-gioi-han-csv", "o-qua-dai", "progress/thu-nhap-binh-quan.csv", 4, "Nguồn"),
    ("plan-markdown-lien-ket-javascript", "lien-ket-khong-an-toan", "plan.yaml", "MARK", None),
    ("lien-ket-giay-phep-javascript", "lien-ket-khong-an-toan", "plan.yaml", "MARK", None),
    ("lien-ket-kho-du-lieu-data", "lien-ket-khong-an-toan", "plan.yaml", "MARK", None),
]


def _line(folder: Path, file: str, line: int | str | None) -> int | None:
    return marked_line(folder / file) if line == "MARK" else line  # type: ignore[return-value]


@pytest.mark.parametrize(("case", "kind", "file", "line", "column"), ERRORS, ids=[c[0] for c in ERRORS])
def test_hostile_defect(
    case: str, kind: str, file: str, line: int | str | None, column: str | None, minimal_dir: Path, run_check
) -> None:
    overlay(case, minimal_dir)
    checked = run_check(minimal_dir)
    also = frozenset({"truong-la"}) if case.endswith("trong-khoa") else frozenset()  # the key is no field name then
    assert_only(checked, kind, file, _line(minimal_dir, file, line), column, also=also)
    assert not any(o.file == file and o.line == line for o in checked.progress.observations)


# --------------------------------------------------------------------------- said, without stopping the check


@pytest.mark.parametrize(
    ("case", "file", "line", "column", "kind"),
    [
        ("csv-dia-ban-ke-hoach-het-hieu-luc", "progress/thu-nhap-binh-quan.csv", 4, "Địa bàn", "dia-ban-het-hieu-luc"),
        ("csv-dia-ban-ke-hoach-chua-co", "progress/thu-nhap-binh-quan.csv", 2, "Địa bàn", "dia-ban-het-hieu-luc"),
        ("plan-markdown-the-html", "plan.yaml", "MARK", None, "the-html-khong-dung"),
        ("plan-markdown-anh-du-lieu", "plan.yaml", "MARK", None, "the-html-khong-dung"),  # an image is never shown
    ],
    ids=["csv-dia-ban-ke-hoach-het-hieu-luc", "csv-dia-ban-ke-hoach-chua-co", "plan-markdown-the-html", "plan-markdown-anh"],
)
def test_hostile_warning(
    case: str, file: str, line: int | str, column: str | None, kind: str, minimal_dir: Path, run_check
) -> None:
    """The plan's own place out of its validity dates (the column left empty, or «Toàn tỉnh»), and HTML in a
    Markdown field: a located warning each, and nothing else."""
    overlay(case, minimal_dir)
    checked = run_check(minimal_dir)
    at = _line(minimal_dir, file, line)
    warned = [(p.kind, p.file, p.line, p.column) for p in checked.problems.warnings]
    assert warned == [(kind, file, at, column)], warned
    assert not checked.problems.errors, [p.text() for p in checked.problems.errors]
    if case == "plan-markdown-the-html":
        assert "<script>" in checked.problems.warnings[0].message and "<u>" in checked.problems.warnings[0].message


# --------------------------------------------------------------------------- a broken file hides nothing


def test_broken_plan_does_not_hide_other_files(minimal_dir: Path, run_check) -> None:
    overlay("plan-hong-van-bao-loi-khac", minimal_dir)
    checked = run_check(minimal_dir)
    assert matching(checked, "yaml-cu-phap", "plan.yaml", 3)
    assert matching(checked, "sai-nam", "progress/thu-nhap-binh-quan.csv", 4, "Năm")  # rows are still checked
    assert matching(checked, "ma-khong-hop-le", "areas.yaml", 10)
    notes = [(p.kind, p.file) for p in checked.problems.warnings]
    assert ("chua-kiem-tra", "plan.yaml") in notes, notes


def test_broken_places_does_not_hide_other_files(minimal_dir: Path, run_check) -> None:
    overlay("dia-ban-hong-van-bao-loi-khac", minimal_dir)
    checked = run_check(minimal_dir)
    assert matching(checked, "yaml-cu-phap", "places.yaml", 4)
    assert matching(checked, "khong-phai-so", "progress/ty-le-tre-di-hoc.csv", 3, "Giá trị")
    assert matching(checked, "co-quan-khong-co", "tasks.yaml", 12)
    # the place column could not be checked: no false «unknown place», and the note says so
    assert not [p for p in checked.problems.errors if p.kind == "dia-ban-khong-co"]
    notes = [p for p in checked.problems.warnings if p.kind == "chua-kiem-tra"]
    assert [p.file for p in notes] == ["places.yaml"] and "Địa bàn" in notes[0].message
    assert not checked.ok


def test_broken_agencies_still_checks_the_rest_of_the_rows(minimal_dir: Path, run_check) -> None:
    overlay("co-quan-hong-van-bao-loi-khac", minimal_dir)
    checked = run_check(minimal_dir)
    assert matching(checked, "sai-kieu", "agencies.yaml", 1)
    assert matching(checked, "phan-tram-ngoai-khoang", "progress/ty-le-tre-di-hoc.csv", 3, "Giá trị")
    assert not [p for p in checked.problems.errors if p.kind == "co-quan-khong-co"], "agencies are not known: not checked"
    assert [p.file for p in checked.problems.warnings if p.kind == "chua-kiem-tra"] == ["agencies.yaml"]


# --------------------------------------------------------------------------- the data folder is a boundary


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "bi-mat.txt"
    path.write_text("areas:\n  - id: khoa-bi-mat-8f3a\n    name: MẬT-KHẨU-8f3a\n", encoding="utf-8")
    return path


def _no_secret(checked, secret: Path) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(p.text() for p in checked.problems)
    assert "8f3a" not in text and str(secret) not in text and secret.name not in text


def test_link_to_a_file_outside_is_refused(minimal_dir: Path, secret: Path, run_check) -> None:
    (minimal_dir / "areas.yaml").unlink()
    (minimal_dir / "areas.yaml").symlink_to(secret)
    checked = run_check(minimal_dir)
    assert matching(checked, "khong-phai-tep-thuong", "areas.yaml", None)
    _no_secret(checked, secret)


def test_link_to_a_csv_outside_is_refused(minimal_dir: Path, secret: Path, run_check) -> None:
    link = minimal_dir / "progress" / "ty-le-tre-di-hoc.csv"
    link.unlink()
    link.symlink_to(secret)
    checked = run_check(minimal_dir)
    assert_only(checked, "khong-phai-tep-thuong", "progress/ty-le-tre-di-hoc.csv", None)
    _no_secret(checked, secret)


def test_progress_folder_that_is_a_link_is_refused(minimal_dir: Path, tmp_path: Path, run_check) -> None:
    outside = tmp_path / "ngoai"
    (minimal_dir / "progress").rename(outside)
    (minimal_dir / "progress").symlink_to(outside, target_is_directory=True)
    checked = run_check(minimal_dir)
    assert_only(checked, "khong-phai-tep-thuong", "progress", None)
    assert checked.progress.observations == []


def test_link_inside_the_folder_is_refused_too(minimal_dir: Path, run_check) -> None:
    (minimal_dir / "progress" / "ban-sac-van-hoa.csv").symlink_to(minimal_dir / "progress" / "ty-le-tre-di-hoc.csv")
    assert_only(run_check(minimal_dir), "khong-phai-tep-thuong", "progress/ban-sac-van-hoa.csv", None)


def test_dangling_link_is_refused_not_missing(minimal_dir: Path, run_check) -> None:
    (minimal_dir / "tasks.yaml").unlink()
    (minimal_dir / "tasks.yaml").symlink_to(minimal_dir / "khong-co.yaml")
    checked = run_check(minimal_dir)
    assert matching(checked, "khong-phai-tep-thuong", "tasks.yaml", None)
    assert not matching(checked, "thieu-tep", "tasks.yaml", None)


def test_fifo_is_refused_without_blocking(minimal_dir: Path, run_check) -> None:
    os.mkfifo(minimal_dir / "progress" / "ban-sac-van-hoa.csv")  # opening it for reading would wait forever
    assert_only(run_check(minimal_dir), "khong-phai-tep-thuong", "progress/ban-sac-van-hoa.csv", None)


def test_file_over_the_size_limit_is_refused_unread(minimal_dir: Path, run_check) -> None:
    big = minimal_dir / "progress" / "ty-le-tre-di-hoc.csv"
    with big.open("r+b") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no 64 MB written
    found = assert_only(run_check(minimal_dir), "tep-qua-lon", "progress/ty-le-tre-di-hoc.csv", None)
    assert "67.108.865 byte" in found.message and "tối đa 67.108.864 byte" in found.message, found.message


def test_gallery_fixtures_of_this_module_exist() -> None:
    names = {c[0] for c in ERRORS} | {
        "csv-dia-ban-ke-hoach-het-hieu-luc",
        "csv-dia-ban-ke-hoach-chua-co",
        "plan-markdown-the-html",
    }
    names |= {"plan-hong-van-bao-loi-khac", "dia-ban-hong-van-bao-loi-khac", "co-quan-hong-van-bao-loi-khac"}
    assert all((BAD / n).is_dir() for n in names)
