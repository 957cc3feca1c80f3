"""Dates as sources give them: a day, a month or only a year («14/10/2020», «11/2020», «2020»)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import NamedTuple

_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_MONTH = re.compile(r"(\d{1,2})[/.-](\d{4})")
_YEAR = re.compile(r"\d{4}")
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


class PartialDate(NamedTuple):
    """A date known to the day, the month or the year (``month``/``day`` 0 when not known).

    Ordered as tuples: a month or a year sorts before the days in it."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """«14/10/2020», «11/2020», «2020» (also «2020-10-14», «2020-11»); ``ValueError`` otherwise."""
        s = text.strip()
        if m := _DAY.fullmatch(s):
            d, mo, y = (int(x) for x in m.groups())
        elif m := _ISO.fullmatch(s):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        elif m := _MONTH.fullmatch(s):
            mo, y, d = int(m.group(1)), int(m.group(2)), 0
        elif _YEAR.fullmatch(s):
            y, mo, d = int(s), 0, 0
        else:
            raise ValueError(s)
        if mo and not 1 <= mo <= 12:
            raise ValueError(s)
        if d:
            dt.date(y, mo, d)  # raises ValueError for 31/02 …
        return cls(y, mo, d)

    @property
    def first(self) -> dt.date:
        """The first day it may be."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        """The last day it may be."""
        if self.day:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def text(self) -> str:
        """As the site writes it: «14/10/2020», «tháng 11/2020», «năm 2020»."""
        if self.day:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        if self.month:
            return f"tháng {self.month:02d}/{self.year}"
        return f"năm {self.year}"

    def short(self) -> str:
        """«14/10/2020», «11/2020», «2020» (the way it is written in a data file)."""
        if self.day:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        return f"{self.month:02d}/{self.year}" if self.month else str(self.year)

    def iso(self) -> str:
        """«2020-10-14», «2020-11», «2020» (ISO 8601 at its precision)."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"
