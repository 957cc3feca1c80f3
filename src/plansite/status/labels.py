"""The statuses a target can have, their labels and symbols, and the method's thresholds."""

from __future__ import annotations

from typing import Literal

StatusCode = Literal[
    "dat", "dung-huong", "can-tang-toc", "tien-trien-han-che", "di-xa-muc-tieu", "chua-du-so-lieu", "khong-danh-gia"
]

STATUSES: dict[str, dict[str, str]] = {
    "dat": {"label": "Đã đạt", "symbol": "✔", "shape": "circle"},
    "dung-huong": {"label": "Đúng tiến độ", "symbol": "▲", "shape": "triangle-up"},
    "can-tang-toc": {"label": "Có tiến bộ, cần tăng tốc", "symbol": "◆", "shape": "diamond"},
    "tien-trien-han-che": {"label": "Tiến bộ hạn chế", "symbol": "■", "shape": "square"},
    "di-xa-muc-tieu": {"label": "Đi xa mục tiêu", "symbol": "▼", "shape": "triangle-down"},
    "chua-du-so-lieu": {"label": "Chưa đủ số liệu", "symbol": "○", "shape": "stroke"},
    "khong-danh-gia": {"label": "Không đánh giá (định tính)", "symbol": "–", "shape": "cross"},
}
ORDER: tuple[str, ...] = tuple(STATUSES)
RANK = {"di-xa-muc-tieu": 0, "tien-trien-han-che": 1, "can-tang-toc": 2, "dung-huong": 3, "dat": 4}
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
