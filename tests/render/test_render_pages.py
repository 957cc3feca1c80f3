"""Generated pages: Markdown would leave them unchanged (so they may skip it), and the shortcuts change no byte."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from benchmarks import synth
from mkdocs.utils.meta import get_data

from plansite.build import SiteBuild
from plansite.vi.text import slugify_toc

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth.generate(tmp_path_factory.mktemp("synth") / "data", indicators=13, places=12, years=5)


@pytest.mark.parametrize("which", ["minimal", "synthetic"])
def test_generated_pages_are_left_unchanged_by_markdown(which: str, synthetic: Path) -> None:
    """What lets the plugin skip Markdown for generated pages (it also checks one page of each kind)."""
    build = SiteBuild.prepare(MINIMAL if which == "minimal" else synthetic, today=TODAY)
    pages = build.pages()
    assert pages
    for src, text in pages.items():
        body, _meta = get_data(build.fill(text))
        md = markdown.Markdown(
            extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"],
            extension_configs={"toc": {"permalink": False, "slugify": slugify_toc}},
        )
        assert md.convert(body) == body.strip(), src
    build.close()


@pytest.mark.slow
def test_build_output_is_the_same_with_and_without_the_shortcuts(synthetic: Path, tmp_path: Path) -> None:
    """Charts rendered in a process pool while MkDocs works, and pages that skip Markdown: the same site as the plain way."""
    sites = {}
    for name, extra in {"plain": {"PLANSITE_RAW_PAGES": "0", "PLANSITE_CHART_WORKERS": "0"}, "fast": {}}.items():
        out = tmp_path / name
        env = dict(
            os.environ,
            PLAN_DATA_DIR=str(synthetic),
            NO_MKDOCS_2_WARNING="1",
            PLANSITE_TODAY=TODAY.isoformat(),
            PLANSITE_CACHE=str(tmp_path / f"cache-{name}"),
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
