"""The checker of investment.csv, task-updates.csv, programmes.yaml and projects.yaml.

Every problem is located (file, line, column) and worded in Vietnamese from its declared kind;
a row with a problem is reported and kept out of the model, never dropped silently. The made-up
data is tests/fixtures/investment, copied over tests/fixtures/minimal.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from plansite import model as m
from plansite.check.sheets import INVESTMENT_COLUMNS, TASK_UPDATE_COLUMNS
from plansite.vi import money
from testkit import FIXTURES

OVERLAY = FIXTURES / "investment"
FIG_HEADER = ",".join(c.label for c in INVESTMENT_COLUMNS)
UPD_HEADER = ",".join(f'"{c.label}"' if "," in c.label else c.label for c in TASK_UPDATE_COLUMNS)


@pytest.fixture
def folder(minimal_dir: Path) -> Path:
    for f in OVERLAY.iterdir():
        if f.name != "README.md":
            shutil.copy(f, minimal_dir / f.name)
    return minimal_dir


def _figure(**cells: str) -> str:
    """One row of investment.csv: a valid figure, with ``cells`` (column id -> text) changed."""
    row = {
        "chuong_trinh": "ct-mau",
        "hang_muc": "Toàn chương trình",
        "dia_ban": "tỉnh Mẫu",
        "thoi_gian": "năm 2023",
        "nam": "2023",
        "chi_so": "phan-bo",
        "mo_ta": "vốn bố trí",
        "gia_tri": "hơn 100",
        "don_vi": "tỷ đồng",
        "nguon_von": "khong-neu",
        "ke_hoach_ket_qua": "ke-hoach",
        "trich_dan": "Bố trí hơn 100 tỷ đồng.",
        "nguon": "Báo mẫu",
        "lien_ket": "https://example.org/x",
    } | cells
    return ",".join('"' + row.get(c.id, "").replace('"', '""') + '"' for c in INVESTMENT_COLUMNS)


def _write(folder: Path, name: str, header: str, *rows: str) -> None:
    (folder / name).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def test_overlay_is_valid_and_every_row_becomes_data(folder: Path, run_check) -> None:
    checked = run_check(folder)
    assert checked.ok, [p.text() for p in checked.problems]
    plan = checked.plan
    rows = (folder / "investment.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(plan.figures) == len(rows) == 10
    assert len(plan.task_updates) == 6
    assert [p.id for p in plan.programmes] == ["ct-mau", "ct-mau-da-1", "ct-khac"]
    assert [p.id for p in plan.projects] == ["duong-mau", "dien-mau"]


def test_published_values_keep_their_qualifier_and_unit(folder: Path, run_check) -> None:
    figs = {f.line: f for f in run_check(folder).plan.figures}
    first = figs[2]
    assert (first.value_text, first.qualifier, first.value, first.unit, first.display) == (
        "hơn 810",
        "hơn",
        Decimal(810),
        "tỷ đồng",
        Decimal(810),
    )
    assert (figs[3].value_text, figs[3].unit, figs[3].display) == ("2.428.748", "triệu đồng", Decimal("2428.748"))
    assert (figs[8].value, figs[8].unit, figs[8].display) == (Decimal(2_060_000_000), "đồng", Decimal("2.06"))
    assert figs[10].unit == "tỷ" and figs[10].display is None  # the currency is not written: not converted
    assert figs[5].qualifier == "trên" and figs[5].unit_kind == "ty-le" and figs[5].display is None
    assert figs[11].unit == "ha" and figs[11].display is None and figs[11].measure == "dau-ra"
    assert figs[6].programmes == ("ct-mau", "ct-khac")  # one figure for two programmes: never split
    assert figs[7].places == () and figs[7].place_text == "tỉnh Mới (sau sáp nhập)"  # outside the catalogue
    assert figs[3].places == ("tinh-mau",)  # «Mã địa bàn» empty: found from «Địa bàn»
    assert figs[4].as_of == m.PartialDate(2023, 6) and figs[4].source_date == m.PartialDate(2023, 7)


@pytest.mark.parametrize(
    ("text", "why"),
    [("1.5", "dấu chấm chỉ dùng để ngăn hàng nghìn"), ("nhiều", "không phải con số"), ("hơn", "không có con số")],
)
def test_values_that_are_not_read_as_published(text: str, why: str) -> None:
    with pytest.raises(money.PublishedError, match=why):
        money.published(text)


def test_vietnamese_published_numbers() -> None:
    assert money.published("21,452").number == Decimal("21.452")  # the decimal comma of the source, not «21.452 thousand»
    assert money.published("2.337.809.099.000").number == Decimal(2_337_809_099_000)
    assert money.published("gần 4.630").qualifier == "gần"
    assert money.published("khoảng 200").qualifier == "khoảng"
    assert money.in_display_unit(money.published("2.337.809.099.000"), money.unit("đồng")) == Decimal("2337.809099")
    assert money.unit("tỉ đồng").factor == Decimal(1) and money.unit("Tỷ").factor is None


# (cells changed, line, column label, kind): each defect reported once, at its cell.
DEFECTS = [
    ({"gia_tri": "1.5"}, "Giá trị", "gia-tri-khong-doc-duoc"),
    ({"gia_tri": ""}, "Giá trị", "thieu-o"),
    ({"nguon": ""}, "Nguồn", "thieu-o"),
    ({"trich_dan": ""}, "Trích dẫn", "thieu-o"),
    ({"chi_so": "von-giao"}, "Chỉ số", "lua-chon-khong-co"),
    ({"nguon_von": "tw"}, "Nguồn vốn", "lua-chon-khong-co"),
    ({"chuong_trinh": "ct-khong-co"}, "Chương trình", "chuong-trinh-khong-co"),
    ({"du_an": "du-an-khong-co"}, "Dự án", "chuong-trinh-khong-co"),
    ({"chuong_trinh": ""}, "Chương trình", "dong-khong-khop"),
    ({"chi_so": "giai-ngan", "ke_hoach_ket_qua": "ke-hoach"}, "Kế hoạch hay kết quả", "dong-khong-khop"),
    ({"chi_so": "ty-le-giai-ngan", "ke_hoach_ket_qua": "ket-qua"}, "Đơn vị", "dong-khong-khop"),
    (
        {"chi_so": "ty-le-giai-ngan", "ke_hoach_ket_qua": "ket-qua", "don_vi": "%", "gia_tri": "120"},
        "Giá trị",
        "phan-tram-ngoai-khoang",
    ),
    ({"don_vi": "ha"}, "Đơn vị", "dong-khong-khop"),
    ({"ma_dia_ban": "xa-khong-co"}, "Mã địa bàn", "dia-ban-khong-co"),
    ({"dia_ban": "huyện Không Có"}, "Địa bàn", "dia-ban-khong-co"),
    ({"ma_dia_ban": "Hòa Bình"}, "Mã địa bàn", "dia-ban-mo-ho"),
    ({"nam": "2025-2021"}, "Năm", "dong-khong-khop"),
    ({"nam": "năm ngoái"}, "Năm", "sai-nam"),
    ({"ngay_chot": "31/02/2023"}, "Ngày chốt số liệu", "sai-ngay"),
    ({"ngay_nguon": "01/01/2099"}, "Ngày đăng nguồn", "sai-ngay"),
    ({"lien_ket": "javascript:alert(1)"}, "Liên kết nguồn", "lien-ket-khong-an-toan"),
    ({"luu_y": "nghi-ngo"}, "Lưu ý", "lua-chon-khong-co"),
]


@pytest.mark.parametrize(("cells", "column", "kind"), DEFECTS, ids=[f"{d[2]}-{d[1]}" for d in DEFECTS])
def test_figure_defect_is_located(cells: dict[str, str], column: str, kind: str, folder: Path, run_check) -> None:
    _write(folder, "investment.csv", FIG_HEADER, _figure(), _figure(**cells), _figure())
    checked = run_check(folder)
    found = [(p.kind, p.file, p.line, p.column) for p in checked.problems]
    assert found == [(kind, "investment.csv", 3, column)], [p.text() for p in checked.problems]
    problem = checked.problems.items[0]
    assert problem.message and problem.hint and "{" not in problem.message
    assert len(checked.plan.figures) == 2  # the bad row is reported and left out, the others kept


def test_every_defect_of_a_file_is_reported_at_once(folder: Path, run_check) -> None:
    rows = [_figure(**cells) for cells, _, _ in DEFECTS]
    _write(folder, "investment.csv", FIG_HEADER, *rows)
    checked = run_check(folder)
    assert sorted({p.line for p in checked.problems.errors}) == list(range(2, 2 + len(DEFECTS)))
    assert not checked.ok and checked.plan.figures == []


def test_header_without_diacritics_and_semicolons_is_read(folder: Path, run_check) -> None:
    header = ";".join(c.id for c in INVESTMENT_COLUMNS)
    row = _figure().replace('","', '";"')
    (folder / "investment.csv").write_text(f"\ufeff{header}\r\n{row}\r\n", encoding="utf-8")
    checked = run_check(folder)
    assert checked.ok, [p.text() for p in checked.problems]
    assert len(checked.plan.figures) == 1


def test_missing_and_unknown_columns(folder: Path, run_check) -> None:
    header = FIG_HEADER.replace("Giá trị,", "Gia tri cong bo,")
    _write(folder, "investment.csv", header, _figure())
    kinds = sorted((p.kind, p.line) for p in run_check(folder).problems)
    assert kinds == [("cot-la", 1), ("thieu-cot", 1)]


def test_task_update_defects_are_located(folder: Path, run_check) -> None:
    good = "nv-1,10/05/2023,,su-kien,Hội nghị,UBND,Nội dung,Trích,Nguồn,https://example.org/1,,,,,"
    rows = [
        good,
        good.replace("nv-1,", "nv-9,", 1),
        good.replace("su-kien", "hop-hanh"),
        good.replace("10/05/2023", "2023/05/10"),
        good.replace("https://example.org/1", ""),
        good.replace(",,,,,", ",,ct-khong-co,,,"),
    ]
    _write(folder, "task-updates.csv", UPD_HEADER, *rows)
    found = [(p.kind, p.line, p.column) for p in run_check(folder).problems]
    assert found == [
        ("nhiem-vu-khong-co", 3, "Nhiệm vụ"),
        ("lua-chon-khong-co", 4, "Loại"),
        ("sai-ngay", 5, "Ngày"),
        ("thieu-o", 6, "Liên kết nguồn"),
        ("chuong-trinh-khong-co", 7, "Chương trình"),
    ]


def test_done_needs_a_published_result(folder: Path, run_check) -> None:
    """«hoàn thành» in work-status.yaml, with only a plan and a meeting for the task: refused, at the assessment's line."""
    work = (folder / "work-status.yaml").read_text(encoding="utf-8").replace("status: dang-thuc-hien", "status: hoan-thanh")
    (folder / "work-status.yaml").write_text(work, encoding="utf-8")
    checked = run_check(folder)
    assert [(p.kind, p.file, p.line) for p in checked.problems] == [("hoan-thanh-thieu-ket-qua", "work-status.yaml", 2)]
    assert "nv-1" in checked.problems.items[0].message


def test_programme_and_project_references(folder: Path, run_check) -> None:
    progs = (folder / "programmes.yaml").read_text(encoding="utf-8")
    progs = progs.replace("parent: ct-mau", "parent: ct-khong-co").replace("task: nv-1", "task: nv-9")
    (folder / "programmes.yaml").write_text(progs, encoding="utf-8")
    projs = (folder / "projects.yaml").read_text(encoding="utf-8")
    projs = projs.replace("agency: so-giao-duc", "agency: so-khong-co").replace("places: [suoi-bac]", "places: [xa-khong-co]")
    (folder / "projects.yaml").write_text(projs, encoding="utf-8")
    found = {(p.kind, p.file) for p in run_check(folder).problems.errors}
    assert {
        ("chuong-trinh-khong-co", "programmes.yaml"),
        ("nhiem-vu-khong-co", "programmes.yaml"),
        ("co-quan-khong-co", "projects.yaml"),
        ("dia-ban-khong-co", "projects.yaml"),
    } <= found


def test_programme_parent_loop(folder: Path, run_check) -> None:
    progs = (folder / "programmes.yaml").read_text(encoding="utf-8")
    progs = progs.replace(
        "    kind: Chương trình mẫu cấp quốc gia\n", "    kind: Chương trình mẫu cấp quốc gia\n    parent: ct-mau-da-1\n"
    )
    (folder / "programmes.yaml").write_text(progs, encoding="utf-8")
    found = [(p.kind, p.file) for p in run_check(folder).problems.errors]
    assert ("gia-tri-khong-hop-le", "programmes.yaml") in found


def test_a_plan_without_these_files_is_valid(minimal_dir: Path, run_check) -> None:
    checked = run_check(minimal_dir)
    assert checked.ok and not checked.plan.has_investment and checked.plan.task_updates == []
