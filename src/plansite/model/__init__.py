"""Typed model of a plan: what it promises, who does it, where, and by when.

The classes mirror the YAML files under the data folder. They forbid unknown
fields, so a misspelt field name is reported instead of silently ignored.
Cross-references (agency ids, anchors, places …) are checked in ``validate``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=80)]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _parse_date(value: object) -> object:
    """Dates are written dd/mm/yyyy (Vietnamese) or yyyy-mm-dd."""
    if isinstance(value, str):
        s = value.strip()
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(s, fmt).date()
            except ValueError:
                pass
        raise ValueError(f"«{s}» không phải ngày dạng dd/mm/yyyy")
    return value


Date = Annotated[dt.date, Field()]

# --------------------------------------------------------------------------- links

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


# --------------------------------------------------------------------------- plan


class Document(Strict):
    number: Text
    kind: Text
    date: Date | None = None
    issuer: Text
    title: Text
    note: str = ""

    _d = field_validator("date", mode="before")(_parse_date)


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

    _d = field_validator("date", mode="before")(_parse_date)


# --------------------------------------------------------------------------- areas


class Area(Strict):
    id: Id
    name: Text
    description: str = ""
    general_objectives: list[Id] = []


# --------------------------------------------------------------------------- indicators

TargetKind = Literal[
    "muc",  # level by a year
    "thay-doi-hang-nam",  # change per year (e.g. percentage points a year)
    "boi-so-goc",  # multiple of a baseline
    "ti-le-tham-chieu",  # ratio to a reference series
    "duy-tri",  # maintain or raise
    "dinh-tinh",  # qualitative
]
Operator = Literal[">", ">=", "<", "<=", "=", "khoang"]

KIND_LABELS = {
    "muc": "Mức cần đạt",
    "thay-doi-hang-nam": "Thay đổi mỗi năm",
    "boi-so-goc": "Gấp số lần so với năm gốc",
    "ti-le-tham-chieu": "Tỉ lệ so với chuỗi tham chiếu",
    "duy-tri": "Duy trì hoặc nâng cao",
    "dinh-tinh": "Định tính",
}
OPERATOR_SYMBOLS = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "=": "=", "khoang": "từ … đến"}
_OPERATOR_ALIASES = {"≥": ">=", "≤": "<=", "=>": ">=", "=<": "<="}


class Series(Strict):
    """A way of measuring. Figures of different series are never mixed."""

    id: Id
    name: Text
    description: str = ""
    unit: str = ""  # when it differs from the indicator's unit (related series only)
    related: bool = False  # measures something close to, not the same as, the plan's words
    relation_note: str = ""  # why it differs from the plan's wording

    @model_validator(mode="after")
    def _note(self) -> Series:
        if self.related and not self.relation_note:
            raise ValueError("chuỗi liên quan («related: true») phải có «relation_note» giải thích khác biệt")
        return self


class Target(Strict):
    year: int
    start_year: int | None = None  # start of the period for per-year and baseline kinds
    kind: TargetKind
    operator: Operator | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str = ""
    base_year: int | None = None
    reference: Id | None = None
    quote: Text
    anchor: Id
    note: str = ""

    @field_validator("value", "value_max")
    @classmethod
    def _finite(cls, v: float | None) -> float | None:
        if v is not None and (math.isnan(v) or math.isinf(v) or abs(v) > 1e15):
            raise ValueError("giá trị mục tiêu phải là một số hữu hạn, không quá 10^15")
        return v

    @field_validator("operator", mode="before")
    @classmethod
    def _op(cls, v: object) -> object:
        return _OPERATOR_ALIASES.get(v, v) if isinstance(v, str) else v


class DataNote(Strict):
    """A published figure considered for this indicator, and what was decided."""

    figure: Text
    decision: Literal["chuoi-lien-quan", "khong-dung"]
    reason: Text
    source: str = ""
    url: str = ""


class Indicator(Strict):
    id: Id
    name: Text
    area: Id
    unit: Text
    decimals: int = Field(default=1, ge=0, le=4)
    quote: Text
    anchor: Id
    description: str = ""
    agencies: list[AgencyLink] = []
    series: list[Series] = []
    targets: list[Target] = Field(min_length=1)
    data_notes: list[DataNote] = []

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() == "%"

    @property
    def primary_series(self) -> str:
        return self.series[0].id if self.series else "chinh"

    def series_ids(self) -> list[str]:
        return [s.id for s in self.series] or ["chinh"]

    def series_by_id(self, sid: str) -> Series | None:
        return next((s for s in self.series if s.id == sid), None)


# --------------------------------------------------------------------------- tasks and agencies


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


# --------------------------------------------------------------------------- places

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

    _d = field_validator("valid_from", "valid_to", mode="before")(_parse_date)

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

    _d = field_validator("date", mode="before")(_parse_date)


class Places(Strict):
    places: list[Place] = Field(min_length=1)
    events: list[AdminEvent] = []


# --------------------------------------------------------------------------- qualitative status

WorkStatus = Literal["chua-bat-dau", "dang-thuc-hien", "hoan-thanh", "cham"]
WORK_STATUS_LABELS = {
    "chua-danh-gia": "Chưa đánh giá",
    "chua-bat-dau": "Chưa bắt đầu",
    "dang-thuc-hien": "Đang thực hiện",
    "hoan-thanh": "Hoàn thành",
    "cham": "Chậm",
}


class Evidence(Strict):
    document: Text
    date: Date
    url: Text

    _d = field_validator("date", mode="before")(_parse_date)


class WorkUpdate(Strict):
    """A dated status of a task group or of one agency duty, backed by evidence."""

    task: Id | None = None
    duty: Id | None = None
    date: Date
    status: WorkStatus
    evidence: list[Evidence] = Field(min_length=1)
    note: str = ""

    _d = field_validator("date", mode="before")(_parse_date)

    @model_validator(mode="after")
    def _one(self) -> WorkUpdate:
        if (self.task is None) == (self.duty is None):
            raise ValueError("cần đúng một trong hai trường «task» hoặc «duty»")
        return self


# --------------------------------------------------------------------------- whole


class PlanData(BaseModel):
    """Everything the data folder says, after loading and validation."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    plan: Plan
    areas: list[Area]
    indicators: list[Indicator]
    tasks: list[Task]
    agencies: list[Agency]
    places: Places
    work_updates: list[WorkUpdate] = []
    anchors: dict[str, int] = {}  # anchor id -> line in the full text

    def indicator(self, iid: str) -> Indicator:
        return next(i for i in self.indicators if i.id == iid)

    def agency(self, aid: str) -> Agency:
        return next(a for a in self.agencies if a.id == aid)

    def place(self, pid: str) -> Place:
        return next(p for p in self.places.places if p.id == pid)

    def area(self, aid: str) -> Area:
        return next(a for a in self.areas if a.id == aid)
