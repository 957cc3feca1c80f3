"""Pydantic's validation errors, told in Vietnamese: one problem per error, at the line of the bad value."""

from __future__ import annotations

import difflib
import re
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from plansite.load.yamlio import line_of, shown
from plansite.model.base import DateError
from plansite.problems import Problems, kinds
from plansite.problems.kinds import Kind
from plansite.vi.text import slugify

T = TypeVar("T", bound=BaseModel)

# The expected type of a field, by pydantic's error type: (what it must be, how to write it).
_TYPES: dict[str, tuple[str, str]] = {
    "int": ("số nguyên", "số nguyên, ví dụ 2025"),
    "float": ("số", "số với dấu chấm thập phân, ví dụ 26.7"),
    "string": ("chữ", "giá trị trong ngoặc kép"),
    "bool": ("true hoặc false", "true hoặc false"),
    "list": ("danh sách", "mỗi phần tử trên một dòng bắt đầu bằng «- »"),
    "model": ("một khối «tên: giá trị»", "các dòng «tên: giá trị» theo mẫu trong Hướng dẫn đóng góp"),
}
_TYPE_OF_ERROR = {
    "int_parsing": "int",
    "int_type": "int",
    "int_from_float": "int",
    "float_parsing": "float",
    "float_type": "float",
    "finite_number": "float",
    "string_type": "string",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "list_type": "list",
    "model_type": "model",
    "dict_type": "model",
    "model_attributes_type": "model",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "≥"),
    "less_than_equal": ("le", "≤"),
    "greater_than": ("gt", ">"),
    "less_than": ("lt", "<"),
}


def fields_of(cls: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model that ``loc`` (a pydantic location, without its last part) reaches."""
    model: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if info is None:
            return []
        model = next((t for t in _nested(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)), None)
        if model is None:
            return []
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _nested(annotation: Any) -> list[Any]:
    out = [annotation]
    for arg in typing.get_args(annotation):
        out += _nested(arg)
    return out


def closest(name: str, allowed: list[str]) -> str:
    found = difflib.get_close_matches(name, allowed, n=1, cutoff=0.5)
    return f"«{found[0]}»" if found else "không có tên nào gần giống"


def describe(err: dict[str, Any], cls: type[BaseModel] | None = None) -> tuple[Kind, dict[str, Any]]:
    """The kind and the fields of the problem for one pydantic error."""
    loc = [str(x) for x in err["loc"] if not isinstance(x, int)]
    field = loc[-1] if loc else ""
    etype = err["type"]
    given = err.get("input")
    bad = shown(given)
    if etype == "missing":
        return kinds.MISSING_FIELD, {"field": field, "found": "mục này không có", "example": f"dòng «{field}: …» vào mục này"}
    if etype == "extra_forbidden":
        allowed = fields_of(cls, tuple(err["loc"][:-1])) if cls is not None else []
        return kinds.UNKNOWN_FIELD, {
            "field": field,
            "allowed": ", ".join(allowed) or "xem Hướng dẫn đóng góp",
            "closest": closest(field, allowed),
        }
    if etype == "literal_error":
        listed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))  # pydantic: "'a', 'b' or 'c'"
        expected = ", ".join(f"«{v}»" for v in listed)
        return kinds.BAD_VALUE, {
            "field": field,
            "shown": bad,
            "reason": "không thuộc các lựa chọn cho phép",
            "expected": f"một trong: {expected}",
        }
    if etype == "string_pattern_mismatch":
        example = slugify(given) if isinstance(given, str) else "ma-muc"
        return kinds.BAD_ID, {"shown": bad, "where": f"trường «{field}»", "example": f"«{example}»"}
    if etype in _TYPE_OF_ERROR:
        expected, example = _TYPES[_TYPE_OF_ERROR[etype]]
        return kinds.WRONG_TYPE, {"field": field or "gốc", "expected": expected, "shown": bad, "example": example}
    if etype == "too_short":
        return kinds.EMPTY_LIST, {"field": field}
    if etype == "string_too_short":
        return kinds.MISSING_FIELD, {"field": field, "found": "đang để trống", "example": f"nội dung cho «{field}»"}
    if etype in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        value = given if isinstance(given, str) else bad
        return kinds.BAD_DATE, {"value": value, "what": f"trường «{field}»", "why": "không phải ngày dạng dd/mm/yyyy"}
    if etype in _BOUNDS:
        name, sign = _BOUNDS[etype]
        limit = err.get("ctx", {}).get(name, "")
        return kinds.OUT_OF_RANGE, {"field": field, "shown": bad, "allowed": f"{sign} {limit}"}
    if etype == "value_error" and isinstance(err.get("ctx", {}).get("error"), DateError):
        value = given if isinstance(given, str) else bad
        why = str(err["ctx"]["error"]).split(" ", 1)[-1]
        return kinds.BAD_DATE, {"value": value, "what": f"trường «{field}»", "why": why}
    if etype == "string_too_long":
        limit = err.get("ctx", {}).get("max_length", "")
        return kinds.BAD_VALUE, {
            "field": field,
            "shown": bad,
            "reason": f"dài quá {limit} ký tự",
            "expected": f"tối đa {limit} ký tự",
        }
    if etype == "value_error":
        reason = str(err.get("msg", "")).removeprefix("Value error, ")
        return kinds.BAD_VALUE, {"field": field or "mục", "shown": bad, "reason": reason, "expected": "giá trị đúng như mô tả"}
    # Any other error of pydantic: its English text is not shown to staff, only its kind (for the technical team).
    return kinds.BAD_VALUE, {"field": field, "shown": bad, "reason": f"không đúng dạng ({etype})", "expected": "giá trị theo mẫu"}


def validate_item(
    cls: type[T], raw: Any, path: Path, problems: Problems, base: tuple[Any, ...] = (), root: Any = None
) -> T | None:
    """Build one model from raw YAML, turning each pydantic error into a problem."""
    try:
        return cls.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            kind, fields = describe(dict(err), cls)
            line = line_of(root if root is not None else raw, base + tuple(err["loc"]))
            problems.add(path, line, kind, **fields)
        return None
