"""The four open-data tables: their columns, types (Table Schema), Vietnamese titles and descriptions."""

from __future__ import annotations

from typing import NamedTuple


class Field(NamedTuple):
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date
    title: str  # Vietnamese column title (the header of the .xlsx sheet)
    description: str


def _fields(*rows: tuple[str, str, str, str]) -> tuple[Field, ...]:
    return tuple(Field(*row) for row in rows)


FIELDS: dict[str, tuple[Field, ...]] = {
    "indicators": _fields(
        ("id", "string", "Mã chỉ tiêu", "Mã cố định của chỉ tiêu; cũng là tên tệp số liệu."),
        ("name", "string", "Tên chỉ tiêu", ""),
        ("area", "string", "Lĩnh vực", "Mã lĩnh vực mục tiêu."),
        ("unit", "string", "Đơn vị tính", ""),
        ("status", "string", "Tình trạng", "Mã tình trạng của mục tiêu gần nhất (xem trang Phương pháp)."),
        ("status_label", "string", "Tình trạng (chữ)", ""),
        ("quote", "string", "Lời kế hoạch", "Nguyên văn trong kế hoạch."),
        ("url", "string", "Trang chỉ tiêu", "Đường dẫn tương đối tới trang của chỉ tiêu."),
    ),
    "targets": _fields(
        ("indicator_id", "string", "Mã chỉ tiêu", ""),
        ("year", "integer", "Năm mục tiêu", ""),
        ("start_year", "integer", "Năm bắt đầu", "Cho mục tiêu theo giai đoạn."),
        ("operator", "string", "Phép so sánh", "> >= < <= = hoặc khoang; trống với mục tiêu định tính."),
        ("value", "number", "Giá trị mục tiêu", ""),
        ("value_max", "number", "Giá trị trên (khoảng)", ""),
        ("unit", "string", "Đơn vị", ""),
        ("kind", "string", "Loại mục tiêu", "Mã loại mục tiêu (xem trang Phương pháp)."),
        ("base_year", "integer", "Năm gốc", ""),
        ("reference", "string", "Chuỗi tham chiếu", ""),
        ("status", "string", "Tình trạng", ""),
        ("status_label", "string", "Tình trạng (chữ)", ""),
        ("explanation", "string", "Giải thích", "Một câu giải thích tình trạng từ các con số."),
        (
            "latest_year",
            "integer",
            "Năm số liệu dùng để đánh giá",
            "Năm của số liệu gần nhất thuộc chuỗi chính; trống nếu chưa có.",
        ),
        ("latest_value", "number", "Số liệu dùng để đánh giá", "Số liệu gần nhất của chuỗi chính cho địa bàn của kế hoạch."),
        ("owed_by", "string", "Cơ quan phải công bố", "Với mục tiêu chờ số liệu: mã cơ quan chủ trì chỉ tiêu."),
        ("owed_year", "integer", "Năm số liệu còn nợ", "Năm gần nhất đã đến hạn báo cáo."),
        ("owed_deadline", "date", "Hạn báo cáo số liệu còn nợ", ""),
        ("quote", "string", "Lời kế hoạch", ""),
    ),
    "observations": _fields(
        ("indicator_id", "string", "Mã chỉ tiêu", ""),
        ("year", "integer", "Năm", ""),
        ("value", "number", "Giá trị", ""),
        ("area", "string", "Mã địa bàn", "Mã đơn vị hành chính."),
        ("area_name", "string", "Tên địa bàn", ""),
        ("series", "string", "Chuỗi số liệu", "Các chuỗi khác nhau không được trộn lẫn."),
        ("method", "string", "Phương pháp", "Khi phương pháp đổi, số liệu trước và sau không so sánh được."),
        ("source", "string", "Nguồn", ""),
        ("source_url", "string", "Liên kết nguồn", ""),
        ("agency", "string", "Cơ quan báo cáo", ""),
        ("reported_date", "date", "Ngày báo cáo", ""),
        ("preliminary", "boolean", "Sơ bộ", ""),
        ("estimate", "boolean", "Ước tính", ""),
        ("note", "string", "Ghi chú", ""),
    ),
    "reporting": _fields(
        ("agency_id", "string", "Mã cơ quan", "Cơ quan chủ trì chỉ tiêu, có nghĩa vụ báo cáo."),
        ("agency_name", "string", "Tên cơ quan", ""),
        ("year", "integer", "Năm số liệu", ""),
        ("deadline", "date", "Hạn báo cáo", "Hạn gửi số liệu của năm theo kế hoạch."),
        ("indicator_id", "string", "Mã chỉ tiêu", ""),
        (
            "state",
            "string",
            "Tình trạng báo cáo",
            "dung-han, tre-han, khong-ro-ngay, nguon-khac (số liệu do nguồn khác công bố), chua-bao-cao, chua-den-han.",
        ),
        ("state_label", "string", "Tình trạng báo cáo (chữ)", ""),
        ("reported_date", "date", "Ngày báo cáo sớm nhất", "Ngày sớm nhất trong các số liệu của năm đó; trống nếu không rõ."),
    ),
}
TITLES = {"indicators": "Chỉ tiêu", "targets": "Mục tiêu", "observations": "Số liệu", "reporting": "Báo cáo đúng hạn"}
TABLES = tuple(FIELDS)


def columns(table: str) -> list[str]:
    return [f.name for f in FIELDS[table]]


def headers(table: str) -> list[str]:
    """The Vietnamese column titles of ``table``."""
    return [f.title for f in FIELDS[table]]


def of_type(table: str, *types: str) -> list[str]:
    """The columns of ``table`` of these Table Schema types."""
    return [f.name for f in FIELDS[table] if f.type in types]
