"""The live data folder as a whole: it passes the check (every file looked at), and it says what the
plan says, checked against the plan's own text in data/toan-van.md.

Judged on ``testkit.LIVE_TODAY``: move that day forward when the live data gets later figures.
"""

from __future__ import annotations

import re
from types import MappingProxyType

import pytest

from plansite.load.datafiles import UPLOAD_DIR
from plansite.load.fulltext import load_fulltext
from plansite.pipeline import check
from plansite.problems import Problems
from testkit import LIVE_DATA, LIVE_TODAY

DATA = LIVE_DATA


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@pytest.fixture(scope="module")
def plan():
    checked = check(DATA, LIVE_TODAY)
    assert checked.ok, [p.text() for p in checked.problems.errors]
    return checked.plan


@pytest.fixture(scope="module")
def blocks():
    return MappingProxyType({b.anchor: b for b in load_fulltext(DATA / "toan-van.md", Problems()) if b.anchor})


def _section(blocks, prefix: str):
    return [b for a, b in blocks.items() if a == prefix or a.startswith(prefix + "-")]


def _numbers(text: str) -> list[float]:
    """Numbers as the plan writes them: 26,7 → 26.7; 02 → 2; 1/2 → 0.5."""
    out = []
    for frac in re.findall(r"\b(\d+)/(\d+)\b", text):
        out.append(int(frac[0]) / int(frac[1]))
    text = re.sub(r"\b\d+/\d+\b", " ", text)
    for n in re.findall(r"\d+(?:,\d+)?", text):
        out.append(float(n.replace(",", ".")))
    return out


def test_the_whole_live_folder_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one check of the live data as a whole: no error, more than zero files looked at, every
    file of the folder among them, and figures read."""
    if not (DATA / "plan.yaml").exists():
        pytest.skip("data/plan.yaml does not exist yet")
    monkeypatch.chdir(DATA)  # Problem.file relative to the data folder: «plan.yaml», «progress/x.csv»
    # Read only: the live data folder is being written by others; we only need it to be looked at.
    checked = check(DATA, LIVE_TODAY)
    assert checked.problems.errors == [], [p.text() for p in checked.problems.errors]
    assert checked.ok
    files = checked.problems.files_checked
    assert len(files) > 0
    assert "plan.yaml" in files
    on_disk = {f.relative_to(DATA).as_posix() for f in DATA.rglob("*") if f.is_file() and not f.name.startswith(".")}
    on_disk = {f for f in on_disk if f.split("/")[0] != UPLOAD_DIR}  # uploads waiting for import: checked by `nop`, not data
    # the abbreviations for the site's search are read by the search index, not by the checker
    assert on_disk - set(files) <= {"tu-viet-tat.yaml"}, sorted(on_disk - set(files))
    assert {f for f in on_disk if f.startswith("progress/")} <= set(files)
    assert len(checked.progress.observations) > 0


def test_every_number_of_the_targets_is_held_by_a_target(plan, blocks):
    """Every percentage and number in II.2 and II.3 is a target value, a base year, or inside a target's quote."""
    values: set[float] = set()
    quotes: list[str] = []
    for ind in plan.indicators:
        for t in ind.targets:
            quotes.append(norm(t.quote))
            for v in (t.value, t.value_max, t.base_year, t.year, t.start_year):
                if v is not None:
                    values.add(abs(float(v)))
    paragraphs = _section(blocks, "ii-2") + _section(blocks, "ii-3")
    assert len(paragraphs) >= 10
    missing = []
    for b in paragraphs:
        if b.level:
            continue
        for n in _numbers(b.text):
            if n in values:
                continue
            # ages («5 tuổi») and years inside a quoted target are held by that quote; amounts are not
            is_age_or_year = n >= 1900 or re.search(rf"(?<![\d,])0*{re.escape(_fmt(n))} tuổi", b.text)
            if is_age_or_year and any(re.search(rf"(?<![\d,])0*{re.escape(_fmt(n))}(?![\d,])", q) for q in quotes):
                continue
            missing.append((b.anchor, n))
    assert not missing, f"numbers of the plan held by no target: {missing}"


def _fmt(n: float) -> str:
    return (f"{n:g}").replace(".", ",")


def test_every_target_quote_is_verbatim_in_its_paragraph(plan, blocks):
    bad = []
    for ind in plan.indicators:
        if norm(ind.quote) not in norm(blocks[ind.anchor].text):
            bad.append((ind.id, ind.anchor))
        for t in ind.targets:
            if norm(t.quote) not in norm(blocks[t.anchor].text):
                bad.append((ind.id, t.year, t.anchor))
    assert not bad


def test_every_task_group_of_iii_is_present_verbatim(plan, blocks):
    numbered = sorted((a for a in blocks if re.fullmatch(r"iii-\d+", a)), key=lambda a: int(a.split("-")[1]))
    assert len(numbered) == len(plan.tasks) >= 1
    by_anchor = {t.anchor: t for t in plan.tasks}
    for a in numbered:
        assert a in by_anchor, f"task group {a} of the plan has no task"
        task = by_anchor[a]
        assert norm(task.text) in norm(blocks[a].text)
        for pt in task.points:
            assert norm(pt.text) in norm(blocks[pt.anchor].text)


def test_every_body_of_iv_and_every_duty_is_present_verbatim(plan, blocks):
    headings = sorted((a for a in blocks if re.fullmatch(r"iv-\d+", a)), key=lambda a: int(a.split("-")[1]))
    assert len(headings) == len(plan.agencies) >= 1
    by_anchor = {a.anchor: a for a in plan.agencies}
    for h in headings:
        ag = by_anchor[h]
        assert norm(ag.name) in norm(blocks[h].text)
        duty_paragraphs = [b for a, b in blocks.items() if re.fullmatch(rf"{h}-\d+", a)]
        assert len(duty_paragraphs) == len(ag.duties), h
        for d in ag.duties:
            assert norm(d.text) in norm(blocks[d.anchor].text)


def test_reporting_rule_is_quoted(plan, blocks):
    r = plan.plan.reporting
    assert norm(r.quote) in norm(blocks[r.anchor].text)
    assert f"{r.day}/{r.month}" in r.quote
