"""places.yaml: the administrative units, with their validity dates, and the events that changed them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from plansite.model.base import Date, Id, Strict, Text, parse_date

Level = Literal["tinh", "huyen", "xa"]
LEVEL_LABELS = {"tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã"}


class Place(Strict):
    id: Id
    name: Text
    kind: Text  # Tỉnh, Thành phố, Huyện, Xã, Phường, Thị trấn
    level: Level
    parent: Id | None = None
    code: str = ""
    valid_from: Date | None = None
    valid_to: Date | None = None
    aliases: list[str] = []
    note: str = ""

    _d = field_validator("valid_from", "valid_to", mode="before")(parse_date)

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"


class AdminEvent(Strict):
    id: Id
    date: Date
    title: Text
    description: Text
    source: Text
    url: str = ""

    _d = field_validator("date", mode="before")(parse_date)


class Places(Strict):
    places: list[Place] = Field(min_length=1)
    events: list[AdminEvent] = []
