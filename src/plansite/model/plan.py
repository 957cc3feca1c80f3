"""plan.yaml (the plan document: who issued it, its purposes, objectives, periods) and areas.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from plansite.model.base import Date, Id, Quote, Strict, Text, parse_date


class Document(Strict):
    number: Text
    kind: Text
    date: Date | None = None
    issuer: Text
    title: Text
    note: str = ""

    _d = field_validator("date", mode="before")(parse_date)


class Signer(Strict):
    name: Text
    position: Text
    on_behalf: str = ""


class Reporting(Strict):
    day: int = Field(ge=1, le=31)
    month: int = Field(ge=1, le=12)
    to: Id
    frequency: Literal["hang-nam"] = "hang-nam"
    quote: Text
    anchor: Id


class GeneralObjective(Strict):
    id: Id
    text: Text
    anchor: Id


class Years(Strict):
    start: int = Field(ge=1900, le=2200)
    end: int = Field(ge=1900, le=2200)

    @model_validator(mode="after")
    def _order(self) -> Years:
        if self.end < self.start:
            raise ValueError("năm kết thúc phải sau năm bắt đầu")
        return self


class Publisher(Strict):
    name: Text
    license: Text = "CC BY 4.0"
    license_url: str = "https://creativecommons.org/licenses/by/4.0/deed.vi"
    feedback_email: str = ""


class Plan(Strict):
    id: Id
    number: Text
    kind: Text
    title: Text
    short_title: Text
    date: Date
    issuer: Text
    place: Id
    signer: Signer
    implements: list[Document]
    purposes: list[Quote]
    requirements: list[Quote]
    general_objectives: list[GeneralObjective]
    reporting: Reporting
    period: Years
    data_years: Years
    base_year: int
    milestones: list[int] = Field(min_length=1)
    publisher: Publisher
    summary: str = ""

    _d = field_validator("date", mode="before")(parse_date)


class Area(Strict):
    id: Id
    name: Text
    description: str = ""
    general_objectives: list[Id] = []
