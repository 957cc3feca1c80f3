"""Staff workflow: a fill-in template per agency and year, and the import that merges a filled template.

* ``template``: ``make_template`` writes what one agency must fill for one year: one row per
  (indicator it leads, place), as .xlsx (sheets «Số liệu» and «Hướng dẫn») or as CSV (UTF-8
  with BOM, so Excel shows Vietnamese) with a companion instructions file.
* ``spreadsheet``: reading a filled template (.xlsx, or CSV with or without BOM, «,» or «;»).
* ``importer``: ``import_file`` checks every row with the checker's own rules
  (``check.progress``, never a copy of them) and merges the rows into
  ``progress/<indicator>.csv``: new rows are appended, identical rows are left alone, rows
  that differ from a figure already there are conflicts, written only with ``overwrite``.
  When any row has an error, nothing is written.
* ``report``: what the import command prints.

The importer finds the indicator of a row by the column «Mã chỉ tiêu»; «Tên chỉ tiêu»
is for reading only and is ignored.
"""

from plansite.staff.common import (
    BLANK,
    CODE_HELP,
    CODE_LABEL,
    CONFLICT,
    ERROR,
    FORMATS,
    NAME_HELP,
    NAME_LABEL,
    NEW,
    NUMBER_RULE,
    OVERWRITTEN,
    SAME,
    SHEET_DATA,
    SHEET_HELP,
    STATUS_LABELS,
    TEMPLATE_HEADER,
    StaffError,
    number_text,
)
from plansite.staff.importer import FileChange, ImportReport, RowResult, canonical_cells, import_file
from plansite.staff.report import report_lines, summary_table
from plansite.staff.spreadsheet import _cell_text, read_filled, read_xlsx
from plansite.staff.template import TemplateRow, instructions, make_template, template_rows

__all__ = [
    "BLANK",
    "CODE_HELP",
    "CODE_LABEL",
    "CONFLICT",
    "ERROR",
    "FORMATS",
    "NAME_HELP",
    "NAME_LABEL",
    "NEW",
    "NUMBER_RULE",
    "OVERWRITTEN",
    "SAME",
    "SHEET_DATA",
    "SHEET_HELP",
    "STATUS_LABELS",
    "TEMPLATE_HEADER",
    "FileChange",
    "ImportReport",
    "RowResult",
    "StaffError",
    "TemplateRow",
    "_cell_text",
    "canonical_cells",
    "import_file",
    "instructions",
    "make_template",
    "number_text",
    "read_filled",
    "read_xlsx",
    "report_lines",
    "summary_table",
    "template_rows",
]
