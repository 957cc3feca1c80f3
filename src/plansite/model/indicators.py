"""indicators.yaml: what is measured, in which series, and the targets the plan sets."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field, field_validator, model_validator

from plansite.model.base import AgencyLink, Id, Strict, Text

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
