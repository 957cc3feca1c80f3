"""Who owes a missing figure: the leading body (or its successor), the deadline, the report, a related figure.

Built on a private copy of the minimal plan where the school indicator's own series has no figure and
a related series has some, and the education department was reorganised.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from plansite.build import SiteBuild
from plansite.pipeline import check
from plansite.status.judged import Judged, judge
from plansite.status.owed import NO_AGENCY, accountability, due_year
from testkit import MINIMAL, TODAY, copy_folder

SERIES = """    series:
      - id: chinh
        name: Tỷ lệ trẻ em đi học đúng độ tuổi
      - id: nhap-hoc
        name: Tỷ lệ nhập học chung
        related: true
        relation_note: Tính cả học sinh ngoài độ tuổi, nên cao hơn tỷ lệ đúng độ tuổi của kế hoạch.
"""

PROGRESS = """Năm,Giá trị,Địa bàn,Chuỗi số liệu,Nguồn,Cơ quan báo cáo,Ngày báo cáo
2021,"97,1",,nhap-hoc,Niên giám mẫu 2021,,
2023,"98,4",,nhap-hoc,Báo cáo mẫu của ngành 2023,{agency},{reported}
"""

SUCCESSORS = """    successors:
      - name: Sở Giáo dục và Đào tạo tỉnh mới
        date: 01/07/2025
        source: Quyết định mẫu về sắp xếp
"""


def waiting_plan(tmp: Path, agency: str = "", reported: str = "", successors: bool = False) -> Path:
    folder = copy_folder(MINIMAL, tmp / "data")
    ind = folder / "indicators.yaml"
    text = ind.read_text(encoding="utf-8")
    marker = "    quote: duy trì tỷ lệ trẻ em đi học trên 95%\n    anchor: ii-2-4\n"
    assert marker in text
    ind.write_text(text.replace(marker, marker + SERIES, 1), encoding="utf-8")
    (folder / "progress" / "ty-le-tre-di-hoc.csv").write_text(PROGRESS.format(agency=agency, reported=reported), encoding="utf-8")
    if successors:
        ag = folder / "agencies.yaml"
        text = ag.read_text(encoding="utf-8")
        marker = "        text: Nâng cao tỷ lệ trẻ em đi học.\n        anchor: iv-2\n"
        ag.write_text(text.replace(marker, marker + SUCCESSORS, 1), encoding="utf-8")
    return folder


def judged(folder: Path, today: dt.date = TODAY) -> Judged:
    checked = check(folder, today)
    assert checked.ok, [p.text() for p in checked.problems]
    return judge(checked, today)


def test_a_target_without_its_own_figure_is_owed_by_the_leading_body(tmp_path: Path) -> None:
    j = judged(waiting_plan(tmp_path))
    assert [a.status for a in j.statuses["ty-le-tre-di-hoc"].assessments] == ["cho-so-lieu"]
    o = j.owed[("ty-le-tre-di-hoc", 0)]
    assert o.agency == "so-giao-duc" and o.basis == "ke-hoach"
    # On 01/06/2024 the latest year already due is 2023 (15/12/2023); the next deadline is 15/12/2024.
    assert (o.year, o.deadline, o.overdue, o.next_deadline) == (2023, dt.date(2023, 12, 15), True, dt.date(2024, 12, 15))
    assert o.report == "chua-bao-cao"  # a related series published elsewhere is no report, nor the plan's figure
    # The nearest related figure is the latest one, with why it differs.
    assert o.related is not None
    assert (o.related.year, o.related.value, o.related.series) == (2023, 98.4, "Tỷ lệ nhập học chung")
    assert "ngoài độ tuổi" in o.related.relation and o.related.source == "Báo cáo mẫu của ngành 2023"
    # Judged targets owe nothing.
    assert all(a.status in ("cho-so-lieu", "chua-du-so-lieu") for a in (j.statuses[i].assessments[n] for i, n in j.owed))


def test_a_report_of_the_body_for_the_year_is_told(tmp_path: Path) -> None:
    on_time = judged(waiting_plan(tmp_path / "a", agency="so-giao-duc", reported="10/12/2023"))
    assert on_time.owed[("ty-le-tre-di-hoc", 0)].report == "dung-han"
    late = judged(waiting_plan(tmp_path / "b", agency="so-giao-duc", reported="20/01/2024"))
    assert late.owed[("ty-le-tre-di-hoc", 0)].report == "tre-han"


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (dt.date(2024, 6, 1), 2023),
        (dt.date(2024, 12, 15), 2023),  # the deadline day itself is not past
        (dt.date(2024, 12, 16), 2024),
        (dt.date(2031, 1, 1), 2025),  # never a year after the target's
        (dt.date(2020, 6, 1), 2020),  # before the first deadline: the plan's first year, not yet due
    ],
)
def test_the_year_owed_is_the_latest_already_due(today: dt.date, year: int) -> None:
    plan = check(MINIMAL, TODAY).plan
    assert plan is not None and plan.plan.date.year == 2020
    assert due_year(plan, today, 2025) == year


def test_before_the_first_deadline_nothing_is_overdue(tmp_path: Path) -> None:
    folder = waiting_plan(tmp_path)
    for csv in (folder / "progress").glob("*.csv"):  # no figure may come after the day judged on
        csv.write_text(csv.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    (folder / "work-status.yaml").unlink()  # nor a work update (dated 15/12/2023)
    o = judged(folder, dt.date(2020, 12, 1)).owed[("ty-le-tre-di-hoc", 0)]
    assert (o.year, o.overdue, o.report, o.related) == (2020, False, "chua-den-han", None)


def test_the_accountability_list_counts_targets_by_body(tmp_path: Path) -> None:
    folder = waiting_plan(tmp_path)
    for name in ("ty-le-ho-ngheo", "thu-nhap-binh-quan", "giam-ho-ngheo"):
        path = folder / "progress" / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    j = judged(folder)
    debts = j.debts()
    # Ban Dân tộc leads two indicators with three targets; the school indicator has one; «giam-ho-ngheo» has no
    # leading body in the plan and comes last, under its own line.
    assert [(d.agency, d.count) for d in debts] == [("ban-dan-toc", 3), ("so-giao-duc", 1), (NO_AGENCY, 1)]
    assert debts[0].indicators == ("ty-le-ho-ngheo", "thu-nhap-binh-quan")
    assert sum(d.count for d in debts) == sum(
        1 for st in j.statuses.values() for a in st.assessments if a.status in ("cho-so-lieu", "chua-du-so-lieu")
    )
    assert [(d.agency, d.count) for d in j.debts(["ty-le-tre-di-hoc"])] == [("so-giao-duc", 1)]
    assert [d.agency for d in j.debts(agency="ban-dan-toc")] == ["ban-dan-toc"]
    assert accountability([]) == []


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_pages_name_who_owes_the_figure_and_who_took_over(tmp_path: Path) -> None:
    build = SiteBuild.prepare(waiting_plan(tmp_path, successors=True), today=TODAY)
    pages = build.pages()
    box = text_of(pages["chi-tieu/ty-le-tre-di-hoc.md"].split('class="ps-status-box"')[1].split("</section>")[0])
    assert "Cơ quan phải công bố số liệu: Sở Giáo dục và Đào tạo (chủ trì)" in box
    assert "Sở Giáo dục và Đào tạo tỉnh mới (từ 01/07/2025)" in box and "Quyết định mẫu về sắp xếp" in box
    assert "Số liệu năm 2023: hạn báo cáo 15/12/2023 ( đã quá hạn ); cơ quan chưa báo cáo" in box
    assert "Hạn kế tiếp: 15/12/2024" in box
    assert "Số liệu gần nhất có liên quan: 98,4% Tỷ lệ nhập học chung (2023) — khác định nghĩa của kế hoạch" in box
    home = text_of(build.fragment("home.html", "index.md", status_chart=""))
    assert "Ai còn nợ số liệu?" in home and "Sở Giáo dục và Đào tạo" in home.split("Ai còn nợ số liệu?")[1]
    agency = text_of(pages["co-quan/so-giao-duc.md"])
    assert "Sau sắp xếp bộ máy: ai tiếp nhận nhiệm vụ?" in agency
    assert "1 mục tiêu do cơ quan này chủ trì chưa đánh giá được: 1 chưa có số liệu" in agency
    area = text_of(pages["linh-vuc/giao-duc.md"])
    assert "Mục tiêu chờ số liệu" in area
    # An agency owing nothing says so; one without a reorganisation says nothing of successors.
    other = text_of(pages["co-quan/ban-dan-toc.md"])
    assert "Không có mục tiêu nào do cơ quan này chủ trì đang chờ số liệu." in other
    assert "Sau sắp xếp" not in other
    build.close()


def test_an_unknown_successor_is_said_to_be_unknown(tmp_path: Path) -> None:
    folder = waiting_plan(tmp_path)
    ag = folder / "agencies.yaml"
    marker = "        text: Nâng cao tỷ lệ trẻ em đi học.\n        anchor: iv-2\n"
    ag.write_text(
        ag.read_text(encoding="utf-8").replace(marker, marker + "    successor_unknown: Nguồn chưa nêu sở nào tiếp nhận.\n"),
        encoding="utf-8",
    )
    build = SiteBuild.prepare(folder, today=TODAY)
    pages = build.pages()
    assert "Cơ quan tiếp nhận nhiệm vụ sau sắp xếp: chưa rõ" in text_of(pages["chi-tieu/ty-le-tre-di-hoc.md"])
    assert "Cơ quan tiếp nhận: chưa rõ — Nguồn chưa nêu sở nào tiếp nhận." in text_of(pages["co-quan/so-giao-duc.md"])
    build.close()


# --------------------------------------------------------------------------- a target year that is over


AFTER_2025 = dt.date(2026, 1, 10)  # the report of 2025 was due on 15/12/2025


def test_a_target_whose_year_is_over_without_its_figure_is_not_on_track_but_waiting(tmp_path: Path) -> None:
    """Income (figures 2020 and 2022, on track for 2025): once the 2025 report is overdue, the trend no longer
    judges the 2025 target. It waits for the 2025 figure, owed by its leading body; the trend stays in the sentence."""
    folder = copy_folder(MINIMAL, tmp_path / "data")
    before = judged(folder, dt.date(2025, 12, 15)).statuses["thu-nhap-binh-quan"].assessments[0]
    after_j = judged(folder, AFTER_2025)
    after = after_j.statuses["thu-nhap-binh-quan"].assessments[0]
    assert before.status not in ("chua-co-ket-qua", "dat", "cho-so-lieu")  # on the deadline day, still the trend
    assert (after.status, after.trend, after.year) == ("chua-co-ket-qua", before.status, 2025)
    assert after.sentence.startswith("Đã qua hạn báo cáo số liệu năm 2025 (15/12/2025) mà chưa có số liệu năm đó")
    assert "Theo số liệu đến năm 2022: " + before.sentence in after.sentence
    owed = after_j.owed[("thu-nhap-binh-quan", after.index)]
    assert (owed.agency, owed.year, owed.overdue) == ("ban-dan-toc", 2025, True)
    assert after_j.waiting(after_j.debts(["thu-nhap-binh-quan"]))[2] == 1


def test_a_target_already_reached_or_without_figures_keeps_its_status_after_its_year(tmp_path: Path) -> None:
    folder = copy_folder(MINIMAL, tmp_path / "data")
    school = folder / "progress" / "ty-le-tre-di-hoc.csv"  # «duy trì trên 95%»: reached in 2020 and in 2022
    school.write_text("Năm,Giá trị,Nguồn\n2020,96,Nguồn mẫu\n2022,97,Nguồn mẫu\n2025,98,Nguồn mẫu\n", encoding="utf-8")
    j = judged(folder, AFTER_2025)
    assert j.statuses["ty-le-tre-di-hoc"].assessments[0].status == "dat"  # the 2025 figure judges it
    by_year = {a.year: a.status for a in j.statuses["ban-sac-van-hoa"].assessments}
    assert "chua-co-ket-qua" not in by_year.values()  # a qualitative target is never overdue
    later = judged(folder, dt.date(2031, 1, 10))
    poor = {a.year: a.status for a in later.statuses["ty-le-ho-ngheo"].assessments}
    assert set(poor.values()) == {"chua-co-ket-qua"}  # 2025 and 2030 are both over, the last figure is of 2021


def test_pages_say_the_target_year_is_over_and_who_owes_its_figure(tmp_path: Path) -> None:
    build = SiteBuild.prepare(copy_folder(MINIMAL, tmp_path / "data"), today=AFTER_2025)
    pages = build.pages()
    box = text_of(pages["chi-tieu/thu-nhap-binh-quan.md"].split('class="ps-status-box"')[1].split("</section>")[0])
    assert "Chưa có kết quả năm mục tiêu" in box and "Theo số liệu đến năm 2022" in box
    assert "Số liệu năm 2025: hạn báo cáo 15/12/2025 ( đã quá hạn )" in box
    agency = text_of(pages["co-quan/ban-dan-toc.md"])
    assert "đã qua năm mục tiêu mà chưa có số liệu năm đó" in agency
    assert "(có số liệu các năm trước, chưa có số liệu năm mục tiêu)" in agency
    method = text_of(build.fragment("method_statuses.html", "phuong-phap.md"))
    assert "Chưa có kết quả năm mục tiêu" in method
    build.close()
