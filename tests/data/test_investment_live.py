"""The live data's investment and task-update tables in the open data: every row, as published, valid for frictionless."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import frictionless
import pytest

from plansite.build import SiteBuild
from plansite.publish.write import write
from testkit import LIVE_DATA, LIVE_TODAY


def read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real-open")
    build_ = SiteBuild.prepare(LIVE_DATA, today=LIVE_TODAY)
    write(build_.open_data_input(), out)
    return out / "du-lieu"


def test_real_package_validates_and_has_every_row(real: Path) -> None:
    report = frictionless.Package(str(real / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    source = read(LIVE_DATA / "investment.csv")
    rows = read(real / "investment.csv")
    assert len(rows) == len(source) == 62
    assert len(read(real / "task_updates.csv")) == len(read(LIVE_DATA / "task-updates.csv")) == 34
    for row, src in zip(rows, source, strict=True):  # as published, row for row
        assert (row["value_text"], row["unit"], row["quote"], row["source_url"]) == (
            src["Giá trị"],
            src["Đơn vị"],
            src["Trích dẫn"],
            src["Liên kết nguồn"],
        )
        assert row["value_text"].startswith(row["qualifier"])


def test_real_figures_after_the_merger_are_apart(real: Path) -> None:
    """Every figure reported for the new province (published after the plan's province ended) is marked apart."""
    rows = read(real / "investment.csv")
    later = [r for r in rows if r["source_date"] and r["source_date"] > "2025-06-30"]
    assert later and all(r["shown_apart"] in ("ngoai", "sau") for r in later)
    assert all(r["shown_apart"] == "ngoai" for r in rows if r["place_ids"] == "")
