"""The build context: data loaded, checked and judged once per build, and the pages made from it.

MkDocs hooks and macros call into this module; it does not import MkDocs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import posixpath
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from pydantic import PrivateAttr

from plansite import model as m
from plansite.check.references import is_safe_url
from plansite.load.history import History, read_history
from plansite.pipeline import Checked, check
from plansite.problems import DataError
from plansite.render import charts as ch
from plansite.render import tables
from plansite.status.method import ORDER, STATUSES, IndicatorStatus, assess_all
from plansite.status.reporting import REPORT_LABELS, YearRecord, reporting_record
from plansite.vi import fmt


@dataclass
class SiteConfig:
    repo_url: str = ""
    edit_uri: str = "edit/main/"
    cache_dir: Path | None = None
    # Compiled page templates (Jinja bytecode), kept like Python's __pycache__: code, not data.
    template_cache: Path | None = None
    today: dt.date = field(default_factory=dt.date.today)


def page_url(src_uri: str) -> str:
    """The URL path (directory style) of a page source."""
    if src_uri.endswith("index.md"):
        d = posixpath.dirname(src_uri)
        return d + "/" if d else ""
    return src_uri[:-3] + "/"


@functools.lru_cache(maxsize=1 << 18)  # pure; a table links to the same pages row after row
def relative(from_src: str, to: str) -> str:
    """A relative link from the page ``from_src`` to ``to`` (a page source or a site file path, with #fragment)."""
    target, _, frag = to.partition("#")
    dest = page_url(target) if target.endswith(".md") else target
    here = page_url(from_src)
    rel = posixpath.relpath(dest or ".", here or ".")
    if target.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{frag}" if frag else "")


class IndexedPlan(m.PlanData):
    """The same plan data, with lookups by id (``indicator``, ``agency``, ``place``, ``area``) in constant time.

    Templates look an item up on every row of a table; ``PlanData`` scans its list each time.
    Results are the same: the first item with that id, and ``StopIteration`` for an unknown id.
    """

    _index: dict[str, dict[str, Any]] = PrivateAttr(default_factory=dict)

    @classmethod
    def of(cls, plan: m.PlanData) -> IndexedPlan:
        values = {name: getattr(plan, name) for name in type(plan).model_fields}
        return cls.model_construct(_fields_set=set(plan.model_fields_set), **values)

    def _find(self, kind: str, items: list[Any], ident: str) -> Any:
        index = self._index.get(kind)
        if index is None:
            index = {}
            for item in items:
                index.setdefault(item.id, item)
            self._index[kind] = index
        return index.get(ident)

    def indicator(self, iid: str) -> m.Indicator:
        found = self._find("indicators", self.indicators, iid)
        return found if found is not None else super().indicator(iid)

    def agency(self, aid: str) -> m.Agency:
        found = self._find("agencies", self.agencies, aid)
        return found if found is not None else super().agency(aid)

    def place(self, pid: str) -> m.Place:
        found = self._find("places", self.places.places, pid)
        return found if found is not None else super().place(pid)

    def area(self, aid: str) -> m.Area:
        found = self._find("areas", self.areas, aid)
        return found if found is not None else super().area(aid)


class Site:
    """Everything one build needs, computed once."""

    def __init__(self, checked: Checked, config: SiteConfig):
        if not checked.ok or checked.plan is None:
            raise DataError(checked.problems)
        self.checked = checked
        self.plan: m.PlanData = IndexedPlan.of(checked.plan)
        self.config = config
        self.obs = checked.progress.observations
        self.status: dict[str, IndicatorStatus] = assess_all(self.plan, self.obs)
        self.history: History = read_history(checked.folder)
        self.reporting: dict[str, list[YearRecord]] = reporting_record(self.plan, self.obs, config.today)
        self.places = {p.id: p for p in self.plan.places.places}
        self._place_order = {p.id: i for i, p in enumerate(self.plan.places.places)}
        self._ind_order = {ind.id: i for i, ind in enumerate(self.plan.indicators)}
        self.renderer = ch.SvgRenderer(config.cache_dir)
        ch.cache_templates(config.template_cache)
        self.timings: dict[str, float] = {}  # seconds of each step of pages(), for the benchmark
        # Set by the MkDocs build (plansite.build): a chart not in the cache is handed to helper
        # processes and its SVG put in place when MkDocs reads the page (SvgRenderer.resolve).
        self.defer_charts = False
        self.page_sources: list[str] = []
        self._obs_by_ind: dict[str, list[Any]] = {}
        for o in self.obs:
            self._obs_by_ind.setdefault(o.indicator, []).append(o)
        bytecode = None
        if config.template_cache is not None:
            with contextlib.suppress(OSError):
                config.template_cache.mkdir(parents=True, exist_ok=True)
                bytecode = FileSystemBytecodeCache(str(config.template_cache))
        self.env = Environment(
            loader=PackageLoader("plansite.render", "templates"),
            bytecode_cache=bytecode,
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            num=fmt.number,
            vdate=fmt.date,
            unit=fmt.with_unit,
            safe_url=self.safe_url,
            inert=inert,
            next_day=lambda d: d + dt.timedelta(days=1),
        )
        self.env.globals.update(
            STATUSES=STATUSES,
            ORDER=ORDER,
            KIND_LABELS=m.KIND_LABELS,
            ROLE_LABELS=m.ROLE_LABELS,
            BASIS_LABELS=m.BASIS_LABELS,
            OPS=m.OPERATOR_SYMBOLS,
            LEVELS=m.LEVEL_LABELS,
            WORK=m.WORK_STATUS_LABELS,
            REPORT_LABELS=REPORT_LABELS,
            site=self,
            fmt=fmt,
        )

    # ------------------------------------------------------------------ helpers for templates
    @staticmethod
    def safe_url(url: str) -> str:
        return url if url and is_safe_url(url) else ""

    def observations(self, iid: str) -> list[Any]:
        return self._obs_by_ind.get(iid, [])

    def edit_url(self, rel_data_path: str) -> str:
        folder = self.history.folder_in_repo
        if not self.config.repo_url or folder is None:
            return ""  # the data folder is not inside the repository: there is nothing to edit there
        folder = f"{folder}/" if folder else ""
        return f"{self.config.repo_url.rstrip('/')}/{self.config.edit_uri.strip('/')}/{folder}{rel_data_path}"

    def feedback_url(self, subject: str, page: str) -> str:
        email = self.plan.plan.publisher.feedback_email
        body = f"Trang: {page}\n\nNội dung góp ý / số liệu cần sửa:\n"
        if self.config.repo_url:
            return (
                f"{self.config.repo_url.rstrip('/')}/issues/new?title={quote('Góp ý: ' + subject)}"
                f"&body={quote(body)}&labels={quote('gop-y')}"
            )
        if email:
            return f"mailto:{email}?subject={quote('Góp ý: ' + subject)}&body={quote(body)}"
        return ""

    def last_update(self, iid: str) -> dt.date | None:
        return self.history.last(f"progress/{iid}.csv")

    def status_counts(self, indicator_ids: list[str] | None = None) -> dict[str, int]:
        c: Counter[str] = Counter()
        wanted = None if indicator_ids is None else set(indicator_ids)
        for iid, st in self.status.items():
            if wanted is None or iid in wanted:
                for a in st.assessments:
                    c[a.status] += 1
        return {s: c[s] for s in ORDER if c[s]}

    def chart_html(self, chart: ch.Chart | None, caption: str = "") -> Markup:
        if chart is None:
            return Markup("")
        svg = (self.renderer.defer(chart) if self.defer_charts else None) or self.renderer.svg(chart)
        return Markup(self.env.get_template("_chart.html").render(chart=chart, svg=Markup(svg), caption=caption))

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

    # ------------------------------------------------------------------ pages
    def render(self, template: str, src_uri: str, title: str, **ctx: Any) -> str:
        link: Callable[[str], str] = lambda to: relative(src_uri, to)  # noqa: E731
        body = self.env.get_template(template).render(link=link, src=src_uri, title=title, **ctx)
        return page_markdown(title, body, ctx.get("description", ""))

    def fragment(self, template: str, src_uri: str, **ctx: Any) -> str:
        """HTML for a macro in a hand-written page: one raw block, no blank lines."""
        link: Callable[[str], str] = lambda to: relative(src_uri, to)  # noqa: E731
        html = self.env.get_template(template).render(link=link, src=src_uri, **ctx)
        lines = [line for line in html.splitlines() if line.strip()]
        return '<div class="ps-frag" markdown="0">\n' + "\n".join(lines) + "\n</div>"

    def pages(self) -> dict[str, str]:
        """Every generated page: source path → Markdown (front matter + one HTML block)."""
        p = self.plan
        started = time.perf_counter()
        # Every chart first, so that the ones not in the cache are rendered together (in parallel).
        ind_charts = {
            ind.id: (
                ch.indicator_chart(ind, self.observations(ind.id), self.status[ind.id].assessments, p.plan.place),
                ch.place_chart(ind, self.observations(ind.id), self.places, p.plan.place),
            )
            for ind in p.indicators
        }
        area_rel = {area.id: self.related("area", area.id) for area in p.areas}
        area_charts: dict[str, ch.Chart | None] = {}
        for area in p.areas:
            counts = self.status_counts([i.id for i in area_rel[area.id]["indicators"]])
            area_charts[area.id] = ch.status_chart(counts, f"Tình trạng các mục tiêu: {area.name}") if counts else None
        specs_done = time.perf_counter()
        every = [c for pair in ind_charts.values() for c in pair] + list(area_charts.values())
        if self.defer_charts:
            self.renderer.defer_all(every)
        else:
            self.renderer.prerender(every)
        charts_done = time.perf_counter()
        out: dict[str, str] = {}
        out["chi-tieu/index.md"] = self.render("indicators_index.html", "chi-tieu/index.md", "Các chỉ tiêu")
        for ind in p.indicators:
            src = f"chi-tieu/{ind.id}.md"
            obs = self.observations(ind.id)
            own, other = tables.split_own(obs, p.plan.place)
            st = self.status[ind.id]
            main, by_place = ind_charts[ind.id]
            out[src] = self.render(
                "indicator.html",
                src,
                ind.name,
                ind=ind,
                st=st,
                obs=sorted(
                    own,
                    key=lambda o: (o.series != ind.primary_series, o.series, o.year, o.method),
                ),
                pivot=tables.place_pivot(other, self._place_order, {s.id: i for i, s in enumerate(ind.series)}),
                sources=tables.distinct_sources(obs),
                main_chart=self.chart_html(main),
                place_chart=self.chart_html(by_place),
                description=f"{ind.name}: mục tiêu, số liệu, tình trạng và nguồn.",
            )
        out["linh-vuc/index.md"] = self.render("areas_index.html", "linh-vuc/index.md", "Các lĩnh vực")
        for area in p.areas:
            src = f"linh-vuc/{area.id}.md"
            chart = area_charts[area.id]
            out[src] = self.render(
                "area.html",
                src,
                area.name,
                area=area,
                rel=area_rel[area.id],
                chart=self.chart_html(chart) if chart is not None else Markup(""),
            )
        out["nhiem-vu/index.md"] = self.render("tasks_index.html", "nhiem-vu/index.md", "Các nhóm nhiệm vụ")
        for task in p.tasks:
            src = f"nhiem-vu/{task.id}.md"
            out[src] = self.render("task.html", src, f"Nhiệm vụ {task.number}: {task.label}", task=task)
        out["co-quan/index.md"] = self.render("agencies_index.html", "co-quan/index.md", "Các cơ quan thực hiện")
        for ag in p.agencies:
            src = f"co-quan/{ag.id}.md"
            out[src] = self.render(
                "agency.html", src, ag.name, ag=ag, rel=self.related("agency", ag.id), record=self.reporting.get(ag.id, [])
            )
        out["dia-ban/index.md"] = self.render("places_index.html", "dia-ban/index.md", "Các địa bàn")
        obs_by_place: dict[str, list[Any]] = {}
        for o in self.obs:
            obs_by_place.setdefault(o.place, []).append(o)
        for place in p.places.places:
            src = f"dia-ban/{place.id}.md"
            out[src] = self.render(
                "place.html",
                src,
                place.full_name,
                place=place,
                obs=sorted(
                    tables.latest(obs_by_place.get(place.id, [])),
                    key=lambda o: (
                        self._ind_order.get(o.indicator, 0),
                        o.series != self.plan.indicator(o.indicator).primary_series,
                        o.series,
                    ),
                ),
                counted=len(obs_by_place.get(place.id, [])),
                children=[c for c in p.places.places if c.parent == place.id],
            )
        out["toan-van.md"] = self.render(
            "fulltext.html", "toan-van.md", f"Toàn văn {p.plan.kind} {p.plan.number}", blocks=self.checked_blocks()
        )
        out["cap-nhat.md"] = self.render("updates.html", "cap-nhat.md", "Cập nhật mới", changes=self.recent_changes(100))
        done = time.perf_counter()
        self.timings.update(
            chart_specs=specs_done - started, chart_render=charts_done - specs_done, page_templates=done - charts_done
        )
        self.page_sources = list(out)
        return out

    def checked_blocks(self) -> list[Any]:
        from plansite.load.files import FILES
        from plansite.load.fulltext import load_fulltext
        from plansite.problems import Problems

        return load_fulltext(self.checked.folder / FILES["fulltext"], Problems())

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


def inert(text: str) -> Markup:
    """Data text as HTML text: escaped, with « {{ » and « {% » made harmless for later template passes."""
    s = str(escape(text))
    s = s.replace("{", "&#123;").replace("}", "&#125;").replace("\n", " ")
    return Markup(s)


def theme_text(text: str) -> str:
    """Text from data for places where the theme prints it without escaping (titles, meta tags).

    The theme also runs ``striptags`` on titles, which turns entities back into characters, so angle
    brackets are replaced by look-alikes (‹ ›) instead of being escaped; the page body shows the original.
    """
    return str(escape(text.replace("<", "‹").replace(">", "›")))


def page_markdown(title: str, html: str, description: str = "") -> str:
    """A generated page: YAML front matter (JSON strings are valid YAML) and one raw-HTML block."""
    lines = [line for line in html.splitlines() if line.strip()]
    front = ["---", f"title: {json.dumps(theme_text(title), ensure_ascii=False)}", "render_macros: false"]
    if description:
        front.append(f"description: {json.dumps(theme_text(description), ensure_ascii=False)}")
    front.append("---")
    return "\n".join(front) + '\n\n<div class="ps-page" markdown="0">\n' + "\n".join(lines) + "\n</div>\n"


def build_site(folder: Path | str | None, config: SiteConfig) -> Site:
    """Load, check and judge the data; raise ``DataError`` (all problems) when it is not valid."""
    return Site(check(folder, today=config.today), config)
