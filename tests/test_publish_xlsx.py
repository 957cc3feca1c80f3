"""The workbook and the open-data files at scale: the streamed .xlsx equals openpyxl's, sheets continue past Excel's limit."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from pathlib import Path

import pytest
from benchmarks import synth

from plansite.build import SiteBuild
from plansite.publish import opendata

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth.generate(tmp_path_factory.mktemp("synth") / "data", indicators=13, places=12, years=5)


def test_streamed_workbook_has_the_cells_openpyxl_writes(tmp_path: Path) -> None:
    from openpyxl import Workbook

    rows: dict[str, list[dict[str, object]]] = {name: [] for name in opendata.FIELDS}
    samples = [
        "",
        " lề ",
        "a&b<c>",
        "=1+1",
        "'=x",
        "#N/A",
        "x" * 40000,
        "đ\ttab\nmới",
        None,
        0,
        -3,
        2.5,
        1 / 3,
        1e20,
        True,
        False,
    ]
    rnd = random.Random(3)
    for name, fields in opendata.FIELDS.items():
        for _ in range(30):
            rows[name].append({f[0]: rnd.choice(samples) for f in fields})
    mine = tmp_path / "mine.xlsx"
    opendata.write_xlsx(rows, mine)
    wb = Workbook()
    wb.remove(wb.active)
    for name, fields in opendata.FIELDS.items():
        ws = wb.create_sheet(opendata.TITLES[name])
        ws.append([f[2] for f in fields])
        for r in rows[name]:
            ws.append([opendata._xlsx(r.get(f[0])) for f in fields])
    buf = io.BytesIO()
    wb.save(buf)
    theirs = zipfile.ZipFile(buf)
    with zipfile.ZipFile(mine) as z:
        assert z.namelist() == theirs.namelist()
        for n in z.namelist():
            if n != "docProps/core.xml":  # creation time
                assert z.read(n) == theirs.read(n), n


def test_site_from_synthetic_data_matches_its_open_data(synthetic: Path, tmp_path: Path) -> None:
    build = SiteBuild.prepare(synthetic, today=TODAY)
    site = build._opendata_input()
    opendata.write(site, tmp_path)
    obs_csv = (tmp_path / "du-lieu" / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert len(obs_csv) == len(site.obs) + 1
    per_ind = sum(
        len((tmp_path / "du-lieu" / "chi-tieu" / f"{ind.id}.csv").read_text(encoding="utf-8").splitlines()) - 1
        for ind in site.plan.indicators
    )
    assert per_ind == len(site.obs)


def test_figures_beyond_one_worksheet_continue_on_the_next(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel holds 1.048.576 rows a sheet: past that, «Số liệu (2)» … and no figure is lost."""
    from openpyxl import load_workbook

    build = SiteBuild.prepare(synthetic, today=TODAY)
    site = build._opendata_input()
    limit = 100
    monkeypatch.setattr(opendata, "XLSX_MAX_ROWS", limit)
    opendata.write(site, tmp_path)
    expected = -(-len(site.obs) // (limit - 1))
    assert expected >= 3, "the synthetic data should fill several sheets"
    wb = load_workbook(tmp_path / "du-lieu" / "du-lieu.xlsx", read_only=True)
    titles = [opendata.TITLES["observations"]] + [f"{opendata.TITLES['observations']} ({i})" for i in range(2, expected + 1)]
    assert wb.sheetnames == [opendata.TITLES["indicators"], opendata.TITLES["targets"], *titles, opendata.TITLES["reporting"]]
    header = [f[2] for f in opendata.FIELDS["observations"]]
    cells = []
    for title in titles:
        rows = [list(r) for r in wb[title].iter_rows(values_only=True)]
        assert rows[0] == header and 1 < len(rows) <= limit
        cells += rows[1:]
    obs_csv = (tmp_path / "du-lieu" / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert len(cells) == len(site.obs) == len(obs_csv) - 1
    assert [str(r[0]) for r in cells] == [line.split(",", 1)[0] for line in obs_csv[1:]]


def test_column_letters_are_openpyxls() -> None:
    from openpyxl.utils import get_column_letter

    assert [opendata.column_letter(i) for i in range(1, 18279)] == [get_column_letter(i) for i in range(1, 18279)]


def test_cached_workbook_skeleton_is_openpyxls_with_fresh_times(tmp_path: Path) -> None:
    titles = ["Chỉ tiêu", "Mục tiêu", "Số liệu", "Số liệu (2)"]
    first = opendata.workbook_skeleton(titles, tmp_path)
    assert len(list(tmp_path.glob("xlsx-*.zip"))) == 1
    import time

    time.sleep(2.1)
    again = opendata.workbook_skeleton(titles, tmp_path)  # from the cache
    a, b = zipfile.ZipFile(io.BytesIO(first)), zipfile.ZipFile(io.BytesIO(again))
    assert a.namelist() == b.namelist()
    for name in a.namelist():
        if name != "docProps/core.xml":
            assert a.read(name) == b.read(name), name
    assert a.read("docProps/core.xml") != b.read("docProps/core.xml")  # created/modified: now
    # zip times count in steps of two seconds, hence the sleep of over two seconds
    assert b.getinfo("docProps/app.xml").date_time > a.getinfo("docProps/app.xml").date_time
