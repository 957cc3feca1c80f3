"""Shared pieces of the model: strict models, ids, dates, and the links every file uses."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=80)]
Text = Annotated[str, Field(min_length=1)]
# A field written in Markdown (documented so in the contributor guide): the site shows it sanitised to a few
# tags (``check.markup``); every other text field is shown as plain text.
Markdown = Annotated[str, Field(json_schema_extra={"format": "markdown"})]
# Each item with a page of its own (an indicator, area, task group, agency, place) is «<folder>/<id>.md»; the
# folder's list is «<folder>/index.md»: an item with one of these ids would replace that page.
RESERVED_IDS = frozenset({"index"})


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DateError(ValueError):
    """A date that is not written as one, or that does not exist (31/11, 29/02 of a common year)."""


_DATE_SHAPES = (
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
)


def parse_date(value: object) -> object:
    """Dates are written dd/mm/yyyy (Vietnamese) or yyyy-mm-dd; a day that does not exist is refused."""
    if isinstance(value, str):
        s = value.strip()
        for shape, (y, m, d) in _DATE_SHAPES:
            found = shape.match(s)
            if found:
                try:
                    return dt.date(int(found[y]), int(found[m]), int(found[d]))
                except ValueError:
                    raise DateError(f"«{s}» không phải ngày có thật") from None
        raise DateError(f"«{s}» không phải ngày dạng dd/mm/yyyy")
    return value


Date = Annotated[dt.date, Field()]

Role = Literal["chu-tri", "phoi-hop"]
Basis = Literal["ke-hoach", "suy-luan"]

ROLE_LABELS = {"chu-tri": "Chủ trì", "phoi-hop": "Phối hợp"}
BASIS_LABELS = {"ke-hoach": "Kế hoạch nêu rõ", "suy-luan": "Suy luận (không nêu trong kế hoạch)"}


class AgencyLink(Strict):
    """A body responsible for an indicator or task, and whether the plan says so."""

    agency: Id
    role: Role = "chu-tri"
    basis: Basis
    note: str = ""


class Quote(Strict):
    """Words of the plan, verbatim, with the anchor of their paragraph in the full text."""

    text: Text
    anchor: Id
