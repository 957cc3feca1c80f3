"""The benchmark runs, its synthetic data is valid, and the performance changes keep outputs identical.

No timing is asserted here: the numbers depend on the machine (see README, «Hiệu năng»).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from benchmarks import synth

from plansite.pipeline import check
from plansite.publish import opendata
from plansite.render import charts as ch
from plansite.render.site import Site, SiteConfig

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_KEYS = {"build_ratio_real", "build_ratio_large", "check_vs_frictionless", "peak_mb_large", "seconds_large"}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth.generate(tmp_path_factory.mktemp("synth") / "data", indicators=13, places=12, years=5)


def test_synthetic_data_passes_the_checker(synthetic: Path) -> None:
    result = check(synthetic)
    assert [p.text() for p in result.problems.errors] == []
    assert result.plan is not None
    kinds = Counter(t.kind for ind in result.plan.indicators for t in ind.targets)
    assert set(kinds) == {"muc", "thay-doi-hang-nam", "boi-so-goc", "ti-le-tham-chieu", "duy-tri", "dinh-tinh"}
    assert any(t.operator == "khoang" for ind in result.plan.indicators for t in ind.targets)
    assert any(len(ind.series) >= 2 for ind in result.plan.indicators)
    obs = result.progress.observations
    assert len(obs) >= 13 * 12 * 5
    methods = {(o.indicator, o.method) for o in obs if o.method}
    assert len({i for i, _ in methods}) < len(methods)  # some indicator changes its method
    assert {o.place for o in obs} == {p.id for p in result.plan.places.places}


def test_synthetic_data_of_any_small_size_is_valid(tmp_path: Path) -> None:
    for n, places, years in [(1, 2, 2), (3, 3, 3), (7, 25, 4)]:
        folder = synth.generate(tmp_path / f"d{n}", n, places, years, seed=n)
        assert check(folder).problems.errors == [], (n, places, years)
    with pytest.raises(ValueError):
        synth.generate(tmp_path / "bad", 0, 3, 3)


@pytest.mark.slow
def test_bench_runs_at_tiny_size() -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench", "--tiny"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    assert "| Cỡ" in out and "Dựng đủ (s)" in out and "Dựng trần (s)" in out and "frictionless" in out
    assert "Xem trước nhanh" in out
    lines = [line for line in out.splitlines() if line.strip()]
    summary = json.loads(lines[-1])
    assert set(summary) >= REQUIRED_KEYS
    for key in REQUIRED_KEYS:
        assert isinstance(summary[key], (int, float)) and summary[key] > 0, key
    assert summary["by_size"]["3x3x3"]["rows"] > 0


# ---------------------------------------------------------------------------------------------- outputs unchanged


def _charts(site: Site) -> list[tuple[str, object]]:
    p = site.plan
    out: list[tuple[str, object]] = []
    for ind in p.indicators:
        obs, st = site.observations(ind.id), site.status[ind.id]
        out.append(("indicator", lambda ind=ind, obs=obs, st=st: ch.indicator_chart(ind, obs, st.assessments, p.plan.place)))
        out.append(("place", lambda ind=ind, obs=obs: ch.place_chart(ind, obs, site.places, p.plan.place)))
    out.append(("status", lambda: ch.status_chart(site.status_counts())))
    return out


@pytest.mark.parametrize("folder", ["data", "tests/fixtures/minimal", "synthetic"])
def test_chart_specs_from_templates_equal_altair(folder: str, synthetic: Path) -> None:
    site = Site(check(synthetic if folder == "synthetic" else ROOT / folder), SiteConfig())
    compared = 0
    try:
        for kind, make in _charts(site):
            ch.use_templates(True)
            a = make()  # type: ignore[operator]
            ch.use_templates(False)
            b = make()  # type: ignore[operator]
            assert (a is None) == (b is None), kind
            if a is not None:
                assert json.dumps(a.spec, ensure_ascii=False) == json.dumps(b.spec, ensure_ascii=False), kind
                compared += 1
    finally:
        ch.use_templates(True)
    assert compared > 0


def test_chart_rendering_in_helpers_gives_the_same_svg(synthetic: Path) -> None:
    site = Site(check(synthetic), SiteConfig())
    charts = [c for _, make in _charts(site)[:10] if (c := make()) is not None]  # type: ignore[operator]
    alone = ch.SvgRenderer(None, workers=0)
    expected = [alone.svg(c) for c in charts]
    together = ch.SvgRenderer(None, workers=1)
    together.start_helpers(1)
    together.prerender(charts)
    assert [together.svg(c) for c in charts] == expected
    deferred = ch.SvgRenderer(None, workers=1)
    deferred.start_helpers(1)
    text = "\n".join(f'<div class="ps-svg">{deferred.defer(c)}</div>' for c in charts)
    assert "\n".join("\n".join(x for x in f'<div class="ps-svg">{s}</div>'.splitlines() if x.strip()) for s in expected) == (
        deferred.resolve(text)
    )
    together.close()
    deferred.close()


def test_generated_pages_are_left_unchanged_by_markdown(synthetic: Path) -> None:
    """What lets plansite.build skip Markdown for generated pages (it also checks one page of each kind)."""
    import markdown
    from mkdocs.utils.meta import get_data

    from plansite.vi.text import slugify_toc

    for folder in (ROOT / "data", synthetic):
        site = Site(check(folder), SiteConfig(cache_dir=None))
        for src, text in site.pages().items():
            body, _meta = get_data(text)
            md = markdown.Markdown(
                extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"],
                extension_configs={"toc": {"permalink": False, "slugify": slugify_toc}},
            )
            assert md.convert(body) == body.strip(), src


@pytest.mark.slow
def test_build_output_is_the_same_with_and_without_the_shortcuts(synthetic: Path, tmp_path: Path) -> None:
    """Charts rendered while MkDocs works and pages that skip Markdown: the same site as the plain way."""
    sites = {}
    for name, extra in {"plain": {"PLANSITE_RAW_PAGES": "0", "PLANSITE_CHART_WORKERS": "0"}, "fast": {}}.items():
        out = tmp_path / name
        env = dict(
            os.environ,
            PLAN_DATA_DIR=str(synthetic),
            NO_MKDOCS_2_WARNING="1",
            PLANSITE_CHART_CACHE=str(tmp_path / f"cache-{name}"),
            **extra,
        )
        mkdocs = str(Path(sys.executable).parent / "mkdocs")
        proc = subprocess.run(
            [mkdocs, "build", "--strict", "-q", "-d", str(out)], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        sites[name] = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    plain, fast = sites["plain"], sites["fast"]
    assert set(plain) == set(fast)
    differ = [f for f in plain if plain[f] != fast[f] and not f.endswith((".xlsx", ".zip"))]  # those two carry the time
    assert differ == []


def test_site_from_synthetic_data_matches_its_open_data(synthetic: Path, tmp_path: Path) -> None:
    site = Site(check(synthetic, today=dt.date.today()), SiteConfig())
    opendata.write(site, tmp_path)
    obs_csv = (tmp_path / "du-lieu" / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert len(obs_csv) == len(site.obs) + 1
    per_ind = sum(
        len((tmp_path / "du-lieu" / "chi-tieu" / f"{ind.id}.csv").read_text(encoding="utf-8").splitlines()) - 1
        for ind in site.plan.indicators
    )
    assert per_ind == len(site.obs)


# ------------------------------------------------------------------ code caches: compiled once, same result
# (the workbook skeleton's: tests/test_xlsx.py)

CHART_SPECS = """
import json, sys
from pathlib import Path
from plansite.render.site import Site, SiteConfig
from plansite.pipeline import check
from plansite.render import charts as ch
site = Site(check(sys.argv[1]), SiteConfig(template_cache=Path(sys.argv[2])))
specs = []
for ind in site.plan.indicators:
    obs = site.observations(ind.id)
    for c in (ch.indicator_chart(ind, obs, site.status[ind.id].assessments, site.plan.plan.place),
              ch.place_chart(ind, obs, site.places, site.plan.plan.place)):
        if c is not None:
            specs.append(c.spec)
print(json.dumps({"altair": "altair" in sys.modules, "specs": specs}))
"""


def test_chart_shapes_cached_give_the_same_specs_without_altair(synthetic: Path, tmp_path: Path) -> None:
    runs = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", CHART_SPECS, str(synthetic), str(tmp_path / "code")],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(proc.stdout))
    assert runs[0]["altair"] is True and runs[1]["altair"] is False  # the second run took every shape from the cache
    assert runs[0]["specs"] == runs[1]["specs"] and len(runs[0]["specs"]) > 13
