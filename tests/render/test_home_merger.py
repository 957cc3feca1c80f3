"""The home page says, from the data, what a reorganisation means for the plan's targets."""

from __future__ import annotations

import re
from pathlib import Path

from plansite.build import SiteBuild
from testkit import MINIMAL, TODAY, copy_folder


def home(folder: Path) -> str:
    build = SiteBuild.prepare(folder, today=TODAY)
    html = build.fragment("home.html", "index.md", status_chart="")
    build.close()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def places_with(folder: Path, old: str, new: str) -> None:
    path = folder / "places.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_no_reorganisation_no_box() -> None:
    assert "điều này có nghĩa gì cho kế hoạch?" not in home(MINIMAL)


def test_the_plans_own_place_merged_away(tmp_path: Path) -> None:
    folder = copy_folder(MINIMAL, tmp_path / "data")
    places_with(folder, '    code: "99"\n', '    code: "99"\n    valid_to: 31/12/2023\n')
    places_with(
        folder,
        "    url: https://example.org/nghi-quyet-mau\n",
        "    url: https://example.org/nghi-quyet-mau\n    reorganisation: true\n",
    )
    text = home(folder)
    assert "Sắp xếp đơn vị hành chính cấp xã (01/01/2022): điều này có nghĩa gì cho kế hoạch?" in text
    assert "Từ 01/01/2024, Tỉnh Mẫu không còn là một đơn vị hành chính" in text
    assert "các mục tiêu của kế hoạch vẫn tính cho địa bàn cũ này" in text
    assert "Nguồn: Nghị quyết mẫu số 1/NQ-UBTVQH" in text


def test_the_datas_own_words_when_given(tmp_path: Path) -> None:
    folder = copy_folder(MINIMAL, tmp_path / "data")
    meaning = "Hai xã cũ được theo dõi riêng đến hết năm 2021; từ năm 2022 chỉ có số liệu của xã mới."
    places_with(
        folder,
        "    url: https://example.org/nghi-quyet-mau\n",
        f"    url: https://example.org/nghi-quyet-mau\n    reorganisation: true\n    meaning: {meaning}\n",
    )
    text = home(folder)
    assert meaning in text and "vẫn tính cho địa bàn cũ" not in text
