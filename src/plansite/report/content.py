"""What a report is made of: sections of paragraphs, sub-headings, lists and tables, and numbered source notes.

The section functions (``report.sections``) say *what* the report holds with these few kinds of
block; the page template (``render/templates/report.html``) and the .docx writer (``report.docx``)
say how each kind looks. So a new section is one function: it needs no template and no Word code,
and the page, its PDF and the draft hold the same text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar, Literal

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


@dataclass(frozen=True)
class Cell:
    text: str
    href: str = ""  # a page of the site («chi-tieu/x.md», «co-quan/y.md#bao-cao») or an http(s) address
    status: str = ""  # a status code (status.labels): shown as a badge on the page
    notes: tuple[int, ...] = ()  # numbers of the source notes the cell cites
    rowspan: int = 1
    num: bool = False  # a number: right-aligned


@dataclass(frozen=True)
class Table:
    label: str  # what the table is about (the page's region name, the caption)
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell | None, ...], ...]  # None: the place of a cell above that spans rows
    widths: tuple[int, ...] = ()  # share of the width of each column, in percent (page and .docx alike)
    kind: ClassVar[str] = "table"


@dataclass(frozen=True)
class Para:
    text: str
    notes: tuple[int, ...] = ()
    to_fill: bool = False  # a field only a person can write: shown as such, never filled by the site
    style: Literal["", "lead", "muted"] = ""
    kind: ClassVar[str] = "para"


@dataclass(frozen=True)
class Heading:
    text: str  # a sub-heading inside a section («1. Giảm nghèo»)
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    kind: ClassVar[str] = "items"


Block = Para | Heading | Items | Table


@dataclass(frozen=True)
class Section:
    id: str  # the anchor on the page
    title: str
    blocks: tuple[Block, ...]
    numbered: bool = True  # numbered I, II, III … (the identity and period come first, unnumbered)


@dataclass(frozen=True)
class Note:
    number: int
    source: str
    url: str = ""


@dataclass
class Notes:
    """The sources a report cites, numbered in the order they are first cited; one number per source."""

    items: list[Note] = field(default_factory=list)
    _index: dict[tuple[str, str], int] = field(default_factory=dict)

    def ref(self, source: str, url: str = "") -> int:
        key = (source.strip(), url.strip())
        if key not in self._index:
            self._index[key] = len(self.items) + 1
            self.items.append(Note(len(self.items) + 1, *key))
        return self._index[key]


@dataclass(frozen=True)
class Head:
    """Who writes the report and to whom (Nghị định 30/2020/NĐ-CP): all from the data."""

    parent_body: str  # the body the lead agency belongs to: the plan's issuer, or the body that continues it
    issuing_body: str  # the lead agency (plan.reporting.to), or the body that continues it
    recipient: str  # the plan's issuer, or the body that continues it
    place_name: str  # the place name of the date line: the plan's own place, or the place it became
    agencies: tuple[str, ...]  # the bodies the plan asks to report (for «Nơi nhận»), as they are on the report's date
    # The fields above («parent_body», «issuing_body», «recipient», «place_name») that the data cannot give on the
    # report's date (the body that continues a ceased one is not known): shown as fields a person must fill.
    to_fill: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    year: int
    title: str  # «Báo cáo năm 2023»
    subject: str  # the line under «BÁO CÁO»: what the report is about
    head: Head
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    deadline: dt.date  # the day the year's reports are due (plan.reporting)
    current: bool  # the year is not over yet on the build's date

    def numbered(self) -> list[tuple[str, Section]]:
        """Each section with its heading number («I», «II» …; «» for the unnumbered ones)."""
        out: list[tuple[str, Section]] = []
        n = 0
        for s in self.sections:
            if s.numbered:
                out.append((ROMAN[n] if n < len(ROMAN) else str(n + 1), s))
                n += 1
            else:
                out.append(("", s))
        return out

    def heading(self, number: str, section: Section) -> str:
        return f"{number}. {section.title}" if number else section.title
