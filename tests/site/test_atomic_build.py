"""Atomic build: a failed ``mkdocs build`` leaves the published folder exactly as it was.

The real data is built once; every test gets its own copy of that build as ``out/`` and
hashes every file (sha256 of path and content). Then builds that fail — on bad data (before any page is written), on a page
that raises while pages are rendered, and on a strict-mode warning found after all
pages were written to the staging folder — are run into the same ``out/``. Each must
exit non-zero, leave every hash of ``out/`` identical, and leave no staging or old
folder (``.out-staging-*``, ``.out-old-*``) beside it. A good build afterwards
replaces ``out/`` and cleans up as well.

The failures after page writing use a copy of mkdocs.yml in a temporary folder whose
docs_dir, theme and macros point back to the repository, plus one hook
(written here) that adds a broken page or raises, and records what the staging folder
held when ``on_post_build`` ran.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from _site import MKDOCS, ROOT, build, copy_data, shared_build
from testkit import LIVE_DATA, LIVE_TODAY, Unchanged

pytestmark = pytest.mark.slow


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of «relative path NUL content» for every file under ``folder``."""
    out = {}
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            rel = f.relative_to(folder).as_posix()
            out[rel] = hashlib.sha256(rel.encode() + b"\0" + f.read_bytes()).hexdigest()
    return out


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith((f".{out.name}-staging-", f".{out.name}-old-")))


@pytest.fixture(scope="module")
def published_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real data built once, shared read-only: tests build into their own copy (``published``)."""
    out = shared_build(tmp_path_factory, LIVE_DATA)  # the build the other site tests share
    assert (out / "index.html").is_file() and (out / "du-lieu" / "datapackage.json").is_file()
    assert not leftovers(out), leftovers(out)
    guard = Unchanged(out, "the atomic tests' first build")
    yield out
    guard.check()


@pytest.fixture
def published(published_once: Path, tmp_path: Path) -> Path:
    """The test's own copy of the published site: the builds of the test may (fail to) change it."""
    out = tmp_path / "pub" / "out"
    shutil.copytree(published_once, out)
    return out


def assert_untouched(
    out: Path, before: dict[str, str], proc: subprocess.CompletedProcess[str], why: str, own_code: bool = True
) -> None:
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"{why}: the build should have failed:\n{output[-3000:]}"
    if own_code:  # the project's failures are reported in words; a test hook's own exception may show a traceback
        assert "Traceback" not in output, output[-3000:]
        # In Vietnamese only, on stderr: not MkDocs' English «Aborted with a BuildError!» / «… in strict mode!».
        assert "Dựng trang không thành công" in proc.stderr and "Aborted" not in output, output[-3000:]
    after = tree_hashes(out)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"{why}: {len(changed)} files of out/ changed, e.g. {changed[:10]}"
    assert not leftovers(out), f"{why}: left beside out/: {leftovers(out)}"
    print(f"verified ({why}): exit {proc.returncode}, {len(after)} files of out/ identical, no staging/old folder left")


# --------------------------------------------------------------------------- failures before any page is written


def _unknown_agency(folder: Path) -> str:
    pdir = folder / "progress"
    path = next(iter(sorted(pdir.glob("*.csv"))), None)
    if path is None:  # no progress data yet: start a file for the first indicator
        import yaml

        iid = yaml.safe_load((folder / "indicators.yaml").read_text(encoding="utf-8"))["indicators"][0]["id"]
        path = pdir / f"{iid}.csv"
        path.write_text(
            "Năm,Giá trị,Địa bàn,Chuỗi số liệu,Phương pháp,Nguồn,Liên kết nguồn,Cơ quan báo cáo,"
            "Ngày báo cáo,Sơ bộ,Ước tính,Ghi chú\n",
            encoding="utf-8",
        )
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "2016,1,,,Phương pháp thử,Nguồn thử,,co-quan-khong-ton-tai,,,,\n", encoding="utf-8")
    return "co-quan-khong-ton-tai"


def _yaml_syntax_error(folder: Path) -> str:
    path = folder / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [chưa đóng ngoặc\n", encoding="utf-8")
    return "Lỗi cú pháp YAML"


@pytest.mark.parametrize("breakage", [_unknown_agency, _yaml_syntax_error], ids=["unknown-agency-in-csv", "yaml-syntax-error"])
def test_bad_data_leaves_published_site_untouched(breakage, published: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = tree_hashes(published)
    data = copy_data(tmp_path / "data")
    expected = breakage(data)
    proc = build(data, published, check=False)
    assert expected in proc.stdout + proc.stderr, f"failed for another reason:\n{(proc.stdout + proc.stderr)[-3000:]}"
    assert_untouched(published, before, proc, f"bad data: {breakage.__name__}")


# --------------------------------------------------------------------------- failures while / after pages are written

PROBE_HOOK = '''
"""Test hook: optionally breaks the build; records the staging folder at on_post_build."""
import json
import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

MODE = os.environ.get("ATOMIC_MODE", "")


def on_files(files, config):
    if MODE == "broken-link":
        files.append(File.generated(config, "zz-trang-hong.md",
                                    content="# Trang hỏng\\n\\n[Liên kết hỏng](khong-co-trang-nay.md)\\n"))
    return files


def on_page_markdown(markdown, page, config, files):
    if MODE == "raise-in-page" and page.file.src_uri == "toan-van.md":
        raise RuntimeError("lỗi cố ý khi dựng trang")
    return markdown


@event_priority(100)  # before the plansite plugin swaps the staging folder into place
def on_post_build(config):
    site_dir = Path(config["site_dir"])
    Path(os.environ["ATOMIC_PROBE"]).write_text(json.dumps({
        "site_dir": str(site_dir),
        "html": sum(1 for _ in site_dir.rglob("*.html")),
        "opendata": (site_dir / "du-lieu").is_dir(),
    }))
'''


def tmp_config(tmp: Path) -> Path:
    """mkdocs.yml copied to ``tmp`` with paths back into the repository and the probe hook first."""
    hook = tmp / "probe_hook.py"
    hook.write_text(textwrap.dedent(PROBE_HOOK), encoding="utf-8")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in (
        ("docs_dir: docs\n", f"docs_dir: {ROOT / 'docs'}\n"),
        ("custom_dir: overrides\n", f"custom_dir: {ROOT / 'overrides'}\n"),
        ("module_name: macros/main\n", f"module_name: {ROOT / 'macros' / 'main'}\n"),
    ):
        assert text.count(old) == 1, f"mkdocs.yml changed: {old!r} not found once; update this test"
        text = text.replace(old, new)
    text += f"\nhooks:\n  - {hook}\n"
    cfg = tmp / "mkdocs.yml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


def build_with(cfg: Path, out: Path, mode: str, probe: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        PLAN_DATA_DIR=str(LIVE_DATA),
        NO_MKDOCS_2_WARNING="1",
        PLANSITE_TODAY=LIVE_TODAY.isoformat(),
        # The repository's cache, as every other build of the live data uses (the default is beside the
        # copied mkdocs.yml: an empty cache, so each of these builds would render every chart again).
        PLANSITE_CACHE=str(ROOT / ".cache"),
        ATOMIC_MODE=mode,
        ATOMIC_PROBE=str(probe),
    )
    # Not quiet: the strict-mode warnings are part of what is checked.
    return subprocess.run(
        [MKDOCS, "build", "--strict", "-f", str(cfg), "-d", str(out)],
        cwd=cfg.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_tmp_config_builds_when_nothing_is_broken(tmp_path: Path) -> None:
    """Control: the copied config really builds the site (so the failures below come from the breakage)."""
    cfg, probe, out = tmp_config(tmp_path), tmp_path / "probe.json", tmp_path / "ctrl" / "out"
    proc = build_with(cfg, out, "", probe)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    seen = json.loads(probe.read_text())
    assert Path(seen["site_dir"]).name.startswith(".out-staging-"), seen
    assert (out / "index.html").is_file() and (out / "toan-van" / "index.html").is_file()
    assert not Path(seen["site_dir"]).exists() and not leftovers(out)
    print(f"verified (control): tmp config builds {seen['html']} pages through a staging folder, then swaps")


def test_strict_warning_after_pages_written_leaves_site_untouched(published: Path, tmp_path: Path) -> None:
    before = tree_hashes(published)
    cfg, probe = tmp_config(tmp_path), tmp_path / "probe.json"
    proc = build_with(cfg, published, "broken-link", probe)
    output = proc.stdout + proc.stderr
    assert "khong-co-trang-nay.md" in output and "strict" in output, output[-3000:]
    seen = json.loads(probe.read_text())
    # Embed pages of charts are written by the plansite plugin's on_post_build, after the probe.
    n_pages = sum(1 for k in before if k.endswith(".html") and not k.startswith("nhung/"))
    assert seen["html"] >= n_pages and seen["opendata"], f"pages were not all written before the failure: {seen}"
    assert Path(seen["site_dir"]) != published and not Path(seen["site_dir"]).exists(), "staging folder not removed"
    assert_untouched(published, before, proc, f"strict-mode warning after {seen['html']} pages were written to staging")


def test_page_error_during_rendering_leaves_site_untouched(published: Path, tmp_path: Path) -> None:
    before = tree_hashes(published)
    cfg, probe = tmp_config(tmp_path), tmp_path / "probe.json"
    proc = build_with(cfg, published, "raise-in-page", probe)
    assert "lỗi cố ý khi dựng trang" in proc.stdout + proc.stderr, (proc.stdout + proc.stderr)[-3000:]
    assert not probe.exists(), "on_post_build ran although a page failed"
    assert_untouched(published, before, proc, "exception while rendering a page", own_code=False)


def test_good_build_replaces_site_and_cleans_up(published: Path, tmp_path: Path) -> None:
    """After a failure, a good build into the same folder still succeeds and swaps cleanly."""
    data = copy_data(tmp_path / "data")
    _yaml_syntax_error(data)
    assert build(data, published, check=False).returncode != 0
    marker = published / "cu.txt"
    marker.write_text("từ lần dựng trước", encoding="utf-8")
    build(LIVE_DATA, published)
    assert not marker.exists(), "the old site was not replaced"
    assert (published / "index.html").is_file()
    assert not leftovers(published), leftovers(published)
    print("verified (good build): out/ replaced as a whole, no staging/old folder left")
