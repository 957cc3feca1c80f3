"""The files of a data folder, as problems describe them: what each holds and what to put in it.

Problems about a file (missing, empty) take their wording from here, so every file is
described once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataFile:
    name: str  # file name in the data folder
    key: str  # the list's block at the root of a YAML list file («areas:» …); "" for other files
    what: str  # what the file holds
    content: str  # what to put in it (a noun phrase: «Thêm …», «Tạo tệp …, với …»)
    required: bool = True
    unchecked: str = ""  # what cannot be checked when this file cannot be read (a noun phrase)


_GUIDE = "xem mẫu trong Hướng dẫn đóng góp"
UPLOAD_DIR = "nop"  # spreadsheets uploaded through the web, waiting for their import (staff.uploads): not data, never published

DATA_FILES: dict[str, DataFile] = {
    f.name: f
    for f in (
        DataFile(
            "plan.yaml",
            "",
            "thông tin văn bản kế hoạch",
            f"thông tin văn bản kế hoạch ({_GUIDE})",
            unchecked="mục tiêu tổng quát mà areas.yaml nhắc tới, mục tiêu theo thời kỳ kế hoạch, "
            "khoảng năm nhận số liệu của các tệp số liệu (chỉ kiểm tra năm không ở tương lai)",
        ),
        DataFile(
            "areas.yaml",
            "areas",
            "các lĩnh vực của kế hoạch",
            f"danh sách lĩnh vực dưới khối «areas:» ({_GUIDE})",
            unchecked="lĩnh vực mà các chỉ tiêu và nhóm nhiệm vụ nhắc tới",
        ),
        DataFile(
            "indicators.yaml",
            "indicators",
            "các chỉ tiêu và mục tiêu",
            f"danh sách chỉ tiêu dưới khối «indicators:» ({_GUIDE})",
            unchecked="chỉ tiêu mà các nhóm nhiệm vụ nhắc tới; các dòng số liệu trong progress/ (chỉ kiểm tra được cú pháp "
            "và dòng tiêu đề của các tệp)",
        ),
        DataFile(
            "tasks.yaml",
            "tasks",
            "các nhóm nhiệm vụ",
            f"danh sách nhóm nhiệm vụ dưới khối «tasks:» ({_GUIDE})",
            unchecked="nhóm nhiệm vụ mà work-status.yaml đánh giá",
        ),
        DataFile(
            "agencies.yaml",
            "agencies",
            "các cơ quan và nhiệm vụ của từng cơ quan",
            f"danh sách cơ quan dưới khối «agencies:» ({_GUIDE})",
            unchecked="cơ quan mà plan.yaml, các chỉ tiêu và nhiệm vụ nhắc tới; nhiệm vụ (duties) mà work-status.yaml "
            "đánh giá; cột «Cơ quan báo cáo» của các tệp số liệu",
        ),
        DataFile(
            "places.yaml",
            "places",
            "danh mục địa bàn",
            f"các cấp địa bàn dưới khối «levels:» và danh mục địa bàn dưới khối «places:» ({_GUIDE})",
            unchecked="địa bàn của kế hoạch («place» trong plan.yaml); cột «Địa bàn» của các tệp số liệu",
        ),
        DataFile(
            "work-status.yaml",
            "updates",
            "đánh giá tình hình thực hiện nhiệm vụ",
            f"danh sách đánh giá dưới khối «updates:» ({_GUIDE})",
            required=False,
        ),
        DataFile(
            "tu-viet-tat.yaml",
            "abbreviations",
            "các chữ viết tắt cho ô tìm kiếm",
            f"danh sách chữ viết tắt dưới khối «abbreviations:» ({_GUIDE})",
            required=False,
        ),
        DataFile(
            "programmes.yaml",
            "programmes",
            "các chương trình (chương trình mục tiêu quốc gia, dự án thành phần …)",
            f"danh sách chương trình dưới khối «programmes:» ({_GUIDE})",
            required=False,
        ),
        DataFile(
            "projects.yaml",
            "projects",
            "các dự án đầu tư",
            f"danh sách dự án dưới khối «projects:» ({_GUIDE})",
            required=False,
        ),
        DataFile(
            "investment.csv",
            "",
            "số vốn, số giải ngân của chương trình, dự án",
            "dòng tiêu đề cột và mỗi con số một dòng (xem Hướng dẫn đóng góp)",
            required=False,
        ),
        DataFile(
            "task-updates.csv",
            "",
            "các văn bản, sự kiện, kết quả của từng nhóm nhiệm vụ",
            "dòng tiêu đề cột và mỗi văn bản hoặc sự kiện một dòng (xem Hướng dẫn đóng góp)",
            required=False,
        ),
        DataFile(
            "toan-van.md",
            "",
            "văn bản kế hoạch (toàn văn hoặc trích đoạn)",
            "văn bản kế hoạch, mỗi đoạn một dòng, kết thúc bằng mã đoạn dạng {#ma-doan}",
            unchecked="mã đoạn và lời trích nguyên văn trong các tệp YAML",
        ),
    )
}
