"""work-status.yaml: dated assessments of task groups and agency duties, backed by evidence."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from plansite.model.base import Date, Id, Strict, Text, parse_date

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

    _d = field_validator("date", mode="before")(parse_date)


class WorkUpdate(Strict):
    """A dated status of a task group or of one agency duty, backed by evidence."""

    task: Id | None = None
    duty: Id | None = None
    date: Date
    status: WorkStatus
    evidence: list[Evidence] = Field(min_length=1)
    note: str = ""

    _d = field_validator("date", mode="before")(parse_date)

    @model_validator(mode="after")
    def _one(self) -> WorkUpdate:
        if (self.task is None) == (self.duty is None):
            raise ValueError("cần đúng một trong hai trường «task» hoặc «duty»")
        return self
