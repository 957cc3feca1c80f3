"""One way through: load → validate → model → progress, task updates, investment → status.

The CLI, the MkDocs hooks and the tests all call ``check``; nothing else loads data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from plansite.check.progress import Progress, read_progress
from plansite.check.references import check_model
from plansite.check.sheets import Lookup, check_done, read_investment, read_task_updates
from plansite.load.files import FILES, data_dir, lines_index, load_all
from plansite.model import PlanData
from plansite.problems.record import Problems


@dataclass
class Checked:
    folder: Path
    problems: Problems
    plan: PlanData | None
    progress: Progress

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.problems.errors


def check(folder: Path | str | None, today: dt.date) -> Checked:
    """Check everything in the data folder at once; return all problems and, if possible, the model.

    ``today`` bounds the years and dates figures may have; it is passed in (the CLI passes
    today's date, the site build its configured date, the tests a fixed one)."""
    root = data_dir(folder)
    problems = Problems(root=Path.cwd())
    loaded = load_all(root, problems)
    plan = check_model(loaded, problems)
    progress = read_progress(root, plan, problems, today=today) if root.is_dir() else Progress()
    if plan is not None:
        lookup = Lookup.of(plan, today)
        plan.task_updates = read_task_updates(root, lookup, problems)
        plan.figures = read_investment(root, lookup, problems)
        lines = [item.line for item in lines_index(loaded.raw.get("work"), "updates")]
        check_done(plan, lines, root / FILES["work"], problems)
    return Checked(root, problems, plan, progress)
