"""The text search takes from a generated page (``search.page_text``): what a reader sees, without what the templates
mark ``data-search-exclude`` (charts, their data tables, embed codes) and without scripts or styles."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from plansite.render.search import page_text


class _Visible(HTMLParser):
    """The reference: Python's HTML parser, skipping the same elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    def skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "input", "hr", "meta", "link", "wbr", "col", "area", "source", "track", "embed", "base"}:
            self.out.append(" ")
            return
        excluded = tag in {"script", "style", "object"} or any(k == "data-search-exclude" for k, _ in attrs)
        self.stack.append((tag, excluded))
        self.out.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(" ")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, _ = self.stack.pop()
            if name == tag:
                break
        self.out.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping():
            self.out.append(data)


def reference(markup: str) -> str:
    p = _Visible()
    p.feed(markup)
    p.close()
    return " ".join("".join(p.out).split())


CASES = [
    '<h1 id="t">Tỷ lệ hộ nghèo &amp; cận nghèo</h1><p>Năm 2024: <strong>26,7%</strong></p>',
    '<div data-search-exclude><div>biểu đồ</div><svg><text>2024</text><path d="M0 0"/></svg></div><p>sau</p>',
    '<p>trước<br>sau<img src="a.png" alt="ảnh"></p><script>var s = "<p>không</p>";</script><style>p{}</style>',
    '<details class="ps-chart-data" data-search-exclude><summary>Bảng</summary><table><tr><td>1</td></tr></table></details>x',
    '<table><tr><td>Địa bàn</td><td>2020</td></tr><tr><td title="a > b">Xã A</td><td>–</td></tr></table>',
    "<p>a<!-- <p>ẩn</p> -->b</p><p data-x='1 > 0'>c</p>",
]


@pytest.mark.parametrize("markup", CASES)
def test_text_is_what_a_reader_sees(markup: str) -> None:
    assert page_text(markup) == reference(markup)


def test_excluded_parts_are_left_out_and_entities_read() -> None:
    text = page_text(CASES[0] + CASES[1] + CASES[2])
    assert "biểu đồ" not in text and "2024 " not in text.replace("Năm 2024", "")
    assert "không" not in text and "p{}" not in text
    assert "Tỷ lệ hộ nghèo & cận nghèo" in text and "26,7%" in text and "trước sau" in text
