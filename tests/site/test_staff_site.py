"""The staff workflow's last step: after template → fill → import, the real ``mkdocs build --strict``
shows the imported figure, Vietnamese style, and the contributor guide's macros render.

The data is the staff data of tests/staff (``staffkit.staff_data``), judged on ``testkit.TODAY``.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from _site import build
from plansite.check.progress import COLUMNS
from plansite.problems.kinds import KINDS
from plansite.staff import import_file, make_template
from staffkit import YEAR, fill_xlsx, pick, plan_of, staff_data
from testkit import TODAY

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> MappingProxyType[str, Any]:
    tmp = tmp_path_factory.mktemp("staff-site")
    data = staff_data(tmp / "data")
    agency, ind = pick(plan_of(data), data)
    files, _rows, problems = make_template(data, agency, YEAR, TODAY, "xlsx", str(tmp / "mau"), "tinh")
    assert files, [p.text() for p in problems.errors]
    filled = fill_xlsx(
        tmp / "mau" / f"{agency}-{YEAR}.xlsx",
        tmp / "da-dien.xlsx",
        {
            (ind.id, "Toàn tỉnh"): {"Giá trị": "97,5", "Nguồn": "Báo cáo số 12/BC-SYT (thử)", "Ngày báo cáo": f"10/12/{YEAR}"},
        },
    )
    report = import_file(filled, data, TODAY)
    assert report.exit_code() == 0, [p.text() for p in report.problems]
    site = tmp / "site"
    build(data, site, today=TODAY)
    return MappingProxyType({"ind": ind, "site": site})


def test_built_page_shows_the_value_vietnamese_style(imported_site: MappingProxyType[str, Any]) -> None:
    ind = imported_site["ind"]
    html = (imported_site["site"] / "chi-tieu" / ind.id / "index.html").read_text(encoding="utf-8")
    assert '<td class="ps-num" data-label="Giá trị">97,5%</td>' in html
    assert "Báo cáo số 12/BC-SYT (thử)" in html
    assert f"10/12/{YEAR}" in html


def test_built_guide_lists_every_column_and_kind(imported_site: MappingProxyType[str, Any]) -> None:
    """The macros of the contributor guide really render in the built site."""
    html = Path(imported_site["site"] / "huong-dan" / "index.html").read_text(encoding="utf-8")
    for c in COLUMNS:
        assert f"<code>{c.label}</code>" in html
    for k in KINDS:
        assert f"<code>{k}</code>" in html
