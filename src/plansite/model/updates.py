"""task-updates.csv: dated acts about the task groups (documents, plans, events, results, shortcomings), with their sources.

Each row is checked by ``plansite.check.task_updates`` into a ``TaskUpdate``. What kind of act a
row is (``kind``) decides how it counts in a task group's status (``plansite.status.tasks``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansite.model.when import PartialDate

UpdateKind = Literal["van-ban", "ke-hoach", "su-kien", "bao-cao", "ket-qua", "han-che", "chua-thuc-hien"]
UPDATE_KIND_LABELS = {
    "van-ban": "Văn bản chỉ đạo, quyết định",
    "ke-hoach": "Kế hoạch, dự kiến",
    "su-kien": "Hội nghị, sự kiện, kiểm tra",
    "bao-cao": "Báo cáo chung (không nêu kết quả cụ thể)",
    "ket-qua": "Kết quả cụ thể được công bố",
    "han-che": "Hạn chế, chậm trễ được nêu",
    "chua-thuc-hien": "Bằng chứng chưa thực hiện",
}


@dataclass(frozen=True)
class TaskUpdate:
    """One dated act about one task group: one row of task-updates.csv."""

    task: str
    date: PartialDate | None  # None: the source does not give the date
    date_note: str  # how the date is known, as the source or the editors say
    kind: str  # one of UPDATE_KIND_LABELS
    document: str  # the document, event or act
    issuer: str  # who issued or led it, as published
    what: str  # what it does
    quote: str  # the source's words
    source: str
    url: str
    source_date: PartialDate | None
    programmes: tuple[str, ...]
    projects: tuple[str, ...]
    caution: str  # mo-ho, nguon-yeu, or ""
    note: str
    file: str
    line: int

    @property
    def order(self) -> tuple[int, PartialDate, int]:
        """Date order: dated acts first, earliest first; undated ones after, in the order of the file."""
        return (0, self.date, self.line) if self.date else (1, PartialDate(0), self.line)
