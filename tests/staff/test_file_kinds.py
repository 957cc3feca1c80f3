"""Kinds of staff file (issue 16, point 5): the template downloads and the upload route are generic over a small
registry (``staff.filekinds``): progress figures, investment and task evidence are registered (the last two are
tested in test_upload_kinds.py); a made-up kind registered by the test shows that a new kind plugs in with its
column declarations and its target file, and that uploads and templates follow it without other code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from plansite.check.progress import Column
from plansite.problems import Problems
from plansite.staff import TEMPLATE_HEADER, ImportReport
from plansite.staff import filekinds as fk
from plansite.staff.site_templates import site_templates, template_years
from plansite.staff.uploads import IMPORTED, process
from staffkit import YEAR, pick, plan_of, staff_data
from testkit import TODAY

INVESTMENT_COLUMNS = (
    Column("nam", "Năm", True, "Năm."),
    Column("von", "Vốn giải ngân", True, "Số tiền đã giải ngân."),
    Column("nguon", "Nguồn", True, "Văn bản."),
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return staff_data(tmp_path / "data")


@pytest.fixture
def toy_kind() -> Iterator[tuple[fk.StaffFileKind, list[Path]]]:
    """A kind «thu-nghiem» with its own columns, registered for the test only; its import records the files it gets."""
    seen: list[Path] = []

    def import_file(source: Path, folder: Path, today: dt.date, overwrite: bool = False, dry_run: bool = False) -> Any:
        seen.append(Path(source))
        return ImportReport(Path(source), Problems(), dry_run=dry_run, overwrite=overwrite)

    kind = fk.StaffFileKind(
        id="thu-nghiem",
        title="Vốn đầu tư (thử)",
        columns=INVESTMENT_COLUMNS,
        key_label="Mã dự án",
        extra_labels=("Tên dự án",),
        target=lambda folder, code: folder / "investment.csv",
        agencies=lambda plan: [plan.agencies[0].id],
        template_name=lambda agency, year: f"thu-nghiem-{agency}-{year}",
        make_template=lambda *a, **k: ([], [], None),
        import_file=import_file,
    )
    fk.register(kind)
    try:
        yield kind, seen
    finally:
        del fk.FILE_KINDS[kind.id]


def write(path: Path, header: list[str], row: list[str]) -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, row])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_progress_is_the_registered_kind_and_is_found_by_its_header(data: Path) -> None:
    assert fk.FILE_KINDS == {"so-lieu": fk.PROGRESS, "dau-tu": fk.INVESTMENT, "nhiem-vu": fk.TASK_UPDATES}
    plan = plan_of(data)
    assert fk.kind_of(TEMPLATE_HEADER) is fk.PROGRESS
    assert fk.kind_of(["ma chi tieu", "nam", "gia_tri", "nguon"]) is fk.PROGRESS  # folded labels and ids
    assert fk.kind_of(["Năm", "Giá trị", "Nguồn"]) is None  # no «Mã chỉ tiêu» and no indicator's name
    assert fk.kind_of(["Năm", "Giá trị", "Nguồn"], plan.indicators[0].id, plan) is fk.PROGRESS
    assert fk.PROGRESS.target(data, "x") == data / "progress" / "x.csv"


def test_an_upload_goes_to_the_kind_its_header_names(data: Path, toy_kind: tuple[fk.StaffFileKind, list[Path]]) -> None:
    kind, seen = toy_kind
    agency, ind = pick(plan_of(data), data)
    toy = write(
        data / "nop" / "dau-tu.csv", ["Mã dự án", "Tên dự án", "Năm", "Vốn giải ngân", "Nguồn"], ["da-1", "", "2023", "5", "x"]
    )
    cells = {"Mã chỉ tiêu": ind.id, "Năm": str(YEAR), "Giá trị": "70", "Nguồn": "Báo cáo (thử)", "Cơ quan báo cáo": agency}
    progress = write(data / "nop" / "so-lieu.csv", TEMPLATE_HEADER, [cells.get(h, "") for h in TEMPLATE_HEADER])
    run = process(data, TODAY)
    by_name = {u.path.name: u for u in run.uploads}
    assert by_name["dau-tu.csv"].kind is kind and by_name["so-lieu.csv"].kind is fk.PROGRESS
    assert seen == [toy, toy]  # its dry run, then its import: the progress importer never saw it
    assert all(u.status == IMPORTED for u in run.uploads), [p.text() for u in run.uploads for p in u.report.problems]
    assert f"{YEAR},70," in (data / "progress" / f"{ind.id}.csv").read_text(encoding="utf-8")
    assert not toy.exists() and not progress.exists()  # both imported: removed from nop/


def test_the_site_offers_a_template_per_kind_agency_and_year(data: Path, toy_kind: tuple[fk.StaffFileKind, list[Path]]) -> None:
    plan = plan_of(data)
    years = template_years(plan, TODAY)
    assert years and years[-1] <= TODAY.year
    offered = {t.path for t in site_templates(plan, TODAY)}
    leads = fk.PROGRESS.agencies(plan)
    assert {f"huong-dan/mau/{a}-{y}.xlsx" for a in leads for y in years} <= offered
    assert {f"huong-dan/mau/thu-nghiem-{plan.agencies[0].id}-{y}.xlsx" for y in years} <= offered
    others = [k for k in fk.FILE_KINDS.values() if k is not fk.PROGRESS and k is not toy_kind[0]]
    assert len(offered) == (len(leads) + 1 + sum(len(k.agencies(plan)) for k in others)) * len(years)
