"""The «Đầu tư và chương trình» section and the task pages, in real ``mkdocs build --strict`` builds.

Two made-up plans: tests/fixtures/minimal (no programme, project, figure or update: the site
says nothing about investment) and the same plan with tests/fixtures/investment copied in.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from _site import build
from testkit import MINIMAL, with_investment

ENV = {"PLANSITE_TODAY": "2024-06-01"}


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bare") / "site"
    build(MINIMAL, out, extra_env=ENV)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("invest")
    data = tmp / "data"
    shutil.copytree(MINIMAL, data)
    with_investment(data)
    build(data, tmp / "site", extra_env=ENV)
    return tmp / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(markup: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def main(markup: str) -> str:
    """The page's own content (not the navigation): a generated page's block, or a hand-written page's article."""
    at = markup.find('<div class="ps-page"')
    return markup[at if at >= 0 else markup.index("<article") :]


def section(markup: str, anchor: str) -> str:
    """From the heading ``anchor`` to the next heading of its level."""
    start = markup.index(f'id="{anchor}"')
    level = markup[markup.rindex("<h", 0, start) + 2]
    nxt = re.search(rf"<h[1-{level}][ >]", markup[start:])
    return markup[start : start + nxt.start()] if nxt else markup[start:]


# ------------------------------------------------------------------ a plan without investment data


def test_a_plan_without_investment_says_nothing_of_it(bare: Path) -> None:
    assert not (bare / "dau-tu").exists()
    for path in ("", "nhiem-vu/nv-1", "co-quan/so-giao-duc", "dia-ban/doi-xanh", "phuong-phap", "du-lieu", "huong-dan"):
        body = page(bare, path)
        assert "dau-tu/" not in body, path
        assert "Đầu tư và chương trình" not in body, path
        assert "investment.csv" not in body, path
    assert 'id="dau-tu"' not in page(bare, "phuong-phap")
    assert not (bare / "du-lieu" / "investment.csv").exists()
    assert not list((bare / "huong-dan" / "mau").glob("*-dau-tu.xlsx"))  # no investment template either
    assert '"investment"' not in (bare / "du-lieu" / "datapackage.json").read_text(encoding="utf-8")


def test_tasks_without_updates_are_not_assessed(bare: Path) -> None:
    assert "Chưa đánh giá" in text(section(main(page(bare, "nhiem-vu/nv-2")), "nhiem-vu"))
    assert "Đã triển khai" not in text(main(page(bare, "nhiem-vu")))


# ------------------------------------------------------------------ the section


def test_section_pages_and_nav_entry(site: Path) -> None:
    for path in ("dau-tu", "dau-tu/chuong-trinh/ct-mau", "dau-tu/chuong-trinh/ct-mau-da-1", "dau-tu/chuong-trinh/ct-khac",
                 "dau-tu/du-an/duong-mau", "dau-tu/du-an/dien-mau"):  # fmt: skip
        assert (site / path / "index.html").exists(), path
    home = page(site, "")
    nav = home[: home.index('<div class="ps-page"')] if '<div class="ps-page"' in home else home
    assert re.search(r'href="dau-tu/"[^>]*>\s*(<[^>]+>\s*)*Đầu tư và chương trình', nav)
    assert "Chương trình mẫu phát triển vùng Đồi Xanh" in page(site, "dau-tu")  # names come from the data


def test_programme_page_figures_as_published(site: Path) -> None:
    body = main(page(site, "dau-tu/chuong-trinh/ct-mau"))
    table = text(section(body, "so-lieu"))
    assert "hơn 810 tỷ đồng" in table
    assert "2.428.748 triệu đồng" in table and "2.428,748 tỷ đồng" in table  # published, and converted exactly
    assert "2 tỷ 060 triệu đồng" in table and "2,06 tỷ đồng" in table
    assert "trên 47%" in table
    assert "Chung cho 2 chương trình, không tách" in table
    assert "Mơ hồ" in table  # the ambiguous figure is kept, with its note
    assert "tỉnh Mới (sau sáp nhập)" not in table  # shown apart, not beside the plan's figures
    apart = text(section(body, "hien-rieng"))
    assert "tỉnh Mới (sau sáp nhập)" in apart and "hơn 1.167 tỷ đồng" in apart


def test_programme_charts_show_qualifiers_and_plan_or_result(site: Path) -> None:
    body = main(page(site, "dau-tu/chuong-trinh/ct-mau"))
    money = section(body, "von-theo-nam")
    assert "<svg" in money and "ps-chart" in money
    caption = text(money)
    assert "hơn 810 tỷ đồng (kế hoạch)" in caption and "2.428,748 tỷ đồng (kết quả)" in caption
    assert "841,648" not in caption  # marked ambiguous: in the table, not on the chart
    svg = money[money.index("<svg") : money.index("</svg>")]
    assert "hơn 810 tỷ đồng" in html.unescape(svg)
    legend = html.unescape(svg)
    assert "Kế hoạch: vốn giao, duyệt, dự kiến" in legend and "Kết quả: vốn đã giải ngân, đã chi" in legend
    rates = section(body, "giai-ngan")
    assert "<svg" in rates
    assert "trên 47%" in html.unescape(rates[rates.index("<svg") : rates.index("</svg>")])
    assert "Kế hoạch vốn được giao (100%)" in html.unescape(rates)
    for name in ("von-theo-nam", "giai-ngan"):
        for ext in ("svg", "png", "csv"):
            assert (site / "bieu-do" / "dau-tu" / "ct-mau" / f"{name}.{ext}").exists()


def test_project_page(site: Path) -> None:
    body = main(page(site, "dau-tu/du-an/dien-mau"))
    assert "Có bằng chứng chưa thực hiện" in text(body)
    assert "Đơn vị mẫu (như nguồn ghi)" in text(body)
    assert "hơn 2.000 tỷ" in text(body) and "không quy đổi" in text(body)  # «tỷ» without «đồng»: not converted
    road = main(page(site, "dau-tu/du-an/duong-mau"))
    assert 'href="../../../co-quan/so-giao-duc/"' in road and 'href="../../../dia-ban/hoa-binh/"' in road
    assert 'href="../../../nhiem-vu/nv-2/"' in road


# ------------------------------------------------------------------ task pages


def test_task_updates_in_date_order(site: Path) -> None:
    body = main(page(site, "nhiem-vu/nv-2"))
    updates = section(body, "tien-do")
    items = re.findall(r'<li class="ps-update ps-update-([a-z-]+)"( data-date="([0-9-]+)")?', updates)
    assert [(k, d) for k, _, d in items] == [
        ("van-ban", "2021-03"),
        ("ket-qua", "2022-10-14"),
        ("ket-qua", "2023"),
        ("chua-thuc-hien", ""),  # no date: last
    ]
    shown = text(updates)
    assert "Không rõ ngày" in shown and "năm không có trong đoạn trích" in shown
    assert "⚠ Bằng chứng chưa thực hiện" in shown
    assert "Nguồn yếu" in shown
    assert "«Đường mẫu đã hoàn thành và đưa vào sử dụng.»" in shown and 'href="https://example.org/3"' in updates


def test_task_status_by_the_rule(site: Path) -> None:
    nv2 = text(main(page(site, "nhiem-vu/nv-2")))
    assert "Có kết quả được công bố" in nv2 and "⚠ 1 bằng chứng chưa thực hiện" in nv2
    nv1 = text(main(page(site, "nhiem-vu/nv-1")))
    assert "Đã triển khai" in nv1 and "Có kết quả được công bố" not in nv1  # a plan and a meeting only
    index = text(main(page(site, "nhiem-vu")))
    assert "Đã triển khai" in index and "Có kết quả được công bố" in index


def test_links_across_the_site(site: Path) -> None:
    nv1 = section(main(page(site, "nhiem-vu/nv-1")), "chuong-trinh-du-an")
    assert 'href="../../dau-tu/chuong-trinh/ct-mau/"' in nv1
    nv2 = section(main(page(site, "nhiem-vu/nv-2")), "chuong-trinh-du-an")
    assert 'href="../../dau-tu/du-an/duong-mau/"' in nv2 and 'href="../../dau-tu/du-an/dien-mau/"' in nv2
    agency = section(main(page(site, "co-quan/so-giao-duc")), "du-an")
    assert 'href="../../dau-tu/du-an/duong-mau/"' in agency and "Chủ đầu tư" in text(agency)
    for place in ("doi-xanh", "hoa-binh"):  # the commune, and the district it lies in
        assert 'href="../../dau-tu/du-an/duong-mau/"' in section(main(page(site, f"dia-ban/{place}")), "du-an")
    assert "dau-tu/du-an/duong-mau" not in page(site, "dia-ban/suoi-bac")


def test_method_page_explains_the_rules(site: Path) -> None:
    method = text(main(page(site, "phuong-phap")))
    assert "không bao giờ làm một nhóm nhiệm vụ thành «có kết quả»" in method
    assert "Kết quả cụ thể được công bố" in method and "Bằng chứng chưa thực hiện" in method
    assert "Hiện riêng" in method and "tỷ đồng" in method


# ------------------------------------------------------------------ injection


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The made-up plan whose free-text cells of the new files carry injection attempts (still valid data)."""
    from _site import EVIL

    tmp = tmp_path_factory.mktemp("invest-evil")
    data = tmp / "data"
    shutil.copytree(MINIMAL, data)
    with_investment(data)
    evil = " ".join(EVIL.values()).replace('"', "'")
    for name, old in (("investment.csv", "Đường mẫu,"), ("task-updates.csv", "Đường mẫu đã hoàn thành.,")):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, f'"{evil}",', 1), encoding="utf-8")
    build(data, tmp / "site", extra_env=ENV)
    return tmp / "site"


class _Scan(HTMLParser):
    """Scripts, event handlers and javascript: links a browser would run in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"{tag} {name}={value}")

    def handle_data(self, data: str) -> None:
        if self._script and "__pwned" in data:
            self.bad.append(data)


def test_free_text_of_the_new_files_is_shown_as_text(evil_site: Path) -> None:
    for path in ("dau-tu/du-an/duong-mau", "dau-tu/chuong-trinh/ct-mau-da-1", "nhiem-vu/nv-2"):
        body = page(evil_site, path)
        scan = _Scan()
        scan.feed(body)
        assert not scan.bad, (path, scan.bad)
        shown = text(main(body))
        assert "<script>window.__pwned = 1</script>" in shown and "{{ 7*7 }}" in shown, path  # verbatim, as text


def test_the_guide_and_the_templates_cover_the_investment_and_task_files(site: Path) -> None:
    """Issue 17 point 6: the contributor guide lists the columns of both files, the site offers their templates."""
    from plansite.check.sheets import INVESTMENT_COLUMNS, TASK_UPDATE_COLUMNS

    guide = page(site, "huong-dan")
    for col in (*INVESTMENT_COLUMNS, *TASK_UPDATE_COLUMNS):
        assert f"<code>{html.escape(col.label, quote=False)}</code>" in guide, col.label
    assert "--loai" in guide and "investment.csv" in guide and "task-updates.csv" in guide
    offered = {p.name for p in (site / "huong-dan" / "mau").iterdir()}
    assert any(n.endswith("-dau-tu.xlsx") for n in offered) and any(n.endswith("-nhiem-vu.xlsx") for n in offered)
    nop = page(site, "nop-so-lieu")
    assert "-dau-tu.xlsx" in nop and "-nhiem-vu.xlsx" in nop  # linked from the templates table
