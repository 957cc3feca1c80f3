"""tasks.yaml (task groups and their points) and agencies.yaml (who does what)."""

from __future__ import annotations

from pydantic import Field, field_validator

from plansite.model.base import AgencyLink, Date, Id, Strict, Text, parse_date
from plansite.model.plan import Contact


class Point(Strict):
    id: Id
    text: Text
    anchor: Id


class Task(Strict):
    id: Id
    number: Text
    label: Text  # short navigation label (ours, not the plan's)
    text: Text  # verbatim
    anchor: Id
    points: list[Point] = []
    agencies: list[AgencyLink] = []
    indicators: list[Id] = []
    areas: list[Id] = []


class Successor(Strict):
    """Who took over an agency's duties after a reorganisation, as a source says."""

    name: Text
    date: Date | None = None  # from when; empty when the source does not say
    source: Text
    url: str = ""
    note: str = ""

    _d = field_validator("date", mode="before")(parse_date)


class Agency(Strict):
    id: Id
    number: Text
    name: Text
    short_name: Text
    anchor: Id
    duties: list[Point] = Field(min_length=1)
    reports: bool = True
    note: str = ""
    contact: Contact | None = None
    successors: list[Successor] = []  # who took over, in date order
    successor_unknown: str = ""  # what is not known about who took over (shown as such)
