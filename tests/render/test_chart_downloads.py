"""The downloaded SVG (and the PNG drawn from it): a long Vietnamese title and source wrap within the image, never clipped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from plansite.render.charts.data import Chart
from plansite.render.charts.downloads import PAD, Credit, standalone_svg, wrap_text
from plansite.render.charts.text import text_width

NS = "{http://www.w3.org/2000/svg}"
TITLE = (
    "Tỷ lệ hộ nghèo đồng bào dân tộc thiểu số theo chuẩn nghèo đa chiều của các huyện, thành phố, giai đoạn 2021–2025 (Đạt, Ước)"
)
SOURCE = "Báo cáo số 456/BC-UBND ngày 15/12/2023 của Uỷ ban nhân dân tỉnh về kết quả thực hiện Chương trình mục tiêu quốc gia"
CREDIT = Credit("Theo dõi thực hiện kế hoạch", "CC BY 4.0", dt.date(2026, 12, 1))


def _texts(svg: str) -> tuple[float, list[tuple[float, float, bool, str]]]:
    root = ET.fromstring(svg)
    texts = [
        (float(t.get("x", "0")), float(t.get("font-size", "0")), t.get("font-weight") == "bold", t.text or "")
        for t in root.iter(f"{NS}text")
    ]
    return float(root.get("width", "0")), texts


def test_the_title_is_long_and_vietnamese() -> None:
    assert len(TITLE) >= 120 and any(ch in TITLE for ch in "ỷộđạ")


@pytest.mark.parametrize("chart_width", [300, 400, 640])
def test_long_title_and_source_stay_within_the_image(chart_width: int) -> None:
    inner = f'<svg xmlns="http://www.w3.org/2000/svg" width="{chart_width}" height="240"><rect width="10" height="10"/></svg>'
    chart = Chart({}, "Biểu đồ", ("Năm",), (), slug="chi-tieu/x/xu-huong", title=TITLE, sources=(SOURCE,))
    width, texts = _texts(standalone_svg(chart, inner, CREDIT))
    assert width == chart_width + 2 * PAD
    for x, size, _, line in texts:
        assert x + text_width(line, size) <= width - PAD, f"«{line}» runs past the right edge ({width:.0f} px wide)"
    title = [line for *_, bold, line in texts if bold]
    assert len(title) >= 2, "a 120-letter title fits no chart on one line: it is wrapped"
    assert " ".join(title).split() == TITLE.split(), "every word of the title is in the image, in order"
    foot = " ".join(line for *_, bold, line in texts if not bold)
    assert all(w in foot.split() for w in SOURCE.split()), "every word of the source is in the image"


def test_the_width_estimate_is_not_short_for_vietnamese_letters() -> None:
    """A letter with its marks is as wide as its base letter, or wider; capitals and «m, w» are the widest."""
    assert text_width("Ưởng", 10) >= text_width("Uong", 10) > 0
    assert text_width("MMMM", 15) > text_width("iiii", 15) * 2
    assert text_width("漢", 10) >= text_width("W", 10), "a character of another script is not under-counted"


def test_a_word_wider_than_the_line_is_broken_not_dropped() -> None:
    word = "https://vi.example.org/" + "rat-dai-" * 20
    lines = wrap_text(f"Nguồn: {word}", 200, 11)
    assert "".join(lines).replace(" ", "") == f"Nguồn:{word}"
    assert all(text_width(line, 11) <= 200 for line in lines)
