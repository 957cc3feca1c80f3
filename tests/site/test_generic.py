"""Nothing plan-specific outside data: another plan's data builds that plan's site."""

from __future__ import annotations

from pathlib import Path

import pytest

from _site import ROOT, build
from plansite.pipeline import check
from testkit import LIVE_DATA, LIVE_TODAY, MINIMAL, TODAY, standing_alone

FIXTURE = MINIMAL
CODE_AND_PAGES = [
    *sorted((ROOT / "src").rglob("*.py")),
    *sorted((ROOT / "src").rglob("*.html")),
    *sorted((ROOT / "hooks").rglob("*.py")),
    *sorted((ROOT / "macros").rglob("*.py")),
    *sorted((ROOT / "overrides").rglob("*.html")),
    *sorted((ROOT / "docs").rglob("*.md")),
    ROOT / "mkdocs.yml",
]


def _plan_words() -> set[str]:
    """Names and numbers that belong to the real plan: they must come from data only."""
    plan = check(LIVE_DATA, LIVE_TODAY).plan
    assert plan is not None
    p = plan.plan
    words = {p.number, p.id, p.signer.name, p.short_title}
    words |= {d.number for d in p.implements}
    words |= {a.name for a in plan.agencies}
    words |= {i.id for i in plan.indicators if "-" in i.id and len(i.id) > 8}
    for place in plan.places.places:
        words.add(place.full_name)
        if place.level != "xa":
            words.add(place.name)
    return {w for w in words if len(w) >= 5}


def test_no_plan_specific_words_in_code_templates_or_pages():
    words = _plan_words()
    assert len(words) > 20
    pattern = standing_alone(words)
    found = []
    for path in CODE_AND_PAGES:
        text = path.read_text(encoding="utf-8")
        for w in sorted({m.group(1) for m in pattern.finditer(text)}):
            found.append(f"{path.relative_to(ROOT)}: «{w}»")
    assert not found, "plan-specific words outside data/:\n" + "\n".join(sorted(found))


@pytest.mark.slow
def test_another_plans_data_builds_that_plans_site(tmp_path: Path):
    checked = check(FIXTURE, TODAY)
    assert checked.ok, [p.text() for p in checked.problems.errors]
    out = tmp_path / "site"
    build(FIXTURE, out, today=TODAY)
    home = (out / "index.html").read_text(encoding="utf-8")
    plan = checked.plan
    assert plan is not None
    assert plan.plan.number in home
    assert "<title>" in home and plan.plan.short_title.split()[0] in home
    for ind in plan.indicators:
        page = out / "chi-tieu" / ind.id / "index.html"
        assert page.exists(), ind.id
    for ag in plan.agencies:
        assert (out / "co-quan" / ag.id / "index.html").exists()
    # nothing of the real plan leaks into the other plan's site
    real = check(LIVE_DATA, LIVE_TODAY).plan
    assert real is not None
    for html in out.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert real.plan.number not in text, html
