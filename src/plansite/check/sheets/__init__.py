"""Staff files other than progress files, each with its columns declared once.

* ``cells``: the reader of one cell, and the plan's ids it looks things up in (``Lookup``);
* ``read``: a file of declared columns (``Sheet``) read row by row, every problem at its line and column;
* ``investment``: investment.csv, money figures of programmes and projects;
* ``task_updates``: task-updates.csv, dated acts about the task groups.
"""

from plansite.check.sheets.cells import Lookup
from plansite.check.sheets.investment import COLUMNS as INVESTMENT_COLUMNS
from plansite.check.sheets.investment import read_investment
from plansite.check.sheets.read import Row, Sheet, read_sheet
from plansite.check.sheets.task_updates import COLUMNS as TASK_UPDATE_COLUMNS
from plansite.check.sheets.task_updates import check_done, counts_as_result, read_task_updates

__all__ = [
    "INVESTMENT_COLUMNS",
    "TASK_UPDATE_COLUMNS",
    "Lookup",
    "Row",
    "Sheet",
    "check_done",
    "counts_as_result",
    "read_investment",
    "read_sheet",
    "read_task_updates",
]
