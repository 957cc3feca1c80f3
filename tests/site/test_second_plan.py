"""A second plan of another shape builds its own site, with no word of the first plan.

tests/fixtures/ke-hoach-giao-duc is unlike the real plan: a ministry's education plan, places on three
levels (country › region › province) with a merger, an excerpt of its text only, another deadline,
licence and repository, contacts with e-mail, no investment, and target kinds the real plan lacks.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from _site import shared_build
from plansite.pipeline import check
from testkit import LIVE_DATA, SECOND_PLAN, SECOND_TODAY, read_only, standing_alone

TEXT_SUFFIXES = (".html", ".json", ".csv", ".js", ".xml", ".txt", ".svg", ".webmanifest")


@pytest.fixture(scope="module")
def second_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield from read_only(shared_build(tmp_path_factory, SECOND_PLAN, SECOND_TODAY), "the second plan's site")


def _texts(site: Path) -> Iterator[tuple[str, str]]:
    for f in sorted(site.rglob("*")):
        if f.suffix in TEXT_SUFFIXES:
            yield f.relative_to(site).as_posix(), f.read_text(encoding="utf-8", errors="replace")
        elif f.suffix in (".zip", ".xlsx"):
            with zipfile.ZipFile(f) as z:
                for n in z.namelist():
                    if not n.endswith(".xlsx"):
                        yield f"{f.name}:{n}", z.read(n).decode("utf-8", "replace")


def _first_plan_words() -> set[str]:
    """The first plan's identity, agencies, places, deadline and figures (not the words the second one shares)."""
    plan = check(LIVE_DATA, SECOND_TODAY.replace(year=2026, month=12)).plan
    assert plan is not None
    p = plan.plan
    words = {p.number, p.short_title, p.title, p.issuer, p.signer.name, f"{p.reporting.day:02d}/{p.reporting.month:02d}"}
    words |= {a.name for a in plan.agencies} | {a.id for a in plan.agencies if len(a.id) > 6}
    words |= {pl.full_name for pl in plan.places.places} | {pl.name for pl in plan.places.places if len(pl.name) > 4}
    words |= {i.name for i in plan.indicators}
    for f in (LIVE_DATA / "progress").glob("*.csv"):
        for line in f.read_text(encoding="utf-8").splitlines()[1:]:
            source = next(iter(__import__("csv").reader([line])), [""] * 6)
            if len(source) > 5 and len(source[5]) > 20:
                words.add(source[5])
    mine = (SECOND_PLAN / "agencies.yaml").read_text(encoding="utf-8") + (SECOND_PLAN / "places.yaml").read_text(encoding="utf-8")
    return {w for w in words if len(w) >= 5 and w not in mine}


def test_second_plan_is_valid() -> None:
    checked = check(SECOND_PLAN, SECOND_TODAY)
    assert checked.ok, [p.text() for p in checked.problems.errors]
    kinds = {t.kind for i in checked.plan.indicators for t in i.targets} if checked.plan else set()
    assert {"thay-doi-so-voi-goc", "thay-doi-hang-nam", "ti-le-tham-chieu", "dinh-tinh", "muc"} <= kinds


def test_no_word_of_the_first_plan_in_the_second_site(second_site: Path) -> None:
    words = _first_plan_words()
    assert len(words) > 50, "the list of the first plan's words is too short to mean anything"
    pattern = standing_alone(words)
    found = []
    for where, text in _texts(second_site):
        for w in sorted({m.group(1) for m in pattern.finditer(text)}):
            found.append(f"{where}: «{w}»")
    assert not found, "the first plan leaks into the second plan's site:\n" + "\n".join(sorted(found)[:40])


def test_second_site_reads_as_its_own_plan(second_site: Path) -> None:
    home = (second_site / "index.html").read_text(encoding="utf-8")
    assert "Giáo dục vùng núi cao 2022–2026" in home and "Bộ Giáo dục và Đào tạo (giả lập)" in home
    assert "các vùng; các tỉnh" in home  # its own levels, no «huyện, xã»
    text = (second_site / "toan-van" / "index.html").read_text(encoding="utf-8")
    assert "Trích đoạn văn bản" in text and "không phải toàn văn" in text and "<title>Toàn văn" not in text
    agency = (second_site / "co-quan" / "vu-giao-duc-dan-toc" / "index.html").read_text(encoding="utf-8")
    assert "(nguyên văn)" not in agency and "trích từ văn bản" in agency
    guide = (second_site / "huong-dan" / "index.html").read_text(encoding="utf-8")
    assert "30/09" in guide
    assert "--co-quan vu-giao-duc-dan-toc" in guide or "--co-quan cac-so-gddt" in guide
    # Its home-screen name: whole words of its short title (29 characters), never cut inside one («… 20»).
    manifest = json.loads((second_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["short_name"] == "Giáo dục vùng núi cao"


def test_second_site_licence_repository_and_contacts(second_site: Path) -> None:
    pkg = json.loads((second_site / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["licenses"] == [
        {
            "name": "CC-BY-SA-4.0",
            "title": "Creative Commons Ghi công – Chia sẻ tương tự 4.0 Quốc tế",
            "path": "https://creativecommons.org/licenses/by-sa/4.0/deed.vi",
        }
    ]
    about = (second_site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert "gop-y@giaoduc-gialap.vn" in about and "024 0000 0000" in about and "Số 1 phố Giả Lập" in about
    page = (second_site / "chi-tieu" / "ty-le-bo-hoc-thcs" / "index.html").read_text(encoding="utf-8")
    assert 'href="mailto:gop-y@giaoduc-gialap.vn?subject=' in page or 'href="mailto:vu-gddt@giaoduc-gialap.vn?subject=' in page
    assert "https://github.com/du-lieu-gia-lap/giao-duc-vung-nui/issues/new?template=gop-y.yml" in page


def test_second_site_shows_its_merger(second_site: Path) -> None:
    old = (second_site / "dia-ban" / "tinh-ben-nang" / "index.html").read_text(encoding="utf-8")
    assert "Ngọc Khê" in old and "không so sánh trực tiếp" in old
    new = (second_site / "dia-ban" / "tinh-song-ngoc-moi" / "index.html").read_text(encoding="utf-8")
    assert "Hình thành" in new and "Bến Nắng" in new and "Khe Lạnh" in new
    home = (second_site / "index.html").read_text(encoding="utf-8")
    box = home.split('class="admonition info ps-merger"')[1].split("</section>")[0]
    # No «meaning» in the data: the event's own words and the rule of the site, no word of another plan.
    assert "Hợp nhất hai tỉnh (giả lập) (01/01/2024)" in box and "Hai tỉnh Bến Nắng và Khe Lạnh hợp nhất" in box
    assert "không cộng hay so sánh với các đơn vị cũ" in box


def test_second_site_new_target_kinds_are_judged_and_explained(second_site: Path) -> None:
    cut = (second_site / "chi-tieu" / "diem-truong-tam" / "index.html").read_text(encoding="utf-8")
    assert "giảm ít nhất 50% so với năm 2021" in cut and "420 điểm trường → 210 điểm trường" in cut
    per_year = (second_site / "chi-tieu" / "giao-vien-dat-chuan" / "index.html").read_text(encoding="utf-8")
    assert "không nói rõ" in per_year
    ratio = (second_site / "chi-tieu" / "chi-thuong-xuyen-hoc-sinh" / "index.html").read_text(encoding="utf-8")
    assert "Chi thường xuyên bình quân mỗi học sinh, cả nước" in ratio
    qual = (second_site / "chi-tieu" / "kien-co-hoa" / "index.html").read_text(encoding="utf-8")
    assert "Định tính: Định tính" not in qual and "Định tính: không có con số" not in qual
    targets = (second_site / "du-lieu" / "targets.csv").read_text(encoding="utf-8-sig")
    assert "'=" not in targets


def test_no_investment_section_for_a_plan_without_investment(second_site: Path) -> None:
    assert not (second_site / "dau-tu").exists()
    assert "Đầu tư" not in (second_site / "index.html").read_text(encoding="utf-8")


def test_second_plan_fixture_is_not_the_first_plan() -> None:
    a = yaml.safe_load((SECOND_PLAN / "plan.yaml").read_text(encoding="utf-8"))
    b = yaml.safe_load((LIVE_DATA / "plan.yaml").read_text(encoding="utf-8"))
    assert a["reporting"]["to"] != b["reporting"]["to"] and (a["reporting"]["day"], a["reporting"]["month"]) != (
        b["reporting"]["day"],
        b["reporting"]["month"],
    )
