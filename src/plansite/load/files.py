"""Load the data folder into typed models, collecting every problem on the way."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from plansite import model as m
from plansite.load.fulltext import Block, load_fulltext
from plansite.load.yamlio import LineDict, LineList, line_of, load_yaml
from plansite.problems.record import Problems

T = TypeVar("T", bound=BaseModel)

FILES = {
    "plan": "plan.yaml",
    "areas": "areas.yaml",
    "indicators": "indicators.yaml",
    "tasks": "tasks.yaml",
    "agencies": "agencies.yaml",
    "places": "places.yaml",
    "work": "work-status.yaml",
    "fulltext": "toan-van.md",
}
PROGRESS_DIR = "progress"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the argument, else ``PLAN_DATA_DIR``, else ``data``."""
    return Path(explicit or os.environ.get("PLAN_DATA_DIR") or "data")


def _shown(value: Any) -> str:
    """A short, safe rendering of a bad value for a message."""
    if isinstance(value, (dict, list)):
        return "(khối dữ liệu)"
    try:
        text = repr(value)
    except ValueError:  # e.g. an integer too long to print
        return "(số quá dài)"
    return text if len(text) <= 80 else text[:77] + "…"


def _describe(err: dict[str, Any]) -> tuple[str, str, str]:
    """(kind, message, hint) in Vietnamese for one pydantic error."""
    loc = [str(x) for x in err["loc"] if not isinstance(x, int)]
    field = loc[-1] if loc else ""
    etype = err["type"]
    given = err.get("input")
    shown = _shown(given)
    if etype == "missing":
        return "thieu-truong", f"Thiếu trường «{field}».", f"Thêm dòng «{field}: …» vào mục này."
    if etype == "extra_forbidden":
        return (
            "truong-la",
            f"Trường «{field}» không có trong mẫu dữ liệu.",
            "Kiểm tra chính tả tên trường, hoặc xóa trường này (xem Hướng dẫn đóng góp).",
        )
    if etype == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return ("gia-tri-khong-hop-le", f"Trường «{field}» có giá trị {shown} không hợp lệ.", f"Chọn một trong: {expected}.")
    if etype == "string_pattern_mismatch":
        return (
            "ma-khong-hop-le",
            f"Mã {shown} ở trường «{field}» không hợp lệ.",
            "Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ «ma-chi-tieu-2025».",
        )
    if etype in ("int_parsing", "int_type", "int_from_float"):
        return "sai-kieu", f"Trường «{field}» phải là số nguyên, đang là {shown}.", "Viết số nguyên, ví dụ 2025."
    if etype in ("float_parsing", "float_type", "finite_number"):
        return "sai-kieu", f"Trường «{field}» phải là số, đang là {shown}.", "Viết số với dấu chấm thập phân, ví dụ 26.7."
    if etype in ("string_type",):
        return "sai-kieu", f"Trường «{field}» phải là chữ, đang là {shown}.", "Đặt giá trị trong ngoặc kép."
    if etype in ("bool_type", "bool_parsing"):
        return "sai-kieu", f"Trường «{field}» phải là true hoặc false, đang là {shown}.", "Viết true hoặc false."
    if etype in ("list_type",):
        return "sai-kieu", f"Trường «{field}» phải là danh sách.", "Viết mỗi phần tử trên một dòng bắt đầu bằng «- »."
    if etype in ("model_type", "dict_type", "model_attributes_type"):
        return "sai-kieu", f"Mục «{field or 'gốc'}» phải là một khối «tên: giá trị».", "Xem mẫu trong Hướng dẫn đóng góp."
    if etype in ("too_short",):
        return "thieu-phan-tu", f"Trường «{field}» không được để trống.", "Thêm ít nhất một phần tử."
    if etype in ("string_too_short",):
        return "thieu-truong", f"Trường «{field}» không được để trống.", "Điền nội dung cho trường này."
    if etype in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return "sai-ngay", f"Trường «{field}» phải là ngày, đang là {shown}.", "Viết ngày dạng dd/mm/yyyy, ví dụ 15/12/2024."
    if etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return "ngoai-khoang", f"Trường «{field}» có giá trị {shown} nằm ngoài khoảng cho phép.", "Kiểm tra lại con số."
    if etype == "value_error":
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        return "gia-tri-khong-hop-le", f"Trường «{field or 'mục'}»: {msg}.", "Sửa theo mô tả."
    return "gia-tri-khong-hop-le", f"Trường «{field}»: {err.get('msg')}.", "Xem Hướng dẫn đóng góp."


def validate_item(
    cls: type[T], raw: Any, path: Path, problems: Problems, base: tuple[Any, ...] = (), root: Any = None
) -> T | None:
    """Build one model from raw YAML, turning each pydantic error into a problem."""
    try:
        return cls.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            kind, msg, hint = _describe(dict(err))
            loc = base + tuple(err["loc"])
            line = line_of(root if root is not None else raw, loc)
            problems.add(path, line, kind, msg, hint)
        return None


def _list_file(
    cls: type[T], path: Path, problems: Problems, key: str, store: dict[str, Any], name: str, required: bool = True
) -> list[T]:
    """Load a file that holds a list of items under ``key``; keep its raw YAML in ``store``."""
    if not path.exists():
        if required:
            problems.add(
                path,
                None,
                "thieu-tep",
                f"Thiếu tệp {path.name}.",
                f"Tạo tệp {path.name} trong thư mục dữ liệu (xem Hướng dẫn đóng góp).",
            )
        return []
    before = len(problems)
    raw = load_yaml(path, problems)
    store[name] = raw
    if raw is None:
        if len(problems) == before and required:
            problems.add(path, None, "tep-rong", f"Tệp {path.name} rỗng.", "Thêm nội dung theo mẫu.")
        return []
    if not isinstance(raw, LineDict) or key not in raw:
        problems.add(
            path,
            getattr(raw, "line", 1),
            "thieu-truong",
            f"Thiếu khối «{key}:» ở gốc tệp.",
            f"Tệp phải bắt đầu bằng «{key}:» rồi đến danh sách.",
        )
        return []
    for k in raw:
        if k != key:
            problems.add(
                path,
                raw.lines.get(k),
                "truong-la",
                f"Trường «{k}» không có trong mẫu dữ liệu.",
                "Kiểm tra chính tả hoặc xóa trường này.",
            )
    items = raw[key]
    if items is None:
        items = LineList()
    base: tuple[Any, ...] = (key,)
    if not isinstance(items, list):
        problems.add(path, getattr(items, "line", 1), "sai-kieu", "Nội dung phải là một danh sách.", "Mỗi mục bắt đầu bằng «- ».")
        return []
    out: list[T] = []
    for i, item in enumerate(items):
        obj = validate_item(cls, item, path, problems, (*base, i), raw)
        if obj is not None:
            out.append(obj)
    return out


class Loaded:
    """Models plus the raw YAML (for line numbers in cross-reference checks)."""

    def __init__(self) -> None:
        self.plan: m.Plan | None = None
        self.areas: list[m.Area] = []
        self.indicators: list[m.Indicator] = []
        self.tasks: list[m.Task] = []
        self.agencies: list[m.Agency] = []
        self.places: m.Places | None = None
        self.work: list[m.WorkUpdate] = []
        self.blocks: list[Block] = []
        self.raw: dict[str, Any] = {}
        self.paths: dict[str, Path] = {}


def load_all(folder: Path, problems: Problems) -> Loaded:
    """Load every YAML file and the full text; cross-references are not checked here."""
    out = Loaded()
    p = {name: folder / fname for name, fname in FILES.items()}
    out.paths = p
    if not folder.is_dir():
        problems.add(
            folder,
            None,
            "thieu-thu-muc",
            f"Không có thư mục dữ liệu «{folder}».",
            "Đặt biến môi trường PLAN_DATA_DIR trỏ tới thư mục dữ liệu, hoặc chạy lệnh từ thư mục gốc của dự án.",
        )
        return out

    if p["plan"].exists():
        before = len(problems)
        raw = load_yaml(p["plan"], problems)
        out.raw["plan"] = raw
        if raw is not None:
            out.plan = validate_item(m.Plan, raw, p["plan"], problems)
        elif len(problems) == before:
            problems.add(p["plan"], None, "tep-rong", f"Tệp {p['plan'].name} rỗng.", "Thêm nội dung theo mẫu.")
    else:
        problems.add(
            p["plan"],
            None,
            "thieu-tep",
            "Thiếu tệp plan.yaml (thông tin văn bản kế hoạch).",
            "Tạo tệp plan.yaml theo mẫu trong Hướng dẫn đóng góp.",
        )

    r = out.raw
    out.areas = _list_file(m.Area, p["areas"], problems, "areas", r, "areas")
    out.indicators = _list_file(m.Indicator, p["indicators"], problems, "indicators", r, "indicators")
    out.tasks = _list_file(m.Task, p["tasks"], problems, "tasks", r, "tasks")
    out.agencies = _list_file(m.Agency, p["agencies"], problems, "agencies", r, "agencies")
    out.work = _list_file(m.WorkUpdate, p["work"], problems, "updates", r, "work", required=False)

    if p["places"].exists():
        before = len(problems)
        raw = load_yaml(p["places"], problems)
        out.raw["places"] = raw
        if raw is not None:
            out.places = validate_item(m.Places, raw, p["places"], problems)
        elif len(problems) == before:
            problems.add(p["places"], None, "tep-rong", f"Tệp {p['places'].name} rỗng.", "Thêm nội dung theo mẫu.")
    else:
        problems.add(
            p["places"],
            None,
            "thieu-tep",
            "Thiếu tệp places.yaml (danh mục địa bàn).",
            "Tạo tệp places.yaml với ít nhất đơn vị cấp tỉnh.",
        )

    out.blocks = load_fulltext(p["fulltext"], problems)
    return out


def lines_index(raw: Any, key: str) -> list[LineDict]:
    """The list of item mappings under ``key`` of a raw YAML document (for line numbers)."""
    if isinstance(raw, LineDict) and isinstance(raw.get(key), LineList):
        return [x for x in raw[key] if isinstance(x, LineDict)]
    return []
