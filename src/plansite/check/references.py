"""Cross-reference and consistency checks over the loaded plan data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from plansite import model as m
from plansite.load.files import Loaded, lines_index
from plansite.load.yamlio import LineDict, line_of
from plansite.problems import Problems


def is_safe_url(url: str) -> bool:
    """Only absolute http(s) links may come from data (no javascript:, data: …)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c in url.strip() for c in "\n\r\t<>\"' ")


class _Ctx:
    def __init__(self, loaded: Loaded, problems: Problems) -> None:
        self.l = loaded
        self.p = problems
        self._items: dict[tuple[str, str], list[Any]] = {}

    def line(self, name: str, key: str, index: int, *loc: Any) -> int | None:
        items = self._items.get((name, key))
        if items is None:
            items = self._items[name, key] = lines_index(self.l.raw.get(name), key)
        if 0 <= index < len(items):
            return line_of(items[index], loc) or items[index].line
        return None

    def add(self, name: str, line: int | None, kind: str, msg: str, hint: str) -> None:
        self.p.add(self.l.paths[name], line, kind, msg, hint)


def _dupes(ids: Iterable[str]) -> set[str]:
    return {k for k, n in Counter(ids).items() if n > 1}


def check_model(loaded: Loaded, problems: Problems) -> m.PlanData | None:
    """Check references between files; return the model when it can be built."""
    c = _Ctx(loaded, problems)
    anchors = {b.anchor: b.line for b in loaded.blocks if b.anchor}
    agency_ids = {a.id for a in loaded.agencies}
    area_ids = {a.id for a in loaded.areas}
    indicator_ids = {i.id for i in loaded.indicators}
    task_ids = {t.id for t in loaded.tasks}
    place_ids = {p.id for p in loaded.places.places} if loaded.places else set()
    plan = loaded.plan
    go_ids = {g.id for g in plan.general_objectives} if plan else set()
    have_text = bool(loaded.blocks)

    def anchor(name: str, line: int | None, value: str) -> None:
        if have_text and value not in anchors:
            c.add(
                name,
                line,
                "ma-doan-khong-co",
                f"Mã đoạn «{value}» không có trong toàn văn (toan-van.md).",
                "Dùng một mã {#…} có trong toan-van.md, hoặc thêm mã đó vào cuối đoạn tương ứng.",
            )

    def links(name: str, key: str, i: int, items: list[m.AgencyLink]) -> None:
        for j, link in enumerate(items):
            if link.agency not in agency_ids:
                c.add(
                    name,
                    c.line(name, key, i, "agencies", j, "agency"),
                    "co-quan-khong-co",
                    f"Cơ quan «{link.agency}» không có trong agencies.yaml.",
                    "Dùng mã cơ quan có trong agencies.yaml.",
                )

    # ---- duplicate ids
    groups: tuple[tuple[str, str, Sequence[Any]], ...] = (
        ("areas", "areas", loaded.areas),
        ("indicators", "indicators", loaded.indicators),
        ("tasks", "tasks", loaded.tasks),
        ("agencies", "agencies", loaded.agencies),
    )
    for name, key, items in groups:
        ids = [x.id for x in items]
        for dup in _dupes(ids):
            for i, x in enumerate(items):
                if x.id == dup:
                    c.add(
                        name,
                        c.line(name, key, i, "id"),
                        "trung-ma",
                        f"Mã «{dup}» được dùng nhiều lần.",
                        "Mỗi mục cần một mã riêng; đổi mã của một trong các mục.",
                    )
    point_ids = [pt.id for t in loaded.tasks for pt in t.points] + [d.id for a in loaded.agencies for d in a.duties]
    for dup in _dupes(point_ids):
        for i, task in enumerate(loaded.tasks):
            for j, pt in enumerate(task.points):
                if pt.id == dup:
                    c.add(
                        "tasks",
                        c.line("tasks", "tasks", i, "points", j, "id"),
                        "trung-ma",
                        f"Mã điểm/nhiệm vụ «{dup}» được dùng nhiều lần.",
                        "Đổi mã cho khác nhau.",
                    )
        for i, ag in enumerate(loaded.agencies):
            for j, d in enumerate(ag.duties):
                if d.id == dup:
                    c.add(
                        "agencies",
                        c.line("agencies", "agencies", i, "duties", j, "id"),
                        "trung-ma",
                        f"Mã điểm/nhiệm vụ «{dup}» được dùng nhiều lần.",
                        "Đổi mã cho khác nhau.",
                    )

    # ---- plan
    if plan is not None:
        raw = loaded.raw.get("plan")

        def pl(*loc: Any) -> int | None:
            return line_of(raw, loc) if isinstance(raw, LineDict) else None

        if loaded.places and plan.place not in place_ids:
            c.add(
                "plan",
                pl("place"),
                "dia-ban-khong-co",
                f"Địa bàn «{plan.place}» không có trong places.yaml.",
                "Dùng mã đơn vị hành chính cấp tỉnh có trong places.yaml.",
            )
        if plan.reporting.to not in agency_ids and loaded.agencies:
            c.add(
                "plan",
                pl("reporting", "to"),
                "co-quan-khong-co",
                f"Cơ quan nhận báo cáo «{plan.reporting.to}» không có trong agencies.yaml.",
                "Dùng mã cơ quan.",
            )
        anchor("plan", pl("reporting", "anchor"), plan.reporting.anchor)
        for field in ("purposes", "requirements", "general_objectives"):
            for i, q in enumerate(getattr(plan, field)):
                anchor("plan", pl(field, i, "anchor"), q.anchor)
        for dup in _dupes(g.id for g in plan.general_objectives):
            c.add("plan", pl("general_objectives"), "trung-ma", f"Mã mục tiêu «{dup}» bị lặp.", "Đổi mã.")
        for k, ms in enumerate(plan.milestones):
            if not plan.period.start <= ms <= plan.period.end:
                c.add(
                    "plan",
                    pl("milestones", k),
                    "ngoai-khoang",
                    f"Mốc {ms} nằm ngoài thời kỳ kế hoạch {plan.period.start}–{plan.period.end}.",
                    "Sửa mốc.",
                )

    # ---- areas
    for i, a in enumerate(loaded.areas):
        for j, g in enumerate(a.general_objectives):
            if plan is not None and g not in go_ids:
                c.add(
                    "areas",
                    c.line("areas", "areas", i, "general_objectives", j),
                    "muc-tieu-khong-co",
                    f"Mục tiêu tổng quát «{g}» không có trong plan.yaml.",
                    "Dùng mã trong general_objectives của plan.yaml.",
                )

    # ---- indicators and targets
    for i, ind in enumerate(loaded.indicators):

        def il(*loc: Any, _i: int = i) -> int | None:
            return c.line("indicators", "indicators", _i, *loc)

        if ind.area not in area_ids:
            c.add(
                "indicators",
                il("area"),
                "linh-vuc-khong-co",
                f"Lĩnh vực «{ind.area}» không có trong areas.yaml.",
                "Dùng mã lĩnh vực có trong areas.yaml.",
            )
        anchor("indicators", il("anchor"), ind.anchor)
        links("indicators", "indicators", i, ind.agencies)
        for dup in _dupes(s.id for s in ind.series):
            c.add("indicators", il("series"), "trung-ma", f"Chuỗi «{dup}» bị khai báo hai lần.", "Xóa bớt một.")
        for n, dn in enumerate(ind.data_notes):
            if dn.url and not is_safe_url(dn.url):
                c.add(
                    "indicators",
                    il("data_notes", n, "url"),
                    "lien-ket-khong-an-toan",
                    f"Liên kết «{dn.url}» không phải địa chỉ http(s).",
                    "Chỉ dùng liên kết bắt đầu bằng https:// hoặc http://.",
                )
        seen_targets: Counter[tuple[int, str]] = Counter()
        for t_i, t in enumerate(ind.targets):
            for kind, msg, hint, field in target_problems(ind, t, plan):
                c.add("indicators", il("targets", t_i, field) or il("targets", t_i), kind, msg, hint)
            anchor("indicators", il("targets", t_i, "anchor"), t.anchor)
            seen_targets[(t.year, t.kind)] += 1
        for (year, kind), n in seen_targets.items():
            if n > 1 and kind != "dinh-tinh":
                c.add(
                    "indicators",
                    il("targets"),
                    "trung-chi-tieu",
                    f"Chỉ tiêu «{ind.id}» có {n} mục tiêu cùng năm {year} và cùng loại.",
                    "Tách thành chỉ tiêu riêng, hoặc gộp lại.",
                )

    # ---- tasks
    for i, task in enumerate(loaded.tasks):
        anchor("tasks", c.line("tasks", "tasks", i, "anchor"), task.anchor)
        for j, pt in enumerate(task.points):
            anchor("tasks", c.line("tasks", "tasks", i, "points", j, "anchor"), pt.anchor)
        links("tasks", "tasks", i, task.agencies)
        for j, iid in enumerate(task.indicators):
            if iid not in indicator_ids:
                c.add(
                    "tasks",
                    c.line("tasks", "tasks", i, "indicators", j),
                    "chi-tieu-khong-co",
                    f"Chỉ tiêu «{iid}» không có trong indicators.yaml.",
                    "Dùng mã chỉ tiêu có trong indicators.yaml.",
                )
        for j, aid in enumerate(task.areas):
            if aid not in area_ids:
                c.add(
                    "tasks",
                    c.line("tasks", "tasks", i, "areas", j),
                    "linh-vuc-khong-co",
                    f"Lĩnh vực «{aid}» không có trong areas.yaml.",
                    "Dùng mã lĩnh vực có trong areas.yaml.",
                )

    # ---- agencies
    for i, ag in enumerate(loaded.agencies):
        anchor("agencies", c.line("agencies", "agencies", i, "anchor"), ag.anchor)
        for j, d in enumerate(ag.duties):
            anchor("agencies", c.line("agencies", "agencies", i, "duties", j, "anchor"), d.anchor)

    # ---- places
    if loaded.places is not None:
        _check_places(loaded, c, place_ids)

    # ---- qualitative work updates
    duty_ids = {d.id for a in loaded.agencies for d in a.duties}
    for i, w in enumerate(loaded.work):
        wl = c.line("work", "updates", i)
        if w.task is not None and w.task not in task_ids:
            c.add(
                "work",
                c.line("work", "updates", i, "task") or wl,
                "nhiem-vu-khong-co",
                f"Nhóm nhiệm vụ «{w.task}» không có trong tasks.yaml.",
                "Dùng mã nhiệm vụ có trong tasks.yaml.",
            )
        if w.duty is not None and w.duty not in duty_ids:
            c.add(
                "work",
                c.line("work", "updates", i, "duty") or wl,
                "nhiem-vu-khong-co",
                f"Nhiệm vụ của cơ quan «{w.duty}» không có trong agencies.yaml.",
                "Dùng mã nhiệm vụ (duties) trong agencies.yaml.",
            )
        for j, ev in enumerate(w.evidence):
            if not is_safe_url(ev.url):
                c.add(
                    "work",
                    c.line("work", "updates", i, "evidence", j, "url"),
                    "lien-ket-khong-an-toan",
                    f"Liên kết minh chứng «{ev.url}» không phải địa chỉ http(s).",
                    "Dán địa chỉ đầy đủ của văn bản, bắt đầu bằng https://.",
                )
            if ev.date > w.date:
                c.add(
                    "work",
                    c.line("work", "updates", i, "evidence", j, "date"),
                    "sai-ngay",
                    "Ngày của văn bản minh chứng sau ngày đánh giá.",
                    "Kiểm tra lại ngày.",
                )

    if plan is None or loaded.places is None:
        return None
    # Returned even when there are errors, so that progress files can still be checked;
    # callers must look at ``problems.errors`` before publishing anything.
    return m.PlanData(
        plan=plan,
        areas=loaded.areas,
        indicators=loaded.indicators,
        tasks=loaded.tasks,
        agencies=loaded.agencies,
        places=loaded.places,
        work_updates=loaded.work,
        anchors=anchors,
    )


def target_problems(ind: m.Indicator, t: m.Target, plan: m.Plan | None) -> list[tuple[str, str, str, str]]:
    """Comparator, value, unit and kind must fit together. Returns (kind, message, hint, field)."""
    out: list[tuple[str, str, str, str]] = []
    K = "chi-tieu-khong-khop"

    def bad(msg: str, hint: str, field: str = "kind") -> None:
        out.append((K, f"Mục tiêu năm {t.year} của «{ind.id}»: {msg}", hint, field))

    if plan is not None and not plan.period.start <= t.year <= plan.period.end:
        bad(f"năm {t.year} nằm ngoài thời kỳ kế hoạch {plan.period.start}–{plan.period.end}.", "Sửa năm.", "year")
    if t.kind == "dinh-tinh":
        if t.operator is not None or t.value is not None:
            bad(
                "mục tiêu định tính không có phép so sánh hay con số.",
                "Xóa «operator»/«value», hoặc đổi «kind» sang loại định lượng.",
                "operator",
            )
        return out
    if t.kind != "duy-tri" and (t.operator is None or t.value is None):
        bad(
            "thiếu phép so sánh («operator») hoặc con số («value»).",
            "Ghi «operator» (>, >=, <, <=, =, khoang) và «value».",
            "operator",
        )
        return out
    if t.operator == "khoang":
        if t.value_max is None or t.value is None or t.value_max <= t.value:
            bad("khoảng cần «value» < «value_max».", "Ghi cả hai đầu khoảng, ví dụ value: 3, value_max: 4.", "value_max")
    elif t.value_max is not None:
        bad("chỉ khi «operator: khoang» mới có «value_max».", "Xóa «value_max» hoặc đổi operator thành khoang.", "value_max")
    unit = t.unit or ind.unit
    if t.kind == "thay-doi-hang-nam":
        if not unit.endswith("/năm"):
            bad(f"loại «thay đổi mỗi năm» cần đơn vị «…/năm», đang là «{unit}».", 'Ví dụ: unit: "điểm %/năm".', "unit")
    elif t.kind == "boi-so-goc":
        if t.base_year is None:
            bad("loại «gấp số lần năm gốc» cần «base_year».", "Ghi năm gốc, ví dụ base_year: 2020.", "base_year")
        if unit != "lần":
            bad(f"loại «gấp số lần năm gốc» có đơn vị «lần», đang là «{unit}».", "Ghi unit: lần.", "unit")
    elif t.kind == "ti-le-tham-chieu":
        if t.reference is None or t.reference not in ind.series_ids():
            bad(
                "loại «tỉ lệ so với chuỗi tham chiếu» cần «reference» là một chuỗi của chỉ tiêu.",
                "Khai báo chuỗi tham chiếu trong «series» rồi ghi mã vào «reference».",
                "reference",
            )
        if unit != "lần":
            bad(f"loại «tỉ lệ so với tham chiếu» có đơn vị «lần», đang là «{unit}».", "Ghi unit: lần.", "unit")
    elif t.kind in ("muc", "duy-tri"):
        if t.unit and t.unit != ind.unit:
            bad(
                f"đơn vị «{t.unit}» khác đơn vị của chỉ tiêu «{ind.unit}».",
                "Bỏ «unit» của mục tiêu, hoặc sửa cho giống đơn vị chỉ tiêu.",
                "unit",
            )
        if ind.is_percent and t.value is not None and not 0 <= t.value <= 100:
            bad(f"tỉ lệ phần trăm {t.value} nằm ngoài 0–100.", "Ghi số từ 0 đến 100.", "value")
        if t.kind == "duy-tri" and t.operator not in (None, ">", ">="):
            bad("«duy trì, nâng cao» chỉ đi với «>» hoặc «>=» (hoặc không có).", "Sửa operator.", "operator")
    if t.kind != "boi-so-goc" and t.base_year is not None and t.kind not in ("duy-tri",):
        bad("«base_year» chỉ dùng cho loại «boi-so-goc» hoặc «duy-tri».", "Xóa «base_year».", "base_year")
    if t.start_year is not None and t.start_year >= t.year:
        bad("«start_year» phải trước «year».", "Sửa năm bắt đầu.", "start_year")
    return out


def _check_places(loaded: Loaded, c: _Ctx, place_ids: set[str]) -> None:
    assert loaded.places is not None
    raw = loaded.raw.get("places")
    items = lines_index(raw, "places")
    by_id = {p.id: p for p in loaded.places.places}
    ids = [p.id for p in loaded.places.places]
    expected_parent = {"tinh": None, "huyen": "tinh", "xa": "huyen"}

    def pl(i: int, *loc: Any) -> int | None:
        return (line_of(items[i], loc) or items[i].line) if i < len(items) else None

    for dup in _dupes(ids):
        for i, p in enumerate(loaded.places.places):
            if p.id == dup:
                c.add("places", pl(i, "id"), "trung-ma", f"Mã địa bàn «{dup}» bị lặp.", "Đổi mã cho khác nhau.")
    for i, p in enumerate(loaded.places.places):
        if p.parent is not None:
            if p.parent not in place_ids:
                c.add(
                    "places",
                    pl(i, "parent"),
                    "dia-ban-khong-co",
                    f"Đơn vị cấp trên «{p.parent}» của «{p.id}» không có.",
                    "Dùng mã địa bàn có trong places.yaml.",
                )
            elif by_id[p.parent].level != expected_parent[p.level]:
                c.add(
                    "places",
                    pl(i, "parent"),
                    "sai-cap",
                    f"«{p.id}» ({p.level}) không thể trực thuộc «{p.parent}» ({by_id[p.parent].level}).",
                    "Cấp xã thuộc cấp huyện; cấp huyện thuộc cấp tỉnh.",
                )
        elif p.level != "tinh":
            c.add("places", pl(i), "thieu-truong", f"«{p.id}» cần trường «parent».", "Ghi mã đơn vị cấp trên.")
        if p.valid_from and p.valid_to and p.valid_to < p.valid_from:
            c.add(
                "places",
                pl(i, "valid_to"),
                "sai-ngay",
                f"«{p.id}»: ngày hết hiệu lực trước ngày có hiệu lực.",
                "Kiểm tra lại ngày.",
            )
    events = lines_index(raw, "events")
    for k, e in enumerate(loaded.places.events):
        if e.url and not is_safe_url(e.url):
            line = (line_of(events[k], ("url",)) or events[k].line) if k < len(events) else None
            c.add(
                "places",
                line,
                "lien-ket-khong-an-toan",
                f"Liên kết «{e.url}» không phải http(s).",
                "Chỉ dùng liên kết bắt đầu bằng https:// hoặc http://.",
            )


def load_plan(folder: Path, problems: Problems) -> m.PlanData | None:
    """Load and check the plan data (YAML and full text)."""
    from plansite.load.files import load_all

    loaded = load_all(folder, problems)
    return check_model(loaded, problems)
