"""plan.yaml (the plan document: who issued it, its purposes, objectives, periods) and areas.yaml."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from plansite.model.base import Date, Id, Markdown, Quote, Strict, Text, parse_date


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

    @model_validator(mode="after")
    def _real_day(self) -> Reporting:
        """A yearly deadline must exist every year: no 31/11, no 29/02."""
        try:
            dt.date(2023, self.month, self.day)  # 2023: not a leap year
        except ValueError:
            raise ValueError(f"hạn báo cáo {self.day:02d}/{self.month:02d} không có trong mọi năm") from None
        return self

    def deadline(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)


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


class Contact(Strict):
    """A person or office that answers readers: at least one way to reach them."""

    name: Text
    role: str = ""  # «Đầu mối tiếp nhận góp ý», «Cơ quan chủ trì tổng hợp báo cáo»
    email: str = ""
    phone: str = ""
    address: str = ""
    url: str = ""

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.email or self.phone or self.address or self.url):
            raise ValueError("liên hệ cần ít nhất một cách liên lạc: email, phone, address hoặc url")
        return self


class Publisher(Strict):
    name: Text
    license: Text = "CC BY 4.0"  # short name shown on pages
    license_id: str = ""  # SPDX id for the data package («CC-BY-4.0»); default: made from «license»
    license_title: str = ""  # full name («Creative Commons Ghi công 4.0 Quốc tế»)
    license_url: str = "https://creativecommons.org/licenses/by/4.0/deed.vi"
    repository: str = ""  # the plan's data repository (https://…); a build in CI uses the repository it runs in
    feedback_email: str = ""
    contacts: list[Contact] = []

    @property
    def spdx(self) -> str:
        return self.license_id or "-".join(self.license.replace("/", " ").split())


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
    summary: Markdown = ""  # the lead of the home page, in Markdown
    # The plan's text in toan-van.md: the whole document, or an excerpt of it (a plan known only in part).
    text: Literal["toan-van", "trich-doan"] = "toan-van"

    _d = field_validator("date", mode="before")(parse_date)


class Area(Strict):
    id: Id
    name: Text
    description: str = ""
    general_objectives: list[Id] = []
