"""Bad-input gallery: one defect per case, asserted by kind and location (not wording).

Each case starts from a copy of tests/fixtures/minimal (which is valid) and adds ONE
defect, either by laying the small files of tests/fixtures/bad/<case>/ over the copy,
or — for the long indicators.yaml — by a one-place text edit whose defective line is
marked with «# LỖI». The checker must report that defect at the right file and line
(and column for CSV), and — unless a cascade is expected — nothing else.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plansite.pipeline import Checked, check
from plansite.problems import Problem
from testkit import BAD, REPO, TODAY, cli_env

MARK = "# LỖI"


# --------------------------------------------------------------------------- helpers


def overlay(case: str, folder: Path) -> None:
    """Lay the files of tests/fixtures/bad/<case>/ over the data folder."""
    src = BAD / case
    assert src.is_dir(), f"missing fixture folder {src}"
    for f in src.rglob("*"):
        if f.is_file():
            dst = folder / f.relative_to(src)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, dst)


def edit(folder: Path, name: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``folder/name`` by ``new``."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def marked_line(path: Path) -> int:
    """The 1-based line that carries the «# LỖI» marker (exactly one)."""
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if MARK in line]
    assert len(lines) == 1, f"expected one {MARK} marker in {path}, found {lines}"
    return lines[0]


def matching(checked: Checked, kind: str, file: str, line: int | None, column: str | None = None) -> list[Problem]:
    return [
        p
        for p in checked.problems.errors
        if p.kind == kind and p.file == file and p.line == line and (column is None or p.column == column)
    ]


def assert_only(
    checked: Checked, kind: str, file: str, line: int | None, column: str | None = None, also: frozenset[str] = frozenset()
) -> Problem:
    """Exactly the expected problem (plus cascades of the listed kinds), and the check fails."""
    found = matching(checked, kind, file, line, column)
    summary = [(p.kind, p.file, p.line, p.column) for p in checked.problems.sorted()]
    assert found, f"no {kind} at {file}:{line} col={column}; got {summary}"
    others = [p for p in checked.problems.errors if p not in found and p.kind not in also]
    assert not others, f"unexpected extra errors: {[(p.kind, p.file, p.line, p.column) for p in others]}"
    assert not checked.ok
    return found[0]


# --------------------------------------------------------------------------- the fixture itself


def test_minimal_fixture_is_valid(minimal_dir: Path, run_check) -> None:
    checked = run_check(minimal_dir)
    assert checked.problems.errors == [], [p.text() for p in checked.problems.errors]
    assert checked.problems.warnings == []
    assert checked.ok
    assert checked.plan is not None
    assert len(checked.plan.indicators) == 6
    kinds = {t.kind for i in checked.plan.indicators for t in i.targets}
    assert kinds == {"muc", "thay-doi-hang-nam", "boi-so-goc", "ti-le-tham-chieu", "duy-tri", "dinh-tinh"}
    # every YAML file, the full text and every progress file were looked at
    assert len(checked.problems.files_checked) == 13
    assert "progress/ty-le-ho-ngheo.csv" in checked.problems.files_checked
    assert len(checked.progress.observations) == 20


def test_minimal_fixture_cli_exits_zero() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", "tests/fixtures/minimal"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=cli_env(TODAY, GITHUB_ACTIONS=""),
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr


def test_files_checked_minimal_fixture(minimal_dir: Path, run_check) -> None:
    assert len(run_check(minimal_dir).problems.files_checked) > 0


# --------------------------------------------------------------------------- YAML defects (overlay files)

YAML_CASES = [
    # case folder, kind, file, line, cascades allowed
    ("yaml-cu-phap", "yaml-cu-phap", "work-status.yaml", 5, frozenset()),
    ("yaml-tab", "yaml-tab", "work-status.yaml", 4, frozenset()),
    ("yaml-trung-khoa", "yaml-trung-khoa", "areas.yaml", 4, frozenset()),
    ("thieu-truong", "thieu-truong", "work-status.yaml", 2, frozenset()),  # «status» missing: line of the item
    ("truong-la", "truong-la", "tasks.yaml", 19, frozenset()),  # «indicator:» instead of «indicators:»
    ("sai-kieu", "sai-kieu", "tasks.yaml", 12, frozenset()),  # agencies: a word, not a list
    ("co-quan-khong-co", "co-quan-khong-co", "tasks.yaml", 15, frozenset()),
    ("linh-vuc-khong-co", "linh-vuc-khong-co", "tasks.yaml", 14, frozenset()),
    ("chi-tieu-khong-co-trong-tasks", "chi-tieu-khong-co", "tasks.yaml", 14, frozenset()),
    ("ma-doan-khong-co", "ma-doan-khong-co", "agencies.yaml", 19, frozenset()),
    ("lien-ket-javascript-minh-chung", "lien-ket-khong-an-toan", "work-status.yaml", 8, frozenset()),
]


@pytest.mark.parametrize(("case", "kind", "file", "line", "also"), YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_yaml_defect(case: str, kind: str, file: str, line: int, also: frozenset[str], minimal_dir: Path, run_check) -> None:
    overlay(case, minimal_dir)
    problem = assert_only(run_check(minimal_dir), kind, file, line, also=also)
    assert problem.message and problem.hint  # people get a sentence and a way to fix it


def test_duplicate_id_reports_both_places(minimal_dir: Path, run_check) -> None:
    overlay("trung-ma", minimal_dir)
    checked = run_check(minimal_dir)
    assert matching(checked, "trung-ma", "areas.yaml", 4)
    assert matching(checked, "trung-ma", "areas.yaml", 8)
    assert {p.kind for p in checked.problems.errors} == {"trung-ma"}


# --------------------------------------------------------------------------- indicators.yaml defects (marked edits)

IND = "indicators.yaml"
INDICATOR_EDITS = [
    # id, [(old, new), …], kind, cascades allowed
    (
        "thay-doi-hang-nam-don-vi-phan-tram",
        [("        unit: điểm %/năm\n", '        unit: "%"  # LỖI\n')],
        "chi-tieu-khong-khop",
        frozenset(),
    ),
    (
        "khoang-thieu-value-max",
        [
            (
                '      - year: 2025\n        kind: muc\n        operator: "<"\n        value: 10\n',
                "      - year: 2025  # LỖI\n        kind: muc\n        operator: khoang\n        value: 10\n",
            )
        ],
        "chi-tieu-khong-khop",
        frozenset(),
    ),
    (
        "phan-tram-qua-100",
        [('        operator: ">"\n        value: 95\n', '        operator: ">"\n        value: 120  # LỖI\n')],
        "chi-tieu-khong-khop",
        frozenset(),
    ),
    (
        "dinh-tinh-co-so",
        [
            (
                "      - year: 2030\n        kind: dinh-tinh\n",
                "      - year: 2030  # LỖI\n        kind: dinh-tinh\n        value: 1\n",
            )
        ],
        "chi-tieu-khong-khop",
        frozenset(),
    ),
    (
        "duy-tri-phep-so-sanh-nho-hon",
        [('        operator: ">"\n        value: 95\n', '        operator: "<"  # LỖI\n        value: 95\n')],
        "chi-tieu-khong-khop",
        frozenset(),
    ),
    (
        "boi-so-goc-thieu-nam-goc",
        [
            ("      - year: 2025\n        kind: boi-so-goc\n", "      - year: 2025  # LỖI\n        kind: boi-so-goc\n"),
            ("        base_year: 2020\n", ""),
        ],
        "chi-tieu-khong-khop",
        frozenset(),
    ),
    (
        "boi-so-goc-don-vi-khong-phai-lan",
        [("        unit: lần\n        base_year: 2020\n", '        unit: "%"  # LỖI\n        base_year: 2020\n')],
        "chi-tieu-khong-khop",
        frozenset(),
    ),
    (
        "tham-chieu-khong-co-chuoi",
        [("        reference: ca-nuoc\n", "        reference: ca-vung  # LỖI\n")],
        "chi-tieu-khong-khop",
        frozenset(),
    ),
    (
        "muc-thieu-phep-so-sanh",
        [('        operator: "<"\n        value: 5\n', "        value: 5\n")],
        "chi-tieu-khong-khop",
        frozenset(),
    ),
    (
        "nam-ngoai-thoi-ky",
        [("      - year: 2030\n        kind: muc\n", "      - year: 2035  # LỖI\n        kind: muc\n")],
        "chi-tieu-khong-khop",
        frozenset(),
    ),
    ("linh-vuc-khong-co", [("    area: van-hoa\n", "    area: the-thao  # LỖI\n")], "linh-vuc-khong-co", frozenset()),
    (
        "co-quan-khong-co",
        [("      - agency: so-giao-duc\n", "      - agency: so-y-te  # LỖI\n")],
        "co-quan-khong-co",
        frozenset(),
    ),
    ("ma-doan-khong-co", [("        anchor: ii-2-4\n", "        anchor: ii-9-9  # LỖI\n")], "ma-doan-khong-co", frozenset()),
    (
        "lien-ket-javascript-ghi-chu-so-lieu",
        [("        url: https://example.org/nien-giam\n", "        url: javascript:alert(1)  # LỖI\n")],
        "lien-ket-khong-an-toan",
        frozenset(),
    ),
    (
        "trung-muc-tieu-cung-nam",
        [("      - year: 2030\n        kind: muc\n", "      - year: 2025\n        kind: muc\n")],
        "trung-chi-tieu",
        frozenset(),
    ),
    # A nested field of the wrong type drops the indicator, so its progress file and the
    # task that lists it are reported too; the point here is the line of the nested field.
    (
        "sai-kieu-trong-muc-tieu",
        [('        operator: "<"\n        value: 10\n', '        operator: "<"\n        value: mười  # LỖI\n')],
        "sai-kieu",
        frozenset({"chi-tieu-khong-co"}),
    ),
    (
        "truong-la-trong-muc-tieu",
        [("        base_year: 2020\n", "        base_yaer: 2020  # LỖI\n")],
        "truong-la",
        frozenset({"chi-tieu-khong-co"}),
    ),
]


@pytest.mark.parametrize(("case", "edits", "kind", "also"), INDICATOR_EDITS, ids=[c[0] for c in INDICATOR_EDITS])
def test_indicator_defect(
    case: str, edits: list[tuple[str, str]], kind: str, also: frozenset[str], minimal_dir: Path, run_check
) -> None:
    for old, new in edits:
        edit(minimal_dir, IND, old, new)
    text = (minimal_dir / IND).read_text(encoding="utf-8")
    if MARK in text:
        line = marked_line(minimal_dir / IND)
    else:  # the defect is an absence; it is reported at the target that lacks it
        line = {"muc-thieu-phep-so-sanh": 20, "trung-muc-tieu-cung-nam": 13}[case]
    assert_only(run_check(minimal_dir), kind, IND, line, also=also)


def test_qualitative_target_outside_period(minimal_dir: Path, run_check) -> None:
    edit(
        minimal_dir, IND, "      - year: 2030\n        kind: dinh-tinh\n", "      - year: 2035  # LỖI\n        kind: dinh-tinh\n"
    )
    assert_only(run_check(minimal_dir), "chi-tieu-khong-khop", IND, marked_line(minimal_dir / IND))


def test_two_indicators_of_one_name_get_a_warning_naming_both(minimal_dir: Path, run_check) -> None:
    """Readers could not tell them apart in the list of indicators; the data is still valid (a warning)."""
    edit(
        minimal_dir,
        IND,
        "    name: Mức giảm tỷ lệ hộ nghèo mỗi năm\n",
        "    name: Tỷ lệ hộ nghèo vùng đồng bào dân tộc THIỂU SỐ  # LỖI\n",
    )
    checked = run_check(minimal_dir)
    assert checked.ok, [p.text() for p in checked.problems.errors]
    found = [p for p in checked.problems.warnings if p.kind == "ten-trung"]
    assert [(p.file, p.line) for p in found] == [(IND, marked_line(minimal_dir / IND))]
    assert "«giam-ho-ngheo»" in found[0].message and "«ty-le-ho-ngheo» (dòng 3)" in found[0].message


def test_bad_values_are_quoted_and_listed_in_vietnamese(minimal_dir: Path, run_check) -> None:
    """A value is quoted «…» as every message quotes, not as Python prints it ('…'); the allowed choices are
    listed without pydantic's English «or»."""
    edit(
        minimal_dir,
        IND,
        '      - year: 2025\n        kind: muc\n        operator: "<"\n',
        '      - year: 2025\n        kind: mức  # LỖI\n        operator: "<"\n',
    )
    found = assert_only(run_check(minimal_dir), "gia-tri-khong-hop-le", IND, marked_line(minimal_dir / IND))
    assert "giá trị «mức» không hợp lệ" in found.message, found.message
    assert "«muc», «thay-doi-hang-nam»" in found.text() and " or " not in found.text() and "'" not in found.text()


def test_a_base_year_outside_the_data_years_is_a_warning(minimal_dir: Path, run_check) -> None:
    """Figures of the base year could not be entered: every target would take its earliest figure as base."""
    edit(minimal_dir, "plan.yaml", "data_years:\n  start: 2010\n", "data_years:\n  start: 2021\n")
    edit(minimal_dir, "plan.yaml", "base_year: 2020\n", "base_year: 2020  # LỖI\n")
    for csv in (minimal_dir / "progress").glob("*.csv"):  # figures before 2021 are out of the data years
        lines = csv.read_text(encoding="utf-8").splitlines()
        csv.write_text("\n".join([lines[0], *(x for x in lines[1:] if int(x[:4]) >= 2021)]) + "\n", encoding="utf-8")
    checked = run_check(minimal_dir)
    assert checked.ok, [p.text() for p in checked.problems.errors]
    found = [p for p in checked.problems.warnings if p.kind == "nam-goc-ngoai-nam-so-lieu"]
    assert [(p.file, p.line) for p in found] == [("plan.yaml", marked_line(minimal_dir / "plan.yaml"))]
    assert "2021–2030" in found[0].message and "start: 2020" in found[0].text()


def test_a_plan_without_indicators_is_a_warning(minimal_dir: Path, run_check) -> None:
    path = minimal_dir / IND
    path.write_text("indicators: []\n", encoding="utf-8")
    shutil.rmtree(minimal_dir / "progress")  # (what still refers to an indicator is an error of its own)
    checked = run_check(minimal_dir)
    found = [p for p in checked.problems.warnings if p.kind == "chua-co-chi-tieu"]
    assert [(p.file, p.line) for p in found] == [(IND, 1)], [p.text() for p in checked.problems]


@pytest.mark.parametrize(
    ("rows", "warned"),
    [
        (["2020,0.96,Báo cáo", '2022,"0,975",Báo cáo'], 2),  # 96% and 97,5% entered as fractions
        (["2020,1,Báo cáo", '2022,"0,975",Báo cáo'], 3),  # a «1» (100%?) is no proof of percentages
        (["2020,96,Báo cáo", '2022,"0,975",Báo cáo'], None),  # one figure above 1: figures are percentages
        (["2020,0,Báo cáo", "2022,1,Báo cáo"], None),  # no fraction at all
    ],
    ids=["ca-hai-dong", "co-so-1", "co-so-lon", "khong-co-phan-so"],
)
def test_percentages_entered_as_fractions_are_a_warning(
    rows: list[str], warned: int | None, minimal_dir: Path, run_check
) -> None:
    """Every figure of a % indicator in 0–1 while the plan's target is 95%: a warning at the first fraction's row;
    the figures are kept as written (the checker cannot know that they are wrong)."""
    name = "progress/ty-le-tre-di-hoc.csv"
    (minimal_dir / name).write_text("\n".join(["Năm,Giá trị,Nguồn", *rows]) + "\n", encoding="utf-8")
    checked = run_check(minimal_dir)
    assert checked.ok, [p.text() for p in checked.problems.errors]
    found = [p for p in checked.problems.warnings if p.kind == "ti-le-dang-thap-phan"]
    assert [(p.file, p.line, p.column) for p in found] == ([(name, warned, "Giá trị")] if warned else [])
    if found:
        shown = "«0,96»" if warned == 2 else "«0,975»"
        assert shown in found[0].message and "mục tiêu của kế hoạch là 95%" in found[0].message, found[0].message
    assert len(checked.progress.for_indicator("ty-le-tre-di-hoc")) == 2


def test_wrong_nested_type_cascade_is_reported_not_hidden(minimal_dir: Path, run_check) -> None:
    """When an indicator cannot be read, its progress file is still reported (not silently ignored), as left
    unchecked because of that indicator; what refers to the indicator is not falsely said to name nothing."""
    edit(minimal_dir, IND, '        operator: "<"\n        value: 10\n', '        operator: "<"\n        value: mười\n')
    checked = run_check(minimal_dir)
    notes = [(p.kind, p.file, p.line) for p in checked.problems.warnings if p.kind == "chua-kiem-tra-vi-muc-loi"]
    assert notes == [("chua-kiem-tra-vi-muc-loi", "progress/ty-le-ho-ngheo.csv", None)]
    assert not [p for p in checked.problems if p.kind == "chi-tieu-khong-co"], [p.text() for p in checked.problems]
    assert [p.file for p in checked.problems.errors] == [IND], [p.text() for p in checked.problems.errors]


# --------------------------------------------------------------------------- other YAML files (marked edits)


@pytest.mark.parametrize(
    ("name", "old", "new", "kind"),
    [
        (
            "places.yaml",
            "    level: xa\n    parent: doi-xanh\n    valid_to: 31/12/2021\n  - id: hoa-binh\n",
            "    level: xa\n    valid_to: 31/12/2021\n  - id: hoa-binh\n",
            "thieu-truong",
        ),
        (
            "places.yaml",
            # A unit may sit in any unit of a higher level (after 2025 communes sit in the province), never
            # in one of its own level or below: a commune inside a commune.
            "    parent: doi-xanh\n    valid_from: 01/01/2022\n",
            "    parent: an-lac  # LỖI\n    valid_from: 01/01/2022\n",
            "sai-cap",
        ),
        (
            "places.yaml",
            "    parent: doi-xanh\n    valid_from: 01/01/2022\n",
            "    parent: doi-vang  # LỖI\n    valid_from: 01/01/2022\n",
            "dia-ban-khong-co",
        ),
        (
            "places.yaml",
            "    valid_to: 31/12/2021\n  - id: hoa-binh\n",
            "    valid_to: 31/12/2019  # LỖI\n    valid_from: 01/01/2020\n  - id: hoa-binh\n",
            "sai-ngay",
        ),
        ("plan.yaml", "  to: ban-dan-toc\n", "  to: so-noi-vu  # LỖI\n", "co-quan-khong-co"),
        ("plan.yaml", "place: tinh-mau\n", "place: tinh-khac  # LỖI\n", "dia-ban-khong-co"),
        ("plan.yaml", "milestones:\n  - 2025\n", "milestones:\n  - 2015  # LỖI\n", "ngoai-khoang"),
        ("plan.yaml", "base_year: 2020\n", "base_year: hai nghìn  # LỖI\n", "sai-kieu"),
        ("areas.yaml", "      - mttq-1\n", "      - mttq-9  # LỖI\n", "muc-tieu-khong-co"),
        ("work-status.yaml", "  - task: nv-1\n", "  - task: nv-9  # LỖI\n", "nhiem-vu-khong-co"),
        ("work-status.yaml", "    status: dang-thuc-hien\n", "    status: dang-lam  # LỖI\n", "gia-tri-khong-hop-le"),
        ("work-status.yaml", "        date: 10/12/2023\n", "        date: 20/12/2023  # LỖI\n", "sai-ngay"),
        # Dated after today (TODAY, 01/06/2024): a slip of the year, most often.
        ("work-status.yaml", "    date: 15/12/2023\n", "    date: 15/12/2024  # LỖI\n", "sai-ngay"),
        ("plan.yaml", "date: 04/06/2020\n", "date: 04/06/2029  # LỖI\n", "sai-ngay"),
        (
            "toan-van.md",
            "Sở Giáo dục và Đào tạo nâng cao tỷ lệ trẻ em đi học. {#iv-2}",
            "Sở Giáo dục và Đào tạo nâng cao tỷ lệ trẻ em đi học. {#iv-2}\n\nĐoạn chép lại. {#iv-1}",
            "trung-ma",
        ),
        ("toan-van.md", "{#ket-luan}", "{#Kết_Luận}", "ma-khong-hop-le"),
    ],
    ids=[
        "xa-thieu-cap-tren",
        "sai-cap",
        "cap-tren-khong-co",
        "hieu-luc-nguoc",
        "co-quan-nhan-bao-cao",
        "dia-ban-ke-hoach",
        "moc-ngoai-thoi-ky",
        "nam-goc-sai-kieu",
        "muc-tieu-tong-quat-khong-co",
        "nhiem-vu-khong-co",
        "trang-thai-la",
        "minh-chung-sau-ngay-danh-gia",
        "danh-gia-sau-hom-nay",
        "ke-hoach-sau-hom-nay",
        "toan-van-trung-ma",
        "toan-van-ma-sai",
    ],
)
def test_other_file_defect(name: str, old: str, new: str, kind: str, minimal_dir: Path, run_check) -> None:
    edit(minimal_dir, name, old, new)
    path = minimal_dir / name
    text = path.read_text(encoding="utf-8")
    if MARK in text:
        line = marked_line(path)
    elif name == "places.yaml":  # the missing «parent» is reported at the place that lacks it
        line = 25  # «- id: an-lac»
    else:  # toan-van.md: the line of the new paragraph
        needle = new.splitlines()[-1]
        line = next(i for i, x in enumerate(text.splitlines(), start=1) if x.endswith(needle))
    also = frozenset({"ma-doan-khong-co"}) if new == "{#Kết_Luận}" else frozenset()
    assert_only(run_check(minimal_dir), kind, name, line, also=also)


# --------------------------------------------------------------------------- CSV defects (overlay files)

CSV_CASES = [
    # case folder, kind, file, line, column
    ("csv-ten-tep-khong-co", "chi-tieu-khong-co", "progress/ty-le-khong-co.csv", None, None),
    ("csv-dia-ban-khong-co", "dia-ban-khong-co", "progress/ty-le-ho-ngheo.csv", 3, "Địa bàn"),
    ("csv-chuoi-khong-co", "chuoi-khong-co", "progress/thu-nhap-so-ca-nuoc.csv", 3, "Chuỗi số liệu"),
    ("csv-thieu-gia-tri", "thieu-gia-tri", "progress/ty-le-tre-di-hoc.csv", 3, "Giá trị"),
    ("csv-khong-phai-so", "khong-phai-so", "progress/ty-le-tre-di-hoc.csv", 3, "Giá trị"),
    ("csv-so-mo-ho", "so-mo-ho", "progress/thu-nhap-binh-quan.csv", 3, "Giá trị"),
    ("csv-phan-tram-qua-100", "phan-tram-ngoai-khoang", "progress/ty-le-tre-di-hoc.csv", 3, "Giá trị"),
    ("csv-nam-ngoai-khoang", "nam-ngoai-khoang", "progress/giam-ho-ngheo.csv", 3, "Năm"),
    ("csv-nam-tuong-lai", "nam-ngoai-khoang", "progress/giam-ho-ngheo.csv", 3, "Năm"),
    ("csv-sai-nam", "sai-nam", "progress/giam-ho-ngheo.csv", 3, "Năm"),
    ("csv-trung-dong", "trung-dong", "progress/ty-le-tre-di-hoc.csv", 4, "Năm"),
    ("csv-thieu-nguon", "thieu-nguon", "progress/giam-ho-ngheo.csv", 3, "Nguồn"),
    ("csv-cot-la", "cot-la", "progress/thu-nhap-binh-quan.csv", 1, "Đơn vị tính"),
    ("csv-thieu-cot", "thieu-cot", "progress/thu-nhap-binh-quan.csv", 1, "Nguồn"),
    ("csv-thua-o", "thua-o", "progress/thu-nhap-binh-quan.csv", 3, None),
    ("csv-lien-ket-javascript", "lien-ket-khong-an-toan", "progress/ty-le-tre-di-hoc.csv", 3, "Liên kết nguồn"),
    ("csv-co-khong-hop-le", "co-khong-hop-le", "progress/ty-le-tre-di-hoc.csv", 3, "Sơ bộ"),
    ("csv-sai-ngay", "sai-ngay", "progress/ty-le-tre-di-hoc.csv", 3, "Ngày báo cáo"),
    ("csv-ngay-tuong-lai", "ngay-tuong-lai", "progress/ty-le-tre-di-hoc.csv", 3, "Ngày báo cáo"),
]


@pytest.mark.parametrize(("case", "kind", "file", "line", "column"), CSV_CASES, ids=[c[0] for c in CSV_CASES])
def test_csv_defect(case: str, kind: str, file: str, line: int | None, column: str | None, minimal_dir: Path, run_check) -> None:
    overlay(case, minimal_dir)
    checked = run_check(minimal_dir)
    problem = assert_only(checked, kind, file, line, column)
    assert problem.column == column
    # A row with a problem is reported, never turned into a published number.
    bad_rows = {(o.file, o.line) for o in checked.progress.observations}
    if line is not None and line > 1:
        assert (file, line) not in bad_rows


def test_same_year_other_method_is_not_a_duplicate(minimal_dir: Path, run_check) -> None:
    # The minimal fixture has 2021 twice for the province, with methods A and B.
    checked = run_check(minimal_dir)
    rows = [(o.year, o.method) for o in checked.progress.for_indicator("ty-le-ho-ngheo") if o.place == "tinh-mau"]
    assert (2021, "A") in rows and (2021, "B") in rows
    assert not [p for p in checked.problems if p.kind == "trung-dong"]


def test_place_that_no_longer_exists_is_a_warning_not_an_error(minimal_dir: Path, run_check) -> None:
    (minimal_dir / "progress" / "ty-le-tre-di-hoc.csv").write_text(
        "Năm,Giá trị,Địa bàn,Nguồn\n2020,96,,Báo cáo\n2022,97,An Lạc,Báo cáo\n", encoding="utf-8"
    )
    checked = run_check(minimal_dir)
    warn = [p for p in checked.problems.warnings if p.kind == "dia-ban-het-hieu-luc"]
    assert [(p.file, p.line, p.column) for p in warn] == [("progress/ty-le-tre-di-hoc.csv", 3, "Địa bàn")]
    assert checked.ok


def test_same_name_place_is_resolved_by_year(minimal_dir: Path, run_check) -> None:
    # «Xã Hòa Bình» is hoa-binh-cu until 2021 and the merged hoa-binh from 2022.
    checked = run_check(minimal_dir)
    places = {(o.year, o.place) for o in checked.progress.for_indicator("ty-le-ho-ngheo") if o.value in (35.0, 31.0)}
    assert places == {(2021, "hoa-binh-cu"), (2023, "hoa-binh")}


# --------------------------------------------------------------------------- CSV bytes that are not UTF-8 text

ROWS_VI = "Năm,Giá trị,Nguồn\n2020,96,Báo cáo ngành giáo dục\n"


def _cp1258_bytes() -> bytes:
    # Windows-1258 writes «â» as 0xE2 and the dot below of «ộ» as a combining 0xF2.
    return b"Nam,Gia tri,Nguon\n2020,96,Ban D\xe2n t\xf4\xf2c\n"


@pytest.mark.parametrize(
    ("case", "payload", "kind", "line"),
    [
        ("windows-1258", _cp1258_bytes(), "ma-hoa", 2),
        ("cp1252", "Nam,Gia tri,Nguon\n2020,96,Báo cáo\n".encode("cp1252"), "ma-hoa", 2),
        ("utf-16", ROWS_VI.encode("utf-16"), "ma-hoa", 1),
        ("utf-16-be", b"\xfe\xff" + ROWS_VI.encode("utf-16-be"), "ma-hoa", 1),
        ("nul-byte", b"Nam,Gia tri,Nguon\n2020,96\x00,Bao cao\n", "ky-tu-dieu-khien", 2),
    ],
    ids=lambda x: x if isinstance(x, str) else None,
)
def test_csv_wrong_encoding(case: str, payload: bytes, kind: str, line: int, minimal_dir: Path, run_check) -> None:
    (minimal_dir / "progress" / "ty-le-tre-di-hoc.csv").write_bytes(payload)
    assert_only(run_check(minimal_dir), kind, "progress/ty-le-tre-di-hoc.csv", line)


def test_xlsx_saved_as_csv(minimal_dir: Path, run_check) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Năm", "Giá trị", "Nguồn"])
    ws.append([2020, 96, "Báo cáo ngành giáo dục"])
    buf = io.BytesIO()
    wb.save(buf)
    (minimal_dir / "progress" / "ty-le-tre-di-hoc.csv").write_bytes(buf.getvalue())
    assert_only(run_check(minimal_dir), "khong-phai-csv", "progress/ty-le-tre-di-hoc.csv", None)


def test_xlsx_file_in_progress_folder(minimal_dir: Path, run_check) -> None:
    (minimal_dir / "progress" / "ty-le-tre-di-hoc.xlsx").write_bytes(b"PK\x03\x04rest")
    assert_only(run_check(minimal_dir), "khong-phai-csv", "progress/ty-le-tre-di-hoc.xlsx", None)


def test_file_in_subfolder_of_progress(minimal_dir: Path, run_check) -> None:
    sub = minimal_dir / "progress" / "cu"
    sub.mkdir()
    (sub / "ty-le-tre-di-hoc.csv").write_text(ROWS_VI, encoding="utf-8")
    assert_only(run_check(minimal_dir), "sai-vi-tri", "progress/cu/ty-le-tre-di-hoc.csv", None)


def test_unclosed_quote_is_a_csv_syntax_problem(minimal_dir: Path, run_check) -> None:
    (minimal_dir / "progress" / "ty-le-tre-di-hoc.csv").write_text(
        'Năm,Giá trị,Nguồn\n2020,96,Báo cáo\n2022,"97,5,Báo cáo\n', encoding="utf-8"
    )
    checked = run_check(minimal_dir)
    found = [p for p in checked.problems.errors if p.file == "progress/ty-le-tre-di-hoc.csv"]
    assert [p.kind for p in found] == ["csv-cu-phap"]
    assert found[0].line is not None and found[0].line >= 3


def test_empty_csv(minimal_dir: Path, run_check) -> None:
    (minimal_dir / "progress" / "ty-le-tre-di-hoc.csv").write_bytes(b"\xef\xbb\xbf\r\n")
    assert_only(run_check(minimal_dir), "tep-rong", "progress/ty-le-tre-di-hoc.csv", 1)


# --------------------------------------------------------------------------- missing or empty files


@pytest.mark.parametrize(
    "name", ["plan.yaml", "areas.yaml", "indicators.yaml", "tasks.yaml", "agencies.yaml", "places.yaml", "toan-van.md"]
)
def test_missing_required_file(name: str, minimal_dir: Path, run_check) -> None:
    (minimal_dir / name).unlink()
    checked = run_check(minimal_dir)
    assert [p for p in checked.problems.errors if p.kind == "thieu-tep" and p.file == name]
    assert not checked.ok


def test_missing_work_status_is_fine(minimal_dir: Path, run_check) -> None:
    (minimal_dir / "work-status.yaml").unlink()
    assert run_check(minimal_dir).ok


@pytest.mark.parametrize("name", ["areas.yaml", "indicators.yaml", "tasks.yaml", "agencies.yaml"])
def test_empty_list_file(name: str, minimal_dir: Path, run_check) -> None:
    (minimal_dir / name).write_text("# chưa có nội dung\n", encoding="utf-8")
    checked = run_check(minimal_dir)
    assert [p for p in checked.problems.errors if p.kind == "tep-rong" and p.file == name]


@pytest.mark.parametrize("name", ["plan.yaml", "places.yaml"])
@pytest.mark.parametrize("content", ["", "# chưa có nội dung\n", "null\n"])
def test_empty_plan_or_places_is_an_error(name: str, content: str, minimal_dir: Path, run_check) -> None:
    # Formerly (before 1ddfdc5) an empty plan.yaml/places.yaml was silently ignored and the check passed.
    (minimal_dir / name).write_text(content, encoding="utf-8")
    checked = run_check(minimal_dir)
    assert [p for p in checked.problems.errors if p.kind == "tep-rong" and p.file == name]
    assert not checked.ok


def test_cli_empty_plan_exits_one(minimal_dir: Path) -> None:
    (minimal_dir / "plan.yaml").write_text("", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", str(minimal_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=cli_env(TODAY, GITHUB_ACTIONS=""),
    )
    assert res.returncode == 1, res.stdout


def test_missing_data_folder(tmp_path: Path) -> None:
    result = check(tmp_path / "khong-co", TODAY)
    assert [p.kind for p in result.problems.errors] == ["thieu-thu-muc"]
    assert not result.ok


def test_missing_progress_folder(minimal_dir: Path, run_check) -> None:
    shutil.rmtree(minimal_dir / "progress")
    assert_only(run_check(minimal_dir), "thieu-thu-muc", "progress", None)


# --------------------------------------------------------------------------- many defects at once

# One defect per file, so the defects do not hide each other.
MANY_OVERLAYS = [
    c for c in YAML_CASES if c[0] in ("yaml-trung-khoa", "co-quan-khong-co", "ma-doan-khong-co", "lien-ket-javascript-minh-chung")
]
MANY_CSV = [
    c
    for c in CSV_CASES
    if c[0]
    in (
        "csv-ten-tep-khong-co",
        "csv-dia-ban-khong-co",
        "csv-chuoi-khong-co",
        "csv-trung-dong",
        "csv-so-mo-ho",
        "csv-nam-ngoai-khoang",
    )
]
MANY_EDITS = [c for c in INDICATOR_EDITS if c[0] in ("thay-doi-hang-nam-don-vi-phan-tram", "linh-vuc-khong-co")]


def _many_defects(folder: Path) -> list[tuple[str, str, int | None, str | None]]:
    expected: list[tuple[str, str, int | None, str | None]] = []
    for case, kind, file, line, _also in MANY_OVERLAYS:
        overlay(case, folder)
        expected.append((kind, file, line, None))
    for case, kind, file, line, column in MANY_CSV:
        overlay(case, folder)
        expected.append((kind, file, line, column))
    text = (folder / IND).read_text(encoding="utf-8")
    for _case, edits, kind, _also in MANY_EDITS:
        for old, new in edits:
            assert text.count(old) == 1
            text = text.replace(old, new.replace(MARK, f"{MARK}:{kind}"))
    (folder / IND).write_text(text, encoding="utf-8")
    for i, row in enumerate(text.splitlines(), start=1):
        if MARK in row:
            expected.append((row.split(f"{MARK}:")[1].strip(), IND, i, None))
    return expected


def test_many_defects_are_all_reported_at_once(minimal_dir: Path, run_check) -> None:
    expected = _many_defects(minimal_dir)
    assert len(expected) == 12
    checked = run_check(minimal_dir)
    assert len(checked.problems.errors) >= len(expected)
    for kind, file, line, column in expected:
        assert matching(checked, kind, file, line, column), (kind, file, line, column)


def test_many_defects_cli_exits_one_without_traceback(minimal_dir: Path) -> None:
    expected = _many_defects(minimal_dir)
    env = cli_env(TODAY, GITHUB_ACTIONS="")
    env.pop("PLANSITE_DEBUG", None)
    res = subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", str(minimal_dir)], cwd=REPO, capture_output=True, text=True, env=env
    )
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "Traceback" not in out
    assert out.count("LỖI ") >= len(expected)


def test_cli_github_annotations(minimal_dir: Path) -> None:
    overlay("csv-dia-ban-khong-co", minimal_dir)
    res = subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", str(minimal_dir)],
        cwd=minimal_dir,
        capture_output=True,
        text=True,
        env=cli_env(TODAY, GITHUB_ACTIONS="true"),
    )
    assert res.returncode == 1
    assert "::error file=progress/ty-le-ho-ngheo.csv,line=3,title=dia-ban-khong-co::" in res.stdout


def test_cli_judges_on_plansite_today(minimal_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """«A year still to come» is relative to PLANSITE_TODAY when it is set (as for the site build)."""
    from plansite.cli import main

    overlay("csv-nam-tuong-lai", minimal_dir)  # a figure for 2025
    monkeypatch.setenv("PLANSITE_TODAY", TODAY.isoformat())
    assert main(["check", "--data", str(minimal_dir)]) == 1
    assert "progress/giam-ho-ngheo.csv" in capsys.readouterr().out
    monkeypatch.setenv("PLANSITE_TODAY", "2026-01-15")
    assert main(["check", "--data", str(minimal_dir)]) == 0, capsys.readouterr().out
    monkeypatch.setenv("PLANSITE_TODAY", "15/01/2026")
    assert main(["check", "--data", str(minimal_dir)]) == 2
    assert "PLANSITE_TODAY='15/01/2026' không phải ngày dạng yyyy-mm-dd." in capsys.readouterr().err


def test_cli_missing_folder_exits_one(tmp_path: Path) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "plansite", "check", "--data", str(tmp_path / "khong-co")],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=cli_env(TODAY),
    )
    assert res.returncode == 1
    assert "Traceback" not in res.stdout + res.stderr


# --------------------------------------------------------------------------- locations of cross-file duplicates
# (these were imprecise — file tasks.yaml or line None — before commit 1ddfdc5)


def test_duplicate_duty_id_points_at_agencies_yaml(minimal_dir: Path, run_check) -> None:
    edit(minimal_dir, "agencies.yaml", "      - id: sgd-1\n", "      - id: bdt-1  # LỖI\n")
    checked = run_check(minimal_dir)
    assert matching(checked, "trung-ma", "agencies.yaml", 8)  # the first «bdt-1»
    assert matching(checked, "trung-ma", "agencies.yaml", marked_line(minimal_dir / "agencies.yaml"))
    assert len(checked.problems.errors) == 2


def test_duplicate_point_id_across_tasks_and_agencies(minimal_dir: Path, run_check) -> None:
    edit(minimal_dir, "tasks.yaml", "      - id: nv-1-a\n", "      - id: bdt-1  # LỖI\n")
    checked = run_check(minimal_dir)
    assert matching(checked, "trung-ma", "agencies.yaml", 8)
    assert matching(checked, "trung-ma", "tasks.yaml", marked_line(minimal_dir / "tasks.yaml"))
    assert len(checked.problems.errors) == 2


def test_duplicate_place_id_has_a_line(minimal_dir: Path, run_check) -> None:
    edit(minimal_dir, "places.yaml", "  - id: an-lac\n", "  - id: hoa-binh  # LỖI\n")
    checked = run_check(minimal_dir)
    assert matching(checked, "trung-ma", "places.yaml", marked_line(minimal_dir / "places.yaml"))
    assert matching(checked, "trung-ma", "places.yaml", 31)  # the other «hoa-binh»


def test_unsafe_event_url_has_a_line(minimal_dir: Path, run_check) -> None:
    edit(minimal_dir, "places.yaml", "    url: https://example.org/nghi-quyet-mau\n", "    url: javascript:alert(1)  # LỖI\n")
    assert_only(run_check(minimal_dir), "lien-ket-khong-an-toan", "places.yaml", marked_line(minimal_dir / "places.yaml"))


def test_milestone_outside_period_points_at_the_year(minimal_dir: Path, run_check) -> None:
    edit(minimal_dir, "plan.yaml", "  - 2030\n", "  - 2035  # LỖI\n")
    assert_only(run_check(minimal_dir), "ngoai-khoang", "plan.yaml", marked_line(minimal_dir / "plan.yaml"))
