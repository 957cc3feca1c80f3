"""What templates see as ``site``: the judged plan and the lookups pages share.

A thin, read-only view: every answer is computed from the judged plan (``status.judged``),
the data folder's history (``load.history``) and the build's settings.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from plansite import model as m
from plansite.check.progress import Observation
from plansite.load.history import History
from plansite.render.charts import Chart, ChartRenderer, Shapes
from plansite.render.charts.downloads import download_links
from plansite.render.feedback import Links, Remark
from plansite.render.feedback import links as feedback_links
from plansite.render.html import relative
from plansite.render.updates import Update
from plansite.render.updates import words as update_words
from plansite.report import Report, build_report, report_years
from plansite.status.investment import Investment
from plansite.status.judged import IndexedPlan, Judged
from plansite.status.method import IndicatorStatus
from plansite.status.tasks import TaskStatus


@dataclass(frozen=True)
class Settings:
    """Where the site is published from: its repository (for edit and feedback links)."""

    repo_url: str = ""
    edit_uri: str = "edit/main/"
    site_url: str = ""  # the site's absolute address (for embed codes); "" when not known
    pdf: bool = True  # the yearly reports are printed to PDF (the build then needs chromium: report.pdf)
    directory_urls: bool = True  # False for the offline preview: every link names its .html file (``html.page_url``)


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
    def full_text(self) -> bool:
        """Whether toan-van.md holds the whole plan, or only an excerpt (plan.yaml «text»)."""
        return self.plan.plan.text == "toan-van"

    @property
    def text_word(self) -> str:
        return "toàn văn" if self.full_text else "trích đoạn văn bản"

    @property
    def today(self) -> dt.date:
        return self.judged.today

    @property
    def tasks(self) -> dict[str, TaskStatus]:
        """Task id -> its status by the public rule (``status.tasks``)."""
        return self.judged.tasks

    @property
    def investment(self) -> Investment | None:
        """Programmes, projects and figures; None when the plan has none (pages then say nothing of it)."""
        return self.judged.investment if self.plan.has_investment else None

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

    def recent_changes(self, n: int) -> list[Update]:
        """The latest changes of the data, in the data's words (``render.updates``)."""
        return [update_words(c, self.plan, self.judged.folder) for c in self.history.changes[:n]]

    def edit_url(self, rel_data_path: str) -> str:
        folder = self.history.folder_in_repo
        if not self.settings.repo_url or folder is None:
            return ""  # the data folder is not inside the repository: there is nothing to edit there
        folder = f"{folder}/" if folder else ""
        return f"{self.settings.repo_url.rstrip('/')}/{self.settings.edit_uri.strip('/')}/{folder}{rel_data_path}"

    def feedback(
        self, subject: str, ind: m.Indicator | None = None, year: object = "", place: str = "", value: str = ""
    ) -> Links:
        """Where a remark about this goes (e-mail to the contact responsible, the repository's issue form)."""
        remark = Remark(subject, ind.name if ind is not None else "", str(year or ""), place, value)
        return feedback_links(self.plan, self.settings.repo_url, remark, ind)

    def feedback_url(self, subject: str, page: str = "") -> str:
        """One address for a general remark: the e-mail if there is one, else the issue form."""
        f = self.feedback(subject)
        return f.mail or f.form

    # ------------------------------------------------------------------ charts
    def chart_html(self, chart: Chart | None, caption: str = "") -> Markup:
        """The figure of a chart; its SVG is a token that the renderer fills in when MkDocs reads the page."""
        if chart is None:
            return Markup("")
        svg = Markup(self.charts.token(chart))
        links = download_links(chart) if chart.slug else {}
        if links and not self.settings.directory_urls:
            links["embed"] += "index.html"  # read from disk, a link to a folder shows the folder
        page = chart.page or "index.md"
        iframe = ""
        if links:
            src = f"{self.settings.site_url.rstrip('/')}/{links['embed']}" if self.settings.site_url else links["embed"]
            iframe = f'<iframe src="{src}" title="{escape(chart.title)}" width="100%" height="480" style="border:0" loading="lazy"></iframe>'
        return Markup(
            self.env.get_template("_chart.html").render(
                chart=chart,
                svg=svg,
                caption=caption,
                links=links,
                iframe=iframe,
                link=lambda to: relative(page, to, self.settings.directory_urls),
            )
        )
