"""Shared helpers for tests that build the real site with the real ``mkdocs build --strict``.

Import the fixtures into a test module: ``from _site import built_site, served_site``.
Every build judges on a fixed day (``PLANSITE_TODAY``): ``LIVE_TODAY`` unless the caller passes one.
``shared_build`` builds a site once per test run, for every module and every xdist worker that asks
for the same data, day and settings; the callers share it read-only.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

from testkit import LIVE_DATA, LIVE_TODAY, read_only, tree_digest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(Path(sys.executable).parent / "mkdocs")


def build(
    data_dir: Path,
    out_dir: Path,
    check: bool = True,
    extra_env: dict[str, str] | None = None,
    today: dt.date = LIVE_TODAY,
) -> subprocess.CompletedProcess[str]:
    """Run the real ``mkdocs build --strict`` for ``data_dir`` into ``out_dir``, judging on ``today``
    (``PLANSITE_TODAY`` in ``extra_env`` wins)."""
    env = {
        **os.environ,
        "PLAN_DATA_DIR": str(data_dir),
        "NO_MKDOCS_2_WARNING": "1",
        "PLANSITE_TODAY": today.isoformat(),
        **(extra_env or {}),
    }
    proc = subprocess.run(
        [MKDOCS, "build", "--strict", "-q", "-d", str(out_dir)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def copy_data(dest: Path, src: Path = LIVE_DATA) -> Path:
    shutil.copytree(src, dest)
    return dest


def shared_build(
    tmp_path_factory: pytest.TempPathFactory,
    data_dir: Path,
    today: dt.date = LIVE_TODAY,
    extra_env: dict[str, str] | None = None,
) -> Path:
    """The site of ``data_dir`` judged on ``today``, built once per test run: the first module (on any
    xdist worker) that asks builds it under a file lock, the others wait and get the same folder.
    The key is the data's content, the day and the settings, so different data is never mixed up.
    Callers share the result read-only (wrap it in ``testkit.read_only``); a test that changes a site
    builds its own with ``build``."""
    env = dict(sorted((extra_env or {}).items()))
    key = hashlib.sha256(f"{tree_digest(data_dir)}|{today.isoformat()}|{env}".encode()).hexdigest()[:16]
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker has its own basetemp; its parent is the run's
        base = base.parent
    out = base / f"shared-site-{key}"
    done = out.with_name(out.name + ".done")  # beside the site, so no test sees it among the site's files
    with FileLock(str(out) + ".lock"):
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            build(data_dir, out, today=today, extra_env=env)
            done.write_text(str(data_dir), encoding="utf-8")
    return out


def _build_real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_build(tmp_path_factory, LIVE_DATA)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real data, built once per test run; shared read-only (checked at the end of each worker's session)."""
    yield from read_only(_build_real(tmp_path_factory), "the build of the live data")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_Quiet, directory=str(folder))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/", httpd


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    url, httpd = serve(built_site)
    yield url
    httpd.shutdown()


EVIL = {
    "script": "<script>window.__pwned = 1</script>",
    "img": '<img src=x onerror="window.__pwned = 2">',
    "macro": "{{ 7*7 }} {% raw %}",
    "markdown": '[bấm](javascript:window.__pwned=3) **đậm** <a href="javascript:window.__pwned=4">x</a>',
    "formula": '=HYPERLINK("http://evil.example","x")',
}


def make_evil_data(dest: Path) -> Path:
    """A copy of the real data whose free-text fields carry injection attempts (still valid data)."""
    copy_data(dest)
    text = " ".join(EVIL.values()).replace('"', "'")
    ind = dest / "indicators.yaml"
    y = ind.read_text(encoding="utf-8")
    first_desc = y.index("    description:")
    end = y.index("\n", first_desc)
    y = y[:first_desc] + "    description: " + _yaml_str(text) + y[end:]
    ind.write_text(y, encoding="utf-8")
    first_id = yaml.safe_load(y)["indicators"][0]["id"]
    csv_path = dest / "progress" / f"{first_id}.csv"
    header = (
        "Năm,Giá trị,Địa bàn,Chuỗi số liệu,Phương pháp,Nguồn,Liên kết nguồn,Cơ quan báo cáo,Ngày báo cáo,Sơ bộ,Ước tính,Ghi chú\n"
    )
    rows = csv_path.read_text(encoding="utf-8") if csv_path.exists() else header
    if not rows.endswith("\n"):
        rows += "\n"
    note = text.replace('"', '""')
    rows += f'2025,1,,,"{EVIL["formula"].replace(chr(34), chr(34) * 2)}","{note}",https://example.org/nguon,,,,,"{note}"\n'
    csv_path.write_text(rows, encoding="utf-8")
    return dest


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
