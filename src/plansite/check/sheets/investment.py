"""investment.csv: one row per money figure (or output) published about a programme or project.

Each column is declared once below, with its Vietnamese label, whether it is required, what to
write in it and its reader; the staff template, the contributor guide and the checker read
these declarations. A row's cells must also fit together (``ROW_CHECKS``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plansite import model as m
from plansite.check.progress.columns import Column
from plansite.check.sheets import cells
from plansite.check.sheets.cells import Found, Lookup
from plansite.check.sheets.read import Row, Sheet, read_sheet
from plansite.problems import Problems, kinds
from plansite.vi import money

FILE = "investment.csv"


def _codes(labels: dict[str, str]) -> str:
    return "; ".join(f"{code} = {label}" for code, label in labels.items() if code)


COLUMNS: tuple[Column, ...] = (
    Column(
        "chuong_trinh", "Chương trình", False, "Mã chương trình trong programmes.yaml; nhiều chương trình cách nhau bằng «;»."
    ),
    Column("du_an", "Dự án", False, "Mã dự án trong projects.yaml, nếu con số là của một dự án."),
    Column(
        "hang_muc",
        "Hạng mục",
        True,
        "Con số nói về phần nào (toàn chương trình, vốn trung ương, một dự án thành phần …), như nguồn viết.",
    ),
    Column("dia_ban", "Địa bàn", True, "Địa bàn như nguồn viết, kèm loại đơn vị nếu nguồn ghi."),
    Column(
        "ma_dia_ban",
        "Mã địa bàn",
        False,
        f"Mã các đơn vị trong places.yaml, cách nhau bằng «;»; để trống thì dùng cột «Địa bàn»; «{m.OUTSIDE}» nếu địa bàn "
        "không có trong danh mục (số liệu đó được hiện riêng).",
    ),
    Column("thoi_gian", "Thời gian", True, "Năm, giai đoạn hoặc thời điểm như nguồn viết, ví dụ «6 tháng đầu năm 2023»."),
    Column("nam", "Năm", False, "Năm (2023) hoặc giai đoạn (2021-2025) mà con số nói tới; để trống nếu nguồn không rõ."),
    Column("ngay_chot", "Ngày chốt số liệu", False, "Số liệu tính đến ngày nào: dd/mm/yyyy, mm/yyyy hoặc yyyy."),
    Column("chi_so", "Chỉ số", True, "Mã loại con số: " + _codes(m.MEASURE_LABELS) + ".", tuple(m.MEASURE_LABELS)),
    Column("mo_ta", "Mô tả chỉ số", True, "Con số là gì, như nguồn viết, ví dụ «kế hoạch vốn NSTW được giao»."),
    Column(
        "gia_tri",
        "Giá trị",
        True,
        "Chép đúng như nguồn, kể cả «hơn», «gần», «trên», «khoảng»: «hơn 810», «2.428.748», «830,14», «2 tỷ 060 triệu».",
    ),
    Column("don_vi", "Đơn vị", True, "Đơn vị như nguồn viết: «tỷ đồng», «triệu đồng», «đồng», «%», «ha», «hộ» …"),
    Column("nguon_von", "Nguồn vốn", True, "Mã: " + _codes(m.CAPITAL_SOURCE_LABELS) + ".", tuple(m.CAPITAL_SOURCE_LABELS)),
    Column(
        "loai_von",
        "Loại vốn",
        False,
        "Mã: " + _codes(m.CAPITAL_TYPE_LABELS) + "; để trống nếu nguồn không tách.",
        ("dau-tu", "su-nghiep"),
    ),
    Column(
        "ke_hoach_ket_qua",
        "Kế hoạch hay kết quả",
        True,
        "ke-hoach (vốn được giao, duyệt, dự kiến; việc định làm) hoặc ket-qua (vốn đã giải ngân, đã chi; việc đã làm).",
        tuple(m.NATURE_LABELS),
    ),
    Column("luu_y", "Lưu ý", False, "Mã: " + _codes(m.CAUTION_LABELS) + "; để trống nếu không có.", tuple(m.CAUTION_LABELS)),
    Column("ghi_chu", "Ghi chú", False, "Giải thích thêm: điều nguồn không nói rõ, chênh lệch với nguồn khác …"),
    Column("trich_dan", "Trích dẫn", True, "Câu của nguồn có con số, chép nguyên văn."),
    Column("nguon", "Nguồn", True, "Tên văn bản hoặc bài viết công bố con số."),
    Column("lien_ket", "Liên kết nguồn", False, "Địa chỉ web của nguồn, bắt đầu bằng https:// hoặc http://."),
    Column(
        "ngay_nguon",
        "Ngày đăng nguồn",
        False,
        "Ngày nguồn được đăng: dd/mm/yyyy, mm/yyyy hoặc yyyy; để trống nếu nguồn không ghi.",
    ),
)

READERS = {
    "chuong_trinh": cells.programmes,
    "du_an": cells.projects,
    "hang_muc": cells.text,
    "dia_ban": cells.text,
    "ma_dia_ban": cells.places,
    "thoi_gian": cells.text,
    "nam": cells.years,
    "ngay_chot": cells.date,
    "chi_so": cells.choice,
    "mo_ta": cells.text,
    "gia_tri": cells.published,
    "don_vi": cells.text,
    "nguon_von": cells.choice,
    "loai_von": cells.choice,
    "ke_hoach_ket_qua": cells.choice,
    "luu_y": cells.choice,
    "ghi_chu": cells.text,
    "trich_dan": cells.text,
    "nguon": cells.text,
    "lien_ket": cells.url,
    "ngay_nguon": cells.date,
}
Problem = tuple[str | None, Found]


def _mismatch(column: str | None, problem: str, fix: str) -> Problem:
    return column, (kinds.ROW_MISMATCH, {"problem": problem, "fix": fix})


def owner(lk: Lookup, v: dict[str, Any]) -> list[Problem]:
    """A figure belongs to a programme or a project."""
    if v["chuong_trinh"] or v["du_an"]:
        return []
    return [_mismatch("chuong_trinh", "Dòng không ghi chương trình cũng không ghi dự án", "Ghi mã chương trình hoặc mã dự án")]


def nature(lk: Lookup, v: dict[str, Any]) -> list[Problem]:
    """Money decided, approved or expected is a plan; money spent or received is a result."""
    must = m.MEASURE_NATURE[v["chi_so"]]
    if must is None or v["ke_hoach_ket_qua"] == must:
        return []
    label = m.MEASURE_LABELS[v["chi_so"]]
    problem = f"Chỉ số «{v['chi_so']}» ({label}) là {m.NATURE_LABELS[must].lower()}, không phải «{v['ke_hoach_ket_qua']}»"
    return [_mismatch("ke_hoach_ket_qua", problem, f"Ghi «{must}», hoặc chọn chỉ số khác cho đúng với nguồn")]


def unit_fits(lk: Lookup, v: dict[str, Any]) -> list[Problem]:
    """A rate is in %, an output is a quantity, every other measure is money."""
    u = money.unit(v["don_vi"])
    want = {"ty-le-giai-ngan": "ty-le", "dau-ra": "so-luong"}.get(v["chi_so"], "tien")
    out: list[Problem] = []
    if u.kind != want:
        problem = f"Chỉ số «{v['chi_so']}» cần đơn vị {money.UNIT_KIND_LABELS[want]}, đơn vị «{v['don_vi']}» là {money.UNIT_KIND_LABELS[u.kind]}"
        out.append(_mismatch("don_vi", problem, "Sửa đơn vị hoặc chỉ số cho đúng với nguồn"))
    if u.kind == "ty-le" and v["gia_tri"] is not None and not 0 <= v["gia_tri"].number <= 100:
        out.append(("gia_tri", (kinds.PERCENT_OUT_OF_RANGE, {"value": v["gia_tri"].text})))
    return out


def place_known(lk: Lookup, v: dict[str, Any]) -> list[Problem]:
    """Without «Mã địa bàn», the place as published must name a place of places.yaml."""
    if v["ma_dia_ban"]:
        return []
    place, why = lk.places.find(v["dia_ban"], None)
    if place is not None:
        v["ma_dia_ban"] = (place.id,)
        return []
    if why.startswith("ambiguous:"):
        matches = why.removeprefix("ambiguous:")
        return [
            ("dia_ban", (kinds.AMBIGUOUS_PLACE, {"value": v["dia_ban"], "matches": matches, "example": matches.split(" ", 1)[0]}))
        ]
    return [
        (
            "dia_ban",
            (
                kinds.UNKNOWN_PLACE,
                {"value": v["dia_ban"], "near": lk.places.near(v["dia_ban"], None), "example": cells.outside_example(lk)},
            ),
        )
    ]


ROW_CHECKS = (owner, nature, unit_fits, place_known)
SHEET = Sheet(FILE, "số vốn, số giải ngân của chương trình, dự án", COLUMNS, READERS, ROW_CHECKS)


def figure(row: Row, file: str) -> m.Figure:
    v = row.values
    value: money.Published = v["gia_tri"]
    unit = money.unit(v["don_vi"])
    places = tuple(p for p in v["ma_dia_ban"] if p != m.OUTSIDE)
    return m.Figure(
        programmes=v["chuong_trinh"],
        project=v["du_an"][0] if v["du_an"] else "",
        item=v["hang_muc"],
        place_text=v["dia_ban"],
        places=places,
        period_text=v["thoi_gian"],
        years=v["nam"],
        as_of=v["ngay_chot"],
        measure=v["chi_so"],
        measure_text=v["mo_ta"],
        value=value.number,
        value_text=value.text,
        qualifier=value.qualifier,
        unit=v["don_vi"],
        unit_kind=unit.kind,
        display=money.in_display_unit(value, unit),
        capital_source=v["nguon_von"],
        capital_type=v["loai_von"],
        nature=v["ke_hoach_ket_qua"],
        caution=v["luu_y"],
        note=v["ghi_chu"],
        quote=v["trich_dan"],
        source=v["nguon"],
        url=v["lien_ket"],
        source_date=v["ngay_nguon"],
        file=file,
        line=row.line,
    )


def read_investment(folder: Path, lk: Lookup, problems: Problems) -> list[m.Figure]:
    """The figures of investment.csv (none when the plan has no such file)."""
    path = folder / FILE
    if not path.exists():
        return []
    rel = problems.rel(path)
    return [figure(r, rel) for r in read_sheet(path, SHEET, lk, problems)]
