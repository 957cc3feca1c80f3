"""The public rule of a task group's status, and which money figures are shown apart.

A plan, a resolution or a meeting never makes a task group «có kết quả» or «hoàn thành»;
evidence of non-delivery is counted and kept beside whatever the status is.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from pathlib import Path

import pytest

from plansite import model as m
from plansite.pipeline import check
from plansite.status.judged import judge
from plansite.status.tasks import TASK_STATUSES, task_status
from testkit import TODAY, with_investment

BASE = m.TaskUpdate(
    task="nv-1",
    date=m.PartialDate(2023, 5, 10),
    date_note="",
    kind="ke-hoach",
    document="Kế hoạch mẫu",
    issuer="UBND",
    what="…",
    quote="…",
    source="Báo mẫu",
    url="https://example.org",
    source_date=None,
    programmes=(),
    projects=(),
    caution="",
    note="",
    file="task-updates.csv",
    line=2,
)
NOT_RESULTS = ("van-ban", "ke-hoach", "su-kien", "bao-cao", "han-che", "chua-thuc-hien")


def _u(kind: str, line: int = 2, caution: str = "", date: m.PartialDate | None = m.PartialDate(2023)) -> m.TaskUpdate:
    return replace(BASE, kind=kind, line=line, caution=caution, date=date)


def _done(task: str = "nv-1") -> m.WorkUpdate:
    return m.WorkUpdate.model_validate(
        {
            "task": task,
            "date": "15/12/2024",
            "status": "hoan-thanh",
            "evidence": [{"document": "BC", "date": "10/12/2024", "url": "https://example.org"}],
        }
    )


def test_no_update_is_not_assessed() -> None:
    assert task_status("nv-1", [], []).status == "chua-danh-gia"


@pytest.mark.parametrize("kinds", [c for n in (1, 2, 3) for c in itertools.combinations_with_replacement(NOT_RESULTS, n)])
def test_plans_meetings_and_documents_are_never_a_result(kinds: tuple[str, ...]) -> None:
    updates = [_u(k, line=i) for i, k in enumerate(kinds, start=2)]
    for assessments in ([], [_done()]):
        st = task_status("nv-1", updates, assessments)
        assert st.status not in ("co-ket-qua", "hoan-thanh"), kinds
        assert st.results == 0
        expected = "da-trien-khai" if set(kinds) - {"han-che", "chua-thuc-hien"} else "co-van-de"
        assert st.status == expected


def test_a_published_result_counts_and_non_delivery_stays_visible() -> None:
    st = task_status("nv-1", [_u("ke-hoach"), _u("ket-qua", 3), _u("chua-thuc-hien", 4), _u("han-che", 5)], [])
    assert (st.status, st.results, st.non_delivery, st.shortcomings) == ("co-ket-qua", 1, 1, 1)
    assert "1 bằng chứng chưa thực hiện" in st.sentence() and "1 hạn chế" in st.sentence()


def test_a_result_from_a_weak_source_is_not_counted() -> None:
    st = task_status("nv-1", [_u("ket-qua", caution="nguon-yeu")], [])
    assert (st.status, st.results, st.weak) == ("da-trien-khai", 0, 1)


def test_done_only_from_an_assessment_with_a_result() -> None:
    assert task_status("nv-1", [_u("ket-qua")], [_done()]).status == "hoan-thanh"
    assert task_status("nv-1", [_u("ket-qua")], []).status == "co-ket-qua"
    assert task_status("nv-1", [_u("su-kien")], [_done()]).status == "da-trien-khai"


def test_updates_in_date_order_undated_last() -> None:
    updates = [
        _u("su-kien", 2, date=m.PartialDate(2023, 5, 10)),
        _u("ke-hoach", 3, date=m.PartialDate(2021)),
        _u("van-ban", 4, date=None),
        _u("ket-qua", 5, date=m.PartialDate(2023, 5)),
        _u("bao-cao", 6, date=m.PartialDate(2020, 11, 25)),
    ]
    st = task_status("nv-1", updates, [])
    assert [u.line for u in st.updates] == [6, 3, 5, 2, 4]
    assert st.latest is not None and st.latest.line == 2


def test_every_status_has_a_label_and_a_rule() -> None:
    assert set(TASK_STATUSES) == {"chua-danh-gia", "da-trien-khai", "co-ket-qua", "hoan-thanh", "co-van-de"}
    assert all(s["label"] and s["rule"] for s in TASK_STATUSES.values())


# ------------------------------------------------------------------ figures shown apart


@pytest.fixture
def judged_overlay(minimal_dir: Path):  # type: ignore[no-untyped-def]
    def make(valid_to: str | None = None):  # type: ignore[no-untyped-def]
        with_investment(minimal_dir)
        if valid_to:
            places = (minimal_dir / "places.yaml").read_text(encoding="utf-8")
            places = places.replace('    code: "99"\n', f'    code: "99"\n    valid_to: {valid_to}\n', 1)
            (minimal_dir / "places.yaml").write_text(places, encoding="utf-8")
        checked = check(minimal_dir, today=TODAY)
        assert checked.ok, [p.text() for p in checked.problems]
        return judge(checked, TODAY)

    return make


def test_figures_of_another_place_are_shown_apart(judged_overlay) -> None:  # type: ignore[no-untyped-def]
    j = judged_overlay()
    apart = {f.line: j.investment.apart(f) for f in j.plan.figures if j.investment.apart(f)}
    assert apart == {7: "ngoai"}  # «tỉnh Mới (sau sáp nhập)»: not in the plan's places


def test_figures_published_after_the_plans_place_ended_are_shown_apart(judged_overlay) -> None:  # type: ignore[no-untyped-def]
    j = judged_overlay(valid_to="30/06/2023")
    apart = {f.line: j.investment.apart(f) for f in j.plan.figures if j.investment.apart(f)}
    # line 4: stands at 06/2023 (not after), published 07/2023 (after); line 5: at 09/2023
    assert apart == {4: "sau", 5: "sau", 7: "ngoai"}
    assert j.investment.ended == dt.date(2023, 6, 30)


def test_own_figures_leave_out_shared_project_and_apart_figures(judged_overlay) -> None:  # type: ignore[no-untyped-def]
    inv = judged_overlay().investment
    assert [f.line for f in inv.own_figures("ct-mau")] == [2, 3, 4, 5, 9]
    assert [f.line for f in inv.figures_of("ct-mau", components=True)] == [2, 3, 4, 5, 6, 7, 8, 9, 11]
    assert [p.id for p in inv.projects_of("ct-mau")] == ["duong-mau"]
    assert [p.id for p, _ in inv.for_place("doi-xanh")] == ["duong-mau"]  # the project's commune lies in the district
    assert [p.id for p in inv.for_agency("so-giao-duc")] == ["duong-mau"]
    progs, projs = inv.for_task("nv-2")
    assert [p.id for p, _ in progs] == [] and [p.id for p, _ in projs] == ["duong-mau", "dien-mau"]
    assert [u.line for u in inv.non_delivery("dien-mau")] == [5]
