"""The yearly reports in a real build (``mkdocs build --strict``) of the minimal fixture, judged on TODAY.

One page per year at ``bao-cao/<year>/`` and a list; beside each page its PDF, printed by Debian's
chromium, and its .docx draft. The PDF holds the page's text with its diacritics (``pdftotext``),
on A4 with page numbers; it is cached under the page's HTML. ``PLANSITE_PDF=0`` skips the PDF with a
warning; a publishing build refuses to; a missing browser stops the build with what to do.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from _site import build
from testkit import MINIMAL, TODAY, read_only

YEARS = [2020, 2021, 2022, 2023, 2024]  # the minimal plan is of 04/06/2020; TODAY is 01/06/2024
BLOCK = re.compile(r"<(h1|h2|h3|p|li|th|td)\b[^>]*>(.*?)</\1>", re.S)
HIDDEN_IN_PRINT = re.compile(r'<(ul|p) class="ps-(?:actions|crumbs)[^"]*".*?</\1>', re.S)


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} (Debian's poppler-utils) is needed to read the PDF: scripts/setup.sh --test installs it"
    return path


def flat(text: str) -> str:
    """Text without any white space, NFC: how a page's text and the PDF's are compared (lines break elsewhere)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def pdf_text(pdf: Path, *args: str) -> str:
    return subprocess.run(
        [tool("pdftotext"), *args, str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def page_blocks(page: Path) -> list[str]:
    """The text of each heading, paragraph, list item and table cell of a built page's content, as a reader sees it."""
    body = page.read_text(encoding="utf-8")
    body = body[body.index('<div class="ps-page"') :]
    body = HIDDEN_IN_PRINT.sub("", body[: body.index("</article>")] if "</article>" in body else body)
    out = []
    for _, inner in BLOCK.findall(body):
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        if text:
            out.append(text)
    return out


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("report-cache")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("report-site") / "site"
    stats = out.parent / "stats.json"
    for folder in read_only(MINIMAL, "tests/fixtures/minimal"):
        build(folder, out, today=TODAY, extra_env={"PLANSITE_CACHE": str(cache_dir), "PLANSITE_BUILD_STATS": str(stats)})
        yield out


def test_a_page_a_pdf_and_a_draft_for_every_year(site: Path) -> None:
    index = (site / "bao-cao" / "index.html").read_text(encoding="utf-8")
    for year in YEARS:
        assert (site / "bao-cao" / str(year) / "index.html").is_file()
        for kind in ("pdf", "docx"):
            assert (site / "bao-cao" / f"{year}.{kind}").stat().st_size > 1000, (year, kind)
            assert f'href="{year}.{kind}"' in index
        assert f'href="{year}/"' in index
    assert not (site / "bao-cao" / "2019").exists() and not (site / "bao-cao" / "2025").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="bao-cao/"' in home  # in the site's navigation


@pytest.mark.parametrize("year", YEARS)
def test_the_pdf_holds_the_text_of_the_page(site: Path, year: int) -> None:
    pdf = site / "bao-cao" / f"{year}.pdf"
    printed = flat(pdf_text(pdf, "-raw"))
    blocks = page_blocks(site / "bao-cao" / str(year) / "index.html")
    assert len(blocks) > 30
    missing = [b for b in blocks if flat(b) not in printed]
    assert not missing, f"text of the page not in its PDF: {missing[:5]}"
    # Vietnamese as written, diacritics intact.
    text = pdf_text(pdf)
    assert f"Báo cáo năm {year}" in text and "Tổng hợp tình trạng các mục tiêu" in text
    assert "Kết quả thực hiện các chỉ tiêu" in text and "Tình hình gửi báo cáo của các cơ quan" in text


@pytest.mark.parametrize("year", YEARS)
def test_the_pdf_is_a4_with_page_numbers_and_no_path_of_the_machine(site: Path, year: int) -> None:
    pdf = site / "bao-cao" / f"{year}.pdf"
    info = pdf_info(pdf)
    assert "(A4)" in info["Page size"], info["Page size"]
    pages = int(info["Pages"])
    assert 1 <= pages <= 6, pages
    text = pdf_text(pdf)
    assert f"Trang 1/{pages}" in text and f"Trang {pages}/{pages}" in text
    raw = pdf.read_bytes()
    assert b"file:" not in raw and b"plansite.invalid" not in raw and str(site).encode() not in raw
    assert "Tìm chỉ tiêu" not in text and "Tải bản PDF" not in text  # no search box, no download links on paper


def test_the_draft_opens_in_word_format(site: Path) -> None:
    document = docx.Document(io.BytesIO((site / "bao-cao" / "2023.docx").read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == [
        "I. Tổng hợp tình trạng các mục tiêu",
        "II. Kết quả thực hiện các chỉ tiêu",
        "III. Chỉ tiêu chưa có số liệu năm 2023",
    ]


def test_the_current_year_says_how_many_days_remain(site: Path) -> None:
    page = (site / "bao-cao" / "2024" / "index.html").read_text(encoding="utf-8")
    assert "còn 197 ngày" in page and "chưa kết thúc" in page  # 01/06/2024 → 15/12/2024
    past = (site / "bao-cao" / "2023" / "index.html").read_text(encoding="utf-8")
    assert "đã qua" in past and "chưa kết thúc" not in past


def test_the_pdf_is_printed_once_and_then_taken_from_the_cache(site: Path, cache_dir: Path, tmp_path: Path) -> None:
    stats = json.loads((site.parent / "stats.json").read_text(encoding="utf-8"))
    assert stats["report_pdfs_printed"] + stats["report_pdfs_cached"] == len(YEARS)
    again, again_stats = tmp_path / "site", tmp_path / "stats.json"
    build(MINIMAL, again, today=TODAY, extra_env={"PLANSITE_CACHE": str(cache_dir), "PLANSITE_BUILD_STATS": str(again_stats)})
    second = json.loads(again_stats.read_text(encoding="utf-8"))
    assert (second["report_pdfs_printed"], second["report_pdfs_cached"]) == (0, len(YEARS))
    for year in YEARS:
        name = f"bao-cao/{year}.pdf"
        assert (again / name).read_bytes() == (site / name).read_bytes()


def test_a_build_without_the_pdf_is_explicit(tmp_path: Path) -> None:
    out = tmp_path / "site"
    proc = build(MINIMAL, out, today=TODAY, extra_env={"PLANSITE_PDF": "0", "PLANSITE_CACHE": str(tmp_path / "cache")})
    assert "CẢNH BÁO (plansite): PLANSITE_PDF=0" in proc.stderr
    assert not list((out / "bao-cao").glob("*.pdf"))
    assert (out / "bao-cao" / "2023.docx").is_file()
    for page in [out / "bao-cao" / "index.html", *(out / "bao-cao").glob("*/index.html")]:
        assert ".pdf" not in page.read_text(encoding="utf-8"), page


def test_a_publishing_build_refuses_to_skip_the_pdf(tmp_path: Path) -> None:
    proc = build(MINIMAL, tmp_path / "site", check=False, today=TODAY, extra_env={"PLANSITE_PDF": "0", "PLANSITE_PUBLISH": "1"})
    assert proc.returncode != 0
    assert "bản xuất bản phải có tệp PDF của báo cáo hằng năm" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_without_chromium_the_build_says_what_to_do(tmp_path: Path) -> None:
    proc = build(
        MINIMAL, tmp_path / "site", check=False, today=TODAY, extra_env={"PLANSITE_CHROMIUM": str(tmp_path / "khong-co")}
    )
    assert proc.returncode != 0
    assert "Không tìm thấy trình duyệt chromium" in proc.stderr and "PLANSITE_PDF=0" in proc.stderr
    assert "Traceback" not in proc.stderr
