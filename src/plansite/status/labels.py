"""The statuses a target can have, their labels and symbols, and the method's thresholds."""

from __future__ import annotations

from typing import Literal

StatusCode = Literal[
    "dat",
    "dang-dat",
    "dung-huong",
    "can-tang-toc",
    "tien-trien-han-che",
    "di-xa-muc-tieu",
    "chua-dat",
    "chua-du-so-lieu",
    "cho-so-lieu",
    "khong-danh-gia",
    "tham-chieu",
]

# Labels say what is known, never «no progress» for «no figure»: a target without a figure is «waiting for
# a figure», not judged (promise trackers learned that «no action» was read as «no progress»).
STATUSES: dict[str, dict[str, str]] = {
    "dat": {"label": "Đã đạt", "symbol": "✔", "shape": "circle"},
    "dang-dat": {"label": "Đang đạt (cần duy trì)", "symbol": "✔", "shape": "circle"},
    "dung-huong": {"label": "Đúng tiến độ", "symbol": "▲", "shape": "triangle-up"},
    "can-tang-toc": {"label": "Có tiến bộ, cần tăng tốc", "symbol": "◆", "shape": "diamond"},
    "tien-trien-han-che": {"label": "Tiến bộ hạn chế", "symbol": "■", "shape": "square"},
    "di-xa-muc-tieu": {"label": "Đi xa mục tiêu", "symbol": "▼", "shape": "triangle-down"},
    "chua-dat": {"label": "Chưa đạt, chưa rõ xu hướng", "symbol": "◇", "shape": "diamond"},
    "chua-du-so-lieu": {"label": "Chưa đánh giá được: cần thêm số liệu", "symbol": "○", "shape": "stroke"},
    "cho-so-lieu": {"label": "Chưa đánh giá: chờ số liệu công bố", "symbol": "…", "shape": "stroke"},
    "khong-danh-gia": {"label": "Định tính: theo dõi qua nhiệm vụ", "symbol": "–", "shape": "cross"},
    "tham-chieu": {"label": "Chuỗi tham chiếu (không có mục tiêu)", "symbol": "≈", "shape": "cross"},
}
ORDER: tuple[str, ...] = tuple(STATUSES)
RANK = {"di-xa-muc-tieu": 0, "tien-trien-han-che": 1, "chua-dat": 1, "can-tang-toc": 2, "dung-huong": 3, "dang-dat": 4, "dat": 4}
ON_TRACK, ACCELERATE, LIMITED = 0.95, 0.6, 0.0


def bucket(ratio: float) -> str:
    """The status of a ratio of actual to required progress."""
    if ratio >= ON_TRACK:
        return "dung-huong"
    if ratio >= ACCELERATE:
        return "can-tang-toc"
    if ratio >= LIMITED:
        return "tien-trien-han-che"
    return "di-xa-muc-tieu"
