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

PARENT_LEVEL: dict[str, str | None] = {"tinh": None, "huyen": "tinh", "xa": "huyen"}


def check_places(loaded: Loaded, c: Context) -> None:
    """Problems of places.yaml alone (the place of the plan is checked with plan.yaml)."""
    assert loaded.places is not None
    raw = loaded.raw.get("places")
    items = lines_index(raw, "places")
    places = loaded.places.places
    by_id = {p.id: p for p in places}

    def pl(i: int, *loc: Any) -> int | None:
        return (line_of(items[i], loc) or items[i].line) if i < len(items) else None

    counts = Counter(p.id for p in places)
    for i, p in enumerate(places):
        if counts[p.id] > 1:
            c.add("places", pl(i, "id"), kinds.DUPLICATE_ID, what="địa bàn", id=p.id, count=counts[p.id])
    for i, p in enumerate(places):
        _check_parent(c, p, by_id, pl(i, "parent") if p.parent is not None else pl(i))
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


def _check_parent(c: Context, p: m.Place, by_id: dict[str, m.Place], line: int | None) -> None:
    want = PARENT_LEVEL[p.level]
    if p.parent is None:
        if want is not None:
            above = examples((q.id for q in by_id.values() if q.level == want), near=p.id)
            c.add(
                "places",
                line,
                kinds.MISSING_FIELD,
                field="parent",
                found=f"«{p.id}» ({m.LEVEL_LABELS[p.level].lower()}) phải có đơn vị cấp trên",
                example=f"dòng «parent: …» với mã đơn vị {m.LEVEL_LABELS[want].lower()}, ví dụ {above}",
            )
        return
    parent = by_id.get(p.parent)
    if parent is None:
        c.add("places", line, kinds.UNKNOWN_PLACE, value=p.parent, example=examples(by_id, near=p.parent))
    elif parent.level != want:
        c.add("places", line, kinds.WRONG_LEVEL, id=p.id, level=p.level, parent=p.parent, parent_level=parent.level)
