"""No page contradicts itself: status box, chart, data table, agency card and open data tell the same figure.

Built with the real ``mkdocs build --strict`` for the live data and for the second plan. The truth is
taken from the data files (the checker's reading of them), computed here without the site's code:
the latest figure of an indicator is the last row of its main series for the plan's own place, by year
(within a year, the method that appeared last).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from _site import built_site, shared_build  # noqa: F401  (fixture)
from plansite import model as m
from plansite.model.observations import Observation
from plansite.pipeline import check
from plansite.vi import fmt
from testkit import LIVE_DATA, LIVE_TODAY, SECOND_PLAN, SECOND_TODAY, read_only

# Kinds whose sentence names the level reached (a per-year change names its years and pace instead).
LEVEL_KINDS = ("muc", "duy-tri", "boi-so-goc", "thay-doi-so-voi-goc")
NO_FIGURE = "Chưa có số liệu đúng theo định nghĩa của kế hoạch"


@pytest.fixture(scope="module")
def second_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield from read_only(shared_build(tmp_path_factory, SECOND_PLAN, SECOND_TODAY), "the second plan's site")


CASES = {"live": (LIVE_DATA, LIVE_TODAY, "built_site"), "second": (SECOND_PLAN, SECOND_TODAY, "second_site")}


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest) -> tuple[Path, m.PlanData, list[Observation], dt.date]:
    folder, today, fixture = CASES[request.param]
    checked = check(folder, today)
    assert checked.ok and checked.plan is not None
    return request.getfixturevalue(fixture), checked.plan, checked.progress.observations, today


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def between(page: str, start: str, end: str) -> str:
    assert start in page, start
    rest = page.split(start, 1)[1]
    return rest.split(end, 1)[0] if end in rest else rest


def own_rows(plan: m.PlanData, ind: m.Indicator, obs: list[Observation], until: int = 10**6) -> list[Observation]:
    rows = [o for o in obs if o.indicator == ind.id and o.series == ind.primary_series and o.place == plan.plan.place]
    first: dict[str, int] = {}
    for o in rows:
        first[o.method] = min(first.get(o.method, o.year), o.year)
    return sorted((o for o in rows if o.year <= until), key=lambda o: (o.year, first[o.method]))


def figure(o: Observation, ind: m.Indicator) -> str:
    series = ind.series_by_id(o.series)
    return fmt.with_unit(o.value, series.unit if series is not None and series.unit else ind.unit, 4)


def lead(ind: m.Indicator) -> str | None:
    leads = sorted((link for link in ind.agencies if link.role == "chu-tri"), key=lambda link: link.basis != "ke-hoach")
    return leads[0].agency if leads else None


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_every_indicator_page_agrees_with_itself_and_the_open_data(case) -> None:
    site, plan, obs, _today = case
    targets_csv = read_csv(site / "du-lieu" / "targets.csv")
    checked_pages = with_figure = 0
    for ind in plan.indicators:
        page = (site / "chi-tieu" / ind.id / "index.html").read_text(encoding="utf-8")
        rows = own_rows(plan, ind, obs)
        latest = rows[-1] if rows else None
        items = between(page, 'class="ps-status-box"', "</section>").split('class="ps-status-item"')[1:]
        assert len(items) == len(ind.targets), ind.id
        my_targets = [r for r in targets_csv if r["indicator_id"] == ind.id]
        assert len(my_targets) == len(ind.targets), ind.id
        for t, item, row in zip(ind.targets, items, my_targets, strict=True):
            box = text(item)
            before = own_rows(plan, ind, obs, t.year)
            if t.kind == "dinh-tinh":
                continue
            if t.kind == "ti-le-tham-chieu":
                continue  # judged on the ratio of two series; its figures are checked with the other target kinds
            if not before:
                # «no figure» only where the plan's own series has none (up to the target's year), and then it says who owes it
                assert row["latest_year"] == "" and row["status"] in ("cho-so-lieu", "chua-du-so-lieu"), (ind.id, t.year)
                assert NO_FIGURE in box or "Chưa" in box, (ind.id, t.year, box)
                assert "Cơ quan phải công bố số liệu" in box, (ind.id, t.year, box)
                continue
            last = before[-1]
            assert NO_FIGURE not in box and row["status"] != "cho-so-lieu", (ind.id, t.year, box)
            if row["latest_year"]:  # the figure judged on is the latest of the main series up to the target's year
                assert (int(row["latest_year"]), float(row["latest_value"])) == (last.year, last.value), (ind.id, t.year)
                assert str(last.year) in box, (ind.id, t.year, box)
                if t.kind in LEVEL_KINDS:
                    assert figure(last, ind) in box, (ind.id, t.year, figure(last, ind), box)
        chart_part = between(page, 'id="bieu-do"', 'id="so-lieu"')
        data_part = between(page, 'id="so-lieu"', 'id="nguon"')
        if latest is None:
            assert NO_FIGURE in text(chart_part), ind.id
            checked_pages += 1
            continue
        with_figure += 1
        shown = figure(latest, ind)
        # The chart: its table and its text alternative end on the same figure.
        chart_table = text(between(chart_part, 'class="ps-chart-data"', "</details>"))
        assert f"{latest.year} " in chart_table and shown in chart_table, (ind.id, shown, chart_table)
        assert NO_FIGURE not in text(chart_part), ind.id
        # The data table of the plan's place holds that row.
        own_table = between(data_part, "ps-table ps-data", "</table>")
        table_rows = [text(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", own_table, re.S)]
        assert any(r.startswith(f"{latest.year} ") and shown in r for r in table_rows), (ind.id, shown)
        # The open data: the indicator's CSV has the row.
        csv_rows = read_csv(site / "du-lieu" / "chi-tieu" / f"{ind.id}.csv")
        assert any(
            r["year"] == str(latest.year)
            and float(r["value"]) == latest.value
            and r["series"] == ind.primary_series
            and r["area"] == plan.plan.place
            for r in csv_rows
        ), ind.id
        # The agency card of the leading body: the same figure and year, and who published it.
        agency = lead(ind)
        if agency is None:
            continue
        card = (site / "co-quan" / agency / "index.html").read_text(encoding="utf-8")
        row_html = between(card, f'href="../../chi-tieu/{ind.id}/"', "</tr>")
        cell = text(between(row_html, 'class="ps-latest-figure"', "</td>"))
        assert f"{shown} ({latest.year})" in cell, (ind.id, agency, cell)
        if latest.agency == agency:
            assert "Cơ quan này báo cáo" in cell, (ind.id, cell)
        elif latest.agency:
            assert "báo cáo" in cell and "nguồn khác" not in cell, (ind.id, cell)
        else:
            assert "Do nguồn khác công bố, không phải báo cáo của cơ quan" in cell and latest.source in cell, (ind.id, cell)
        checked_pages += 1
    assert with_figure >= 2 and checked_pages >= with_figure


def test_the_agency_card_tells_a_report_from_a_figure_published_elsewhere(case) -> None:
    """The yearly record counts a figure published by another source apart from the agency's own report."""
    site, plan, obs, today = case
    rules = plan.plan.reporting
    record = read_csv(site / "du-lieu" / "reporting.csv")
    found = 0
    for ind in plan.indicators:
        agency = lead(ind)
        if agency is None or not plan.agency(agency).reports or all(t.kind == "dinh-tinh" for t in ind.targets):
            continue  # only quantified indicators are in a body's reporting record
        for o in own_rows(plan, ind, obs):
            if o.agency or rules.deadline(o.year) >= today or o.year < plan.plan.date.year:
                continue
            states = {
                r["state"]
                for r in record
                if r["agency_id"] == agency and r["indicator_id"] == ind.id and r["year"] == str(o.year)
            }
            assert states == {"nguon-khac"}, (ind.id, o.year, states)
            found += 1
    if plan.plan.place == "bac-kan":
        assert found >= 1  # the live data has such figures (the press on poverty, 2023 and 2024)


@pytest.mark.parametrize("name", list(CASES))
def test_counts_of_targets_waiting_agree_with_the_status_chart(name: str, request: pytest.FixtureRequest) -> None:
    """The home page's «Ai còn nợ số liệu?» sentence counts what the status chart counts: targets without a figure
    («chờ số liệu») and, apart, targets with figures too few to judge, and targets whose year is over without its figure, never the latter
    two as «without a figure»."""
    from plansite.status.judged import judge

    folder, today, fixture = CASES[name]
    site = request.getfixturevalue(fixture)
    counts = judge(check(folder, today), today).status_counts()
    no_figure, too_few, over = (counts.get(s, 0) for s in ("cho-so-lieu", "chua-du-so-lieu", "chua-co-ket-qua"))
    home = text((site / "index.html").read_text(encoding="utf-8"))
    sentence = re.search(r"(\d[\d.]*) mục tiêu chưa đánh giá được: ([^.]*)\.", home)
    assert sentence, home[:3000]
    assert int(sentence.group(1).replace(".", "")) == no_figure + too_few + over
    assert (f"{no_figure} chưa có số liệu đúng theo định nghĩa" in sentence.group(2)) == bool(no_figure)
    assert (f"{too_few} đã có số liệu nhưng chưa đủ để đánh giá" in sentence.group(2)) == bool(too_few)
    assert (f"{over} đã qua năm mục tiêu mà chưa có số liệu năm đó" in sentence.group(2)) == bool(over)
