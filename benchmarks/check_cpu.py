"""CPU time of the checker (``plansite.pipeline.check``) on SYNTHETIC data, beside the time of
only parsing the same progress CSVs with pandas' C engine.

    python -m benchmarks.check_cpu 200x100x10 1000x100x10 [--repeat 3] [--work DIR]

Each size is generated once into the work folder (``benchmarks.synth.generate``); then the
check runs ``--repeat`` times in this process and the best CPU time (``time.process_time``)
is printed, with the number of observations and problems, so that runs can be compared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import tempfile
import time
from pathlib import Path

from benchmarks.synth import generate

TODAY = dt.date(2026, 6, 1)


def best_cpu(fn: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        c0 = time.process_time()
        fn()  # type: ignore[operator]
        best = min(best, time.process_time() - c0)
    return best


def parse_only(folder: Path) -> int:
    import pandas as pd

    rows = 0
    for path in sorted((folder / "progress").glob("*.csv")):
        rows += len(pd.read_csv(path, dtype=str, keep_default_na=False, engine="c"))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="+", help="indicators x places x years, e.g. 200x100x10")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default="")
    args = ap.parse_args(argv)
    from plansite.pipeline import check

    work = Path(args.work or tempfile.mkdtemp(prefix="check-cpu-"))
    for size in args.sizes:
        n_ind, n_places, n_years = (int(x) for x in size.split("x"))
        folder = work / size
        if not (folder / "plan.yaml").exists():
            generate(folder, n_ind, n_places, n_years)
        result = check(folder, TODAY)
        cpu = best_cpu(lambda folder=folder: check(folder, TODAY), args.repeat)
        parse = best_cpu(lambda folder=folder: parse_only(folder), args.repeat)
        print(
            f"{size}: check {cpu:.2f} s CPU, pandas parse only {parse:.2f} s CPU (ratio {cpu / parse:.1f}); "
            f"{len(result.progress.observations)} observations, {len(result.problems.errors)} errors, "
            f"{len(result.problems.warnings)} warnings"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
