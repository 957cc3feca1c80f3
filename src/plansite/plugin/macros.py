"""Functions for hand-written pages (through mkdocs-macros). Each returns HTML or a value."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plansite.check.progress import COLUMNS
from plansite.model import Plan
from plansite.plugin.build import current
from plansite.publish.opendata import citation
from plansite.render import charts as ch


def functions(page_src: Callable[[], str]) -> dict[str, Callable[..., Any]]:
    def kehoach() -> Plan:
        """The plan's identity (number, title, dates …) from plan.yaml."""
        return current().plan.plan

    def trang_chu() -> str:
        site = current()
        chart = site.chart_html(ch.status_chart(site.status_counts()))
        return site.fragment("home.html", page_src(), status_chart=chart)

    def bang_tinh_trang() -> str:
        return current().fragment("method_statuses.html", page_src())

    def du_lieu_mo() -> str:
        site = current()
        return site.fragment("opendata_page.html", page_src(), citation=citation(site, site.config.today.year))

    def cot_so_lieu() -> str:
        return current().fragment("guide_columns.html", page_src(), columns=COLUMNS)

    def bang_loi() -> str:
        """The table of problem kinds (group, id, title, fix), made from their declarations."""
        from plansite.problems.kinds import by_group

        return current().fragment("guide_kinds.html", page_src(), groups=by_group())

    def so_chi_tieu() -> int:
        return len(current().plan.indicators)

    def han_bao_cao() -> str:
        r = current().plan.plan.reporting
        return f"{r.day:02d}/{r.month:02d}"

    def co_quan_nhan_bao_cao() -> str:
        site = current()
        return site.plan.agency(site.plan.plan.reporting.to).name

    def lien_he() -> str:
        site = current()
        url = site.feedback_url("Góp ý chung", page_src())
        return url

    return {
        f.__name__: f
        for f in (
            kehoach,
            trang_chu,
            bang_tinh_trang,
            du_lieu_mo,
            cot_so_lieu,
            bang_loi,
            so_chi_tieu,
            han_bao_cao,
            co_quan_nhan_bao_cao,
            lien_he,
        )
    }
