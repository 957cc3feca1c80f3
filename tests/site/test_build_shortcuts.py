"""The build's shortcuts change no byte: charts rendered in a process pool while MkDocs works, and
generated pages that skip Markdown, give the same site as the plain way (real ``mkdocs build --strict``
of the shared synthetic data, twice).

The plain build starts with an empty cache, as a first build does. The fast one starts with the plain
one's cache without its charts (``svg/``, where the record «this code has drawn here» lives too): so it
draws every chart again, and starts its chart worker before it reads the data, as a first build does, and
draws in both processes. What no shortcut touches (PDFs, PNGs, workbooks, compiled templates) is not made
twice; a PNG is keyed by its SVG, so a chart drawn differently would still get its own PNG."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from testkit import REPO, SYNTH_TODAY


@pytest.mark.slow
def test_build_output_is_the_same_with_and_without_the_shortcuts(synthetic: Path, tmp_path: Path) -> None:
    """Charts rendered in a process pool while MkDocs works, and pages that skip Markdown: the same site as the plain way."""
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    sites, stats = {}, {}
    for name, extra in {"plain": {"PLANSITE_RAW_PAGES": "0", "PLANSITE_CHART_WORKERS": "0"}, "fast": {}}.items():
        cache = tmp_path / f"cache-{name}"
        if name == "fast":  # the plain build's cache without its charts
            shutil.copytree(tmp_path / "cache-plain", cache)
            shutil.rmtree(cache / "svg")
        env = dict(
            os.environ,
            PLAN_DATA_DIR=str(synthetic),
            NO_MKDOCS_2_WARNING="1",
            PLANSITE_TODAY=SYNTH_TODAY.isoformat(),
            PLANSITE_CACHE=str(cache),
            PLANSITE_BUILD_STATS=str(tmp_path / f"stats-{name}.json"),
            **extra,
        )
        proc = subprocess.run(
            [mkdocs, "build", "--strict", "-q", "-d", str(tmp_path / name)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=900,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        out = tmp_path / name
        sites[name] = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        stats[name] = json.loads((tmp_path / f"stats-{name}.json").read_text(encoding="utf-8"))
    assert stats["fast"]["charts_cached"] == 0, stats["fast"]  # every chart drawn again by the fast path
    assert stats["plain"]["chart_workers"] == 0 and stats["plain"]["charts_rendered"] > 0
    if (os.cpu_count() or 1) > 1:  # one core: no worker, by design (``svg.default_workers``)
        assert stats["fast"]["chart_workers"] >= 1 and stats["fast"]["charts_drawn_here"] > 0, stats["fast"]
    plain, fast = sites["plain"], sites["fast"]
    assert set(plain) == set(fast)
    differ = [f for f in plain if plain[f] != fast[f] and not f.endswith((".xlsx", ".zip"))]  # those two carry the time
    assert differ == []
