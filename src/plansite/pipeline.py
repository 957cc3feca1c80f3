"""One way through: load → validate → model → progress, task updates, investment → status.

The CLI, the MkDocs hooks and the tests all call ``check``; nothing else loads data.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from plansite.check.progress import Progress, read_progress
from plansite.check.progress.memo import ProgressMemo
from plansite.check.references import load_checked
from plansite.check.sheets import Lookup, check_done, read_investment, read_task_updates
from plansite.load.files import FILES, data_dir, lines_index
from plansite.model import PlanData
from plansite.problems.record import Problems

TODAY_VARIABLE = "PLANSITE_TODAY"


def configured_today() -> dt.date:
    """The day figures are checked and judged on: ``PLANSITE_TODAY`` (yyyy-mm-dd) if set, else the clock.

    The variable makes a run reproducible (the site build, the CLI, the tests); a value that is not
    a date raises ValueError with a Vietnamese message."""
    text = os.environ.get(TODAY_VARIABLE, "").strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{TODAY_VARIABLE}={text!r} không phải ngày dạng yyyy-mm-dd.") from None


@dataclass
class Checked:
    folder: Path
    problems: Problems
    plan: PlanData | None
    progress: Progress

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.problems.errors


def check(folder: Path | str | None, today: dt.date, memo: ProgressMemo | None = None) -> Checked:
    """Check everything in the data folder at once; return all problems and, if possible, the model.

    ``today`` bounds the years and dates figures may have; it is passed in (the CLI and the site
    build pass ``configured_today()``, the tests a fixed date). ``memo``: the last check of each
    progress file, in a process that checks the same folder again (``mkdocs serve --dirty``)."""
    root = data_dir(folder)
    problems = Problems(root=Path.cwd())
    plan, loaded = load_checked(root, problems, today)
    if memo is not None and root.is_dir():
        memo.begin(root, today)
    progress = read_progress(root, plan, problems, today=today, partial=loaded, memo=memo) if root.is_dir() else Progress()
    if plan is not None:
        lookup = Lookup.of(plan, today)
        plan.task_updates = read_task_updates(root, lookup, problems)
        plan.figures = read_investment(root, lookup, problems)
        lines = [item.line for item in lines_index(loaded.raw.get("work"), "updates")]
        check_done(plan, lines, root / FILES["work"], problems)
    return Checked(root, problems, plan, progress)
