"""Every figure the researchers found is on the site, in an allowed way; the 2025 reorganisation is in places.yaml as the
research maps it.

A published figure is on the site as a progress row (the plan's own series or a declared related series) or as a note
of its indicator («data_notes»: figure, reason, source). A target or a number the researchers computed is only ever a
note. The research files are copied next to this test (``research/``), so that the test runs where the research folder
is not; ``test_copies_equal_the_research`` keeps the copies honest where it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from pathlib import Path

import pytest

from plansite import model as m
from plansite.check.progress.places import PlaceIndex, alive
from plansite.model.observations import Observation
from plansite.pipeline import Checked, check
from plansite.vi.text import key
from testkit import LIVE_TODAY

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DATA = REPO / "data"
RESEARCH = HERE / "research"
SHARED = REPO.parent / "shared" / "research"  # the research team's folder, when the repository sits beside it
FIGURES = RESEARCH / "published-figures-2.csv"
FIGURES_1 = RESEARCH / "published-figures.csv"
UNITS = RESEARCH / "reorganisation-2025-units.csv"
UNSURE_YEAR = "chưa chắc chắn"  # what the «Ghi chú» of a row says when the year of its figure is not certain
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = read(FIGURES)


@pytest.fixture(scope="module")
def checked() -> Checked:
    c = check(DATA, LIVE_TODAY)
    assert c.ok, [p.text() for p in c.problems.errors]
    return c


@pytest.fixture(scope="module")
def plan(checked: Checked) -> m.PlanData:
    assert checked.plan is not None
    return checked.plan


# --------------------------------------------------------------------------- reading the research's numbers


def research_numbers(text: str) -> list[set[float]]:
    """Each number of a research value, with both readings of a dot: «73.38» (decimal) and «3.200» (thousands)."""
    out = []
    for tok in NUMBER.findall(text):
        readings = {float(tok.replace(".", "").replace(",", ""))}
        if tok.count(".") + tok.count(",") == 1:
            readings.add(float(tok.replace(",", ".")))
        out.append(readings)
    return out


def vi_numbers(text: str) -> list[float]:
    """The numbers of Vietnamese text: «3.200» is 3200, «4,295» is 4.295, «06» is 6."""
    return [float(tok.replace(".", "").replace(",", ".")) for tok in NUMBER.findall(text)]


def near(a: float, readings: set[float]) -> bool:
    return any(math.isclose(a, r, rel_tol=1e-9, abs_tol=1e-9) for r in readings)


def years_of(ref_year: str) -> set[int]:
    return {int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", ref_year)}


def is_not_a_result(row: dict[str, str]) -> bool:
    """A target, a plan or the researcher's own arithmetic: never a progress row."""
    return bool(re.search(r"target|derived|kế hoạch|phấn đấu", row["ref_year"], re.IGNORECASE))


def year_is_uncertain(row: dict[str, str]) -> bool:
    return "not stated" in row["ref_year"] or not years_of(row["ref_year"])


def row_id(i: int, row: dict[str, str]) -> str:
    return f"{i + 2:02d}-{row['indicator']}-{row['ref_year'].split(' ')[0]}"


# --------------------------------------------------------------------------- where a row went


def expected_place(plan: m.PlanData, geography: str, year: int | None) -> str:
    """The place a figure's geography names (a district …), else the plan's own place (the whole province, a national series)."""
    found, _ = PlaceIndex(plan.places.places, [lv.id for lv in plan.places.levels]).find(geography, year)
    return found.id if found is not None else plan.plan.place


def matching_rows(checked: Checked, plan: m.PlanData, row: dict[str, str]) -> list[Observation]:
    numbers = research_numbers(row["value"])
    if not numbers:
        return []
    years = years_of(row["ref_year"])
    year = min(years) if len(years) == 1 else None
    return [
        o
        for o in checked.progress.for_indicator(row["indicator"])
        if o.url == row["url"]
        and near(o.value, numbers[0])
        and (year_is_uncertain(row) or o.year in years)
        and o.place == expected_place(plan, row["geography"], year)
    ]


def matching_notes(plan: m.PlanData, row: dict[str, str]) -> list[m.DataNote]:
    ind = next((i for i in plan.indicators if i.id == row["indicator"]), None)
    if ind is None:
        return []
    numbers = research_numbers(row["value"])
    return [
        n
        for n in ind.data_notes
        if n.url == row["url"] and numbers and all(any(near(v, r) for v in vi_numbers(n.figure)) for r in numbers)
    ]


@pytest.mark.parametrize("row", ROWS, ids=[row_id(i, r) for i, r in enumerate(ROWS)])
def test_every_research_row_is_on_the_site(checked: Checked, plan: m.PlanData, row: dict[str, str]) -> None:
    """As a progress row of its indicator (same year, value, place and link), or as a note of its indicator that
    gives the figure and the link; a target or a derived number only as a note."""
    rows = matching_rows(checked, plan, row)
    notes = matching_notes(plan, row)
    shown = f"{row['indicator']} {row['ref_year']} {row['geography']}: {row['value']} ({row['url']})"
    if is_not_a_result(row):
        assert notes, f"a target or derived figure without a note saying why it is not used: {shown}"
        assert not rows, f"a target or derived figure published as a result: {shown} → {rows}"
        return
    assert rows or notes, f"research row on the site neither as a progress row nor as a note: {shown}"
    for o in rows:
        assert o.source.strip(), f"no «Nguồn»: {o.file}:{o.line}"
        assert o.url.startswith(("https://", "http://")), f"no http(s) «Liên kết nguồn»: {o.file}:{o.line}"
        assert not o.agency, f"«Cơ quan báo cáo» filled for a figure the agency did not report itself: {o.file}:{o.line}"
        if year_is_uncertain(row):
            assert UNSURE_YEAR in o.note, f"the year of {shown} is not certain and «Ghi chú» does not say so: {o.file}:{o.line}"
    for n in notes:
        assert n.reason.strip() and n.source.strip(), f"a note without reason or source: {n.figure}"


def test_every_research_indicator_exists(plan: m.PlanData) -> None:
    ids = {i.id for i in plan.indicators}
    assert {r["indicator"] for r in ROWS} <= ids


def not_results(path: Path) -> list[dict[str, str]]:
    """The rows of a research file that are not results; «same» in a cell means the cell above, as the researchers write."""
    out, last = [], {}
    for row in read(path):
        row = {k: (last.get(k, "") if v == "same" else v) for k, v in row.items()}
        last = row
        if is_not_a_result(row):
            out.append(row)
    return out


@pytest.mark.parametrize("path", [FIGURES, FIGURES_1], ids=["round-2", "round-1"])
def test_no_progress_row_is_a_target_or_a_derived_number(checked: Checked, path: Path) -> None:
    rows = not_results(path)
    assert rows, f"no target or derived row found in {path.name}: the test would prove nothing"
    found = []
    for row in rows:
        years = years_of(row["ref_year"])
        for readings in research_numbers(row["value"]):
            found += [
                (row["indicator"], row["ref_year"], row["value"], f"{o.file}:{o.line}")
                for o in checked.progress.observations
                if (o.indicator == row["indicator"] or o.url == row["url"])
                and near(o.value, readings)
                and (not years or o.year in years)
            ]
    assert not found, f"progress rows that are targets or the researchers' arithmetic: {found}"


# --------------------------------------------------------------------------- the 2025 reorganisation


UNIT_ROWS = read(UNITS)


def new_units(plan: m.PlanData) -> dict[str, m.Place]:
    """The units formed on the date of the reorganisation event (01/07/2025), below a top-level unit, by code."""
    (start,) = {e.date for e in plan.places.events if e.reorganisation}
    return {p.code: p for p in plan.places.places if p.valid_from == start and p.parent is not None}


def former_unit(plan: m.PlanData, row: dict[str, str]) -> m.Place:
    """The old unit of a research row: its full name, alive before the reorganisation, in the old district of the row."""
    by_id = {p.id: p for p in plan.places.places}
    found = [
        p
        for p in plan.places.places
        if key(p.full_name) == key(row["old_name"])
        and alive(p, 2024)
        and p.parent is not None
        and by_id[p.parent].code == row["old_district_code"]
    ]
    assert len(found) == 1, f"{row['old_name']} ({row['old_district_name']}): {[p.id for p in found]}"
    return found[0]


def test_the_research_maps_108_units_into_37(plan: m.PlanData) -> None:
    assert len(UNIT_ROWS) == 108
    assert len({r["new_code"] for r in UNIT_ROWS}) == 37


@pytest.mark.parametrize("row", UNIT_ROWS, ids=[f"{r['old_code']}-{r['old_name']}" for r in UNIT_ROWS])
def test_every_former_commune_becomes_its_new_unit(plan: m.PlanData, row: dict[str, str]) -> None:
    old = former_unit(plan, row)
    new = new_units(plan).get(row["new_code"])
    assert new is not None, f"no new unit with code {row['new_code']} ({row['new_name']})"
    assert old.becomes == [new.id], f"{old.id} becomes {old.becomes}, the research says {new.id} ({row['new_name']})"
    assert old.valid_to is not None and new.valid_from is not None and old.valid_to < new.valid_from


def test_the_37_new_units_have_the_codes_names_and_origins_of_the_research(plan: m.PlanData) -> None:
    units = new_units(plan)
    wanted = {r["new_code"]: r for r in UNIT_ROWS}
    assert set(units) == set(wanted), f"codes: missing {set(wanted) - set(units)}, not in the research {set(units) - set(wanted)}"
    for code, row in wanted.items():
        p = units[code]
        assert (p.full_name, p.kind) == (row["new_name"], row["new_type"]), (code, p.full_name, row["new_name"])
        origins = {former_unit(plan, r).id for r in UNIT_ROWS if r["new_code"] == code}
        assert {q.id for q in plan.places.formed_from(p.id)} == origins, p.id
    ids = [p.id for p in plan.places.places]
    assert len(ids) == len(set(ids))


def test_the_new_province_succeeds_the_plans_own_place(plan: m.PlanData) -> None:
    parents = {p.parent for p in new_units(plan).values()}
    assert len(parents) == 1, parents
    (pid,) = parents
    by_id = {p.id: p for p in plan.places.places}
    province = by_id[str(pid)]
    assert province.parent is None and plan.places.rank(province.level) == 0
    assert province.valid_from == dt.date(2025, 7, 1)
    assert by_id[plan.plan.place].becomes == [province.id]


def test_the_reorganisation_event_cites_its_acts_and_counts(plan: m.PlanData) -> None:
    events = [e for e in plan.places.events if e.reorganisation and e.date == dt.date(2025, 7, 1)]
    assert len(events) == 1
    text = events[0].description
    for needle in ("1683/NQ-UBTVQH15", "202/2025/QH15", "108", "37"):
        assert needle in text, needle


def test_every_agency_says_who_took_over_or_that_it_is_not_known(plan: m.PlanData) -> None:
    for a in plan.agencies:
        assert a.successors or a.successor_unknown.strip(), a.id
        for s in a.successors:
            assert s.source.strip() and s.url.startswith(("https://", "http://")), (a.id, s.name)


def test_copies_equal_the_research() -> None:
    if not SHARED.is_dir():
        pytest.skip("the research folder is not beside the repository")
    for copy in (FIGURES, FIGURES_1, UNITS):
        assert copy.read_bytes() == (SHARED / copy.name).read_bytes(), f"{copy.name} differs from the research team's file"
