"""The list of places and one page per place: its latest figures, what it belongs to and contains."""

from __future__ import annotations

from collections.abc import Iterator

from plansite import model as m
from plansite.render import tables
from plansite.render.pages.page import Page, Wanted, everything
from plansite.render.view import SiteView
from plansite.vi import fmt


def pages(view: SiteView, wanted: Wanted = everything) -> Iterator[Page]:
    yield Page("dia-ban/index.md", "Các địa bàn", "places_index.html")
    plan = view.plan
    ind_order = {ind.id: i for i, ind in enumerate(plan.indicators)}
    children: dict[str, list[object]] = {}
    for p in plan.places.places:
        if p.parent is not None:
            children.setdefault(p.parent, []).append(p)
    for place in plan.places.places:
        if not wanted("dia-ban", place.id):
            continue
        here = view.judged.by_place.get(place.id, [])
        latest = sorted(
            tables.latest(here),
            key=lambda o: (ind_order.get(o.indicator, 0), o.series != plan.indicator(o.indicator).primary_series, o.series),
        )
        yield Page(
            f"dia-ban/{place.id}.md",
            place.full_name,
            "place.html",
            {"place": place, "obs": latest, "counted": len(here), "children": children.get(place.id, [])},
            search_kind="dia-ban",
            search_line=_place_line(view, place),
        )


def _place_line(view: SiteView, place: m.Place) -> str:
    parts = [view.plan.places.level_name(place.level)]
    if place.parent and place.parent in view.places:
        parts.append(f"thuộc {view.places[place.parent].full_name}")
    if place.valid_to:
        parts.append(f"đến {fmt.date(place.valid_to)}")
    return ", ".join(parts)
