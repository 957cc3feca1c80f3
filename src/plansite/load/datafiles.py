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


_GUIDE = "xem mẫu trong Hướng dẫn đóng góp"

DATA_FILES: dict[str, DataFile] = {
    f.name: f
    for f in (
        DataFile("plan.yaml", "", "thông tin văn bản kế hoạch", f"thông tin văn bản kế hoạch ({_GUIDE})"),
        DataFile("areas.yaml", "areas", "các lĩnh vực của kế hoạch", f"danh sách lĩnh vực dưới khối «areas:» ({_GUIDE})"),
        DataFile(
            "indicators.yaml", "indicators", "các chỉ tiêu và mục tiêu", f"danh sách chỉ tiêu dưới khối «indicators:» ({_GUIDE})"
        ),
        DataFile("tasks.yaml", "tasks", "các nhóm nhiệm vụ", f"danh sách nhóm nhiệm vụ dưới khối «tasks:» ({_GUIDE})"),
        DataFile(
            "agencies.yaml",
            "agencies",
            "các cơ quan và nhiệm vụ của từng cơ quan",
            f"danh sách cơ quan dưới khối «agencies:» ({_GUIDE})",
        ),
        DataFile(
            "places.yaml",
            "places",
            "danh mục địa bàn",
            f"các cấp địa bàn dưới khối «levels:» và danh mục địa bàn dưới khối «places:» ({_GUIDE})",
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
            "toan-van.md",
            "",
            "văn bản kế hoạch (toàn văn hoặc trích đoạn)",
            "văn bản kế hoạch, mỗi đoạn một dòng, kết thúc bằng mã đoạn dạng {#ma-doan}",
        ),
    )
}
