"""The open-data tables: their columns, types (Table Schema), Vietnamese titles and descriptions.

``task_updates`` and ``investment`` are written only when the plan has such data (``present``).
"""

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
    "task_updates": _fields(
        ("task_id", "string", "Mã nhóm nhiệm vụ", ""),
        ("task_label", "string", "Nhóm nhiệm vụ", ""),
        (
            "date",
            "string",
            "Ngày",
            "Ngày của văn bản hoặc sự kiện, ISO 8601 theo độ chính xác nguồn nêu: 2020-10-14, 2020-11 hoặc 2020; trống nếu nguồn không nêu.",
        ),
        ("date_note", "string", "Ghi chú ngày", "Ngày được biết thế nào, như nguồn hoặc nhóm biên tập ghi."),
        (
            "kind",
            "string",
            "Loại",
            "van-ban, ke-hoach, su-kien, bao-cao, ket-qua, han-che, chua-thuc-hien (xem trang Phương pháp).",
        ),
        ("kind_label", "string", "Loại (chữ)", ""),
        ("counts_as_result", "boolean", "Được tính là kết quả", "Kết quả cụ thể từ nguồn không bị đánh dấu yếu."),
        ("document", "string", "Văn bản, sự kiện", ""),
        ("issuer", "string", "Cơ quan ban hành, chủ trì", "Như nguồn ghi."),
        ("what", "string", "Nội dung", ""),
        ("quote", "string", "Trích dẫn", "Nguyên văn nguồn."),
        ("source", "string", "Nguồn", ""),
        ("source_url", "string", "Liên kết nguồn", ""),
        ("source_date", "string", "Ngày đăng nguồn", "ISO 8601 theo độ chính xác nguồn nêu; trống nếu nguồn không ghi."),
        ("programme_ids", "string", "Mã chương trình", "Các mã cách nhau bằng «;»."),
        ("project_ids", "string", "Mã dự án", "Các mã cách nhau bằng «;»."),
        ("caution", "string", "Lưu ý", "mo-ho (mơ hồ), nguon-yeu (nguồn yếu) hoặc trống."),
        ("note", "string", "Ghi chú", ""),
    ),
    "investment": _fields(
        (
            "programme_ids",
            "string",
            "Mã chương trình",
            "Một con số chung cho nhiều chương trình ghi các mã cách nhau bằng «;», không tách.",
        ),
        ("programme_names", "string", "Chương trình", ""),
        ("project_id", "string", "Mã dự án", ""),
        ("project_name", "string", "Dự án", ""),
        ("item", "string", "Hạng mục", "Con số nói về phần nào, như nguồn viết."),
        ("place_text", "string", "Địa bàn (như nguồn viết)", ""),
        (
            "place_ids",
            "string",
            "Mã địa bàn",
            "Mã đơn vị hành chính, cách nhau bằng «;»; trống nếu địa bàn không có trong danh mục.",
        ),
        ("period_text", "string", "Thời gian (như nguồn viết)", ""),
        ("year_start", "integer", "Từ năm", ""),
        ("year_end", "integer", "Đến năm", ""),
        ("as_of", "string", "Tính đến", "Ngày chốt số liệu, ISO 8601 theo độ chính xác nguồn nêu (2023-06)."),
        ("measure", "string", "Chỉ số", "phan-bo, tong-muc-dau-tu, du-kien, giai-ngan, ty-le-giai-ngan, thuc-hien, dau-ra."),
        ("measure_label", "string", "Chỉ số (chữ)", ""),
        ("measure_text", "string", "Mô tả chỉ số (như nguồn viết)", ""),
        ("qualifier", "string", "Từ đứng trước", "hơn, trên, gần, khoảng …, như nguồn viết; trống nếu không có."),
        ("value", "number", "Giá trị", "Con số theo đơn vị công bố, không kể từ đứng trước."),
        ("value_text", "string", "Giá trị công bố", "Như nguồn viết, kể cả từ đứng trước."),
        ("unit", "string", "Đơn vị công bố", ""),
        (
            "value_display",
            "number",
            "Quy đổi ra tỷ đồng",
            "Chỉ khi đơn vị công bố là đơn vị tiền chính xác; trống nếu không quy đổi.",
        ),
        ("capital_source", "string", "Nguồn vốn", "trung-uong, dia-phuong, ngan-sach, ngoai-ngan-sach, nhieu-nguon, khong-neu."),
        ("capital_type", "string", "Loại vốn", "dau-tu, su-nghiep, hoặc trống (không tách)."),
        ("nature", "string", "Kế hoạch hay kết quả", "ke-hoach hoặc ket-qua."),
        ("caution", "string", "Lưu ý", "mo-ho (mơ hồ), nguon-yeu (nguồn yếu) hoặc trống."),
        (
            "shown_apart",
            "string",
            "Hiện riêng",
            "ngoai (địa bàn ngoài kế hoạch), sau (công bố sau khi địa bàn của kế hoạch thôi tồn tại) hoặc trống; không cộng với số liệu khác.",
        ),
        ("note", "string", "Ghi chú", ""),
        ("quote", "string", "Trích dẫn", "Nguyên văn nguồn."),
        ("source", "string", "Nguồn", ""),
        ("source_url", "string", "Liên kết nguồn", ""),
        ("source_date", "string", "Ngày đăng nguồn", "ISO 8601 theo độ chính xác nguồn nêu; trống nếu nguồn không ghi."),
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
TITLES = {
    "indicators": "Chỉ tiêu",
    "targets": "Mục tiêu",
    "observations": "Số liệu",
    "task_updates": "Cập nhật nhiệm vụ",
    "investment": "Đầu tư",
    "reporting": "Báo cáo đúng hạn",
}
TABLES = tuple(FIELDS)
OPTIONAL = ("task_updates", "investment")  # written only when the plan has such data


def columns(table: str) -> list[str]:
    return [f.name for f in FIELDS[table]]


def headers(table: str) -> list[str]:
    """The Vietnamese column titles of ``table``."""
    return [f.title for f in FIELDS[table]]


def of_type(table: str, *types: str) -> list[str]:
    """The columns of ``table`` of these Table Schema types."""
    return [f.name for f in FIELDS[table] if f.type in types]
