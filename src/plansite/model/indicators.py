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
    "thay-doi-so-voi-goc",  # change against a base year, in % of the base («giảm 50% so với năm 2020»)
    "ti-le-tham-chieu",  # ratio to a reference series
    "duy-tri",  # maintain or raise
    "dinh-tinh",  # qualitative
]
Operator = Literal[">", ">=", "<", "<=", "=", "khoang"]
# A change per year is in points (26,9% → 23,9% is 3 points), relative (3% of last year's value), or not
# said by the plan («giảm trên 3%/năm» of a rate): then both readings are judged and the ambiguity is stated.
Change = Literal["diem", "tuong-doi", "chua-ro"]
CHANGE_LABELS = {"diem": "theo điểm", "tuong-doi": "tương đối", "chua-ro": "kế hoạch không nói rõ theo điểm hay tương đối"}

KIND_LABELS = {
    "muc": "Mức cần đạt",
    "thay-doi-hang-nam": "Thay đổi mỗi năm",
    "boi-so-goc": "Gấp số lần so với năm gốc",
    "thay-doi-so-voi-goc": "Thay đổi so với năm gốc",
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
    change: Change = "diem"  # for «thay-doi-hang-nam»
    reference: Id | None = None  # a series of this indicator («ti-le-tham-chieu»)
    reference_indicator: Id | None = None  # … or the main series of another indicator (an outside reference)
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
    unit: str = ""  # required by quantified targets (the checker says so); a qualitative one needs none
    decimals: int = Field(default=1, ge=0, le=4)
    quote: Text
    anchor: Id
    description: str = ""
    agencies: list[AgencyLink] = []
    series: list[Series] = []
    targets: list[Target] = []
    data_notes: list[DataNote] = []
    # A series the plan compares against (a national average …): no target, not judged, shown as a reference.
    reference_only: bool = False

    @model_validator(mode="after")
    def _targets(self) -> Indicator:
        if not self.targets and not self.reference_only:
            raise ValueError(
                "chỉ tiêu cần ít nhất một mục tiêu («targets»), hoặc «reference_only: true» nếu chỉ là chuỗi tham chiếu"
            )
        return self

    @property
    def is_percent(self) -> bool:
        return self.unit.strip() == "%"

    @property
    def primary_series(self) -> str:
        return self.series[0].id if self.series else "chinh"

    def series_ids(self) -> list[str]:
        return [s.id for s in self.series] or ["chinh"]

    def unit_of(self, sid: str | None = None) -> str:
        """The unit of a series' figures (of the main series by default): its own unit, else the indicator's."""
        s = self.series_by_id(sid or self.primary_series)
        return s.unit if s is not None and s.unit else self.unit

    def series_by_id(self, sid: str) -> Series | None:
        return next((s for s in self.series if s.id == sid), None)
