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
    "chua-co-ket-qua",
    "chua-du-so-lieu",
    "cho-so-lieu",
    "khong-danh-gia",
    "tham-chieu",
]

# Labels say what is known, never «no progress» for «no figure»: a target without a figure is «waiting for
# a figure», not judged (promise trackers learned that «no action» was read as «no progress»).
STATUSES: dict[str, dict[str, str]] = {
    "dat": {
        "label": "Đã đạt",
        "symbol": "✔",
        "shape": "circle",
        "when": "Số liệu mới nhất (đến năm mục tiêu) đã thỏa mục tiêu, kể cả khi mới có một số liệu.",
    },
    "dang-dat": {
        "label": "Đang đạt (cần duy trì)",
        "symbol": "✔",
        "shape": "circle",
        "when": "Mục tiêu «duy trì trên X»: mới có một số liệu và số liệu đó thỏa ngưỡng; cần các năm sau để biết có giữ được không.",
    },
    "dung-huong": {
        "label": "Đúng tiến độ",
        "symbol": "▲",
        "shape": "triangle-up",
        "when": "Tỉ số tốc độ thực tế / tốc độ cần thiết ≥ 0,95.",
    },
    "can-tang-toc": {
        "label": "Có tiến bộ, cần tăng tốc",
        "symbol": "◆",
        "shape": "diamond",
        "when": "Tỉ số từ 0,6 đến dưới 0,95; hoặc đã tới năm mục tiêu mà chưa đạt dù tỉ số ≥ 0,95.",
    },
    "tien-trien-han-che": {
        "label": "Tiến bộ hạn chế",
        "symbol": "■",
        "shape": "square",
        "when": "Tỉ số từ 0 đến dưới 0,6.",
    },
    "di-xa-muc-tieu": {
        "label": "Đi xa mục tiêu",
        "symbol": "▼",
        "shape": "triangle-down",
        "when": "Tỉ số âm: số liệu đi ngược hướng mục tiêu.",
    },
    "chua-dat": {
        "label": "Chưa đạt, chưa rõ xu hướng",
        "symbol": "◇",
        "shape": "diamond",
        "when": "Mới có một số liệu (từ năm gốc trở đi) và số liệu đó chưa thỏa mục tiêu mức: câu giải thích nói còn cách bao nhiêu.",
    },
    "chua-co-ket-qua": {
        "label": "Chưa có kết quả năm mục tiêu",
        "symbol": "◔",
        "shape": "stroke",
        "when": "Đã qua hạn báo cáo số liệu của năm mục tiêu, đã có số liệu các năm trước nhưng chưa có số liệu năm đó: "
        "chưa biết mục tiêu đạt hay không. Câu giải thích nói xu hướng đến năm có số liệu mới nhất; trang chỉ tiêu ghi "
        "cơ quan phải công bố.",
    },
    "chua-du-so-lieu": {
        "label": "Chưa đánh giá được: cần thêm số liệu",
        "symbol": "○",
        "shape": "stroke",
        "when": "Có số liệu nhưng chưa đủ để nói điều gì: ví dụ một số liệu của mục tiêu thay đổi mỗi năm, "
        "hay thiếu số liệu năm gốc của mục tiêu «gấp N lần».",
    },
    "cho-so-lieu": {
        "label": "Chưa đánh giá: chờ số liệu công bố",
        "symbol": "…",
        "shape": "stroke",
        "when": "Chưa có số liệu nào đúng theo định nghĩa của kế hoạch. Không có nghĩa là không có tiến bộ: "
        "trang chỉ tiêu ghi cơ quan phải công bố, hạn báo cáo và số liệu liên quan gần nhất, nếu có.",
    },
    "khong-danh-gia": {
        "label": "Định tính: theo dõi qua nhiệm vụ",
        "symbol": "–",
        "shape": "cross",
        "when": "Mục tiêu định tính: theo dõi bằng tiến độ nhiệm vụ có minh chứng.",
    },
    "tham-chieu": {
        "label": "Chuỗi tham chiếu (không có mục tiêu)",
        "symbol": "≈",
        "shape": "cross",
        "when": "Chuỗi số liệu mà kế hoạch không đặt mục tiêu, dùng để so sánh với chỉ tiêu khác (ví dụ bình quân cả nước).",
    },
}
ORDER: tuple[str, ...] = tuple(STATUSES)
RANK = {"di-xa-muc-tieu": 0, "tien-trien-han-che": 1, "chua-dat": 1, "can-tang-toc": 2, "dung-huong": 3, "dang-dat": 4, "dat": 4}
ON_TRACK, ACCELERATE, LIMITED = 0.95, 0.6, 0.0
# Statuses read from figures before the target year: once the target year's figure is overdue, they are
# no longer a judgement of the target (``method.past_due``); «dat» stays, the level was reached.
SO_FAR = ("dung-huong", "can-tang-toc", "tien-trien-han-che", "di-xa-muc-tieu", "chua-dat", "dang-dat", "chua-du-so-lieu")


def bucket(ratio: float) -> str:
    """The status of a ratio of actual to required progress."""
    if ratio >= ON_TRACK:
        return "dung-huong"
    if ratio >= ACCELERATE:
        return "can-tang-toc"
    if ratio >= LIMITED:
        return "tien-trien-han-che"
    return "di-xa-muc-tieu"
