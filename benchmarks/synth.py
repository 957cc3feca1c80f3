"""SYNTHETIC data for benchmarks and tests: a valid data folder of any size.

Every name, number, source and link written here is made up («giả lập»); the
files say so in their first line. Nothing here is used to build the real site.

``generate(dest, indicators, places, years)`` writes plan.yaml, areas.yaml,
indicators.yaml, tasks.yaml, agencies.yaml, places.yaml, work-status.yaml, task-updates.csv,
toan-van.md (with every anchor the YAML uses) and progress/<id>.csv with a
figure for every indicator × place × year (the province included in the
places), plus: targets of every kind (muc, thay-doi-hang-nam with «<» and
«khoang», boi-so-goc, ti-le-tham-chieu with its reference series, duy-tri,
dinh-tinh), a related series on some indicators, and a change of method on
others. ``python -m plansite check --data <dest>`` reports no errors.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

from plansite.check.progress import HEADER

NOTE = "DỮ LIỆU GIẢ LẬP cho đo hiệu năng và kiểm thử: mọi tên, con số, nguồn và liên kết ở đây đều bịa ra."
SYLLABLES = [
    *("An", "Bình", "Cao", "Đông", "Hòa", "Khánh", "Lạc", "Minh", "Nam", "Phú", "Quang", "Sơn", "Tân", "Thành", "Trung"),
    *("Văn", "Xuân", "Yên", "Bắc", "Hải", "Lâm", "Long", "Mỹ", "Nghĩa", "Phong", "Thuận", "Tiến", "Vĩnh", "Đức", "Hưng"),
]
KINDS = ("muc", "thay-doi-hang-nam", "boi-so-goc", "ti-le-tham-chieu", "duy-tri", "dinh-tinh")
SUBJECTS = (
    "hộ có nước sinh hoạt hợp vệ sinh",
    "trẻ em đi học đúng độ tuổi",
    "lao động qua đào tạo nghề",
    "thôn có nhà văn hóa đạt chuẩn",
    "xã có trạm y tế đạt chuẩn",
    "hộ được sử dụng điện lưới",
    "đường trục thôn được cứng hóa",
    "người tham gia bảo hiểm y tế",
)


def _name(i: int) -> str:
    """A made-up, unique two-syllable place name for i < len(SYLLABLES)**2."""
    n = len(SYLLABLES)
    return f"{SYLLABLES[(i // n) % n]} {SYLLABLES[i % n]}" + (f" {i // (n * n) + 1}" if i >= n * n else "")


def _num(value: float, decimals: int) -> str:
    """Vietnamese decimal comma, never exactly three decimals (that would be ambiguous)."""
    s = f"{value:.{decimals}f}"
    return s.replace(".", ",")


def _dump(path: Path, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"# {NOTE}\n{text}", encoding="utf-8")


def last_data_year(today: dt.date | None = None) -> int:
    """The newest year with figures: 2024, or last year if the clock is earlier."""
    today = today or dt.date.today()
    return min(2024, today.year - 1)


SHAPES = ("tinh", "quoc-gia")


def generate(
    dest: Path,
    indicators: int,
    places: int,
    years: int,
    seed: int = 0,
    today: dt.date | None = None,
    shape: str = "tinh",
) -> Path:
    """Write a valid SYNTHETIC data folder of ``indicators`` × ``places`` × ``years`` into ``dest``.

    ``shape``: «tinh», a province plan (the province, districts, communes: one district per ten
    places), or «quoc-gia», a national ministry's plan (the country, 34 provinces, the rest
    communes, as after the 2025 reorganisation). ``places`` counts the plan's own place; ``dest``
    is replaced if it exists; ``today`` (default: the clock) bounds the last year with figures.
    """
    if shape not in SHAPES:
        raise ValueError(f"hình dạng «{shape}» không có: dùng một trong {', '.join(SHAPES)}")
    if indicators < 1 or places < 2 or years < 2:
        raise ValueError("cần ít nhất 1 chỉ tiêu, 2 địa bàn (tỉnh và một đơn vị dưới tỉnh) và 2 năm")
    rng = random.Random(seed)
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "progress").mkdir(parents=True)

    last = last_data_year(today)
    first = last - years + 1
    base = first + (years - 1) // 2
    period = (base, max(2030, last + 2))
    mid_target = max(2025, last + 1)
    end_target = period[1]

    # ------------------------------------------------------------------ full text blocks (anchor -> text)
    text_lines: list[str] = [
        "ỦY BAN NHÂN DÂN TỈNH MẪU (GIẢ LẬP) {#co-quan-ban-hanh}",
        f"# KẾ HOẠCH MẪU TỔNG HỢP — {NOTE} {{#ten-van-ban}}",
        "## I. MỤC ĐÍCH, YÊU CẦU {#i}",
        "- Mục đích giả lập: đo thời gian dựng trang với dữ liệu lớn. {#i-1-1}",
        "- Yêu cầu giả lập: mọi tệp dữ liệu hợp lệ. {#i-2-1}",
        "## II. MỤC TIÊU {#ii}",
        "- Mục tiêu tổng quát giả lập thứ nhất. {#ii-1-1}",
        "- Mục tiêu tổng quát giả lập thứ hai. {#ii-1-2}",
    ]

    # ------------------------------------------------------------------ places
    national = shape == "quoc-gia"
    province = "ca-nuoc-mau" if national else "tinh-mau"
    mid_level, low_level = ("tinh", "xa") if national else ("huyen", "xa")
    n_huyen = min(34, places - 1) if national else max(1, (places - 1) // 10)
    n_xa = places - 1 - n_huyen
    if n_xa < 0:
        n_huyen, n_xa = places - 1, 0
    place_items: list[dict[str, Any]] = [
        {
            "id": province,
            "name": "Mẫu",
            "kind": "Cả nước" if national else "Tỉnh",
            "level": "quoc-gia" if national else "tinh",
            "code": "00" if national else "99",
            "aliases": ["Cả nước Mẫu", "toàn quốc"] if national else ["Tỉnh Mẫu", "toàn tỉnh"],
            "note": "Cả nước giả lập." if national else "Tỉnh giả lập.",
        }
    ]
    huyen_ids = [f"{mid_level}-{k + 1:03d}" for k in range(n_huyen)]
    for k, hid in enumerate(huyen_ids):
        kind = "Tỉnh" if national else "Huyện"
        place_items.append({"id": hid, "name": _name(k), "kind": kind, "level": mid_level, "parent": province})
    for k in range(n_xa):
        place_items.append(
            {
                "id": f"xa-{k + 1:04d}",
                "name": _name(k + 7),
                "kind": ("Xã" if k % 5 else "Phường") if national else ("Xã" if k % 5 else "Thị trấn"),
                "level": low_level,
                "parent": huyen_ids[k % n_huyen],
            }
        )
    sub_places = [p["id"] for p in place_items[1:]]
    _dump(
        dest / "places.yaml",
        {
            "levels": [
                {"id": "quoc-gia", "name": "Cả nước"},
                {"id": "tinh", "name": "Cấp tỉnh"},
                {"id": "xa", "name": "Cấp xã"},
            ]
            if national
            else [
                {"id": "tinh", "name": "Cấp tỉnh"},
                {"id": "huyen", "name": "Cấp huyện"},
                {"id": "xa", "name": "Cấp xã"},
            ],
            "whole_label": "Toàn quốc" if national else "Toàn tỉnh",
            "places": place_items,
            "events": [
                {
                    "id": "sap-xep-gia-lap",
                    "date": f"01/01/{first + 1}",
                    "title": "Sắp xếp đơn vị hành chính (giả lập)",
                    "description": "Sự kiện bịa ra để trang địa bàn có mục sự kiện.",
                    "source": "Nghị quyết mẫu số 1/NQ-UBTVQH (giả lập)",
                    "url": "https://example.org/nghi-quyet-mau",
                }
            ],
        },
    )

    # ------------------------------------------------------------------ agencies
    n_agencies = min(16, max(2, indicators // 8 + 1))
    agency_ids = [f"co-quan-{k + 1:02d}" for k in range(n_agencies)]
    agencies: list[dict[str, Any]] = []
    text_iv: list[str] = ["## IV. TỔ CHỨC THỰC HIỆN {#iv}"]
    for k, aid in enumerate(agency_ids):
        duties = []
        text_iv.append(f"### {k + 1}. Cơ quan mẫu {k + 1} {{#iv-{k + 1}}}")
        for j in range(2):
            duties.append(
                {
                    "id": f"{aid}-{j + 1}",
                    "text": f"Nhiệm vụ giả lập {j + 1} của cơ quan mẫu {k + 1}.",
                    "anchor": f"iv-{k + 1}-{j + 1}",
                }
            )
            text_iv.append(f"- Nhiệm vụ giả lập {j + 1} của cơ quan mẫu {k + 1}. {{#iv-{k + 1}-{j + 1}}}")
        agencies.append(
            {
                "id": aid,
                "number": str(k + 1),
                "name": f"Sở Mẫu số {k + 1} ({_name(k + 40)})",
                "short_name": f"Sở Mẫu {k + 1}",
                "anchor": f"iv-{k + 1}",
                "duties": duties,
                "reports": True,
            }
        )
    _dump(dest / "agencies.yaml", {"agencies": agencies})

    # ------------------------------------------------------------------ areas
    n_areas = max(2, math.ceil(indicators / 20))
    area_ids = [f"linh-vuc-{k + 1:02d}" for k in range(n_areas)]
    _dump(
        dest / "areas.yaml",
        {
            "areas": [
                {
                    "id": a,
                    "name": f"Lĩnh vực mẫu {k + 1}",
                    "description": "Lĩnh vực giả lập.",
                    "general_objectives": ["mttq-1" if k % 2 == 0 else "mttq-2"],
                }
                for k, a in enumerate(area_ids)
            ]
        },
    )

    # ------------------------------------------------------------------ indicators and progress
    ind_items: list[dict[str, Any]] = []
    ind_ids: list[str] = []
    for i in range(indicators):
        iid = f"chi-tieu-{i + 1:04d}"
        ind_ids.append(iid)
        kind = KINDS[i % len(KINDS)]
        anchor = f"ii-2-{i + 1}"
        subject = SUBJECTS[i % len(SUBJECTS)]
        lead = agency_ids[i % n_agencies]
        helper = agency_ids[(i + 1) % n_agencies]
        unit = "%"
        decimals = 1
        series: list[dict[str, Any]] = []
        quote = f"Chỉ tiêu giả lập số {i + 1}: tỷ lệ {subject}"
        targets: list[dict[str, Any]]
        # yearly levels of the main series for the province: (start, step) with noise later
        if kind == "muc":
            if i % 4 == 0:
                unit, decimals = "km", 0
                start, step = rng.uniform(200, 800), rng.uniform(5, 40)
                targets = [
                    {"year": mid_target, "kind": "muc", "operator": ">=", "value": round(start + step * 12, -1)},
                    {"year": end_target, "kind": "muc", "operator": ">=", "value": round(start + step * 20, -1)},
                ]
            else:
                start, step = rng.uniform(20, 70), rng.uniform(-1, 4)
                targets = [
                    {"year": mid_target, "kind": "muc", "operator": ">=", "value": round(min(99, start + 20), 0)},
                    {"year": end_target, "kind": "muc", "operator": ">", "value": round(min(99.5, start + 30), 0)},
                ]
        elif kind == "thay-doi-hang-nam":
            start, step = rng.uniform(30, 50), -rng.uniform(0.5, 4.5)
            if i % 12 == 1:
                t = {"operator": "khoang", "value": -4, "value_max": -3}
            else:
                t = {"operator": "<", "value": -2}
            targets = [{"year": mid_target, "start_year": base, "kind": kind, **t, "unit": "điểm %/năm"}]
            quote = f"Chỉ tiêu giả lập số {i + 1}: tỷ lệ hộ nghèo mỗi năm giảm"
        elif kind == "boi-so-goc":
            unit, decimals = "triệu đồng/người/năm", 1
            start, step = rng.uniform(20, 40), rng.uniform(1, 6)
            targets = [{"year": mid_target, "kind": kind, "operator": ">=", "value": 2, "unit": "lần", "base_year": base}]
            quote = f"Chỉ tiêu giả lập số {i + 1}: thu nhập bình quân tăng gấp 2 lần"
        elif kind == "ti-le-tham-chieu":
            unit, decimals = "triệu đồng/người/năm", 1
            start, step = rng.uniform(25, 35), rng.uniform(1, 4)
            series = [
                {"id": "chinh", "name": "Số liệu của tỉnh"},
                {"id": "ca-nuoc", "name": "Bình quân cả nước (giả lập)", "description": "Chuỗi tham chiếu giả lập."},
            ]
            targets = [{"year": mid_target, "kind": kind, "operator": ">=", "value": 0.8, "unit": "lần", "reference": "ca-nuoc"}]
            quote = f"Chỉ tiêu giả lập số {i + 1}: thu nhập bằng 0,8 lần bình quân cả nước"
        elif kind == "duy-tri":
            start, step = rng.uniform(85, 95), rng.uniform(-0.5, 0.8)
            targets = [{"year": mid_target, "kind": kind, "operator": ">", "value": 90}]
        else:  # dinh-tinh, with a level target beside it
            start, step = rng.uniform(40, 60), rng.uniform(0, 3)
            targets = [
                {"year": mid_target, "kind": "muc", "operator": ">=", "value": 75},
                {"year": end_target, "kind": "dinh-tinh"},
            ]
        related = i % 7 == 3
        if related:
            if not series:
                series = [{"id": "chinh", "name": "Chuỗi chính"}]
            series.append(
                {
                    "id": "lien-quan",
                    "name": "Chuỗi liên quan (giả lập)",
                    "related": True,
                    "relation_note": "Đo một đối tượng gần giống, không dùng để đánh giá (giả lập).",
                }
            )
        for t in targets:
            t["quote"] = quote
            t["anchor"] = anchor
        text_lines.append(f"- {quote}. {{#{anchor}}}")
        item: dict[str, Any] = {
            "id": iid,
            "name": f"Chỉ tiêu mẫu {i + 1}: {subject}",
            "area": area_ids[i % n_areas],
            "unit": unit,
            "decimals": decimals,
            "quote": quote,
            "anchor": anchor,
            "description": "Chỉ tiêu giả lập để đo hiệu năng.",
            "agencies": [
                {"agency": lead, "role": "chu-tri", "basis": "ke-hoach"},
                {"agency": helper, "role": "phoi-hop", "basis": "suy-luan", "note": "Suy luận giả lập."},
            ],
            "targets": targets,
        }
        if series:
            item["series"] = series
        ind_items.append(item)
        _write_progress(
            dest / "progress" / f"{iid}.csv",
            rng,
            first=first,
            last=last,
            start=start,
            step=step,
            percent=unit == "%",
            decimals=decimals,
            places=sub_places,
            lead=lead,
            main=series[0]["id"] if series else "",
            reference="ca-nuoc" if kind == "ti-le-tham-chieu" else None,
            related="lien-quan" if related else None,
            method_break=i % 5 == 2,
        )
    _dump(dest / "indicators.yaml", {"indicators": ind_items})

    # ------------------------------------------------------------------ tasks
    n_tasks = max(1, min(100, indicators // 10))
    tasks = []
    text_iii = ["## III. NHIỆM VỤ, GIẢI PHÁP {#iii}"]
    for k in range(n_tasks):
        tasks.append(
            {
                "id": f"nv-{k + 1}",
                "number": str(k + 1),
                "label": f"Nhóm nhiệm vụ mẫu {k + 1}",
                "text": f"Nhóm nhiệm vụ giả lập số {k + 1}.",
                "anchor": f"iii-{k + 1}",
                "points": [{"id": f"nv-{k + 1}-a", "text": "Điểm giả lập a.", "anchor": f"iii-{k + 1}-a"}],
                "agencies": [
                    {"agency": agency_ids[k % n_agencies], "role": "chu-tri", "basis": "ke-hoach"},
                    {"agency": agency_ids[(k + 2) % n_agencies], "role": "phoi-hop", "basis": "suy-luan", "note": "Giả lập."},
                ],
                "indicators": ind_ids[k::n_tasks][:20],
                "areas": [area_ids[k % n_areas]],
            }
        )
        text_iii.append(f"### {k + 1}. Nhóm nhiệm vụ giả lập số {k + 1}. {{#iii-{k + 1}}}")
        text_iii.append(f"- Điểm giả lập a. {{#iii-{k + 1}-a}}")
    _dump(dest / "tasks.yaml", {"tasks": tasks})
    _dump(
        dest / "work-status.yaml",
        {
            "updates": [
                {
                    "task": f"nv-{k + 1}",
                    "date": f"15/12/{last}",
                    "status": ("dang-thuc-hien", "hoan-thanh", "cham", "chua-bat-dau")[k % 4],
                    "evidence": [
                        {
                            "document": f"Báo cáo mẫu số {k + 1}/BC-UBND (giả lập)",
                            "date": f"10/12/{last}",
                            "url": f"https://example.org/bao-cao/{k + 1}",
                        }
                    ],
                    "note": "Đánh giá giả lập.",
                }
                for k in range(min(n_tasks, 10))
            ]
        },
    )

    # ------------------------------------------------------------------ task updates: a published result for
    # every task group assessed «hoan-thanh» (the checker's rule), a plan for the others
    updates = io.StringIO()
    w = csv.writer(updates, lineterminator="\n")
    w.writerow(
        [
            "Nhiệm vụ",
            "Ngày",
            "Loại",
            "Văn bản, sự kiện",
            "Cơ quan ban hành, chủ trì",
            "Nội dung",
            "Trích dẫn",
            "Nguồn",
            "Liên kết nguồn",
        ]
    )
    for k in range(min(n_tasks, 10)):
        done = k % 4 == 1
        w.writerow(
            [
                f"nv-{k + 1}",
                f"10/12/{last}",
                "ket-qua" if done else "ke-hoach",
                f"Báo cáo mẫu số {k + 1}/BC-UBND (giả lập)",
                "UBND Tỉnh Mẫu (giả lập)",
                "Kết quả giả lập." if done else "Kế hoạch giả lập.",
                "Câu trích giả lập.",
                "Nguồn giả lập",
                f"https://example.org/bao-cao/{k + 1}",
            ]
        )
    (dest / "task-updates.csv").write_text(updates.getvalue(), encoding="utf-8")

    # ------------------------------------------------------------------ plan and full text
    text_lines += text_iii + text_iv
    text_lines.append("Định kỳ ngày 15/12 hằng năm gửi báo cáo về cơ quan mẫu số 1 (giả lập). {#ket-luan}")
    (dest / "toan-van.md").write_text("\n\n".join(text_lines) + "\n", encoding="utf-8")
    _dump(
        dest / "plan.yaml",
        {
            "id": "kh-gia-lap",
            "number": "99/KH-UBND",
            "kind": "Kế hoạch",
            "title": f"Kế hoạch mẫu tổng hợp ({indicators} chỉ tiêu, {places} địa bàn, {years} năm) — dữ liệu giả lập",
            "short_title": f"Kế hoạch giả lập {indicators}×{places}×{years}",
            "date": f"04/06/{base}",
            "issuer": "Ủy ban nhân dân Tỉnh Mẫu (giả lập)",
            "place": province,
            "signer": {"name": "Nguyễn Văn Mẫu", "position": "Phó Chủ tịch", "on_behalf": "TM. Ủy ban nhân dân, KT. Chủ tịch"},
            "implements": [
                {
                    "number": "99-KL/TW",
                    "kind": "Kết luận",
                    "date": f"30/10/{base - 1}",
                    "issuer": "Cơ quan mẫu",
                    "title": "về một chủ đề mẫu",
                }
            ],
            "purposes": [{"text": "Mục đích giả lập: đo thời gian dựng trang với dữ liệu lớn.", "anchor": "i-1-1"}],
            "requirements": [{"text": "Yêu cầu giả lập: mọi tệp dữ liệu hợp lệ.", "anchor": "i-2-1"}],
            "general_objectives": [
                {"id": "mttq-1", "text": "Mục tiêu tổng quát giả lập thứ nhất.", "anchor": "ii-1-1"},
                {"id": "mttq-2", "text": "Mục tiêu tổng quát giả lập thứ hai.", "anchor": "ii-1-2"},
            ],
            "reporting": {
                "day": 15,
                "month": 12,
                "to": agency_ids[0],
                "frequency": "hang-nam",
                "quote": "Định kỳ ngày 15/12 hằng năm gửi báo cáo về cơ quan mẫu số 1 (giả lập).",
                "anchor": "ket-luan",
            },
            "period": {"start": period[0], "end": period[1]},
            "data_years": {"start": first, "end": period[1]},
            "base_year": base,
            "milestones": sorted({mid_target, end_target}),
            "publisher": {"name": "Trang theo dõi mẫu (giả lập)", "license": "CC BY 4.0"},
            "summary": NOTE,
        },
    )
    return dest


def _write_progress(
    path: Path,
    rng: random.Random,
    *,
    first: int,
    last: int,
    start: float,
    step: float,
    percent: bool,
    decimals: int,
    places: list[str],
    lead: str,
    main: str,
    reference: str | None,
    related: str | None,
    method_break: bool,
) -> None:
    """One figure per place (province first) and year; extra series and a method change where asked."""
    dec = max(1, decimals)

    def clamp(v: float) -> float:
        return min(99.9, max(0.1, v)) if percent else max(0.1, v)

    rows: list[list[str]] = []
    switch = first + (last - first + 1) // 2

    def row(
        year: int, value: float, place: str = "", series: str = "", method: str = "", agency: str = "", note: str = ""
    ) -> None:
        reported = f"15/11/{year + 1}" if agency else ""
        rows.append(
            [
                str(year),
                _num(clamp(value), dec),
                place,
                series,
                method,
                f"Niên giám thống kê tỉnh Mẫu năm {year + 1} (giả lập)",
                f"https://example.org/nien-giam/{year + 1}",
                agency,
                reported,
                "x" if year == last and not place else "",
                "x" if year == last and place and rng.random() < 0.05 else "",
                note,
            ]
        )

    for y in range(first, last + 1):
        level = start + step * (y - first) + rng.uniform(-0.3, 0.3) * abs(step)
        if method_break:
            if y <= switch:
                row(y, level, series=main, method="Cách đo cũ", agency=lead)
            if y >= switch:
                row(y, level * 1.08, series=main, method="Cách đo mới", agency=lead, note="Đổi cách đo, không so với năm trước")
        else:
            row(y, level, series=main, agency=lead)
        for p in places:
            row(y, level * rng.uniform(0.7, 1.3), place=p, series=main)
        if reference:
            row(y, (start + step * (y - first)) * rng.uniform(1.3, 1.5), series=reference, agency=lead)
        if related:
            row(y, level * 0.9, series=related, note="Chuỗi liên quan, giả lập")
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
