"""What the staff commands share: the template's own columns, command errors, loading the data folder, numbers as text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from plansite import model as m
from plansite.check.progress import HEADER
from plansite.check.references import load_plan
from plansite.load.files import data_dir
from plansite.problems import Problems, kinds

CODE_LABEL = "Mã chỉ tiêu"
NAME_LABEL = "Tên chỉ tiêu"
TEMPLATE_HEADER = [CODE_LABEL, NAME_LABEL, *HEADER]
CODE_HELP = (
    "Mã của chỉ tiêu, điền sẵn; không sửa. Lệnh nhập số liệu (import) dùng cột này để biết dòng thuộc chỉ tiêu nào "
    "(tệp progress/<Mã chỉ tiêu>.csv)."
)
NAME_HELP = "Tên chỉ tiêu, điền sẵn để dễ đọc; lệnh nhập bỏ qua cột này."
SHEET_DATA = "Số liệu"
SHEET_HELP = "Hướng dẫn"
FORMATS = ("xlsx", "csv")
IMPORT_TAKES = "tệp .xlsx hoặc .csv"
SPARE_ROWS = 200  # empty, editable rows below the template rows of the .xlsx

# Statuses of one imported row.
NEW, SAME, CONFLICT, OVERWRITTEN, BLANK, ERROR = "them-moi", "khong-doi", "xung-dot", "ghi-de", "bo-trong", "loi"
STATUS_LABELS = {
    NEW: "Thêm mới",
    SAME: "Không đổi",
    CONFLICT: "Xung đột",
    OVERWRITTEN: "Ghi đè",
    BLANK: "Bỏ trống",
    ERROR: "Lỗi",
}

NUMBER_RULE = (
    "Dấu phẩy hoặc dấu chấm thập phân đều được khi không gây nhầm: 26,7 và 26.7 đều là hai mươi sáu phẩy bảy; có thể ghi thêm % ở cuối.",
    "Số hàng nghìn: 1.234.567 hoặc 1 234 567; có cả hai dấu thì dấu cuối cùng là dấu thập phân: 1.234,5.",
    "Số như 1.234 hoặc 1,234 bị từ chối vì có thể hiểu hai cách; viết 1234 nếu là số nguyên, 1,2340 nếu là số thập phân.",
    "Tỉ lệ phần trăm ghi từ 0 đến 100 (26,7 chứ không phải 0,267). Không ghi chữ trong ô giá trị.",
)


class StaffError(Exception):
    """A mistake in how a command was called (unknown agency, year out of range …), in Vietnamese."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def text(self) -> str:
        return f"LỖI: {self.message}" + (f" — Cách sửa: {self.hint}" if self.hint else "")


def output_files(out_dir: Path | str, stem: str, file_kind: str) -> tuple[Path, Path]:
    """(the template, its companion instructions for a CSV) in ``out_dir``, created; StaffError when either exists:
    a template is never written over, so that figures already filled in are not lost."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target, companion = out / f"{stem}.{file_kind}", out / f"{stem}-huong-dan.txt"
    for path in (target, companion) if file_kind == "csv" else (target,):
        if path.exists():
            raise StaffError(
                f"Tệp {path} đã có; không ghi đè để khỏi mất số liệu đã điền.",
                "Xóa hoặc đổi tên tệp cũ, hoặc chọn thư mục khác bằng --ra.",
            )
    return target, companion


def load(folder: Path | str | None) -> tuple[Path, m.PlanData | None, Problems]:
    """The data folder, its plan (None when it cannot be built) and the problems of the plan data."""
    root = data_dir(folder)
    problems = Problems(root=Path.cwd())
    plan = load_plan(root, problems) if root.is_dir() else None
    if not root.is_dir():
        problems.add(root, None, kinds.MISSING_FOLDER, folder=str(root), what="thư mục dữ liệu của kế hoạch")
    return root, plan, problems


def number_text(value: float) -> str:
    """A number as the checker reads it unambiguously: 97.5, 1234, 1.2340 (never «1.234»). At most 15 significant
    digits, as Excel shows and keeps them: a computed 26.700000000000003 is 26.7, 100/3 is 33.3333333333333."""
    value = float(f"{float(value):.15g}")
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    s = format(Decimal(repr(value)), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    whole, _, frac = s.lstrip("-").partition(".")
    if len(frac) == 3 and len(whole) <= 3 and not whole.startswith("0"):
        s += "0"  # «1.234» would be refused as ambiguous; «1.2340» is the same number
    return s


def deadline(plan: m.PlanData, year: int) -> dt.date:
    r = plan.plan.reporting
    return dt.date(year, r.month, r.day)
