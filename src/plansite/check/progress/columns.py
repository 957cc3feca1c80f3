"""The columns of a progress file, and how a file's header row is matched to them.

Other staff files (investment.csv, task-updates.csv) declare their columns with the same
``Column`` and match their header with the same ``map_header``, given their own columns.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from plansite.problems import Problems, kinds
from plansite.vi.text import key, trim


@dataclass(frozen=True)
class Column:
    id: str
    label: str  # the header staff write (Vietnamese); the id is accepted too
    required: bool
    help: str  # what to write, in a sentence or two (the template and the guide show it)
    choices: tuple[str, ...] = ()  # the codes the column accepts, when it is a choice


COLUMNS: tuple[Column, ...] = (
    Column("nam", "Năm", True, "Năm của số liệu, 4 chữ số, ví dụ 2024."),
    Column("gia_tri", "Giá trị", True, "Con số, theo đơn vị của chỉ tiêu. Dấu phẩy thập phân: 26,7. Không ghi chữ."),
    Column("dia_ban", "Địa bàn", False, "Tên hoặc mã đơn vị hành chính; để trống = toàn địa bàn của kế hoạch."),
    Column("chuoi", "Chuỗi số liệu", False, "Mã chuỗi số liệu (cách đo) của chỉ tiêu; để trống = chuỗi chính."),
    Column(
        "phuong_phap",
        "Phương pháp",
        False,
        "Chuẩn hoặc phương pháp đo. Khi phương pháp đổi, số liệu trước và sau không được so sánh với nhau.",
    ),
    Column("nguon", "Nguồn", True, "Tên văn bản hoặc bài viết công bố con số."),
    Column("lien_ket", "Liên kết nguồn", False, "Địa chỉ web của nguồn, bắt đầu bằng https:// hoặc http://."),
    Column("co_quan", "Cơ quan báo cáo", False, "Mã hoặc tên cơ quan báo cáo con số."),
    Column("ngay_bao_cao", "Ngày báo cáo", False, "Ngày con số được báo cáo hoặc công bố, dạng dd/mm/yyyy."),
    Column("so_bo", "Sơ bộ", False, "Ghi x nếu là số sơ bộ."),
    Column("uoc_tinh", "Ước tính", False, "Ghi x nếu là số ước tính."),
    Column("ghi_chu", "Ghi chú", False, "Giải thích thêm, nếu cần."),
)
COLUMN_BY_KEY = {key(c.label): c for c in COLUMNS} | {key(c.id): c for c in COLUMNS}
COLUMN_BY_ID = {c.id: c for c in COLUMNS}
HEADER = [c.label for c in COLUMNS]
HEADER_CONTENT = "dòng tiêu đề cột ở dòng 1: " + ",".join(HEADER)


def column_index(header: Sequence[str]) -> dict[str, int]:
    """Column id -> position, for the columns of ``header`` that are known (the first of each); nothing reported."""
    out: dict[str, int] = {}
    for i, name in enumerate(header):
        col = COLUMN_BY_KEY.get(key(name))
        if col is not None and col.id not in out:
            out[col.id] = i
    return out


@functools.cache
def _by_key(columns: tuple[Column, ...]) -> dict[str, Column]:
    return {key(c.label): c for c in columns} | {key(c.id): c for c in columns}


def map_header(
    path: Path, header: Sequence[str], problems: Problems, columns: tuple[Column, ...] = COLUMNS
) -> dict[str, int] | None:
    """Column id -> position of every column of ``header``; None (with problems on line 1) when a column
    has no name, is unknown or repeated, or a required column is missing: the rows are not read then."""
    by_key = COLUMN_BY_KEY if columns is COLUMNS else _by_key(columns)
    labels = HEADER if columns is COLUMNS else [c.label for c in columns]
    cols: dict[str, int] = {}
    ok = True
    for i, name in enumerate(header):
        col = by_key.get(key(name))
        if not trim(name):
            problems.add(path, 1, kinds.UNNAMED_COLUMN, column=f"#{i + 1}", number=i + 1)
            ok = False
        elif col is None:
            problems.add(path, 1, kinds.UNKNOWN_COLUMN, column=name, name=name, columns=", ".join(labels))
            ok = False
        elif col.id in cols:
            problems.add(path, 1, kinds.DUPLICATE_COLUMN, column=name, name=name, first=cols[col.id] + 1, number=i + 1)
            ok = False
        else:
            cols[col.id] = i
    for col in columns:
        if col.required and col.id not in cols:
            problems.add(path, 1, kinds.MISSING_COLUMN, column=col.label, label=col.label, help=col.help)
            ok = False
    return cols if ok else None
