"""Benchmark of the site build: ``python -m benchmarks.bench`` (``make bench``).

For each size (the real data, then SYNTHETIC data from ``benchmarks.synth``) it measures:

* (a) the full ``mkdocs build --strict`` (subprocess, empty chart cache) against a bare
  mkdocs-material build of the same Markdown pages (dumped from the full build after the
  macros; same theme, nav, not_in_nav and Markdown extensions; no plugin of ours, no macros, no data);
* (b) the checker (``plansite.pipeline.check``, progress CSVs included) against
  ``frictionless validate`` of the same CSVs with an equivalent table schema, both in a
  fresh process, time measured inside it (imports excluded);
* (c) chart rendering: time per chart with a cold cache;
* (d) peak memory of the build (largest process, and the whole process tree sampled);
* (e) growth from one size to the next, against the growth of the input;

and the staff preview, on a copy of the real data and at the national size: the real
``mkdocs serve --dirty``, one figure corrected in one progress CSV, the time until the browser
is told to reload (``plansite.rebuild``: only the pages that depend on the file are written).

The table is printed in Vietnamese; the last line of the output is one JSON object.
``--tiny`` runs one tiny synthetic size only (for the tests).

The machine may be shared: times are wall-clock (and CPU time of the measured processes
beside them); the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = str(Path(sys.executable).parent / "mkdocs")
DEFAULT_SIZES = "real,200x100x10,1000x100x10"
TINY_SIZES = "3x3x3"
# «national»: a national ministry's shape (the country, 34 provinces, the rest communes), at two sizes for growth.
# A size ending in «q» has that shape («40x3400x10q»); other sizes are a province's (districts and communes).
ALIASES = {"national": "40x1000x10q,40x3400x10q"}
NATIONAL_LABEL = "40x3400x10q"
TARGETS = {
    "build_ratio_real": 1.2,
    "build_ratio_large": 1.0,
    "build_ratio_national": 1.5,
    "check_vs_frictionless": 10.0,
    "check_vs_pandas": 4.0,  # at most this many times the time of just parsing the same files with pandas' C engine
    "seconds_large": 180.0,
    "peak_mb_large": 2048.0,
    "peak_mb_national": 2048.0,
}

# The frictionless Table Schema equivalent to what a table-only validator can check of a
# progress CSV (types, required cells, year range, decimal comma, link, date, flags).
# The plansite checker does more on top: places, series, agencies, duplicates, 0–100 %.
FRICTIONLESS_SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "Năm", "type": "integer", "constraints": {"required": True, "minimum": 1900, "maximum": 2100}},
        {"name": "Giá trị", "type": "number", "decimalChar": ",", "groupChar": "", "constraints": {"required": True}},
        {"name": "Địa bàn", "type": "string"},
        {"name": "Chuỗi số liệu", "type": "string"},
        {"name": "Phương pháp", "type": "string"},
        {"name": "Nguồn", "type": "string", "constraints": {"required": True}},
        {"name": "Liên kết nguồn", "type": "string", "constraints": {"pattern": "https?://.+"}},
        {"name": "Cơ quan báo cáo", "type": "string"},
        {"name": "Ngày báo cáo", "type": "date", "format": "%d/%m/%Y"},
        {"name": "Sơ bộ", "type": "string", "constraints": {"enum": ["x", "X", ""]}},
        {"name": "Ước tính", "type": "string", "constraints": {"enum": ["x", "X", ""]}},
        {"name": "Ghi chú", "type": "string"},
    ]
}


# ---------------------------------------------------------------------------------------------- helpers


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def expand_sizes(text: str) -> list[str]:
    """«real,national» → ["real", "40x1000x10q", "40x3400x10q"]."""
    return [x for part in text.split(",") if part for x in ALIASES.get(part, part).split(",")]


def parse_size(text: str) -> tuple[int, int, int, str] | None:
    """«200x100x10» → (200, 100, 10, "tinh"); «40x3400x10q» → (40, 3400, 10, "quoc-gia"); «real» → None."""
    if text == "real":
        return None
    m = re.fullmatch(r"(\d+)x(\d+)x(\d+)(q?)", text)
    if not m:
        raise argparse.ArgumentTypeError(
            f"kích thước «{text}» không hợp lệ: dùng real, national, NxMxY (ví dụ 200x100x10) hoặc NxMxYq (cả nước)"
        )
    n, p, y = (int(g) for g in m.groups()[:3])
    return n, p, y, "quoc-gia" if m.group(4) else "tinh"


def tree_size(folder: Path) -> int:
    """Bytes of every file under ``folder``."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def search_index_size(site: Path) -> int:
    """Bytes of the search index files the site's pages load (``search/``)."""
    return tree_size(site / "search") if (site / "search").is_dir() else 0


def count_rows(folder: Path) -> tuple[int, int]:
    """(CSV files, data rows) under progress/."""
    files = rows = 0
    for f in sorted((folder / "progress").glob("*.csv")):
        files += 1
        with f.open(encoding="utf-8-sig", newline="") as fh:
            rows += max(0, sum(1 for _ in csv.reader(fh)) - 1)
    return files, rows


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """Memory of ``root`` and all its descendants (kB), from /proc: (PSS, RSS), each summed over the processes.

    PSS (proportional set size) counts a page shared by n processes as 1/n in each, so the sum is the memory the tree
    really holds. RSS counts a shared page in full in every process that maps it: summed over Chromium's eleven
    processes, which share its libraries, it counts them eleven times. Both are reported; the peak is the PSS."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d))
    pss = rss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return pss, rss


@dataclass
class Run:
    """One measured subprocess."""

    wall: float
    cpu: float  # user + system, the process and the helpers it waited for
    maxrss_mb: float  # largest single process
    tree_peak_mb: float  # whole process tree (PSS summed, ``_tree_memory_kb``), sampled every 0.1 s
    tree_rss_peak_mb: float = 0.0  # the same tree's RSS summed (counts shared pages once per process)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def peak_mb(self) -> float:
        return max(self.maxrss_mb, self.tree_peak_mb)


def run_measured(cmd: list[str], env: dict[str, str], log_file: Path, cwd: Path = ROOT) -> Run:
    """Run ``cmd``; wall time, CPU time and peak memory of it (os.wait4 gives this child's own rusage)."""
    with log_file.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak = [0, 0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.1):
                pss, rss = _tree_memory_kb(proc.pid)
                peak[:] = max(peak[0], pss), max(peak[1], rss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log_file.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"lệnh thất bại ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak[0] / 1024, peak[1] / 1024)


def build_env(data: Path, **extra: str | Path) -> dict[str, str]:
    env = dict(os.environ, PLAN_DATA_DIR=str(data), NO_MKDOCS_2_WARNING="1")
    env.update({k: str(v) for k, v in extra.items()})
    return env


def full_build(
    data: Path, out: Path, cache: Path, work: Path, dump: Path | None = None, name: str = "full", code: Path | None = None
) -> Run:
    """The real ``mkdocs build --strict`` of this project, with the data folder ``data``.

    ``cache``: the build's cache folder (``PLANSITE_CACHE``). A new one starts with no rendered
    chart but with what is compiled from code alone (chart shapes, page templates, workbook
    skeleton), taken from ``code`` (default ``work/code-cache``, filled by the first build of
    the run), as on any machine after its first build.
    """
    code = code or work / "code-cache"
    if code.exists() and not cache.exists():
        shutil.copytree(code, cache)
    stats = work / f"stats-{name}.json"
    extra: dict[str, str | Path] = {"PLANSITE_CACHE": cache, "PLANSITE_BUILD_STATS": stats}
    if dump is not None:
        extra["PLANSITE_DUMP_PAGES"] = dump
    run = run_measured([MKDOCS, "build", "--strict", "-q", "-d", str(out)], build_env(data, **extra), work / f"log-{name}.txt")
    if stats.exists():
        run.stats = json.loads(stats.read_text(encoding="utf-8"))
    if cache.is_dir():
        for part in cache.iterdir():  # keep what depends on code only; rendered charts depend on data
            if part.is_dir() and part.name != "svg" and not (code / part.name).exists():
                shutil.copytree(part, code / part.name)
    return run


# ---------------------------------------------------------------------------------------------- bare build


class _PyName(str):
    """A ``!!python/name:`` tag of mkdocs.yml, kept as written."""


class _KeepLoader(yaml.SafeLoader):
    pass


class _KeepDumper(yaml.SafeDumper):
    pass


_KeepLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda _l, suffix, _n: _PyName(suffix))


class _Env(list):  # type: ignore[type-arg]
    """An ``!ENV [NAME, default]`` value of mkdocs.yml, kept as written."""


_KeepLoader.add_constructor("!ENV", lambda loader, node: _Env(loader.construct_sequence(node)))  # type: ignore[arg-type]
_KeepDumper.add_representer(_Env, lambda d, v: d.represent_sequence("!ENV", list(v), flow_style=True))
_KeepDumper.add_representer(_PyName, lambda d, v: d.represent_scalar(f"tag:yaml.org,2002:python/name:{v}", ""))


def bare_config(pages: Path, dest: Path) -> Path:
    """mkdocs.yml of a bare mkdocs-material site over ``pages``: same theme, nav and extensions; no plansite, macros or data."""
    cfg = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_KeepLoader)
    cfg.pop("hooks", None)
    plugins = []
    for p in cfg.get("plugins", []):
        name = p if isinstance(p, str) else next(iter(p))
        if name not in ("macros", "plansite"):
            plugins.append(p)
    cfg["plugins"] = plugins
    cfg["docs_dir"] = str(pages)
    cfg["strict"] = False
    theme = cfg.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    cfg["site_name"] = "Trang trần (so sánh)"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(yaml.dump(cfg, Dumper=_KeepDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Static files of docs/ (CSS …) beside the dumped pages.
    for f in (ROOT / cfg_docs_dir()).rglob("*"):
        if f.is_file() and f.suffix != ".md":
            target = pages / f.relative_to(ROOT / cfg_docs_dir())
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, target)
    return dest


def cfg_docs_dir() -> str:
    cfg = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_KeepLoader)
    return str(cfg.get("docs_dir", "docs"))


def bare_build(pages: Path, out: Path, work: Path) -> Run:
    conf = bare_config(pages, work / "bare" / "mkdocs.yml")
    return run_measured([MKDOCS, "build", "-q", "-f", str(conf), "-d", str(out)], build_env(ROOT / "data"), work / "log-bare.txt")


# ---------------------------------------------------------------------------------------------- checkers (run in a child)


def _child_check(folder: str) -> dict[str, Any]:
    from plansite.pipeline import check

    t0, c0 = time.perf_counter(), time.process_time()
    res = check(folder, dt.date.today())
    return {
        "seconds": time.perf_counter() - t0,
        "cpu": time.process_time() - c0,
        "errors": len(res.problems.errors),
        "observations": len(res.progress.observations),
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child_pandas(folder: str) -> dict[str, Any]:
    """Just parsing every progress CSV with pandas' C engine, all as text: the floor a checker can approach."""
    import pandas as pd

    files = sorted(Path(folder, "progress").glob("*.csv"))
    t0, c0 = time.perf_counter(), time.process_time()
    rows = 0
    for f in files:
        rows += len(pd.read_csv(f, dtype=str, keep_default_na=False, engine="c", encoding="utf-8-sig"))
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "rows": rows}


def _child_frictionless(folder: str) -> dict[str, Any]:
    from frictionless import Resource, Schema

    schema = Schema.from_descriptor(FRICTIONLESS_SCHEMA)
    files = sorted(Path(folder, "progress").glob("*.csv"))
    t0, c0 = time.perf_counter(), time.process_time()
    errors = 0
    for f in files:
        report = Resource(path=f.name, basepath=str(f.parent), schema=schema).validate()
        errors += len(report.flatten(["type"]))
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "errors": errors}


def run_child(mode: str, folder: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench", mode, str(folder)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} thất bại:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------------------------------------- fast preview


def change_one_file(folder: Path, validate: bool = True) -> str:
    """Correct one figure of the first progress CSV, as a staff member does; return what was changed.

    The last row with a number gets a value 2% lower (a whole number stays whole); if the checker
    refuses the result, the file is only touched."""
    from plansite.load.files import PROGRESS_DIR
    from plansite.pipeline import check

    target = sorted((folder / PROGRESS_DIR).glob("*.csv"))[0]
    original = target.read_bytes()
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    col = {name: i for i, name in enumerate(rows[0])} if rows else {}
    at = next((i for i in range(len(rows) - 1, 0, -1) if "Giá trị" in col and _number(rows[i][col["Giá trị"]])), None)
    if at is None:
        target.touch()
        return f"chạm (touch) {target.name}"
    before = len(check(folder, dt.date.today()).problems.errors) if validate else 0
    old = rows[at][col["Giá trị"]]
    rows[at][col["Giá trị"]] = new = _lower(old)
    with target.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    if validate and len(check(folder, dt.date.today()).problems.errors) > before:
        target.write_bytes(original)
        return f"chạm (touch) {target.name} (số sửa không hợp lệ nên bỏ)"
    return f"sửa 1 số ở dòng {at + 1} của {target.name} ({old} → {new})"


def _number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def _lower(text: str) -> str:
    """2% lower, written as ``text`` is: with its decimal mark («,» or «.») and number of decimals."""
    mark = "," if "," in text else "."
    value = float(text.replace(",", "."))
    if mark not in text:
        whole = round(value * 0.98)
        return str(whole if whole != value else int(value) - 1 if value > 0 else int(value) + 1)
    decimals = len(text.split(mark)[1])
    return f"{value * 0.98:.{decimals}f}".replace(".", mark)


# ---------------------------------------------------------------------------------------------- one size


@dataclass
class SizeResult:
    label: str
    dims: str
    files: int
    rows: int
    full: Run
    bare: Run
    check: dict[str, Any]
    frictionless: dict[str, Any]
    pandas: dict[str, Any] = field(default_factory=dict)  # just parsing the same files with pandas' C engine
    generate_seconds: float = 0.0
    first: Run | None = None  # the first build with every cache empty (real data)
    site_bytes: int = 0
    search_bytes: int = 0
    preview: dict[str, Any] = field(default_factory=dict)  # a one-file change rebuilt with a warm cache (national size)

    @property
    def pages(self) -> int:
        return int(self.full.stats.get("pages", 0))

    @property
    def build_ratio(self) -> float:
        return self.full.wall / self.bare.wall

    @property
    def check_speedup(self) -> float:
        return self.frictionless["cpu"] / self.check["cpu"]

    @property
    def check_vs_pandas(self) -> float:
        """The checker's CPU time over pandas' parse of the same files (lower is better)."""
        return self.check["cpu"] / self.pandas["cpu"] if self.pandas.get("cpu") else 0.0

    @property
    def check_speedup_wall(self) -> float:
        return self.frictionless["seconds"] / self.check["seconds"]

    @property
    def chart_ms(self) -> float:
        n = int(self.full.stats.get("charts_rendered", 0))
        return 1000 * float(self.full.stats.get("chart_render_seconds", 0.0)) / n if n else 0.0


def measure_size(label: str, work: Path, repeat: int) -> tuple[SizeResult, Path, Path]:
    """Everything for one size; returns the result, its data folder and its (warm) chart cache."""
    dims = parse_size(label)
    gen = 0.0
    if dims is None:
        data = ROOT / "data"
        dims_text = "dữ liệu thật"
    else:
        from benchmarks.synth import generate

        data = work / f"data-{label}"
        t0 = time.perf_counter()
        generate(data, *dims[:3], shape=dims[3])
        gen = time.perf_counter() - t0
        dims_text = "×".join(str(d) for d in dims[:3]) + (" (cả nước, giả lập)" if dims[3] == "quoc-gia" else " (giả lập)")
    files, rows = count_rows(data)
    cold_all = None
    if dims is None or not (work / "code-cache").exists():
        # The first build on a fresh machine: chart cache and code cache both empty (reported apart).
        log(f"{label}: dựng đầy đủ lần đầu (mọi cache rỗng)…")
        shutil.rmtree(work / "cache-first", ignore_errors=True)
        cold_all = full_build(data, work / f"site-{label}", work / "cache-first", work, name=f"{label}-first")
    log(f"{label}: {files} tệp CSV, {rows} dòng; dựng đầy đủ (cache biểu đồ rỗng)…")
    runs = []
    for i in range(repeat):
        cache = work / f"cache-{label}-{i}"
        shutil.rmtree(cache, ignore_errors=True)
        runs.append(full_build(data, work / f"site-{label}", cache, work, name=f"{label}-{i}"))
    full = min(runs, key=lambda r: r.wall)
    full.maxrss_mb = max(r.maxrss_mb for r in runs)
    full.tree_peak_mb = max(r.tree_peak_mb for r in runs)
    full.tree_rss_peak_mb = max(r.tree_rss_peak_mb for r in runs)
    cache = work / f"cache-{label}-0"
    log(f"{label}: dựng đầy đủ {full.wall:.1f} s; ghi các trang Markdown để dựng trần…")
    pages = work / f"pages-{label}"
    shutil.rmtree(pages, ignore_errors=True)
    full_build(data, work / f"site-{label}-dump", cache, work, dump=pages, name=f"{label}-dump")
    shutil.rmtree(work / f"site-{label}-dump", ignore_errors=True)
    bares = []
    for _ in range(repeat):
        bares.append(bare_build(pages, work / f"site-{label}-bare", work))
    bare = min(bares, key=lambda r: r.wall)
    log(f"{label}: dựng trần {bare.wall:.1f} s; kiểm tra dữ liệu và frictionless…")
    checks = [run_child("--_check", data) for _ in range(repeat)]
    check = min(checks, key=lambda r: r["cpu"])
    fl = min((run_child("--_frictionless", data) for _ in range(repeat)), key=lambda r: r["cpu"])
    pd_parse = min((run_child("--_pandas", data) for _ in range(repeat)), key=lambda r: r["cpu"])
    site_bytes, search_bytes = tree_size(work / f"site-{label}"), search_index_size(work / f"site-{label}")
    for d in (work / f"site-{label}", work / f"site-{label}-bare", pages):
        shutil.rmtree(d, ignore_errors=True)
    result = SizeResult(label, dims_text, files, rows, full, bare, check, fl, pd_parse, gen, cold_all, site_bytes, search_bytes)
    return result, data, cache


def fast_preview(data: Path, cache: Path, work: Path) -> dict[str, Any]:
    """The staff preview: the real ``mkdocs serve --dirty`` on a copy of ``data`` (warm cache of its full build);
    one figure corrected (``change_one_file``); the time from the file's save to «Reloading browsers»."""
    copy = work / "preview-data"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data, copy)
    past = time.time() - 3600  # files saved a while ago, as in a clone (a file saved this second is read again anyway)
    for path in copy.rglob("*"):
        os.utime(path, (past, past))
    stats = work / "stats-preview.json"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = build_env(copy, PLANSITE_CACHE=cache, PLANSITE_BUILD_STATS=stats, PLANSITE_PDF="0")
    log_file = work / "log-preview.txt"
    with log_file.open("w", encoding="utf-8") as out:
        cmd = [MKDOCS, "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_log(log_file, "Serving on", 0, proc, timeout=1800)
            done = log_file.read_text(encoding="utf-8").count("Reloading browsers")
            started = time.perf_counter()
            what = change_one_file(copy, validate=False)
            _wait_log(log_file, "Reloading browsers", done, proc, timeout=1800)
            seconds = time.perf_counter() - started
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    text = log_file.read_text(encoding="utf-8")
    built = re.findall(r"Documentation built in ([\d.]+) seconds", text)
    if "Xem trước nhanh" not in text.split("Reloading browsers")[-2]:
        raise RuntimeError(f"lần dựng lại không phải xem trước nhanh:\n{text[-3000:]}")
    run = json.loads(stats.read_text(encoding="utf-8")) if stats.exists() else {}
    return {
        "seconds": seconds,
        "build_seconds": float(built[-1]) if built else 0.0,
        "first_build_seconds": float(built[0]) if built else 0.0,
        "change": what,
        "pages_written": run.get("pages", 0),
        "charts_rendered": run.get("charts_rendered", 0),
        "charts_cached": run.get("charts_cached", 0),
        "steps": {k: round(v, 2) for k, v in run.items() if isinstance(v, float)},
    }


def _wait_log(log_file: Path, what: str, seen: int, proc: subprocess.Popen[bytes], timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        text = log_file.read_text(encoding="utf-8", errors="replace")
        if text.count(what) > seen:
            return
        if "An error happened during the rebuild" in text or proc.poll() is not None:
            break
        time.sleep(0.05)
    raise RuntimeError(f"mkdocs serve: không thấy «{what}»:\n{log_file.read_text(encoding='utf-8')[-3000:]}")


# ---------------------------------------------------------------------------------------------- report


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    return "\n".join([line, sep, *body])


def f1(x: float) -> str:
    return f"{x:.1f}"


def f2(x: float) -> str:
    return f"{x:.2f}"


def _preview_line(p: dict[str, Any]) -> str:
    return (
        f"sau khi {p['change']}, từ lúc lưu tệp tới lúc trình duyệt được báo tải lại mất {p['seconds']:.1f} s "
        f"(MkDocs dựng {p['build_seconds']:.1f} s, ghi lại {p['pages_written']} trang; lần dựng đầu của mkdocs serve "
        f"{p['first_build_seconds']:.1f} s). Các bước (s): " + ", ".join(f"{k} {v}" for k, v in p["steps"].items()) + "."
    )


def report(results: list[SizeResult], preview: dict[str, Any], loads: tuple[str, str], sizes: list[str]) -> dict[str, Any]:
    print("\n## Kết quả đo hiệu năng\n")
    print(
        f"Máy: {os.cpu_count()} nhân; tải trung bình lúc bắt đầu {loads[0]}, lúc kết thúc {loads[1]} (máy dùng chung thì số đo dao động).\n"
    )
    rows = []
    for r in results:
        rows.append(
            [
                r.label,
                r.dims,
                f"{r.rows:,}".replace(",", "."),
                str(r.pages),
                f1(r.full.wall),
                f1(r.bare.wall),
                f2(r.build_ratio),
                f2(r.full.cpu / r.bare.cpu),
                f2(r.check["seconds"]),
                f2(r.frictionless["seconds"]),
                f1(r.check_speedup),
                f2(r.pandas.get("seconds", 0.0)),
                f2(r.check_vs_pandas),
                f"{r.rows / r.check['cpu']:,.0f}".replace(",", "."),
                f"{r.rows / r.frictionless['cpu']:,.0f}".replace(",", "."),
                f"{int(r.full.stats.get('charts_rendered', 0))}",
                f1(r.chart_ms),
                f"{r.full.peak_mb:.0f}",
                f"{r.bare.peak_mb:.0f}",
            ]
        )
    print(
        table(
            [
                "Cỡ",
                "Chỉ tiêu×địa bàn×năm",
                "Dòng số liệu",
                "Trang",
                "Dựng đủ (s)",
                "Dựng trần (s)",
                "Tỉ lệ",
                "Tỉ lệ CPU",
                "Kiểm tra (s)",
                "frictionless (s)",
                "Nhanh hơn (×, CPU)",
                "pandas C (s)",
                "Kiểm tra / pandas (CPU)",
                "Dòng/s kiểm tra",
                "Dòng/s frictionless",
                "Biểu đồ vẽ",
                "ms/biểu đồ",
                "Bộ nhớ đỉnh (MB)",
                "Bộ nhớ đỉnh trần (MB)",
            ],
            rows,
        )
    )
    print(
        "\nDựng đủ = `mkdocs build --strict` của dự án, cache biểu đồ rỗng; dựng trần = mkdocs-material "
        "với đúng các trang Markdown đó, không hook, không macro, không dữ liệu. Tỉ lệ = dựng đủ / dựng trần "
        "(thời gian thực); Tỉ lệ CPU = cùng phép chia trên thời gian CPU. Kiểm tra = `plansite.pipeline.check` "
        "(YAML + mọi CSV); Nhanh hơn = CPU của frictionless / CPU của bộ kiểm tra; pandas C = chỉ đọc cùng các tệp CSV "
        'bằng `pandas.read_csv(engine="c", dtype=str)`, không kiểm tra gì; Kiểm tra / pandas = CPU của bộ kiểm tra / CPU '
        "của lần đọc đó. ms/biểu đồ = thời gian vẽ "
        "(thời gian thực, có tiến trình phụ) / số biểu đồ vẽ. Bộ nhớ đỉnh = tổng PSS lớn nhất của cây tiến trình dựng (trang nhớ dùng chung giữa n tiến trình tính 1/n cho mỗi tiến trình); ở cỡ cả nước in thêm tổng RSS (tính trang dùng chung một lần cho mỗi tiến trình, nên lớn hơn) và tiến trình chính."
    )
    print("\n### Các bước của lần dựng đủ (giây, đo trong tiến trình dựng)\n")
    print(
        "Biểu đồ được tiến trình phụ vẽ trong lúc MkDocs xử lý các trang; «Chờ vẽ biểu đồ» là thời gian tiến trình "
        "chính phải chờ (hoặc tự vẽ). «MkDocs + còn lại» gồm khởi động Python, nạp thư viện và phần việc của MkDocs.\n"
    )
    step_rows = []
    for r in results:
        s = r.full.stats
        known = sum(
            float(s.get(k, 0))
            for k in (
                "load_check_assess",
                "chart_wait",
                "page_templates",
                "opendata",
                "staff_templates",
                "reports_wait",
                "chart_downloads",
                "search_index",
            )
        )
        step_rows.append(
            [
                r.label,
                f2(float(s.get("load_check_assess", 0))),
                f2(float(s.get("chart_wait", 0))),
                f2(float(s.get("page_templates", 0))),
                f2(float(s.get("opendata", 0))),
                f2(float(s.get("staff_templates", 0))),
                f2(float(s.get("reports", 0))),
                f2(float(s.get("chart_downloads", 0))),
                f2(float(s.get("search_index", 0))),
                f2(r.full.wall - known),
                str(s.get("chart_workers", 0)),
            ]
        )
    print(
        table(
            [
                "Cỡ",
                "Nạp+kiểm tra+đánh giá",
                "Chờ vẽ biểu đồ",
                "Mẫu trang",
                "Dữ liệu mở",
                "Mẫu bảng tính",
                "Báo cáo năm (song song)",
                "Tải biểu đồ",
                "Tìm kiếm",
                "MkDocs + còn lại",
                "Tiến trình phụ",
            ],
            step_rows,
        )
    )
    if len(results) > 1:
        print("\n### Tăng trưởng giữa hai cỡ liên tiếp\n")
        g_rows = []
        for a, b in itertools.pairwise(results):
            g_rows.append(
                [
                    f"{a.label} → {b.label}",
                    f1(b.rows / max(1, a.rows)),
                    f1(b.pages / max(1, a.pages)),
                    f2(b.full.wall / a.full.wall),
                    f2(b.bare.wall / a.bare.wall),
                    f2(b.check["cpu"] / a.check["cpu"]),
                    f2(b.full.peak_mb / a.full.peak_mb),
                ]
            )
        print(
            table(["Từ → đến", "× dòng số liệu", "× trang", "× dựng đủ", "× dựng trần", "× kiểm tra (CPU)", "× bộ nhớ"], g_rows)
        )
    for r in results:
        if r.first is not None:
            print(
                f"\nLần dựng đầu tiên ({r.label}; cache biểu đồ và cache mã — mẫu trang đã dịch, khuôn biểu đồ, khung tệp "
                f".xlsx — đều rỗng): {r.first.wall:.1f} s, tỉ lệ so với dựng trần {r.first.wall / r.bare.wall:.2f}. "
                "Các số «Dựng đủ» ở trên: cache biểu đồ rỗng, cache mã có sẵn (như sau lần dựng đầu trên mọi máy)."
            )
    national = next((r for r in results if r.label == NATIONAL_LABEL), None)
    shaped = [r for r in results if r.label.endswith("q")]
    if shaped:
        print("\n### Cỡ cả nước (bộ, ngành theo dõi mọi tỉnh và xã)\n")
        print(
            table(
                [
                    "Cỡ",
                    "Trang",
                    "Dựng đủ / dựng trần",
                    "Bộ nhớ đỉnh (MB)",
                    "Tổng RSS (MB)",
                    "Tiến trình chính (MB)",
                    "Cỡ trang (MB)",
                    "Chỉ mục tìm kiếm (MB)",
                    "Xem trước (s)",
                ],
                [
                    [
                        r.label,
                        str(r.pages),
                        f2(r.build_ratio),
                        f"{r.full.peak_mb:.0f}",
                        f"{r.full.tree_rss_peak_mb:.0f}",
                        f"{r.full.maxrss_mb:.0f}",
                        f1(r.site_bytes / 1e6),
                        f2(r.search_bytes / 1e6),
                        f1(r.preview["seconds"]) if r.preview else "–",
                    ]
                    for r in shaped
                ],
            )
        )
        if national is not None and national.preview:
            print("\nXem trước ở cỡ cả nước (mkdocs serve --dirty): " + _preview_line(national.preview))
    print("\nXem trước nhanh (mkdocs serve --dirty): " + _preview_line(preview))
    real = next((r for r in results if r.label == "real"), results[0])
    biggest = results[-1]  # the checker's ratios: on the most rows
    large = next((r for r in reversed(results) if r.label != "real" and not r.label.endswith("q")), biggest)
    summary: dict[str, Any] = {
        "build_ratio_real": round(real.build_ratio, 3),
        "build_ratio_large": round(large.build_ratio, 3),
        "check_vs_frictionless": round(biggest.check_speedup, 2),
        "check_vs_frictionless_wall": round(biggest.check_speedup_wall, 2),
        "peak_mb_large": round(large.full.peak_mb, 1),
        "seconds_large": round(large.full.wall, 2),
        "seconds_real": round(real.full.wall, 2),
        "seconds_real_first_build": round(real.first.wall, 2) if real.first else None,
        "build_ratio_real_first_build": round(real.first.wall / real.bare.wall, 3) if real.first else None,
        "bare_seconds_large": round(large.bare.wall, 2),
        "chart_ms_large": round(large.chart_ms, 1),
        "check_rows_per_s_large": round(biggest.rows / biggest.check["cpu"]),
        "frictionless_rows_per_s_large": round(biggest.rows / biggest.frictionless["cpu"]),
        "preview_seconds": round(preview["seconds"], 2),
        "check_vs_pandas": round(biggest.check_vs_pandas, 2),
        "build_ratio_national": round(national.build_ratio, 3) if national else None,
        "peak_mb_national": round(national.full.peak_mb, 1) if national else None,
        "rss_sum_mb_national": round(national.full.tree_rss_peak_mb, 1) if national else None,
        "main_process_mb_national": round(national.full.maxrss_mb, 1) if national else None,
        "preview_seconds_national": round(national.preview["seconds"], 2) if national and national.preview else None,
        "pages_national": national.pages if national else None,
        "site_mb_national": round(national.site_bytes / 1e6, 1) if national else None,
        "search_index_mb_national": round(national.search_bytes / 1e6, 2) if national else None,
        "real_label": real.label,
        "large_label": large.label,
        "sizes": sizes,
        "by_size": {
            r.label: {
                "rows": r.rows,
                "pages": r.pages,
                "full_s": round(r.full.wall, 2),
                "bare_s": round(r.bare.wall, 2),
                "full_cpu_s": round(r.full.cpu, 2),
                "bare_cpu_s": round(r.bare.cpu, 2),
                "check_s": round(r.check["seconds"], 3),
                "check_cpu_s": round(r.check["cpu"], 3),
                "frictionless_s": round(r.frictionless["seconds"], 3),
                "frictionless_cpu_s": round(r.frictionless["cpu"], 3),
                "charts": int(r.full.stats.get("charts_rendered", 0)),
                "chart_ms": round(r.chart_ms, 1),
                "peak_mb": round(r.full.peak_mb, 1),
                "bare_peak_mb": round(r.bare.peak_mb, 1),
                "rss_sum_peak_mb": round(r.full.tree_rss_peak_mb, 1),
                "main_process_mb": round(r.full.maxrss_mb, 1),
                "pandas_cpu_s": round(float(r.pandas.get("cpu", 0.0)), 3),
                "site_mb": round(r.site_bytes / 1e6, 2),
                "search_index_mb": round(r.search_bytes / 1e6, 3),
                "steps": {k: round(float(v), 3) for k, v in r.full.stats.items() if isinstance(v, (int, float))},
            }
            for r in results
        },
        "load_average": list(loads),
    }
    first_ratio = summary["build_ratio_real_first_build"]
    met: dict[str, bool | None] = {
        "build_ratio_real": summary["build_ratio_real"] <= TARGETS["build_ratio_real"]
        and (first_ratio is None or first_ratio <= TARGETS["build_ratio_real"]),
        "build_ratio_large": summary["build_ratio_large"] <= TARGETS["build_ratio_large"],
        "build_ratio_national": None if national is None else national.build_ratio <= TARGETS["build_ratio_national"],
        "check_vs_frictionless": summary["check_vs_frictionless"] >= TARGETS["check_vs_frictionless"],
        "check_vs_pandas": summary["check_vs_pandas"] <= TARGETS["check_vs_pandas"],
        "seconds_large": summary["seconds_large"] < TARGETS["seconds_large"],
        "peak_mb_large": summary["peak_mb_large"] < TARGETS["peak_mb_large"],
        "peak_mb_national": None if national is None else national.full.peak_mb < TARGETS["peak_mb_national"],
    }
    summary["targets_met"] = met
    print("\n### Mục tiêu\n")
    labels = {
        "build_ratio_real": f"Tỉ lệ dựng ({real.label}) ≤ 1,2, kể cả lần dựng đầu với mọi cache rỗng ({first_ratio})",
        "build_ratio_large": f"Tỉ lệ dựng ({large.label}) ≤ 1,0",
        "build_ratio_national": f"Tỉ lệ dựng ({NATIONAL_LABEL}) ≤ 1,5",
        "check_vs_frictionless": f"Bộ kiểm tra nhanh hơn frictionless ≥ 10× ({biggest.label})",
        "check_vs_pandas": f"Bộ kiểm tra chậm hơn chỉ đọc bằng pandas C không quá 4× ({biggest.label})",
        "seconds_large": f"Dựng {large.label} < 3 phút",
        "peak_mb_large": f"Bộ nhớ đỉnh {large.label} < 2 GB",
        "peak_mb_national": f"Bộ nhớ đỉnh {NATIONAL_LABEL} < 2 GB",
    }
    values = {"build_ratio_national": summary["build_ratio_national"], "peak_mb_national": summary["peak_mb_national"]}
    for k, ok in met.items():
        state = "KHÔNG ĐO (không có cỡ này)" if ok is None else ("ĐẠT" if ok else "CHƯA ĐẠT")
        print(f"- {state}: {labels[k]} (đo được {values.get(k, summary.get(k))})")
    return summary


# ---------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 2 and argv[0] in ("--_check", "--_frictionless", "--_pandas"):
        child = {"--_check": _child_check, "--_frictionless": _child_frictionless, "--_pandas": _child_pandas}[argv[0]]
        res = child(argv[1])
        print(json.dumps(res))
        return 0
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench", description="Đo hiệu năng dựng trang (dữ liệu thật và dữ liệu giả lập)."
    )
    parser.add_argument("--sizes", default=None, help=f"các cỡ, cách nhau bằng dấu phẩy (mặc định {DEFAULT_SIZES})")
    parser.add_argument("--tiny", action="store_true", help=f"chỉ một cỡ rất nhỏ ({TINY_SIZES}), cho kiểm thử")
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="số lần đo mỗi phép (lấy lần nhanh nhất); mặc định 2 với dữ liệu thật/cỡ nhỏ, 1 với cỡ lớn",
    )
    parser.add_argument("--workdir", default=None, help="thư mục tạm (mặc định: một thư mục mới trong /tmp, xóa khi xong)")
    parser.add_argument("--keep", action="store_true", help="giữ thư mục tạm")
    args = parser.parse_args(argv)
    sizes = expand_sizes(args.sizes or (TINY_SIZES if args.tiny else DEFAULT_SIZES))
    for s in sizes:
        parse_size(s)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    loads = ["{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())]
    results: list[SizeResult] = []
    caches: dict[str, tuple[Path, Path]] = {}
    try:
        for label in sizes:
            dims = parse_size(label)
            small = dims is None or dims[0] * dims[1] * dims[2] <= 20_000
            repeat = args.repeat or (2 if small else 1)
            size_result, data, cache = measure_size(label, work, repeat)
            results.append(size_result)
            caches[label] = (data, cache)
        for r in results:
            if r.label == NATIONAL_LABEL:
                log(f"xem trước ở cỡ cả nước ({r.label})…")
                r.preview = fast_preview(*caches[r.label], work)
        preview_label = "real" if "real" in caches else sizes[0]
        log(f"xem trước nhanh trên bản sao của {preview_label}…")
        preview = fast_preview(*caches[preview_label], work)
        loads.append("{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        summary = report(results, preview, (loads[0], loads[1]), sizes)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
