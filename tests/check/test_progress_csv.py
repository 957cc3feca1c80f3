"""Reading staff CSV files: forgiving where safe (BOM, CRLF, Excel quoting, «;», no diacritics), exact values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from plansite import model as m
from plansite.check.progress import (
    COLUMN_BY_KEY,
    COLUMNS,
    HEADER,
    Observation,
    PlaceIndex,
    read_progress,
    read_table,
    sniff_delimiter,
)
from plansite.check.references import load_plan
from plansite.problems import Problems
from plansite.vi.text import key
from testkit import SYNTH_TODAY, TODAY, read_only

FILE = "ty-le-tre-di-hoc.csv"


def _read(folder: Path, payload: bytes, name: str = FILE) -> tuple[list[Observation], Problems]:
    (folder / "progress" / name).write_bytes(payload)
    problems = Problems(root=folder)
    plan = load_plan(folder, problems)
    assert plan is not None
    progress = read_progress(folder, plan, problems, today=TODAY)
    return [o for o in progress.observations if o.file == f"progress/{name}"], problems


def _errors_in(problems: Problems, name: str = FILE) -> list[tuple[str, int | None, str | None]]:
    return [(p.kind, p.line, p.column) for p in problems.errors if p.file == f"progress/{name}"]


def test_bom_crlf_excel_quoting_comma(minimal_dir: Path) -> None:
    text = (
        "Năm,Giá trị,Nguồn,Ghi chú,Sơ bộ\r\n"
        '2020,"96,25","Báo cáo số 1, năm 2020","Theo ""chuẩn mới"" của Bộ",\r\n'
        '2022,"97,5","Báo cáo số 2, năm 2022",,x\r\n'
    )
    obs, problems = _read(minimal_dir, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert _errors_in(problems) == []
    assert [(o.year, o.value, o.source, o.note, o.preliminary, o.line) for o in obs] == [
        (2020, 96.25, "Báo cáo số 1, năm 2020", 'Theo "chuẩn mới" của Bộ', False, 2),
        (2022, 97.5, "Báo cáo số 2, năm 2022", "", True, 3),
    ]


def test_semicolon_and_headers_without_diacritics(minimal_dir: Path) -> None:
    text = (
        "\ufeffNam;Gia tri;Nguon;Dia ban;Ngay bao cao;Uoc tinh\r\n"
        "2020;96,25;Báo cáo số 1, năm 2020;Suối Bạc;15/12/2020;\r\n"
        '2022;"1.097,5";"Báo cáo ""B""; bản 2";suoi-bac;2023-01-31;ước tính\r\n'
    )
    obs, problems = _read(minimal_dir, text.encode("utf-8"), name="thu-nhap-binh-quan.csv")
    assert _errors_in(problems, "thu-nhap-binh-quan.csv") == []
    assert [(o.year, o.value, o.source, o.place, o.reported, o.estimate) for o in obs] == [
        (2020, 96.25, "Báo cáo số 1, năm 2020", "suoi-bac", dt.date(2020, 12, 15), False),
        (2022, 1097.5, 'Báo cáo "B"; bản 2', "suoi-bac", dt.date(2023, 1, 31), True),
    ]


def test_lowercase_and_underscore_headers(minimal_dir: Path) -> None:
    obs, problems = _read(minimal_dir, "nam,gia_tri,nguon,lien_ket\n2020,96,Báo cáo,https://example.org/a\n".encode())
    assert _errors_in(problems) == []
    assert [(o.year, o.value, o.url) for o in obs] == [(2020, 96.0, "https://example.org/a")]


def test_tab_separated(minimal_dir: Path) -> None:
    obs, problems = _read(minimal_dir, "Năm\tGiá trị\tNguồn\n2020\t96,5\tBáo cáo, bản 1\n".encode())
    assert _errors_in(problems) == []
    assert [(o.year, o.value, o.source) for o in obs] == [(2020, 96.5, "Báo cáo, bản 1")]


def test_quoted_cell_with_line_break_keeps_line_numbers(minimal_dir: Path) -> None:
    text = 'Năm,Giá trị,Nguồn,Ghi chú\n2020,96,Báo cáo,"dòng một\ndòng hai"\n2022,101,Báo cáo,\n'
    obs, problems = _read(minimal_dir, text.encode())
    assert [o.note for o in obs] == ["dòng một\ndòng hai"]
    # the second record starts on physical line 4 and ends there
    assert _errors_in(problems) == [("phan-tram-ngoai-khoang", 4, "Giá trị")]


def test_excel_float_year_and_percent_sign(minimal_dir: Path) -> None:
    obs, problems = _read(minimal_dir, "Năm,Giá trị,Nguồn\n2020.0,96%,Báo cáo\n2021, 95 ,  Báo cáo  \n".encode())
    assert _errors_in(problems) == []
    assert [(o.year, o.value, o.source) for o in obs] == [(2020, 96.0, "Báo cáo"), (2021, 95.0, "Báo cáo")]


def test_blank_rows_are_skipped(minimal_dir: Path) -> None:
    obs, problems = _read(minimal_dir, "Năm,Giá trị,Nguồn\n\n2020,96,Báo cáo\n,,\n".encode())
    assert _errors_in(problems) == []
    assert [(o.year, o.line) for o in obs] == [(2020, 3)]


def test_short_rows_are_padded(minimal_dir: Path) -> None:
    obs, problems = _read(minimal_dir, "Năm,Giá trị,Nguồn,Ghi chú,Sơ bộ\n2020,96,Báo cáo\n".encode())
    assert _errors_in(problems) == []
    assert [(o.year, o.note, o.preliminary) for o in obs] == [(2020, "", False)]


def test_trailing_empty_cells_are_not_extra(minimal_dir: Path) -> None:
    obs, problems = _read(minimal_dir, "Năm,Giá trị,Nguồn\n2020,96,Báo cáo,,\n".encode())
    assert _errors_in(problems) == []
    assert len(obs) == 1


def test_agency_by_name_or_id(minimal_dir: Path) -> None:
    text = "Năm,Giá trị,Nguồn,Cơ quan báo cáo\n2020,96,Báo cáo,Sở GD&ĐT\n2021,96,Báo cáo,so giao duc va dao tao\n2022,97,Báo cáo,so-giao-duc\n"
    obs, problems = _read(minimal_dir, text.encode())
    assert _errors_in(problems) == []
    assert [o.agency for o in obs] == ["so-giao-duc"] * 3


def test_unknown_agency(minimal_dir: Path) -> None:
    _obs, problems = _read(minimal_dir, "Năm,Giá trị,Nguồn,Cơ quan báo cáo\n2020,96,Báo cáo,Sở Y tế\n".encode())
    assert _errors_in(problems) == [("co-quan-khong-co", 2, "Cơ quan báo cáo")]


def test_report_date_before_data_year(minimal_dir: Path) -> None:
    _obs, problems = _read(minimal_dir, "Năm,Giá trị,Nguồn,Ngày báo cáo\n2022,96,Báo cáo,15/12/2021\n".encode())
    assert _errors_in(problems) == [("sai-ngay", 2, "Ngày báo cáo")]


def test_duplicate_header(minimal_dir: Path) -> None:
    _obs, problems = _read(minimal_dir, "Năm,Giá trị,Nguồn,Nguon\n2020,96,a,b\n".encode())
    assert _errors_in(problems) == [("cot-trung", 1, "Nguon")]


def test_header_without_name(minimal_dir: Path) -> None:
    _obs, problems = _read(minimal_dir, "Năm,Giá trị,,Nguồn\n2020,96,,a\n".encode())
    assert _errors_in(problems) == [("cot-khong-ten", 1, "#3")]


def test_control_character_in_cell(minimal_dir: Path) -> None:
    _obs, problems = _read(minimal_dir, "Năm,Giá trị,Nguồn\n2020,96,Báo\x0bcáo\n".encode())
    assert _errors_in(problems) == [("ky-tu-dieu-khien", 2, "Nguồn")]


def test_cell_too_long(minimal_dir: Path) -> None:
    _obs, problems = _read(minimal_dir, ("Năm,Giá trị,Nguồn\n2020,96," + "a" * 2001 + "\n").encode())
    assert _errors_in(problems) == [("o-qua-dai", 2, "Nguồn")]


def test_ambiguous_place(minimal_dir: Path) -> None:
    # «Hòa Bình» is two communes; without a valid year it cannot be told apart.
    text = "Năm,Giá trị,Nguồn,Địa bàn\n2019,96,Báo cáo,Xã Hòa Bình\n"
    _obs, problems = _read(minimal_dir, text.encode(), name="ty-le-ho-ngheo.csv")
    assert _errors_in(problems, "ty-le-ho-ngheo.csv") == []
    text = "Năm,Giá trị,Nguồn,Địa bàn\nnăm ngoái,96,Báo cáo,Xã Hòa Bình\n"
    _obs, problems = _read(minimal_dir, text.encode(), name="ty-le-ho-ngheo.csv")
    assert _errors_in(problems, "ty-le-ho-ngheo.csv") == [("sai-nam", 2, "Năm"), ("dia-ban-mo-ho", 2, "Địa bàn")]


def test_every_problem_of_a_row_is_reported(minimal_dir: Path) -> None:
    text = "Năm,Giá trị,Nguồn,Liên kết nguồn,Sơ bộ\n1999,abc,,javascript:x,có lẽ\n"
    _obs, problems = _read(minimal_dir, text.encode())
    assert sorted(_errors_in(problems)) == sorted(
        [
            ("nam-ngoai-khoang", 2, "Năm"),
            ("khong-phai-so", 2, "Giá trị"),
            ("thieu-nguon", 2, "Nguồn"),
            ("lien-ket-khong-an-toan", 2, "Liên kết nguồn"),
            ("co-khong-hop-le", 2, "Sơ bộ"),
        ]
    )


def test_the_problems_of_a_row_are_listed_in_the_order_of_the_columns(minimal_dir: Path) -> None:
    """As staff read the row, left to right in the template (not by the column names' alphabet), on any order
    of the file's own columns."""
    text = "Sơ bộ,Liên kết nguồn,Nguồn,Giá trị,Năm\ncó lẽ,javascript:x,,abc,1999\n"
    _obs, problems = _read(minimal_dir, text.encode())
    columns = [p.column for p in problems.sorted() if p.file == f"progress/{FILE}"]
    assert columns == ["Năm", "Giá trị", "Nguồn", "Liên kết nguồn", "Sơ bộ"]


def test_a_plan_that_takes_no_year_yet_says_so(minimal_dir: Path) -> None:
    """data_years starting after this year: not «outside 2027–2026», which reads as a range."""
    plan = minimal_dir / "plan.yaml"
    first = TODAY.year + 1
    text = plan.read_text(encoding="utf-8").replace("data_years:\n  start: 2010\n", f"data_years:\n  start: {first}\n")
    base = plan.read_text(encoding="utf-8").split("base_year: ")[1].split("\n")[0]
    plan.write_text(text.replace(f"base_year: {base}", f"base_year: {first}"), encoding="utf-8")
    _obs, problems = _read(minimal_dir, f"Năm,Giá trị,Nguồn\n{TODAY.year},26,Báo cáo\n".encode())
    mine = [p for p in problems.errors if p.file == f"progress/{FILE}"]
    assert [(p.kind, p.line, p.column) for p in mine] == [("chua-nhan-nam-nao", 2, "Năm")], [p.text() for p in problems]
    assert f"bắt đầu từ năm {first}, sau năm nay ({TODAY.year})" in mine[0].message
    assert f"{first}–{TODAY.year}" not in mine[0].text()


def test_an_indicator_refused_for_one_field_is_not_reported_as_missing(minimal_dir: Path) -> None:
    """One bad field refuses the indicator; its progress file and what refers to it are then left unchecked with a
    note, not reported as naming «no indicator» (each such message was false)."""
    from plansite.pipeline import check

    ind = minimal_dir / "indicators.yaml"
    text = ind.read_text(encoding="utf-8")
    assert text.index("decimals: 2") < text.index("  - id: giam-ho-ngheo"), "the first indicator has decimals: 2"
    ind.write_text(text.replace("decimals: 2", "decimals: -1", 1), encoding="utf-8")
    problems = check(minimal_dir, TODAY).problems
    named = lambda items: [(Path(p.file).resolve().relative_to(minimal_dir.resolve()).as_posix(), p.kind) for p in items]  # noqa: E731
    assert named(problems.errors) == [("indicators.yaml", "ngoai-khoang")], [p.text() for p in problems.errors]
    notes = named(p for p in problems.warnings if p.kind == "chua-kiem-tra-vi-muc-loi")
    assert notes == [("progress/ty-le-ho-ngheo.csv", "chua-kiem-tra-vi-muc-loi")]


def test_header_only_file_has_no_rows(minimal_dir: Path) -> None:
    obs, problems = _read(minimal_dir, ",".join(HEADER).encode() + b"\n")
    assert obs == [] and _errors_in(problems) == []


def test_full_header_accepted_by_label_and_by_id() -> None:
    for col in COLUMNS:
        assert COLUMN_BY_KEY[key(col.label)] is col
        assert COLUMN_BY_KEY[key(col.id)] is col
    assert [c.id for c in COLUMNS if c.required] == ["nam", "gia_tri", "nguon"]


@pytest.mark.parametrize(
    ("line", "delim"),
    [
        ("Năm,Giá trị,Nguồn", ","),
        ("Năm;Giá trị;Nguồn", ";"),
        ("Năm\tGiá trị\tNguồn", "\t"),
        ("Năm", ","),
        ("Năm;Giá trị,Nguồn;Ghi chú", ";"),
    ],
)
def test_sniff_delimiter(line: str, delim: str) -> None:
    assert sniff_delimiter(line) == delim


def test_read_table_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_bytes(b"a,b\r\n1,2\r\n\r\n3,4\r\n")
    problems = Problems(root=tmp_path)
    table = read_table(p, problems)
    assert table is not None and table.header == ["a", "b"]
    assert table.rows() == [(2, ["1", "2"]), (3, ["", ""]), (4, ["3", "4"])]  # a blank line is a row of empty cells
    assert problems.files_checked == {"a.csv"}


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # a quoted cell spanning lines: a record's line is the line it ends on
        ('a,b\n1,"x\ny"\n2,z\n', [(3, ["1", "x\ny"]), (4, ["2", "z"])]),
        # no line break at the end
        ("a,b\n1,2", [(2, ["1", "2"])]),
        # more cells than the header: read by the csv module, the extra cells kept
        ("a,b\n1,2,3\n4\n", [(2, ["1", "2", "3"]), (3, ["4", ""])]),
        # a quote inside an unquoted cell is a character of the cell
        ('a,b\n1,ab"c\n', [(2, ["1", 'ab"c'])]),
        # doubled quotes, an empty quoted cell, «;» as separator
        ('a;b\n"x""y";""\n', [(2, ['x"y', ""])]),
    ],
)
def test_read_table_records(tmp_path: Path, text: str, rows: list[tuple[int, list[str]]]) -> None:
    p = tmp_path / "a.csv"
    p.write_bytes(text.encode())
    problems = Problems(root=tmp_path)
    table = read_table(p, problems)
    assert table is not None and problems.errors == []
    assert table.rows() == rows


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('a,b\n1,"x"y\n', 2),
        ('a,b\n1,2\n3,"4\n5,6\n', 3),  # where the quote opens, not where the file ends
        ('a,b\n1,"2"  \n', 2),
    ],
    ids=["text-after-closing-quote", "quote-not-closed", "spaces-after-closing-quote"],
)
def test_read_table_csv_syntax(tmp_path: Path, text: str, line: int) -> None:
    import csv

    p = tmp_path / "a.csv"
    p.write_bytes(text.encode())
    problems = Problems(root=tmp_path)
    limit = csv.field_size_limit(131_072)  # the module's default (frictionless, once imported, raises it)
    try:
        assert read_table(p, problems) is None
    finally:
        csv.field_size_limit(limit)
    assert [(x.kind, x.line) for x in problems.errors] == [("csv-cu-phap", line)]


def _place(
    pid: str,
    name: str,
    kind: str,
    level: str,
    parent: str | None = None,
    valid_from: str | None = None,
    valid_to: str | None = None,
    aliases: tuple[str, ...] = (),
) -> m.Place:
    return m.Place.model_validate(
        {
            "id": pid,
            "name": name,
            "kind": kind,
            "level": level,
            "parent": parent,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "aliases": list(aliases),
        }
    )


def test_place_index() -> None:
    idx = PlaceIndex(
        [
            _place("t", "Mẫu", "Tỉnh", "tinh", aliases=("toàn tỉnh",)),
            _place("a", "Đồi Xanh", "Huyện", "huyen", "t"),
            _place("old", "Hòa Bình", "Xã", "xa", "a", valid_to="31/12/2021"),
            _place("new", "Hòa Bình", "Xã", "xa", "a", valid_from="01/01/2022"),
        ]
    )
    assert idx.find("a", None)[0].id == "a"
    assert idx.find("Huyện Đồi Xanh", None)[0].id == "a"
    assert idx.find("huyen doi xanh", None)[0].id == "a"
    assert idx.find("  Đồi   Xanh ", None)[0].id == "a"
    assert idx.find("Hòa Bình", 2021)[0].id == "old"
    assert idx.find("Xã Hòa Bình", 2022)[0].id == "new"
    place, why = idx.find("Hòa Bình", None)
    assert place is None and why.startswith("ambiguous:")
    assert idx.find("Núi Cao", 2020) == (None, "unknown")


# ------------------------------------------------------------------ large files, one broken cell


def _read_all(folder: Path, today: dt.date) -> tuple[list[Observation], list[tuple[object, ...]]]:
    problems = Problems(root=folder)
    plan = load_plan(folder, problems)
    assert plan is not None
    progress = read_progress(folder, plan, problems, today=today)
    return progress.observations, [(p.kind, p.file, p.line, p.column, p.message, p.hint, p.severity) for p in problems.sorted()]


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Shared read-only by the module: a test that breaks a cell copies it first."""
    from benchmarks.synth import generate

    yield from read_only(generate(tmp_path_factory.mktemp("synth") / "data", 4, 7, 5, today=SYNTH_TODAY), "the synthetic data")


def _data_rows(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in (folder / "progress").glob("*.csv"))


def test_clean_synthetic_data(synth_dir: Path) -> None:
    obs, problems = _read_all(synth_dir, SYNTH_TODAY)
    assert problems == []
    assert len(obs) == _data_rows(synth_dir) > 50


def _set_cell(folder: Path, row: int, col: str, value: str, file: int = 0) -> str:
    """Change one cell of a progress file (``row`` counts data rows from 0); return its name."""
    import csv as csvmod
    import io

    path = sorted((folder / "progress").glob("*.csv"))[file]
    rows = list(csvmod.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    if col == "*dup":
        rows.append(list(rows[1 + row]))
    else:
        rows[1 + row][rows[0].index(col)] = value
    out = io.StringIO()
    csvmod.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path.name


BREAKS = [
    ("Năm", "", "thieu-nam"),
    ("Năm", "20x5", "sai-nam"),
    ("Năm", "1990", "nam-ngoai-khoang"),
    ("Năm", "2031", "nam-ngoai-khoang"),
    ("Giá trị", "", "thieu-gia-tri"),
    ("Giá trị", "1.234", "so-mo-ho"),
    ("Giá trị", "mười", "khong-phai-so"),
    ("Giá trị", "1\n2", "khong-phai-so"),  # a quoted line break: two plain figures on two lines of one cell
    ("Giá trị", "150", "phan-tram-ngoai-khoang"),  # in the second file, a percentage
    ("Địa bàn", "Nơi không có", "dia-ban-khong-co"),
    ("Chuỗi số liệu", "khong-co", "chuoi-khong-co"),
    ("Nguồn", "  ", "thieu-nguon"),
    ("Liên kết nguồn", "javascript:alert(1)", "lien-ket-khong-an-toan"),
    ("Cơ quan báo cáo", "Sở Không Có", "co-quan-khong-co"),
    ("Ngày báo cáo", "31/02/2024", "sai-ngay"),
    ("Ngày báo cáo", "01/01/2099", "ngay-tuong-lai"),
    ("Ngày báo cáo", "01/01/2001", "sai-ngay"),
    ("Sơ bộ", "có lẽ", "co-khong-hop-le"),
    ("Ước tính", "?", "co-khong-hop-le"),
    ("Ghi chú", "a\x07b", "ky-tu-dieu-khien"),
    ("Ghi chú", "x" * 2001, "o-qua-dai"),
    ("*dup", "", "trung-dong"),
]


@pytest.mark.parametrize(("col", "value", "kind"), BREAKS, ids=[f"{c}={v[:12]!r}" for c, v, _ in BREAKS])
def test_one_broken_cell_of_a_large_file(synth_dir: Path, tmp_path: Path, col: str, value: str, kind: str) -> None:
    """The broken row is reported at its line, and only it: every other row of every file is still read."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(synth_dir, folder)
    file = 1 if value == "150" else 0
    name = _set_cell(folder, 2, col, value, file)
    obs, problems = _read_all(folder, SYNTH_TODAY)
    text = (folder / "progress" / name).read_text(encoding="utf-8")
    # data row 2 ends on line 4 (on line 5 when its cell spans two lines); a repeated row is the last one
    line = text.count("\n") if col == "*dup" else 4 + value.count("\n")
    assert [(p[0], p[1], p[2]) for p in problems] == [(kind, f"progress/{name}", line)]
    assert len(obs) == _data_rows(folder) - 1 - (1 if "\n" in value else 0)
    assert (f"progress/{name}", line) not in {(o.file, o.line) for o in obs}


def test_a_method_spelled_two_ways_is_one_method_with_a_warning(minimal_dir: Path) -> None:
    """Case, spaces or diacritics do not start a new method (the status compares methods); the row is told."""
    text = (
        "Năm,Giá trị,Nguồn,Phương pháp\n"
        "2019,96,Báo cáo,Chuẩn nghèo đa chiều\n"
        "2020,96.5,Báo cáo,Chuẩn  nghèo đa chiều \n"
        "2021,97,Báo cáo,chuan ngheo da chieu\n"
        "2022,97.5,Báo cáo,Chuẩn mới\n"
    )
    obs, problems = _read(minimal_dir, text.encode())
    assert _errors_in(problems) == []
    assert [o.method for o in obs] == ["Chuẩn nghèo đa chiều"] * 3 + ["Chuẩn mới"]
    warned = [(p.kind, p.line, p.column) for p in problems.warnings if p.file == f"progress/{FILE}"]
    assert warned == [("phuong-phap-viet-khac", 3, "Phương pháp"), ("phuong-phap-viet-khac", 4, "Phương pháp")]
    message = next(p.message for p in problems.warnings if p.line == 4)
    assert "«chuan ngheo da chieu»" in message and "«Chuẩn nghèo đa chiều» (dòng 2)" in message


def test_empty_columns_at_the_right_end_are_left_out_with_a_warning(minimal_dir: Path) -> None:
    """Excel writes «,,,» on every line, header included, when its used range is wider than the table."""
    obs, problems = _read(minimal_dir, "Năm,Giá trị,Nguồn,,,\r\n2020,96,Báo cáo,,,\r\n2021,97,Báo cáo,, ,\r\n".encode())
    assert _errors_in(problems) == []
    assert [(o.year, o.value) for o in obs] == [(2020, 96.0), (2021, 97.0)]
    warned = [(p.kind, p.line) for p in problems.warnings if p.file == f"progress/{FILE}"]
    assert warned == [("cot-trong-cuoi", 1)]
    assert "3 cột cuối bảng (từ cột thứ 4)" in problems.warnings[0].message


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Năm,Giá trị,Nguồn,,\n2020,96,Báo cáo,ghi chú,\n", ("cot-khong-ten", 1, "#4")),
        ("Năm,Giá trị,Nguồn\n2020,Giá trị,Báo cáo\n", ("khong-phai-so", 2, "Giá trị")),
    ],
    ids=["unnamed-column-with-text-is-still-refused", "a-row-naming-one-column-is-no-header"],
)
def test_what_the_new_rules_do_not_excuse(minimal_dir: Path, text: str, error: tuple[str, int, str]) -> None:
    obs, problems = _read(minimal_dir, text.encode())
    assert obs == []
    assert _errors_in(problems) == [error]


def test_invisible_characters_around_cells_and_headers_are_ignored(minimal_dir: Path) -> None:
    """Zero-width spaces and byte order marks copied from web pages or Word, as spaces are."""
    text = 'Năm\u200b,Giá trị,Nguồn,Sơ bộ\n\ufeff2020,"96,5\u200b",Báo cáo,x\u200b\n2021,\u200b,Báo cáo,\n'
    obs, problems = _read(minimal_dir, text.encode())
    assert [(o.year, o.value, o.preliminary) for o in obs] == [(2020, 96.5, True)]
    assert _errors_in(problems) == [("thieu-gia-tri", 3, "Giá trị")]  # a cell of only invisible characters is empty


@pytest.mark.parametrize(
    "above",
    ["BẢNG SỐ LIỆU TỶ LỆ TRẺ ĐI HỌC,,\n", "\n", "sep=,\n", "Bảng số liệu\n"],
    ids=["title-row", "blank-line", "excel-sep-line", "title-cell"],
)
def test_a_header_below_line_1_is_named_where_it_is(minimal_dir: Path, above: str) -> None:
    obs, problems = _read(minimal_dir, (above + "Năm,Giá trị,Nguồn\n2020,96,Báo cáo\n").encode())
    assert obs == []
    assert _errors_in(problems) == [("tieu-de-khong-o-dong-dau", 1, None)]
    message = problems.errors[0].message
    assert "nằm ở dòng 2" in message and "Năm, Giá trị, Nguồn" in message


def test_each_flag_column_takes_its_own_name_not_the_others(minimal_dir: Path) -> None:
    text = (
        "Năm,Giá trị,Nguồn,Sơ bộ,Ước tính\n"
        "2019,96,Báo cáo,sơ bộ,ước tính\n"
        "2020,96,Báo cáo,ước tính,\n"
        "2021,96,Báo cáo,,Sơ bộ\n"
        "2022,96,Báo cáo,x,có\n"
    )
    obs, problems = _read(minimal_dir, text.encode())
    assert [(o.year, o.preliminary, o.estimate) for o in obs] == [(2019, True, True), (2022, True, True)]
    assert _errors_in(problems) == [("co-khong-hop-le", 3, "Sơ bộ"), ("co-khong-hop-le", 4, "Ước tính")]


def test_codes_typed_in_capitals_are_the_codes(minimal_dir: Path) -> None:
    text = "Năm,Giá trị,Nguồn,Chuỗi số liệu,Cơ quan báo cáo\n2020,96,Báo cáo,CHINH,SO-GIAO-DUC\n2021,97,Báo cáo,Chính,\n"
    obs, problems = _read(minimal_dir, text.encode())
    assert _errors_in(problems) == []
    assert [(o.series, o.agency) for o in obs] == [("chinh", "so-giao-duc"), ("chinh", "")]


def test_only_ascii_digits_make_a_number_or_a_year(minimal_dir: Path) -> None:
    text = "Năm,Giá trị,Nguồn\n2020,\uff11\uff12,Báo cáo\n\u0662\u0660\u0662\u0661,12,Báo cáo\n"
    obs, problems = _read(minimal_dir, text.encode())
    assert obs == []
    assert _errors_in(problems) == [("khong-phai-so", 2, "Giá trị"), ("sai-nam", 3, "Năm")]


def test_an_unclosed_quote_is_named_where_it_opens(minimal_dir: Path) -> None:
    text = (
        'Năm,Giá trị,Nguồn,Ghi chú\n2019,96,Báo cáo,"hai\ndòng"\n2020,96,Báo cáo,"chưa đóng\n2021,97,Báo cáo,\n2022,97,Báo cáo,\n'
    )
    obs, problems = _read(minimal_dir, text.encode())
    assert obs == []
    assert _errors_in(problems) == [("csv-cu-phap", 4, "Ghi chú")]
    assert "mở ở dòng 4 (ô thứ 4)" in problems.errors[0].message and "(dòng 6)" in problems.errors[0].message


def test_a_repeated_header_row_gets_one_error_and_the_rows_around_it_are_read(minimal_dir: Path) -> None:
    """Two files pasted into one: the second file's header (with its byte order mark) sits among the rows."""
    text = "Năm,Giá trị,Nguồn\n2020,96,Báo cáo\n\ufeffNăm,Giá trị,Nguồn\n2021,97,Báo cáo\nNăm,Giá trị,\n"
    obs, problems = _read(minimal_dir, text.encode())
    assert [(o.year, o.line) for o in obs] == [(2020, 2), (2021, 4)]
    assert _errors_in(problems) == [("dong-tieu-de-lap-lai", 3, None), ("dong-tieu-de-lap-lai", 5, None)]


def test_a_day_that_does_not_exist_is_named_so(minimal_dir: Path) -> None:
    text = "Năm,Giá trị,Nguồn,Ngày báo cáo\n2020,96,Báo cáo,31/02/2021\n2021,96,Báo cáo,15/12/21\n"
    _obs, problems = _read(minimal_dir, text.encode())
    assert _errors_in(problems) == [("sai-ngay", 2, "Ngày báo cáo"), ("sai-ngay", 3, "Ngày báo cáo")]
    first, second = (p.message for p in problems.errors)
    assert "không có trên lịch" in first and "dd/mm/yyyy" in second


@pytest.mark.parametrize(
    "payload",
    [
        "Năm,Giá trị,Nguồn\n2020,96,Báo cáo\n".encode("utf-16-le"),
        "Nam,Gia tri,Nguon\n2020,96,Bao cao\n".encode("utf-16-be"),
    ],
    ids=["utf-16-le-vietnamese", "utf-16-be-ascii"],
)
def test_utf16_without_bom_is_named(minimal_dir: Path, payload: bytes) -> None:
    obs, problems = _read(minimal_dir, payload)
    assert obs == []
    assert _errors_in(problems) == [("ma-hoa", 1, None)]
    assert "UTF-16" in problems.errors[0].message


def test_a_legacy_byte_in_a_file_with_cr_line_ends_is_on_its_line(minimal_dir: Path) -> None:
    """Excel's «CSV (Macintosh)» ends lines with CR alone."""
    _obs, problems = _read(minimal_dir, b"Nam,Gia tri,Nguon\r2020,96,Bao cao\r2021,97,B\xe1o c\xe1o\r")
    assert _errors_in(problems) == [("ma-hoa", 3, None)]
