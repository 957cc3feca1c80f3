"""The benchmark runs and its synthetic data is valid.

No timing is asserted here: the numbers depend on the machine (see README, «Hiệu năng»).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from benchmarks import synth

from plansite.pipeline import check
from testkit import REPO, SYNTH_TODAY

ROOT = REPO
REQUIRED_KEYS = {"build_ratio_real", "build_ratio_large", "check_vs_frictionless", "peak_mb_large", "seconds_large"}


def test_synthetic_data_passes_the_checker(synthetic: Path) -> None:
    result = check(synthetic, today=SYNTH_TODAY)
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
        folder = synth.generate(tmp_path / f"d{n}", n, places, years, seed=n, today=SYNTH_TODAY)
        assert check(folder, today=SYNTH_TODAY).problems.errors == [], (n, places, years)
    with pytest.raises(ValueError):
        synth.generate(tmp_path / "bad", 0, 3, 3, today=SYNTH_TODAY)


def test_synthetic_national_shape_is_valid(tmp_path: Path) -> None:
    """The national shape of issue 19: the country, at most 34 provinces, the rest communes under them."""
    folder = synth.generate(tmp_path / "qg", 3, 60, 3, seed=1, today=SYNTH_TODAY, shape="quoc-gia")
    result = check(folder, today=SYNTH_TODAY)
    assert [p.text() for p in result.problems.errors] == []
    assert result.plan is not None
    levels = Counter(p.level for p in result.plan.places.places)
    assert levels == {"quoc-gia": 1, "tinh": 34, "xa": 25}
    assert [lv.id for lv in result.plan.places.levels] == ["quoc-gia", "tinh", "xa"]
    with pytest.raises(ValueError):
        synth.generate(tmp_path / "bad", 3, 5, 3, today=SYNTH_TODAY, shape="the-gioi")


def test_bench_sizes_name_the_national_shape() -> None:
    from benchmarks import bench

    assert bench.expand_sizes("real,national") == ["real", "40x1000x10q", "40x3400x10q"]
    assert bench.parse_size("40x3400x10q") == (40, 3400, 10, "quoc-gia")
    assert bench.parse_size("200x100x10") == (200, 100, 10, "tinh")
    assert bench.parse_size("real") is None


@pytest.mark.slow
def test_bench_runs_at_tiny_size() -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLANSITE_TODAY=SYNTH_TODAY.isoformat())
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
    assert summary["check_vs_pandas"] > 0 and "pandas C (s)" in out  # the checker beside just parsing with pandas
    assert {"build_ratio_national", "peak_mb_national", "preview_seconds_national", "rss_sum_mb_national"} <= set(summary)


def test_memory_of_a_process_tree_counts_a_shared_page_once() -> None:
    """The benchmark's peak memory is the tree's PSS: a child sharing its parent's pages adds less than its RSS."""
    from benchmarks.bench import _tree_memory_kb

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        import time

        time.sleep(0.5)  # the child's interpreter is mapped
        alone_pss, alone_rss = _tree_memory_kb(child.pid)
        pss, rss = _tree_memory_kb(os.getpid())
    finally:
        child.kill()
        child.wait()
    assert 0 < alone_pss <= alone_rss
    assert 0 < pss <= rss and rss >= alone_rss and pss >= alone_pss
