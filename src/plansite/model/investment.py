"""programmes.yaml, projects.yaml and investment.csv: programmes, projects and the money figures published about them.

Programmes (national target programmes and their component projects, or any other programme a
plan names) and projects are kept in YAML; each money figure is a row of ``investment.csv``,
checked by ``plansite.check.investment`` into a ``Figure``. Names and kinds of programmes come
from the data; the words below are the method's (what a measure, a source of capital … is).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import Field

from plansite.model.base import Basis, Id, Strict, Text
from plansite.model.plan import Years
from plansite.model.when import PartialDate

Measure = Literal["phan-bo", "tong-muc-dau-tu", "du-kien", "giai-ngan", "ty-le-giai-ngan", "thuc-hien", "dau-ra"]
MEASURE_LABELS: dict[str, str] = {
    "phan-bo": "Vốn giao, phân bổ, bố trí",
    "tong-muc-dau-tu": "Tổng mức đầu tư được duyệt",
    "du-kien": "Vốn dự kiến",
    "giai-ngan": "Vốn đã giải ngân",
    "ty-le-giai-ngan": "Tỷ lệ giải ngân",
    "thuc-hien": "Vốn đã thực hiện, đã tiếp nhận",
    "dau-ra": "Sản phẩm, đầu ra (không phải tiền)",
}
# The nature a measure must have: a plan (money decided, approved or expected) or a result (money
# spent or received, work done). An output may be either.
MEASURE_NATURE: dict[str, str | None] = {
    "phan-bo": "ke-hoach",
    "tong-muc-dau-tu": "ke-hoach",
    "du-kien": "ke-hoach",
    "giai-ngan": "ket-qua",
    "ty-le-giai-ngan": "ket-qua",
    "thuc-hien": "ket-qua",
    "dau-ra": None,
}
Nature = Literal["ke-hoach", "ket-qua"]
NATURE_LABELS = {"ke-hoach": "Kế hoạch", "ket-qua": "Kết quả"}
CapitalSource = Literal["trung-uong", "dia-phuong", "ngan-sach", "ngoai-ngan-sach", "nhieu-nguon", "khong-neu"]
CAPITAL_SOURCE_LABELS = {
    "trung-uong": "Ngân sách trung ương",
    "dia-phuong": "Ngân sách địa phương",
    "ngan-sach": "Ngân sách nhà nước (trung ương và địa phương, không tách)",
    "ngoai-ngan-sach": "Ngoài ngân sách (doanh nghiệp, ngân hàng, vận động …)",
    "nhieu-nguon": "Nhiều nguồn (ngân sách, tín dụng, doanh nghiệp, người dân …)",
    "khong-neu": "Nguồn không nêu",
}
CapitalType = Literal["dau-tu", "su-nghiep"]
CAPITAL_TYPE_LABELS = {"dau-tu": "Vốn đầu tư phát triển", "su-nghiep": "Vốn sự nghiệp", "": "Không tách"}
Caution = Literal["mo-ho", "nguon-yeu"]
CAUTION_LABELS = {
    "mo-ho": "Mơ hồ: nguồn không nói rõ con số chỉ gì",
    "nguon-yeu": "Nguồn yếu: cần đối chiếu nguồn chính thức",
}
OUTSIDE = "ngoai-danh-muc"  # in «Mã địa bàn»: a place that is not in places.yaml
AgencyRole = Literal["chu-dau-tu", "chu-tri"]
AGENCY_ROLE_LABELS = {"chu-dau-tu": "Chủ đầu tư", "chu-tri": "Chủ trì, triển khai"}


class TaskLink(Strict):
    """A task group a programme or project carries out, and whether the plan says so."""

    task: Id
    basis: Basis
    note: str = ""


class SourceRef(Strict):
    title: Text
    url: str = ""
    quote: str = ""


class Programme(Strict):
    """A programme: a national target programme, one of its component projects, or another programme."""

    id: Id
    name: Text
    short_name: Text
    kind: Text  # from the data: «Chương trình mục tiêu quốc gia», «Dự án thành phần» …
    parent: Id | None = None  # the programme a component belongs to
    period: Years | None = None
    decision: str = ""  # the document that approved it, as sources name it
    tasks: list[TaskLink] = []
    sources: list[SourceRef] = []
    note: str = ""


class Project(Strict):
    """A project: a named investment, with where, who and when, as sources give them."""

    id: Id
    name: Text
    programmes: list[Id] = []
    agency: Id | None = None  # the agency of agencies.yaml that invests in it or leads it, if any
    agency_role: AgencyRole = "chu-dau-tu"
    agency_name: str = ""  # who invests in it or leads it, as sources name them (also when not one of the plan's agencies)
    funding: str = ""  # the source of its money, as sources describe it
    places: list[Id] = Field(default_factory=list)
    place_text: str = ""  # where it is, as sources describe it
    period: Years | None = None
    decisions: list[str] = []
    tasks: list[TaskLink] = []
    sources: list[SourceRef] = []
    note: str = ""


@dataclass(frozen=True)
class Figure:
    """One published money figure (or output) of a programme or project: one row of investment.csv."""

    programmes: tuple[str, ...]
    project: str
    item: str  # what the figure is about, as the source says
    place_text: str  # where, as published
    places: tuple[str, ...]  # place ids; empty when the place is not in places.yaml
    period_text: str  # when, as published
    years: tuple[int, int] | None  # the year (start = end) or the period the figure covers
    as_of: PartialDate | None  # the date the figure stands at (disbursement up to …)
    measure: str
    measure_text: str  # as published
    value: Decimal  # in the published unit
    value_text: str  # as published, with its qualifier
    qualifier: str  # «hơn», «gần» … or ""
    unit: str  # as published
    unit_kind: str  # tien, ty-le, so-luong (vi.money)
    display: Decimal | None  # in «tỷ đồng», when the published unit is exact money
    capital_source: str
    capital_type: str  # dau-tu, su-nghiep, or "" (not split)
    nature: str  # ke-hoach, ket-qua
    caution: str  # mo-ho, nguon-yeu, or ""
    note: str
    quote: str
    source: str
    url: str
    source_date: PartialDate | None
    file: str
    line: int

    @property
    def single_year(self) -> int | None:
        return self.years[0] if self.years and self.years[0] == self.years[1] else None
