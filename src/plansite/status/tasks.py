"""The status of a task group, by one public rule (the method page explains it; its table is made from ``TASK_STATUSES``).

The rule reads the task group's updates (task-updates.csv) and the assessments of work-status.yaml:

1. no update at all: «chưa đánh giá»;
2. only documents, plans, events or general reports (or results from a source marked weak): «đã triển khai»
   (no published result yet);
   a plan or a meeting is never a result;
3. at least one concrete result published by a source not marked weak: «có kết quả»;
4. «hoàn thành» only when an assessment in work-status.yaml says so and a counted result exists
   (the checker refuses such an assessment otherwise: ``check.sheets.check_done``);
5. when the only updates are shortcomings or evidence of non-delivery: «có vấn đề, chưa có kết quả».

Whatever the status, evidence of non-delivery and reported shortcomings are counted and shown with it,
never hidden by a result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plansite import model as m
from plansite.check.sheets import counts_as_result

TASK_STATUSES: dict[str, dict[str, str]] = {
    "chua-danh-gia": {"label": "Chưa đánh giá", "rule": "Chưa có văn bản, sự kiện hay kết quả nào có nguồn."},
    "da-trien-khai": {
        "label": "Đã triển khai",
        "rule": "Có văn bản chỉ đạo, kế hoạch, hội nghị hoặc báo cáo chung, nhưng chưa có kết quả cụ thể nào được công bố "
        "(hoặc kết quả chỉ đến từ nguồn yếu). Kế hoạch hay hội nghị không phải là kết quả.",
    },
    "co-ket-qua": {
        "label": "Có kết quả được công bố",
        "rule": "Có ít nhất một kết quả cụ thể (người được hỗ trợ, công trình hoàn thành …) do nguồn không bị đánh dấu yếu công bố.",
    },
    "hoan-thanh": {
        "label": "Hoàn thành",
        "rule": "Chỉ khi một đánh giá trong tệp đánh giá (work-status.yaml) ghi «hoàn thành» và đã có kết quả cụ thể được công bố.",
    },
    "co-van-de": {
        "label": "Có vấn đề, chưa có kết quả",
        "rule": "Chỉ có bằng chứng chưa thực hiện hoặc hạn chế, chậm trễ được nêu.",
    },
}
POSITIVE = frozenset({"van-ban", "ke-hoach", "su-kien", "bao-cao", "ket-qua"})
UPDATE_COUNTS = {  # how each kind of update counts in the rule (the method page shows this)
    "van-ban": "Đã triển khai (không phải kết quả)",
    "ke-hoach": "Đã triển khai (không phải kết quả)",
    "su-kien": "Đã triển khai (không phải kết quả)",
    "bao-cao": "Đã triển khai (không phải kết quả)",
    "ket-qua": "Kết quả, nếu nguồn không bị đánh dấu yếu; nguồn yếu: chỉ là đã triển khai",
    "han-che": "Vấn đề được nêu: đếm và hiện cùng tình trạng",
    "chua-thuc-hien": "Bằng chứng chưa thực hiện: đếm và hiện cùng tình trạng, không bị kết quả khác che đi",
}


@dataclass(frozen=True)
class TaskStatus:
    task: str
    status: str
    updates: tuple[m.TaskUpdate, ...]  # in date order (undated ones last)
    results: int  # concrete results from sources not marked weak
    non_delivery: int  # evidence of non-delivery
    shortcomings: int  # reported delays and shortcomings
    weak: int  # results from sources marked weak (not counted)
    assessment: m.WorkUpdate | None  # the latest assessment of work-status.yaml, if any

    @property
    def label(self) -> str:
        return TASK_STATUSES[self.status]["label"]

    @property
    def latest(self) -> m.TaskUpdate | None:
        dated = [u for u in self.updates if u.date]
        return dated[-1] if dated else None

    def sentence(self) -> str:
        """Why, in one sentence of counts."""
        if not self.updates:
            return "Chưa có văn bản, sự kiện hay kết quả nào có nguồn."
        parts = [f"{len(self.updates)} cập nhật có nguồn", f"{self.results} kết quả cụ thể được công bố"]
        if self.non_delivery:
            parts.append(f"{self.non_delivery} bằng chứng chưa thực hiện")
        if self.shortcomings:
            parts.append(f"{self.shortcomings} hạn chế, chậm trễ được nêu")
        if self.weak:
            parts.append(f"{self.weak} kết quả từ nguồn yếu (không được tính)")
        return "; ".join(parts) + "."


def task_status(task: str, updates: Sequence[m.TaskUpdate], assessments: Sequence[m.WorkUpdate]) -> TaskStatus:
    mine = tuple(sorted((u for u in updates if u.task == task), key=lambda u: u.order))
    results = sum(1 for u in mine if counts_as_result(u))
    latest = max((w for w in assessments if w.task == task), key=lambda w: w.date, default=None)
    if latest is not None and latest.status == "hoan-thanh" and results:
        status = "hoan-thanh"
    elif results:
        status = "co-ket-qua"
    elif any(u.kind in POSITIVE for u in mine):
        status = "da-trien-khai"
    elif mine:
        status = "co-van-de"
    else:
        status = "chua-danh-gia"
    return TaskStatus(
        task,
        status,
        mine,
        results,
        sum(1 for u in mine if u.kind == "chua-thuc-hien"),
        sum(1 for u in mine if u.kind == "han-che"),
        sum(1 for u in mine if u.kind == "ket-qua" and u.caution == "nguon-yeu"),
        latest,
    )


def task_statuses(plan: m.PlanData) -> dict[str, TaskStatus]:
    return {t.id: task_status(t.id, plan.task_updates, plan.work_updates) for t in plan.tasks}
