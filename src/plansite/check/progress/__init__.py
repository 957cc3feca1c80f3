"""Progress figures: one CSV per indicator under ``progress/``, filled in by staff.

* ``columns``: the columns of a progress file and how a header row is matched to them;
* ``table``: reading a CSV file into text cells, with the line of every record (pandas);
* ``places``: finding a place as staff write it;
* ``rules``: the rules of a row, each written once;
* ``engine``: applying the rules to every distinct value of every table at once;
* ``read``: ``read_progress``, every file of a data folder.
"""

from plansite.check.progress.columns import COLUMN_BY_KEY, COLUMNS, HEADER, Column, column_index, map_header
from plansite.check.progress.engine import Source, check_sources
from plansite.check.progress.places import PlaceIndex, alive
from plansite.check.progress.read import check_table, read_progress
from plansite.check.progress.rules import FALSE_WORDS, MAX_CELL, RULES, TRUE_WORDS, Lookup, Rule
from plansite.check.progress.table import Table, parse_text, read_table, sniff_delimiter
from plansite.model.observations import Observation, Progress

__all__ = [
    "COLUMNS",
    "COLUMN_BY_KEY",
    "FALSE_WORDS",
    "HEADER",
    "MAX_CELL",
    "RULES",
    "TRUE_WORDS",
    "Column",
    "Lookup",
    "Observation",
    "PlaceIndex",
    "Progress",
    "Rule",
    "Source",
    "Table",
    "alive",
    "check_sources",
    "check_table",
    "column_index",
    "map_header",
    "parse_text",
    "read_progress",
    "read_table",
    "sniff_delimiter",
]
