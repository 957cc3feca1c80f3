"""Charts: specs from cached shapes equal altair's; SVGs from the process pool equal this process's; the cache key."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plansite.build import SiteBuild
from plansite.cache import Cache, entry_key
from plansite.render import charts as ch
from plansite.render.charts.svg import NAMESPACE, ChartRenderer
from testkit import MINIMAL, SYNTH_TODAY


def _charts(build: SiteBuild, shapes: ch.Shapes) -> list[tuple[str, ch.Chart | None]]:
    j = build.judged
    own = j.plan.plan.place
    out: list[tuple[str, ch.Chart | None]] = []
    for ind in j.plan.indicators:
        obs, st = j.observations_of(ind.id), j.statuses[ind.id]
        out.append(("indicator", ch.indicator_chart(shapes, ind, obs, st.assessments, own)))
        out.append(("place", ch.place_chart(shapes, ind, obs, j.places, own)))
    out.append(("status", ch.status_chart(shapes, j.status_counts())))
    return out


@pytest.mark.parametrize("which", ["minimal", "synthetic"])
def test_chart_specs_from_templates_equal_altair(which: str, synthetic: Path) -> None:
    build = SiteBuild.prepare(MINIMAL if which == "minimal" else synthetic, today=SYNTH_TODAY)
    fast = _charts(build, ch.Shapes(templates=True))
    plain = _charts(build, ch.Shapes(templates=False))
    compared = 0
    for (kind, a), (_, b) in zip(fast, plain, strict=True):
        assert (a is None) == (b is None), kind
        if a is not None and b is not None:
            assert json.dumps(a.spec, ensure_ascii=False) == json.dumps(b.spec, ensure_ascii=False), kind
            compared += 1
    assert compared > 0


def test_charts_rendered_by_the_pool_equal_those_rendered_here(synthetic: Path) -> None:
    build = SiteBuild.prepare(synthetic, today=SYNTH_TODAY)
    charts = [c for _, c in _charts(build, build.view.shapes) if c is not None][:30]
    here = ChartRenderer(None, workers=0)
    expected = [here.svg(c) for c in charts]
    pooled = ChartRenderer(None, workers=1)
    text = "\n".join(f'<div class="ps-svg">{pooled.token(c)}</div>' for c in charts)
    pooled.start()
    assert pooled.workers == 1 and pooled.futures, "30 missing charts should go to the pool"
    filled = pooled.fill(text)
    pooled.close()
    assert filled == "\n".join("\n".join(x for x in f'<div class="ps-svg">{s}</div>'.splitlines() if x.strip()) for s in expected)
    assert pooled.rendered == len({c.key for c in charts}) and here.rendered == len({c.key for c in charts})
    # The worker starts vl-convert while the first charts are asked for: this process draws the ones it has not taken.
    assert 0 < pooled.drawn_here < pooled.rendered


def test_a_cold_cache_starts_the_chart_worker_early_and_a_warm_one_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No chart of this code in the cache: the worker starts before the pages ask (``warm``) and takes charts as soon
    as a page's template asks for them. Once a build has drawn them, the next build starts no process."""
    from plansite import cache as cache_mod

    build = SiteBuild.prepare(MINIMAL, today=SYNTH_TODAY)
    chart = ch.status_chart(build.view.shapes, build.judged.status_counts())
    cache = Cache(tmp_path)
    first = ChartRenderer(cache, workers=1)
    assert first.cold()
    first.warm()
    assert first.pool is not None
    token = first.token(chart)
    assert chart.key in first.futures, "with the worker started, a chart missing from the cache goes to it at once"
    first.start()
    svg = first.fill(token)
    first.close()
    assert first.rendered == 1 and svg.startswith("<svg ")

    second = ChartRenderer(cache, workers=1)
    assert not second.cold()
    second.warm()
    second.token(chart)
    second.start()
    assert second.pool is None and second.cached == 1 and second.fill(token) == svg

    # Every chart in the cache, but no record of a build of this code: the worker started early is let go.
    for mark in (tmp_path / NAMESPACE).glob("*.mark"):
        mark.unlink()
    third = ChartRenderer(cache, workers=1)
    assert third.cold()
    third.warm()
    third.token(chart)
    third.start()
    assert third.pool is None and third.rendered == 0 and third.fill(token) == svg
    third.close()

    monkeypatch.setattr(cache_mod, "code_version", lambda: "another-code-version")
    assert ChartRenderer(cache, workers=1).cold(), "charts drawn by other code do not count"
    alone = ChartRenderer(cache, workers=0)
    alone.warm()
    assert alone.pool is None, "no worker asked for (PLANSITE_CHART_WORKERS=0): none started"


def test_svg_cache_entry_depends_on_code_and_library_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library upgrade or a code change gives other entry names: an old picture is never served."""
    from plansite import cache as cache_mod

    build = SiteBuild.prepare(MINIMAL, today=SYNTH_TODAY)
    chart = ch.status_chart(build.view.shapes, build.judged.status_counts())
    cache = Cache(tmp_path)
    first = ChartRenderer(cache, workers=0)
    svg = first.svg(chart)
    assert cache.has(NAMESPACE, entry_key(NAMESPACE, chart.key), ".svg")
    again = ChartRenderer(cache, workers=0)
    assert again.svg(chart) == svg and again.cached == 1 and again.rendered == 0
    monkeypatch.setattr(cache_mod, "library_versions", lambda: "vl-convert-python=99.0")
    upgraded = ChartRenderer(cache, workers=0)
    assert upgraded.svg(chart) == svg and upgraded.rendered == 1 and upgraded.cached == 0
    monkeypatch.setattr(cache_mod, "code_version", lambda: "another-code-version")
    changed = ChartRenderer(cache, workers=0)
    changed.svg(chart)
    assert changed.rendered == 1


CHART_SPECS = """
import datetime as dt, json, sys
from pathlib import Path
from plansite.build import SiteBuild
from plansite.cache import Cache
from plansite.render import charts as ch
build = SiteBuild.prepare(sys.argv[1], today=dt.date.fromisoformat(sys.argv[3]), cache=Cache(Path(sys.argv[2])))
j, shapes, specs = build.judged, build.view.shapes, []
for ind in j.plan.indicators:
    obs = j.observations_of(ind.id)
    for c in (ch.indicator_chart(shapes, ind, obs, j.statuses[ind.id].assessments, j.plan.plan.place),
              ch.place_chart(shapes, ind, obs, j.places, j.plan.plan.place)):
        if c is not None:
            specs.append(c.spec)
print(json.dumps({"altair": "altair" in sys.modules, "specs": specs}))
"""


def test_chart_shapes_cached_give_the_same_specs_without_altair(synthetic: Path, tmp_path: Path) -> None:
    runs = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", CHART_SPECS, str(synthetic), str(tmp_path / "cache"), SYNTH_TODAY.isoformat()],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(proc.stdout))
    assert runs[0]["altair"] is True and runs[1]["altair"] is False  # the second run took every shape from the cache
    assert runs[0]["specs"] == runs[1]["specs"] and runs[0]["specs"]
