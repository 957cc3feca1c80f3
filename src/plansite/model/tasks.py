"""tasks.yaml (task groups and their points) and agencies.yaml (who does what)."""

from __future__ import annotations

from pydantic import Field

from plansite.model.base import AgencyLink, Id, Strict, Text
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
