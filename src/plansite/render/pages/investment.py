"""The «Đầu tư và chương trình» section: a summary page, one page per programme, one per project.

A plan without programmes, projects or money figures has no such pages (and the plugin adds no
navigation entry for them): the site then says nothing about investment.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from plansite import model as m
from plansite.render.charts.investment import money_chart, rates_chart
from plansite.render.pages.page import Page, Wanted, everything
from plansite.render.view import SiteView
from plansite.status.investment import Investment

INDEX = "dau-tu/index.md"
TITLE = "Đầu tư và chương trình"


def programme_src(pid: str) -> str:
    return f"dau-tu/chuong-trinh/{pid}.md"


def project_src(pid: str) -> str:
    return f"dau-tu/du-an/{pid}.md"


def pages(view: SiteView, wanted: Wanted = everything) -> Iterator[Page]:
    plan = view.plan
    if not plan.has_investment:
        return
    inv = view.judged.investment
    common = _common(view, inv)
    yield _index(view, inv, common)
    for pr in plan.programmes:
        yield _programme(view, inv, pr, common)
    for pj in plan.projects:
        yield _project(view, inv, pj, common)


def _common(view: SiteView, inv: Investment) -> dict[str, Any]:
    own = inv.own_place
    name = f"{own.kind.lower()} {own.name}" if own else view.plan.plan.place  # in running text: the kind in lower case
    return {"own_name": name, "ended": inv.ended, "events": inv.events_after_end()}


def _split(inv: Investment, figures: list[m.Figure]) -> tuple[list[m.Figure], list[m.Figure]]:
    """(figures shown, figures shown apart), each in time order (by the first year it covers), then as in the file."""
    ordered = sorted(figures, key=lambda f: (f.years[0] if f.years else 10_000, f.file, f.line))
    return [f for f in ordered if not inv.apart(f)], [f for f in ordered if inv.apart(f)]


def _index(view: SiteView, inv: Investment, common: dict[str, Any]) -> Page:
    plan = view.plan
    programmes = []
    for pr in inv.top:
        figures = inv.figures_of(pr.id, components=True)
        programmes.append(
            {
                "programme": pr,
                "children": [plan.programme(pid) for pid in inv.family(pr.id)[1:]],
                "figures": len(figures),
                "apart": sum(1 for f in figures if inv.apart(f)),
                "projects": len(inv.projects_of(pr.id)),
            }
        )
    projects = [
        {
            "project": pj,
            "figures": len(inv.project_figures(pj.id)),
            "updates": len(inv.updates_about(project=pj.id)),
            "non_delivery": bool(inv.non_delivery(pj.id)),
        }
        for pj in plan.projects
    ]
    names = {p.id: p.short_name for p in plan.programmes}
    own = [
        f for f in plan.figures if f.places == (plan.plan.place,) and not inv.apart(f)
    ]  # the plan's place; others by programme
    rates = rates_chart(view.shapes, own, view.places, "các chương trình", names)
    if rates is not None:
        rates = rates.placed("dau-tu/giai-ngan", f"Tỷ lệ giải ngân đã công bố của các chương trình ({common['own_name']})", INDEX)
    shown, apart = _split(inv, plan.figures)
    return Page(
        INDEX,
        TITLE,
        "investment_index.html",
        {
            **common,
            "top": inv.top,
            "programmes": programmes,
            "projects": projects,
            "shared": [f for f in shown if len(f.programmes) > 1],
            "apart": apart,
            "rates_chart": view.chart_html(rates),
        },
        description="Các chương trình, dự án và số vốn đã công bố, kèm nguồn.",
        search_kind="dau-tu",
        search_line=f"{len(plan.programmes)} chương trình, {len(plan.projects)} dự án, {len(plan.figures)} con số",
    )


def _programme(view: SiteView, inv: Investment, pr: m.Programme, common: dict[str, Any]) -> Page:
    plan = view.plan
    src = programme_src(pr.id)
    own = inv.own_figures(pr.id)
    money = money_chart(view.shapes, [f for f in own if f.places == (plan.plan.place,)], pr.short_name)
    if money is not None:
        money = money.placed(f"dau-tu/{pr.id}/von-theo-nam", f"Vốn theo năm: {pr.short_name} ({common['own_name']})", src)
    rates = rates_chart(view.shapes, own, view.places, pr.short_name)
    if rates is not None:
        rates = rates.placed(f"dau-tu/{pr.id}/giai-ngan", f"Tỷ lệ giải ngân: {pr.short_name}", src)
    shown, apart = _split(inv, inv.figures_of(pr.id, components=True))
    return Page(
        src,
        pr.name,
        "programme.html",
        {
            **common,
            "pr": pr,
            "parent": next((p for p in plan.programmes if p.id == pr.parent), None),
            "children": inv.children(pr.id),
            "task_links": _task_links(view, pr.tasks, {u.task for u in inv.updates_about(programme=pr.id)}),
            "money_chart": view.chart_html(money),
            "rates_chart": view.chart_html(rates),
            "shown": shown,
            "apart": apart,
            "projects": inv.projects_of(pr.id),
            "updates": inv.updates_about(programme=pr.id),
        },
        description=f"{pr.name}: vốn, giải ngân, dự án, kèm nguồn.",
        search_kind="dau-tu",
        search_line=f"{pr.kind} · {len(shown) + len(apart)} con số",
    )


def _project(view: SiteView, inv: Investment, pj: m.Project, common: dict[str, Any]) -> Page:
    shown, apart = _split(inv, inv.project_figures(pj.id))
    updates = inv.updates_about(project=pj.id)
    return Page(
        project_src(pj.id),
        pj.name,
        "project.html",
        {
            **common,
            "pj": pj,
            "task_links": _task_links(view, pj.tasks, {u.task for u in updates}),
            "shown": shown,
            "apart": apart,
            "updates": updates,
            "non_delivery": inv.non_delivery(pj.id),
        },
        description=f"{pj.name}: vốn, văn bản, sự kiện, kèm nguồn.",
        search_kind="dau-tu",
        search_line="Dự án" + (f" · {pj.period.start}–{pj.period.end}" if pj.period else ""),
    )


def _task_links(view: SiteView, links: list[m.TaskLink], named: set[str]) -> list[tuple[m.Task, m.TaskLink | None]]:
    """Task groups linked in the file (with their basis), then those whose updates name it, in the plan's order."""
    by_task = {link.task: link for link in links}
    return [(t, by_task.get(t.id)) for t in view.plan.tasks if t.id in by_task or t.id in named]
