"""Rounding never hides a target: «≤ 0,5 lần» stays 0,5 with 0 decimals; a qualitative target reads once as such."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plansite.build import SiteBuild
from testkit import MINIMAL, TODAY, copy_folder


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("op", ["<=", ">=", "="])
def test_a_ratio_target_keeps_its_decimals(tmp_path: Path, op: str) -> None:
    folder = copy_folder(MINIMAL, tmp_path / "data")
    path = folder / "indicators.yaml"
    src = path.read_text(encoding="utf-8")
    old = "    unit: triệu đồng/người/năm\n    quote: bằng 1/2"
    assert old in src and '        operator: ">="\n        value: 0.5\n' in src
    src = src.replace(old, "    unit: triệu đồng/người/năm\n    decimals: 0\n    quote: bằng 1/2", 1)
    src = src.replace('        operator: ">="\n        value: 0.5\n', f'        operator: "{op}"\n        value: 0.5\n', 1)
    path.write_text(src, encoding="utf-8")
    build = SiteBuild.prepare(folder, today=TODAY)
    page = text(build.pages()["chi-tieu/thu-nhap-so-ca-nuoc.md"])
    build.close()
    symbol = {"<=": "≤", ">=": "≥", "=": "="}[op]
    assert f"{symbol} 0,5 lần" in page
    assert f"{symbol} 0 lần" not in page and f"{symbol} 1 lần" not in page


def test_a_qualitative_target_reads_once() -> None:
    build = SiteBuild.prepare(MINIMAL, today=TODAY)
    page = text(build.pages()["chi-tieu/ban-sac-van-hoa.md"])
    build.close()
    assert "Định tính: Định tính" not in page and "Mục tiêu định tính: không đo bằng con số" in page
    box = page.split("Lời của kế hoạch")[0]
    assert box.count("định tính") + box.count("Định tính") <= 3  # the badge, the target line; the sentence says what to follow
