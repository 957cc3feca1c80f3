"""The chart by place never puts units that ceased in a reorganisation beside the units formed from them."""

from __future__ import annotations

import datetime as dt

from plansite import model as m
from plansite.model.observations import Observation
from plansite.render import charts as ch

LEVELS = [m.Level(id="tinh", name="Cấp tỉnh"), m.Level(id="xa", name="Cấp xã")]


def place(pid: str, level: str = "xa", valid_from: str | None = None, valid_to: str | None = None, becomes=()) -> m.Place:
    return m.Place.model_validate(
        {
            "id": pid,
            "name": pid.upper(),
            "kind": "Xã",
            "level": level,
            "parent": None if level == "tinh" else "tinh-a",
            "valid_from": valid_from,
            "valid_to": valid_to,
            "becomes": list(becomes),
        }
    )


PLACES = [
    place("tinh-a", "tinh"),
    place("cu-1", valid_to="30/06/2025", becomes=["moi-1"]),
    place("cu-2", valid_to="30/06/2025", becomes=["moi-1"]),
    place("cu-3", valid_to="30/06/2025", becomes=["moi-2"]),
    place("moi-1", valid_from="01/07/2025"),
    place("moi-2", valid_from="01/07/2025"),
]
HIERARCHY = m.Places(levels=LEVELS, places=PLACES)
INDICATOR = m.Indicator.model_validate(
    {
        "id": "ty-le",
        "name": "Tỷ lệ mẫu",
        "area": "a",
        "unit": "%",
        "quote": "q",
        "anchor": "a",
        "targets": [{"year": 2030, "kind": "muc", "operator": ">=", "value": 90, "quote": "q", "anchor": "a"}],
    }
)


def ob(pid: str, year: int, value: float) -> Observation:
    return Observation("ty-le", year, value, pid, "chinh", "", "Nguồn mẫu", "", "", None, False, False, "", "f.csv", 2)


def shown(obs: list[Observation]) -> tuple[str, list[str]]:
    chart = ch.place_chart(ch.Shapes(), INDICATOR, obs, {p.id: p for p in PLACES}, "tinh-a", HIERARCHY)
    assert chart is not None
    return str(chart.spec["title"]), [row[0] for row in chart.rows]


def test_a_year_of_the_merger_compares_the_new_units_only() -> None:
    obs = [ob("cu-1", 2025, 60), ob("cu-2", 2025, 70), ob("cu-3", 2025, 80), ob("moi-1", 2025, 65), ob("moi-2", 2025, 75)]
    title, units = shown(obs)
    assert units == ["Xã MOI-2", "Xã MOI-1"]
    assert "mới, sau sắp xếp" in title and "2025" in title


def test_old_units_alone_are_compared_as_old_units() -> None:
    # Only the units that ceased have figures for 2025 (their first half year): they are compared among themselves.
    title, units = shown([ob("cu-1", 2025, 60), ob("cu-2", 2025, 70), ob("moi-1", 2025, 65)])
    assert units == ["Xã CU-2", "Xã CU-1"] and "trước sắp xếp" in title


def test_a_later_year_compares_the_new_units_and_an_earlier_one_the_old() -> None:
    assert shown([ob("cu-1", 2024, 60), ob("cu-2", 2024, 70), ob("moi-1", 2026, 65), ob("moi-2", 2026, 75)])[1] == [
        "Xã MOI-2",
        "Xã MOI-1",
    ]
    title, units = shown([ob("cu-1", 2024, 60), ob("cu-2", 2024, 70), ob("moi-1", 2026, 65)])
    assert units == ["Xã CU-2", "Xã CU-1"] and "2024" in title and "sắp xếp" not in title
    assert dt.date(2024, 12, 31) < PLACES[1].valid_to  # type: ignore[operator]
