"""The scale-out prototype (issue 19 point 4): two small plans built for real, then the national index made from
their published packages only (``python -m plansite federate``): it links to both sites and aggregates their open
data into one Frictionless package that validates, with every row of each plan, marked with its plan."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from frictionless import Package

from _site import build, shared_build
from testkit import MINIMAL, REPO, SECOND_PLAN, SECOND_TODAY, TODAY, cli_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("federate")
    build(MINIMAL, tmp / "mot", today=TODAY)
    return tmp / "mot", shared_build(tmp_path_factory, SECOND_PLAN, SECOND_TODAY)  # the one the site tests check


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_the_index_links_to_each_site_and_aggregates_their_packages(sites: tuple[Path, Path], tmp_path: Path) -> None:
    one, two = sites
    out = tmp_path / "quoc-gia"
    proc = subprocess.run(
        [sys.executable, "-m", "plansite", "federate", str(one), f"{two}=https://example.org/ke-hoach-hai/", "--ra", str(out)],
        capture_output=True,
        text=True,
        env=cli_env(TODAY),
        cwd=REPO,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    packages = [json.loads((s / "du-lieu" / "datapackage.json").read_text(encoding="utf-8")) for s in (one, two)]
    names = [p["name"] for p in packages]
    report = Package(str(out / "du-lieu" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    agg = json.loads((out / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in agg["resources"]}
    for resource in ("targets", "observations", "indicators"):
        assert resource in by_name, sorted(by_name)
        merged = rows(out / "du-lieu" / by_name[resource]["path"])
        for site, name in zip((one, two), names, strict=True):
            own = rows(site / "du-lieu" / f"{resource}.csv")
            mine = [{k: v for k, v in r.items() if k != "ke_hoach"} for r in merged if r["ke_hoach"] == name]
            assert mine == own, (resource, name)  # every row of each plan, as it published it
        assert by_name[resource]["schema"]["fields"][0]["name"] == "ke_hoach"
    plans = rows(out / "du-lieu" / "ke_hoach.csv")
    assert [p["ke_hoach"] for p in plans] == names
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{names[0]}/"' in index and 'href="https://example.org/ke-hoach-hai/"' in index
    for p in packages:
        assert p["title"].split(":")[0] in index
    assert "<script" not in index and "http://" not in index.replace("http://127", "")


def test_refuses_what_it_cannot_aggregate(sites: tuple[Path, Path], tmp_path: Path) -> None:
    one, _ = sites
    for args, said in (
        ([str(tmp_path)], "datapackage.json"),
        ([str(one), str(one)], "cùng tên gói dữ liệu"),
        ([f"{one}=javascript:alert(1)"], "http(s)"),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "plansite", "federate", *args, "--ra", str(tmp_path / "ra")],
            capture_output=True,
            text=True,
            env=cli_env(TODAY),
            cwd=REPO,
            timeout=120,
        )
        assert proc.returncode == 1 and said in proc.stdout and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
