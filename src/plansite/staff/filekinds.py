"""Kinds of staff file: what an agency fills in a spreadsheet, declared once, so that the template downloads of the
site, the import command and the upload route (``staff.uploads``) work for each kind the same way.

A kind declares its columns (the checker's declarations: label, id, required, help), the column that says
which target file a row belongs to, where its rows go in the data folder, which agencies fill it, and the
functions that make its template and import a filled one. An upload is matched to a kind by its header row:
the kind whose required columns are all there, the one with most of its columns there first.

Three kinds are registered: progress figures (``progress/<indicator>.csv``), money figures of programmes and
projects (``investment.csv``) and dated acts about the task groups (``task-updates.csv``). The last two are files
of declared columns (``check.sheets``): their template and import are the generic ones of ``staff.sheet_template``
and ``staff.sheet_import``, driven by the checker's own column declarations. A kind plugs in with ``register``;
nothing else of the upload route changes. A kind an agency has nothing to fill in (a plan without programmes or
projects) offers no template.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plansite import model as m
from plansite.check.progress import COLUMNS, Column
from plansite.load.files import PROGRESS_DIR
from plansite.staff.common import CODE_LABEL, NAME_LABEL
from plansite.status.reporting import lead_indicators
from plansite.vi.text import key

Importer = Callable[..., Any]  # (source, folder, today, overwrite=, dry_run=) -> ImportReport
TemplateMaker = Callable[..., tuple[list[Path], list[Any], Any]]  # (folder, agency, year, today, format, out_dir, plan=)


@dataclass(frozen=True)
class StaffFileKind:
    id: str  # «so-lieu»
    title: str  # what the file holds, for people: «Số liệu chỉ tiêu»
    columns: tuple[Column, ...]  # the columns of one row of the target file
    key_label: str  # the template's column that names the target file of a row («Mã chỉ tiêu»); "" for a single file
    extra_labels: tuple[str, ...]  # the template's other own columns, for reading only («Tên chỉ tiêu»)
    target: Callable[[Path, str], Path]  # (data folder, key of a row) -> the file its rows go into
    agencies: Callable[[m.PlanData], list[str]]  # agencies that fill this kind of file
    template_name: Callable[[str, int], str]  # (agency, year) -> file name of the template, without suffix
    make_template: TemplateMaker
    import_file: Importer

    def labels(self) -> list[str]:
        return [self.key_label, *self.extra_labels, *(c.label for c in self.columns)]

    def score(self, header: Sequence[str]) -> int | None:
        """How many of this kind's columns ``header`` has (matched folded, as the checker does), or None when a
        required column (or the key column) is missing."""
        have = {key(h) for h in header}
        names = {key(c.label): {key(c.label), key(c.id)} for c in self.columns}
        names |= {key(x): {key(x)} for x in (self.key_label, *self.extra_labels) if x}
        required = [key(x) for x in (self.key_label,) if x] + [key(c.label) for c in self.columns if c.required]
        if not all(names[r] & have for r in required):
            return None
        return sum(1 for forms in names.values() if forms & have)


FILE_KINDS: dict[str, StaffFileKind] = {}


def register(kind: StaffFileKind) -> StaffFileKind:
    if kind.id in FILE_KINDS:
        raise ValueError(f"staff file kind {kind.id} registered twice")
    FILE_KINDS[kind.id] = kind
    return kind


def kind_of(header: Sequence[str], name: str = "", plan: m.PlanData | None = None) -> StaffFileKind | None:
    """The kind of a filled file with this header row; a file without the key column is taken as progress figures
    when its name (``name``, without suffix) is an indicator's id, as the import command always has."""
    scored = [(s, k) for k in FILE_KINDS.values() if (s := k.score(header)) is not None]
    if scored:
        return max(scored, key=lambda t: t[0])[1]
    if plan is not None and name in {i.id for i in plan.indicators}:
        return FILE_KINDS.get(PROGRESS.id)
    return None


def _progress_agencies(plan: m.PlanData) -> list[str]:
    return [a.id for a in plan.agencies if lead_indicators(plan, a.id)]


def _progress_template(*args: Any, **kwargs: Any) -> tuple[list[Path], list[Any], Any]:
    from plansite.staff.template import make_template

    return make_template(*args, **kwargs)


def _progress_import(*args: Any, **kwargs: Any) -> Any:
    from plansite.staff.importer import import_file

    return import_file(*args, **kwargs)


PROGRESS = register(
    StaffFileKind(
        id="so-lieu",
        title="Số liệu chỉ tiêu",
        columns=COLUMNS,
        key_label=CODE_LABEL,
        extra_labels=(NAME_LABEL,),
        target=lambda folder, code: folder / PROGRESS_DIR / f"{code}.csv",
        agencies=_progress_agencies,
        template_name=lambda agency, year: f"{agency}-{year}",
        make_template=_progress_template,
        import_file=_progress_import,
    )
)


# --------------------------------------------------------------------------- files of declared columns


def _chu_tri_tasks(plan: m.PlanData, agency: str) -> list[m.Task]:
    return [t for t in plan.tasks if any(a.agency == agency and a.role == "chu-tri" for a in t.agencies)]


def _investment_rows(plan: m.PlanData, agency: str, year: int) -> list[dict[str, str]]:
    """One row per project the agency invests in or leads, then per programme carrying out a task group it leads."""
    rows = [
        {
            "du_an": p.id,
            "chuong_trinh": ";".join(p.programmes),
            "nam": str(year),
            "dia_ban": p.place_text,
            "ma_dia_ban": ";".join(p.places),
        }
        for p in plan.projects
        if p.agency == agency
    ]
    tasks = {t.id for t in _chu_tri_tasks(plan, agency)}
    province = next((pl for pl in plan.places.places if pl.id == plan.plan.place), None)
    rows += [
        {
            "chuong_trinh": p.id,
            "nam": str(year),
            "dia_ban": province.name if province else "",
            "ma_dia_ban": plan.plan.place if province else "",
        }
        for p in plan.programmes
        if any(link.task in tasks for link in p.tasks)
    ]
    return rows


def _investment_name(plan: m.PlanData, row: dict[str, str]) -> str:
    if row.get("du_an"):
        return next((p.name for p in plan.projects if p.id == row["du_an"]), row["du_an"])
    return next((p.name for p in plan.programmes if p.id == row.get("chuong_trinh")), row.get("chuong_trinh", ""))


def _investment_words(plan: m.PlanData, v: dict[str, Any]) -> str:
    """«<project or programme>, <what>, <when>: <value as published> <unit>»."""
    owner = _investment_name(plan, {"du_an": v["du_an"][0] if v.get("du_an") else "", "chuong_trinh": ""})
    if not v.get("du_an"):
        names = {p.id: p.short_name or p.name for p in plan.programmes}
        owner = "; ".join(names.get(p, p) for p in v.get("chuong_trinh") or ())
    value = v["gia_tri"].text if v.get("gia_tri") is not None else ""
    return f"{owner}, {v['mo_ta']}, {v['thoi_gian']}: {value} {v['don_vi']}"


def _duty_tasks(plan: m.PlanData, agency: str) -> list[m.Task]:
    """The task groups the agency leads or takes part in: each reports on what it did for them."""
    return [t for t in plan.tasks if any(a.agency == agency for a in t.agencies)]


def _task_rows(plan: m.PlanData, agency: str, year: int) -> list[dict[str, str]]:
    return [{"nhiem_vu": t.id} for t in _duty_tasks(plan, agency)]


def _task_name(plan: m.PlanData, row: dict[str, str]) -> str:
    return next((f"{t.number}. {t.label}" for t in plan.tasks if t.id == row.get("nhiem_vu")), row.get("nhiem_vu", ""))


def _task_words(plan: m.PlanData, v: dict[str, Any]) -> str:
    """«<task group>, <date>: <document or event>»."""
    when = v["ngay"].short() if v.get("ngay") is not None else (v.get("ghi_chu_ngay") or "ngày không nêu")
    return f"{_task_name(plan, {'nhiem_vu': v['nhiem_vu']})}, {when}: {v['van_ban']}"


def _sheet_kind(id: str, title: str, t: Any, agencies: Callable[[m.PlanData], list[str]]) -> StaffFileKind:
    from plansite.staff.sheet_template import file_name

    def make(
        folder: Path | str | None,
        agency: str,
        year: int,
        today: Any,
        file_kind: str = "xlsx",
        out_dir: Any = ".",
        plan: m.PlanData | None = None,
    ) -> Any:
        from plansite.staff.sheet_template import make_sheet_template

        return make_sheet_template(t, folder, agency, year, today, file_kind, out_dir, plan=plan)

    def run(source: Path | str, folder: Path | str | None, today: Any, overwrite: bool = False, dry_run: bool = False) -> Any:
        from plansite.staff.sheet_import import import_sheet

        return import_sheet(t.spec, source, folder, today, overwrite=overwrite, dry_run=dry_run)

    return StaffFileKind(
        id=id,
        title=title,
        columns=t.spec.sheet.columns,
        key_label="",
        extra_labels=(t.name_label,),
        target=lambda folder, _key: folder / t.spec.file,
        agencies=agencies,
        template_name=lambda agency, year: file_name(t, agency, year),
        make_template=make,
        import_file=run,
    )


def _investment_agencies(plan: m.PlanData) -> list[str]:
    return [a.id for a in plan.agencies if _investment_rows(plan, a.id, plan.plan.period.start)]


def _task_agencies(plan: m.PlanData) -> list[str]:
    return [a.id for a in plan.agencies if _duty_tasks(plan, a.id)]


def _register_sheets() -> tuple[StaffFileKind, StaffFileKind]:
    from plansite.check.sheets import investment, task_updates
    from plansite.staff.sheet_import import SheetSpec
    from plansite.staff.sheet_template import SheetTemplate

    inv_name = "Tên chương trình, dự án"
    inv = SheetTemplate(
        spec=SheetSpec(
            sheet=investment.SHEET,
            file=investment.FILE,
            identity=(
                "chuong_trinh",
                "du_an",
                "hang_muc",
                "ma_dia_ban",
                "thoi_gian",
                "chi_so",
                "nguon_von",
                "loai_von",
                "ke_hoach_ket_qua",
            ),
            group="du_an",
            group_label="Dự án",
            words=_investment_words,
            prefilled=("chuong_trinh", "du_an", "nam", "dia_ban", "ma_dia_ban"),
            ignored=(inv_name,),
        ),
        title="MẪU BÁO CÁO VỐN CHƯƠNG TRÌNH, DỰ ÁN",
        what="Mỗi dòng là một con số về vốn (giao, giải ngân, tỷ lệ giải ngân …) hoặc một đầu ra của một chương trình "
        "hoặc dự án, như nguồn công bố: ghi rõ kế hoạch hay kết quả, nguồn vốn, đơn vị, nguồn và câu trích dẫn.",
        name_label=inv_name,
        name_of=_investment_name,
        rows=_investment_rows,
        suffix="dau-tu",
    )
    task_name = "Tên nhóm nhiệm vụ"
    tasks = SheetTemplate(
        spec=SheetSpec(
            sheet=task_updates.SHEET,
            file=task_updates.FILE,
            identity=("nhiem_vu", "ngay", "van_ban"),
            group="nhiem_vu",
            group_label="Nhiệm vụ",
            words=_task_words,
            prefilled=("nhiem_vu",),
            ignored=(task_name,),
        ),
        title="MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        what="Mỗi dòng là một văn bản, sự kiện hoặc kết quả về một nhóm nhiệm vụ mà cơ quan chủ trì, có ngày, nguồn, "
        "liên kết và câu trích dẫn. Kết quả chưa đạt cũng ghi (loại tương ứng).",
        name_label=task_name,
        name_of=_task_name,
        rows=_task_rows,
        suffix="nhiem-vu",
    )
    return (
        register(_sheet_kind("dau-tu", "Vốn chương trình, dự án", inv, _investment_agencies)),
        register(_sheet_kind("nhiem-vu", "Kết quả thực hiện nhiệm vụ", tasks, _task_agencies)),
    )


INVESTMENT, TASK_UPDATES = _register_sheets()
