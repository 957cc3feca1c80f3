"""task-updates.csv: one row per dated act about a task group (a document, a plan, an event, a result …), with its source.

Each column is declared once below, with its Vietnamese label, whether it is required, what to
write in it and its reader. ``check_done`` holds work-status.yaml to the same rule as the site:
a task group is never called done without a published result.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from plansite import model as m
from plansite.check.progress.columns import Column
from plansite.check.sheets import cells
from plansite.check.sheets.cells import Lookup
from plansite.check.sheets.read import Row, Sheet, read_sheet
from plansite.problems import Problems, kinds

FILE = "task-updates.csv"
_KINDS = "; ".join(f"{c} = {label}" for c, label in m.UPDATE_KIND_LABELS.items())

COLUMNS: tuple[Column, ...] = (
    Column("nhiem_vu", "Nhiệm vụ", True, "Mã nhóm nhiệm vụ trong tasks.yaml."),
    Column("ngay", "Ngày", False, "Ngày của văn bản hoặc sự kiện: dd/mm/yyyy, mm/yyyy hoặc yyyy; để trống nếu nguồn không nêu."),
    Column(
        "ghi_chu_ngay",
        "Ghi chú ngày",
        False,
        "Ngày được biết thế nào, như nguồn viết, ví dụ «trước 25/11/2020; ngày cụ thể không nêu».",
    ),
    Column("loai", "Loại", True, "Mã: " + _KINDS + ".", tuple(m.UPDATE_KIND_LABELS)),
    Column("van_ban", "Văn bản, sự kiện", True, "Số và tên văn bản, hoặc tên sự kiện; ghi rõ nếu nguồn không nêu số văn bản."),
    Column("co_quan", "Cơ quan ban hành, chủ trì", True, "Cơ quan ban hành văn bản hoặc chủ trì sự kiện, như nguồn viết."),
    Column("noi_dung", "Nội dung", True, "Văn bản hoặc sự kiện làm gì cho nhiệm vụ này."),
    Column("trich_dan", "Trích dẫn", True, "Câu của nguồn, chép nguyên văn."),
    Column("nguon", "Nguồn", True, "Tên văn bản hoặc bài viết."),
    Column("lien_ket", "Liên kết nguồn", True, "Địa chỉ web của nguồn, bắt đầu bằng https:// hoặc http://."),
    Column(
        "ngay_nguon",
        "Ngày đăng nguồn",
        False,
        "Ngày nguồn được đăng: dd/mm/yyyy, mm/yyyy hoặc yyyy; để trống nếu nguồn không ghi.",
    ),
    Column("chuong_trinh", "Chương trình", False, "Mã chương trình liên quan trong programmes.yaml, cách nhau bằng «;»."),
    Column("du_an", "Dự án", False, "Mã dự án liên quan trong projects.yaml, cách nhau bằng «;»."),
    Column(
        "luu_y",
        "Lưu ý",
        False,
        "Mã: " + "; ".join(f"{c} = {t}" for c, t in m.CAUTION_LABELS.items()) + ".",
        tuple(m.CAUTION_LABELS),
    ),
    Column("ghi_chu", "Ghi chú", False, "Giải thích thêm, nếu cần."),
)
READERS = {
    "nhiem_vu": cells.task,
    "ngay": cells.date,
    "ghi_chu_ngay": cells.text,
    "loai": cells.choice,
    "van_ban": cells.text,
    "co_quan": cells.text,
    "noi_dung": cells.text,
    "trich_dan": cells.text,
    "nguon": cells.text,
    "lien_ket": cells.url,
    "ngay_nguon": cells.date,
    "chuong_trinh": cells.programmes,
    "du_an": cells.projects,
    "luu_y": cells.choice,
    "ghi_chu": cells.text,
}
SHEET = Sheet(FILE, "các văn bản, sự kiện, kết quả của từng nhóm nhiệm vụ", COLUMNS, READERS)


def update(row: Row, file: str) -> m.TaskUpdate:
    v = row.values
    return m.TaskUpdate(
        task=v["nhiem_vu"],
        date=v["ngay"],
        date_note=v["ghi_chu_ngay"],
        kind=v["loai"],
        document=v["van_ban"],
        issuer=v["co_quan"],
        what=v["noi_dung"],
        quote=v["trich_dan"],
        source=v["nguon"],
        url=v["lien_ket"],
        source_date=v["ngay_nguon"],
        programmes=v["chuong_trinh"],
        projects=v["du_an"],
        caution=v["luu_y"],
        note=v["ghi_chu"],
        file=file,
        line=row.line,
    )


def read_task_updates(folder: Path, lk: Lookup, problems: Problems) -> list[m.TaskUpdate]:
    """The updates of task-updates.csv (none when the plan has no such file)."""
    path = folder / FILE
    if not path.exists():
        return []
    rel = problems.rel(path)
    return [update(r, rel) for r in read_sheet(path, SHEET, lk, problems)]


def counts_as_result(u: m.TaskUpdate) -> bool:
    """A published, concrete result from a source not marked as weak."""
    return u.kind == "ket-qua" and u.caution != "nguon-yeu"


def check_done(plan: m.PlanData, lines: Sequence[int | None], path: Path, problems: Problems) -> None:
    """An assessment «hoan-thanh» of a task group in work-status.yaml needs a published result in task-updates.csv."""
    with_result = {u.task for u in plan.task_updates if counts_as_result(u)}
    for i, w in enumerate(plan.work_updates):
        if w.task is not None and w.status == "hoan-thanh" and w.task not in with_result:
            problems.add(path, lines[i] if i < len(lines) else None, kinds.DONE_WITHOUT_RESULT, task=w.task)
