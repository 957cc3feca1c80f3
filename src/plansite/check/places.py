"""The place hierarchy of places.yaml: ids, levels, parents, validity dates and event links."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from plansite import model as m
from plansite.check.urls import is_safe_url, shown_url
from plansite.load.files import Loaded, lines_index
from plansite.load.yamlio import line_of
from plansite.problems import kinds
from plansite.problems.kinds import examples

if TYPE_CHECKING:
    from plansite.check.references import Context


def check_places(loaded: Loaded, c: Context) -> None:
    """Problems of places.yaml alone (the place of the plan is checked with plan.yaml)."""
    assert loaded.places is not None
    raw = loaded.raw.get("places")
    items = lines_index(raw, "places")
    places = loaded.places.places
    by_id = {p.id: p for p in places}

    def pl(i: int, *loc: Any) -> int | None:
        return (line_of(items[i], loc) or items[i].line) if i < len(items) else None

    level_ids = [lv.id for lv in loaded.places.levels]
    levels_raw = lines_index(raw, "levels")
    for k, dup in enumerate(level_ids):
        if level_ids.count(dup) > 1 and level_ids.index(dup) == k:
            line = levels_raw[k].line if k < len(levels_raw) else None
            c.add("places", line, kinds.DUPLICATE_ID, what="cấp địa bàn", id=dup, count=level_ids.count(dup))
    counts = Counter(p.id for p in places)
    for i, p in enumerate(places):
        if counts[p.id] > 1:
            c.add("places", pl(i, "id"), kinds.DUPLICATE_ID, what="địa bàn", id=p.id, count=counts[p.id])
    for i, p in enumerate(places):
        if p.level not in level_ids:
            c.add(
                "places",
                pl(i, "level"),
                kinds.BAD_VALUE,
                field="level",
                shown=f"«{p.level}»",
                reason="không có cấp này trong «levels» của places.yaml",
                expected="một trong: " + ", ".join(level_ids),
            )
            continue
        _check_parent(c, loaded.places, p, by_id, pl(i, "parent") if p.parent is not None else pl(i))
        for j, new in enumerate(p.becomes):
            if new not in by_id:
                c.add("places", pl(i, "becomes", j), kinds.UNKNOWN_PLACE, value=new, near="", example=examples(by_id, near=new))
        if p.valid_from and p.valid_to and p.valid_to < p.valid_from:
            c.add(
                "places",
                pl(i, "valid_to"),
                kinds.BAD_DATE,
                value=f"{p.valid_to:%d/%m/%Y}",
                what=f"hết hiệu lực của «{p.id}»",
                why=f"trước ngày có hiệu lực {p.valid_from:%d/%m/%Y}",
            )
    events = lines_index(raw, "events")
    for k, e in enumerate(loaded.places.events):
        if e.url and not is_safe_url(e.url):
            line = (line_of(events[k], ("url",)) or events[k].line) if k < len(events) else None
            c.add("places", line, kinds.UNSAFE_LINK, url=shown_url(e.url))


def _check_parent(c: Context, places: m.Places, p: m.Place, by_id: dict[str, m.Place], line: int | None) -> None:
    """A unit of the top level stands alone; any other sits inside a unit of a higher level."""
    rank = places.rank(p.level)
    if p.parent is None:
        if rank > 0:
            above = examples((q.id for q in by_id.values() if places.rank(q.level) < rank), near=p.id)
            c.add(
                "places",
                line,
                kinds.MISSING_FIELD,
                field="parent",
                found=f"«{p.id}» ({places.level_name(p.level).lower()}) phải có đơn vị cấp trên",
                example=f"dòng «parent: …» với mã một đơn vị cấp trên, ví dụ {above}",
            )
        return
    parent = by_id.get(p.parent)
    if parent is None:
        c.add("places", line, kinds.UNKNOWN_PLACE, value=p.parent, near="", example=examples(by_id, near=p.parent))
    elif places.rank(parent.level) >= rank:
        c.add(
            "places",
            line,
            kinds.WRONG_LEVEL,
            id=p.id,
            level=places.level_name(p.level),
            parent=p.parent,
            parent_level=places.level_name(parent.level),
            order=" › ".join(lv.name for lv in places.levels),
        )
