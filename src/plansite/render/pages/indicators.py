"""The list of indicators and one page per indicator: targets, status, chart, figures, sources."""

from __future__ import annotations

from collections.abc import Iterator

from plansite.render import charts as ch
from plansite.render import tables
from plansite.render.pages.page import Page, Wanted, everything
from plansite.render.view import SiteView


def pages(view: SiteView, wanted: Wanted = everything) -> Iterator[Page]:
    yield Page("chi-tieu/index.md", "Các chỉ tiêu", "indicators_index.html")
    plan = view.plan
    own_place = plan.plan.place
    place_order = {p.id: i for i, p in enumerate(plan.places.places)}
    for ind in plan.indicators:
        if not wanted("chi-tieu", ind.id):
            continue
        obs = view.observations(ind.id)
        st = view.status[ind.id]
        own, other = tables.split_own(obs, own_place)
        src = f"chi-tieu/{ind.id}.md"
        main = ch.indicator_chart(view.shapes, ind, obs, st.assessments, own_place)
        if main is not None:
            own_name = view.places[own_place].full_name if own_place in view.places else own_place
            main = main.placed(f"chi-tieu/{ind.id}/xu-huong", f"{ind.name} ({own_name})", src)
        by_place = ch.place_chart(view.shapes, ind, obs, view.places, own_place, plan.places)
        if by_place is not None:
            by_place = by_place.placed(f"chi-tieu/{ind.id}/dia-ban", f"{ind.name}: {by_place.spec.get('title', '')}", src)
        yield Page(
            src,
            ind.name,
            "indicator.html",
            {
                "ind": ind,
                "st": st,
                "obs": sorted(own, key=lambda o: (o.series != ind.primary_series, o.series, o.year, o.method)),
                "pivot": tables.place_pivot(other, place_order, {s.id: i for i, s in enumerate(ind.series)}),
                "sources": tables.distinct_sources(obs),
                "main_chart": view.chart_html(main),
                "place_chart": view.chart_html(by_place),
            },
            description=f"{ind.name}: mục tiêu, số liệu, tình trạng và nguồn.",
            search_kind="chi-tieu",
            search_line=f"{plan.area(ind.area).name} · Mục tiêu {st.headline.year}: {st.headline.label}",
        )
