"""The guide's examples come from the plan's own data (``render.examples``), and read right without any figure."""

from __future__ import annotations

import shutil
from pathlib import Path

from plansite.check.progress import HEADER
from plansite.pipeline import check
from plansite.render.examples import Examples, examples
from plansite.status.judged import judge
from testkit import MINIMAL, TODAY, copy_folder


def _examples(folder: Path) -> Examples:
    return examples(judge(check(folder, TODAY), TODAY))


def test_the_example_row_is_a_real_row_of_the_plan() -> None:
    ex = _examples(MINIMAL)
    assert ex.source and ex.source in ex.row and (MINIMAL / "progress" / f"{ex.indicator}.csv").is_file()


def test_a_plan_without_any_figure_still_gets_a_whole_example_row(tmp_path: Path) -> None:
    """Before, the row and the source were empty, and the guide's code spans around them broke its Markdown."""
    folder = copy_folder(MINIMAL, tmp_path / "data")
    shutil.rmtree(folder / "progress")
    (folder / "progress").mkdir()
    ex = _examples(folder)
    cells = ex.row.split('"')
    assert ex.row.startswith(f'{ex.year},"26,7",') and len(cells) == 3, ex.row
    assert ex.row.count(",") == len(HEADER) - 1 + 1  # one comma inside the quoted «26,7»
    assert ex.source.startswith("Báo cáo số …/BC-…") and ex.source in ex.row and ex.deadline in ex.row
    assert ex.agency and ex.agency in ex.row
