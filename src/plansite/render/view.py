"""What templates see as ``site``: the judged plan and the lookups pages share.

A thin, read-only view: every answer is computed from the judged plan (``status.judged``),
the data folder's history (``load.history``) and the build's settings.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import Markup, escape

from plansite import model as m
from plansite.check.progress import Observation
from plansite.load.history import History
from plansite.render.charts import Chart, ChartRenderer, Shapes
from plansite.render.charts.downloads import download_links
from plansite.render.html import relative
from plansite.report import Report, build_report, report_years
from plansite.status.judged import IndexedPlan, Judged
from plansite.status.method import IndicatorStatus


@dataclass(frozen=True)
class Settings:
    """Where the site is published from: its repository (for edit and feedback links)."""

    repo_url: str = ""
    edit_uri: str = "edit/main/"
    site_url: str = ""  # the site's absolute address (for embed codes); "" when not known
    pdf: bool = True  # the yearly reports are printed to PDF (the build then needs chromium: report.pdf)


@dataclass
class SiteView:
    judged: Judged
    history: History
    settings: Settings
    charts: ChartRenderer
    shapes: Shapes
    env: Environment = field(repr=False)

    # ------------------------------------------------------------------ data
    @property
    def plan(self) -> IndexedPlan:
        return self.judged.plan

    @property
    def obs(self) -> list[Observation]:
        return self.judged.observations

    @property
    def status(self) -> dict[str, IndicatorStatus]:
        return self.judged.statuses

    @property
    def places(self) -> dict[str, m.Place]:
        return self.judged.places

    @property
    def today(self) -> dt.date:
        return self.judged.today

    def observations(self, iid: str) -> list[Observation]:
        return self.judged.observations_of(iid)

    def status_counts(self, indicator_ids: list[str] | None = None) -> dict[str, int]:
        return self.judged.status_counts(indicator_ids)

    @functools.cached_property
    def reports(self) -> dict[int, Report]:
        """The yearly report of every year that has one (``plansite.report``), made once per build."""
        return {y: build_report(self.judged, y) for y in report_years(self.plan, self.today)}

    def related(self, kind: str, ident: str) -> dict[str, Any]:
        """Lists that pages share: indicators of an area/agency, tasks of an agency …"""
        p = self.plan
        if kind == "area":
            return {"indicators": [i for i in p.indicators if i.area == ident], "tasks": [t for t in p.tasks if ident in t.areas]}
        if kind == "agency":
            return {
                "indicators": [(i, link) for i in p.indicators for link in i.agencies if link.agency == ident],
                "tasks": [(t, link) for t in p.tasks for link in t.agencies if link.agency == ident],
            }
        raise KeyError(kind)

    def work_for(self, task: str | None = None, duty: str | None = None) -> list[m.WorkUpdate]:
        return sorted(
            (w for w in self.plan.work_updates if (task and w.task == task) or (duty and w.duty == duty)),
            key=lambda w: w.date,
            reverse=True,
        )

    # ------------------------------------------------------------------ history and links
    def last_update(self, iid: str) -> dt.date | None:
        return self.history.last(f"progress/{iid}.csv")

    def recent_changes(self, n: int) -> list[dict[str, Any]]:
        out = []
        names = {i.id: i.name for i in self.plan.indicators}
        for c in self.history.changes:
            inds = [f.removeprefix("progress/").removesuffix(".csv") for f in c.files if f.startswith("progress/")]
            other = [f for f in c.files if not f.startswith("progress/")]
            out.append(
                {
                    "date": c.date,
                    "subject": c.subject,
                    "commit": c.commit,
                    "indicators": [(i, names[i]) for i in inds if i in names],
                    "other": other,
                }
            )
            if len(out) >= n:
                break
        return out

    def edit_url(self, rel_data_path: str) -> str:
        folder = self.history.folder_in_repo
        if not self.settings.repo_url or folder is None:
            return ""  # the data folder is not inside the repository: there is nothing to edit there
        folder = f"{folder}/" if folder else ""
        return f"{self.settings.repo_url.rstrip('/')}/{self.settings.edit_uri.strip('/')}/{folder}{rel_data_path}"

    def feedback_url(self, subject: str, page: str) -> str:
        email = self.plan.plan.publisher.feedback_email
        body = f"Trang: {page}\n\nNội dung góp ý / số liệu cần sửa:\n"
        if self.settings.repo_url:
            return (
                f"{self.settings.repo_url.rstrip('/')}/issues/new?title={quote('Góp ý: ' + subject)}"
                f"&body={quote(body)}&labels={quote('gop-y')}"
            )
        if email:
            return f"mailto:{email}?subject={quote('Góp ý: ' + subject)}&body={quote(body)}"
        return ""

    # ------------------------------------------------------------------ charts
    def chart_html(self, chart: Chart | None, caption: str = "") -> Markup:
        """The figure of a chart; its SVG is a token that the renderer fills in when MkDocs reads the page."""
        if chart is None:
            return Markup("")
        svg = Markup(self.charts.token(chart))
        links = download_links(chart) if chart.slug else {}
        page = chart.page or "index.md"
        iframe = ""
        if links:
            src = f"{self.settings.site_url.rstrip('/')}/{links['embed']}" if self.settings.site_url else links["embed"]
            iframe = f'<iframe src="{src}" title="{escape(chart.title)}" width="100%" height="480" style="border:0" loading="lazy"></iframe>'
        return Markup(
            self.env.get_template("_chart.html").render(
                chart=chart, svg=svg, caption=caption, links=links, iframe=iframe, link=lambda to: relative(page, to)
            )
        )
