"""The staff preview: the real ``mkdocs serve --dirty``, a figure changed, only what depends on it written again.

The rebuild's time is measured by the benchmark (``make bench``, «xem trước»), not asserted here.
"""

from __future__ import annotations

import csv
import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from _site import MKDOCS, ROOT, copy_data
from testkit import LIVE_TODAY

TARGET = "ty-le-che-phu-rung"  # a live indicator with a figure of the plan's own place (empty «Địa bàn»)
PAST = time.time() - 3600


class Server:
    def __init__(self, data: Path, log: Path, tmp: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {
            **os.environ,
            "PLAN_DATA_DIR": str(data),
            "PLANSITE_TODAY": LIVE_TODAY.isoformat(),
            "PLANSITE_PDF": "0",
            "NO_MKDOCS_2_WARNING": "1",
            "TMPDIR": str(tmp),  # mkdocs serve builds into a new folder there: the test sees which files it wrote
        }
        self.tmp = tmp
        self.log = log
        self.out = log.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [MKDOCS, "serve", "--dirty", "-a", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=env,
            stdout=self.out,
            stderr=subprocess.STDOUT,
        )
        self.wait_for("Serving on", 0, timeout=300)

    def written(self, path: str) -> int:
        """When the server's build last wrote the page's HTML (ns)."""
        site = next(self.tmp.glob("mkdocs_*"))
        return (site / path / "index.html").stat().st_mtime_ns

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def count(self, what: str) -> int:
        return self.text().count(what)

    def wait_for(self, what: str, seen: int, timeout: float = 120) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.count(what) > seen:
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"«{what}» not in the log of mkdocs serve:\n{self.text()[-4000:]}")

    def get(self, path: str) -> str:
        """The page as written; the live-reload script the server adds to every page holds the server's clock."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=30) as r:
            return re.sub(r"reload\(\d+, \d+\)", "reload()", r.read().decode("utf-8"))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.proc.kill()
        self.out.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    data = copy_data(tmp_path / "data")
    for path in data.rglob("*"):
        os.utime(path, (PAST, PAST))
    (tmp_path / "tmp").mkdir()
    srv = Server(data, tmp_path / "serve.log", tmp_path / "tmp")
    yield srv, data
    srv.stop()


def set_own_figure(path: Path, value: str, mtime: float) -> None:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    col = rows[0].index("Địa bàn")
    at = next(i for i in range(1, len(rows)) if not rows[i][col].strip())
    rows[at][1] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    os.utime(path, (mtime, mtime))


def rebuilt(srv: Server, change: object) -> str:
    """Make ``change`` (a callable), wait for the rebuild; return the rebuild's log."""
    before = len(srv.text())
    done = srv.count("Reloading browsers") + srv.count("An error happened during the rebuild")
    change()  # type: ignore[operator]
    end = time.monotonic() + 120
    while srv.count("Reloading browsers") + srv.count("An error happened during the rebuild") <= done:
        assert time.monotonic() < end, srv.text()[-4000:]
        time.sleep(0.2)
    return srv.text()[before:]


def search_urls(srv: Server) -> list[str]:
    import json

    return [row[0] for row in json.loads(srv.get("search/tieu-de.json"))["pages"]]


def test_a_changed_figure_rebuilds_its_pages_and_keeps_the_others(server: tuple[Server, Path]) -> None:
    srv, data = server
    target = data / "progress" / f"{TARGET}.csv"
    other = next(p.stem for p in sorted((data / "progress").glob("*.csv")) if p.stem != TARGET)
    page, other_page = f"chi-tieu/{TARGET}/", f"chi-tieu/{other}/"
    old_other, old_urls = srv.get(other_page), search_urls(srv)
    assert "12,3%" not in srv.get(page)
    times = {p: srv.written(p) for p in (page, other_page, "dia-ban/")}

    log = rebuilt(srv, lambda: set_own_figure(target, "12.3", PAST + 10))
    assert "Xem trước nhanh" in log and "dựng lại 1 trang chỉ tiêu" in log, log
    assert "12,3%" in srv.get(page)
    assert srv.get(other_page) == old_other
    assert srv.written(other_page) == times[other_page]  # not written again
    assert srv.written(page) > times[page] and srv.written("dia-ban/") > times["dia-ban/"]  # the list is
    assert search_urls(srv) == old_urls  # the index still holds every page
    assert re.search(r"Documentation built in [\d.]+ seconds", log), log

    # A mistake in the file: the rebuild stops with the checker's message, the preview keeps what it showed.
    def broken() -> None:
        with target.open("a", encoding="utf-8") as f:
            f.write("năm ngoái,5,,,,,,,,,,\n")
        os.utime(target, (PAST + 20, PAST + 20))

    log = rebuilt(srv, broken)
    assert f"{TARGET}.csv" in log and "cột «Năm»" in log, log
    assert "Traceback" not in log  # (mkdocs serve holds every request until the data is right again)

    # Fixed: the pages that depend on the file change again, the others are still kept.
    log = rebuilt(srv, lambda: set_own_figure(target, "45.6", PAST + 30) or _drop_last_line(target, PAST + 30))
    assert "Xem trước nhanh" in log, log
    text = srv.get(page)
    assert "45,6%" in text and "12,3%" not in text
    assert srv.get(other_page) == old_other and srv.written(other_page) == times[other_page]


def _drop_last_line(path: Path, mtime: float) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("năm ngoái")), encoding="utf-8")
    os.utime(path, (mtime, mtime))


def test_a_change_to_the_plan_rebuilds_every_page(server: tuple[Server, Path]) -> None:
    srv, data = server
    plan = data / "plan.yaml"
    log = rebuilt(
        srv,
        lambda: (
            plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8"),
            os.utime(plan, (PAST + 5, PAST + 5)),
        ),
    )
    assert "Xem trước nhanh" not in log, log
    assert "Reloading browsers" in log
