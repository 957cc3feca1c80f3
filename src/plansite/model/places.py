"""places.yaml: the administrative units, with their validity dates, and the events that changed them."""

from __future__ import annotations

from pydantic import Field, field_validator

from plansite.model.base import Date, Id, Strict, Text, parse_date


class Level(Strict):
    """A level of the hierarchy of places, named by the data: «Cấp tỉnh», «Cấp huyện», «Thôn, bản» …"""

    id: Id
    name: Text  # «Cấp huyện»
    plural: str = ""  # «các huyện»: how lists name the units of this level (default: the name)


class Place(Strict):
    id: Id
    name: Text
    kind: Text  # Tỉnh, Thành phố, Huyện, Xã, Phường, Thị trấn
    level: Id  # one of places.yaml's «levels», from the top down
    parent: Id | None = None
    code: str = ""
    valid_from: Date | None = None
    valid_to: Date | None = None
    aliases: list[str] = []
    becomes: list[Id] = []  # the units it went into when it ceased to exist (a reorganisation)
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
    reorganisation: bool = False  # units ceased and others were formed from them (the site explains what it means)
    meaning: str = ""  # what it means for the plan's targets, in a sentence or two (shown on the home page)

    _d = field_validator("date", mode="before")(parse_date)


class Places(Strict):
    levels: list[Level] = Field(min_length=1)  # from the top down: a level's units sit inside units of an earlier one
    whole_label: str = ""  # what figures for the plan's own place are called: «Toàn tỉnh» (default «Toàn <kind>»)
    places: list[Place] = Field(min_length=1)
    events: list[AdminEvent] = []

    def level_name(self, level: str) -> str:
        return next((lv.name for lv in self.levels if lv.id == level), level)

    def level_plural(self, level: str) -> str:
        return next((lv.plural or lv.name for lv in self.levels if lv.id == level), level)

    def rank(self, level: str) -> int:
        """0 for the top level; a level not declared ranks last."""
        return next((i for i, lv in enumerate(self.levels) if lv.id == level), len(self.levels))

    def reorganisations(self) -> list[AdminEvent]:
        """Events in which units ceased and others were formed from them, latest first."""
        return sorted((e for e in self.events if e.reorganisation), key=lambda e: e.date, reverse=True)

    def formed_from(self, pid: str) -> list[Place]:
        return [p for p in self.places if pid in p.becomes]
