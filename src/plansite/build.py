"""One build of the site, without MkDocs: load → check → judge → render → publish.

``SiteBuild.prepare`` runs the first three stages once (a data error raises ``DataError``
with every problem); ``pages`` renders the generated pages, ``fragment`` the blocks that
hand-written pages embed, ``publish`` writes the open data into a built site. The MkDocs
plugin (``plansite.plugin``) only hands these to MkDocs; tests call them directly.
"""

from __future__ import annotations

import datetime as dt
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from plansite.cache import Cache, entry_key
from plansite.check.progress.memo import ProgressMemo
from plansite.load.files import data_dir
from plansite.load.history import read_history
from plansite.pipeline import Checked, check
from plansite.publish.inputs import OpenDataInput
from plansite.publish.write import write as write_open_data
from plansite.render import search
from plansite.render.charts import ChartRenderer, Shapes
from plansite.render.charts.downloads import Credit, write_downloads
from plansite.render.environment import make_environment
from plansite.render.html import fragment, page_url, relative
from plansite.render.markdown_field import markdown_text
from plansite.render.offline import write_offline
from plansite.render.pages import Wanted, everything, make_pages
from plansite.render.view import Settings, SiteView
from plansite.report.pdf import PdfSetting, print_pages
from plansite.staff.site_templates import write_templates
from plansite.status.judged import Judged, judge


@dataclass
class SiteBuild:
    checked: Checked
    judged: Judged
    view: SiteView
    cache: Cache
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, for the benchmark
    page_sources: list[str] = field(default_factory=list)
    search_info: dict[str, search.PageInfo] = field(default_factory=dict)  # page URL -> what search shows of it
    search_texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # generated page URL -> title, text
    generated: set[str] = field(default_factory=set)  # the sources of the generated pages this build renders
    synonyms: list[tuple[str, list[str]]] = field(default_factory=list)
    pdf: PdfSetting = field(default_factory=lambda: PdfSetting(False, ""))
    offline_preview: bool = False  # also write the search index as scripts (``search.write_scripts``)

    @classmethod
    def prepare(
        cls,
        folder: Path | str | None,
        *,
        today: dt.date,
        settings: Settings | None = None,
        cache: Cache | None = None,
        chart_workers: int | None = None,
        pdf: PdfSetting | None = None,
        memo: ProgressMemo | None = None,
        warm_charts: bool = False,
    ) -> SiteBuild:
        """``pdf``: print the yearly reports to PDF with this chromium (``report.pdf.setting``); None: no PDF.
        ``memo``: each progress file's last check, in a process that builds again (``plansite.rebuild``).
        ``warm_charts``: start the chart workers before the data is read, if the cache has no chart of this code
        (``ChartRenderer.warm``); a build that goes on to render its pages asks for it."""
        started = time.perf_counter()
        cache = cache if cache is not None else Cache(None)
        charts = ChartRenderer(cache, workers=chart_workers)
        if warm_charts:
            charts.warm()
        try:
            checked = check(data_dir(folder), today=today, memo=memo)
        except BaseException:
            charts.close(wait=False)  # a data error: no need to wait for the worker to finish starting
            raise
        judged = judge(checked, today)
        view = SiteView(
            judged=judged,
            history=read_history(judged.folder),
            settings=replace(settings or Settings(), pdf=pdf is not None and pdf.wanted),
            charts=charts,
            shapes=Shapes(cache),
            env=make_environment(cache),
        )
        view.env.globals["site"] = view  # templates and the macros they import see the view as «site»
        build = cls(checked, judged, view, cache)
        if pdf is not None:
            build.pdf = pdf
        build.synonyms = [(a.viet_tat, list(a.day_du)) for a in judged.plan.abbreviations]
        build.timings["load_check_assess"] = time.perf_counter() - started
        return build

    def pages(self, wanted: Wanted = everything) -> dict[str, str]:
        """Every generated page, or those ``wanted`` asks for (source path → Markdown); charts are tokens until ``fill``."""
        started = time.perf_counter()
        pages = make_pages(self.view, wanted)
        self.timings["page_templates"] = time.perf_counter() - started
        self.page_sources = [p.src for p in pages]
        self.generated = set(self.page_sources)
        urls = {p.src: page_url(p.src, self.view.settings.directory_urls) for p in pages}
        self.search_info = {urls[p.src]: search.PageInfo(urls[p.src], p.search_kind, p.search_line) for p in pages}
        return {p.src: p.markdown for p in pages}

    def index_page(self, page: Any, html: str) -> None:
        """A generated page's entry of the search index, taken from its HTML here (``search.page_text``); the theme's
        search leaves it out (``page.meta["search"]``). Hand-written pages are left to the theme's search."""
        if page.file.src_uri not in self.generated:
            return
        info = self.search_info.get(page.url)
        text = "" if info is not None and info.kind in search.TITLE_ONLY_KINDS else search.page_text(html)
        self.search_texts[page.url] = (str(page.meta.get("title") or page.title or ""), text)
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}

    def fill(self, text: str) -> str:
        """``text`` (a page, as MkDocs reads it) with the SVG of each chart in place."""
        return self.view.charts.fill(text)

    def fragment(self, template: str, src_uri: str, **ctx: Any) -> str:
        """HTML for a macro of a hand-written page (charts filled in when MkDocs reads the page)."""
        link = lambda to: relative(src_uri, to, self.view.settings.directory_urls)  # noqa: E731
        html = self.view.env.get_template(template).render(link=link, src=src_uri, site=self.view, **ctx)
        return fragment(html)

    def publish(self, site_dir: Path) -> None:
        """What goes beside the pages of a built site: open data, staff templates, chart downloads, the search index,
        offline reading, the yearly reports' .docx and PDF. The reports' PDFs are printed in a thread from the start:
        printing waits on Chromium, a process of its own, while this thread writes the open data, the templates and
        the reports' drafts; no step reads what another writes."""
        t0 = time.perf_counter()
        with ThreadPoolExecutor(1, thread_name_prefix="plansite-pdf") as pool:
            printing = pool.submit(_timed, self.print_reports, site_dir)
            write_open_data(self.open_data_input(), site_dir)
            t1 = time.perf_counter()
            write_templates(site_dir, self.judged.folder, self.judged.plan, self.judged.today, self.cache)
            t2 = time.perf_counter()
            self.write_drafts(site_dir)
            t3 = time.perf_counter()
            # Chromium (the reports' PDFs) is done before the PNGs' processes start: both at once would add their memory.
            printed = printing.result()  # raises what printing raised: a failed step fails the build
        t4 = time.perf_counter()
        plan = self.judged.plan.plan
        credit = Credit(plan.short_title, plan.publisher.license, self.judged.today, self.view.settings.site_url)
        placed = self.view.charts.placed_svgs()
        write_downloads(site_dir, placed, credit, self.view.env, self.cache, self.view.settings.directory_urls)
        t5 = time.perf_counter()
        search.build_index(site_dir, self.search_info, search.Synonyms(self.synonyms), texts=self.search_texts)
        if self.offline_preview:
            search.write_scripts(site_dir)
        t6 = time.perf_counter()
        write_offline(site_dir, self.view.env, plan.short_title, plan.short_title, markdown_text(plan.summary) or plan.title)
        self.timings.update(
            opendata=t1 - t0,
            staff_templates=t2 - t1,
            report_drafts=t3 - t2,
            reports_wait=t4 - t2,
            reports=printed,
            chart_downloads=t5 - t4,
            search_index=t6 - t5,
            offline=time.perf_counter() - t6,
        )

    def publish_rebuilt(self, site_dir: Path) -> None:
        """After a rebuild of ``mkdocs serve --dirty`` (``plansite.rebuild``): the search index, its entries for the pages
        this build wrote replaced. The open data, templates, downloads and report files stay as the last full build wrote them."""
        t0 = time.perf_counter()
        search.build_index(site_dir, self.search_info, search.Synonyms(self.synonyms), merge=True, texts=self.search_texts)
        if self.offline_preview:
            search.write_scripts(site_dir)
        self.timings["search_index"] = time.perf_counter() - t0

    def write_drafts(self, site_dir: Path) -> None:
        """Beside each yearly report's page: its .docx draft (``bao-cao/<year>.docx``)."""
        reports = self.view.reports
        folder = site_dir / "bao-cao"
        folder.mkdir(parents=True, exist_ok=True)
        for year, report in reports.items():
            # A report is plain frozen data: its repr names everything the draft is made of.
            key = entry_key("report-docx", repr(report), self.judged.today.isoformat())
            data = self.cache.get("report-docx", key, ".docx")
            if data is None:
                from plansite.report.docx import docx_bytes  # python-docx (with lxml) only when a draft is made

                data = docx_bytes(report, self.judged.today)
                self.cache.put("report-docx", key, data, ".docx")
            (folder / f"{year}.docx").write_bytes(data)

    def print_reports(self, site_dir: Path) -> None:
        """Beside each yearly report's page, when this build prints: its PDF (``bao-cao/<year>.pdf``)."""
        reports = self.view.reports
        if self.pdf.wanted:
            page = "bao-cao/{}/index.html" if self.view.settings.directory_urls else "bao-cao/{}.html"  # the offline preview
            pages = [(page.format(year), f"bao-cao/{year}.pdf") for year in reports]
            stats = print_pages(
                site_dir,
                pages,
                self.cache,
                chromium=self.pdf.chromium,
                today=self.judged.today,
                site_url=self.view.settings.site_url,
            )
            self.timings.update(
                report_pdfs_printed=stats.printed, report_pdfs_cached=stats.cached, report_pdf_seconds=stats.seconds
            )

    def open_data_input(self) -> OpenDataInput:
        j = self.judged
        return OpenDataInput(
            plan=j.plan,
            observations=j.observations,
            statuses=j.statuses,
            reporting=j.reporting,
            owed=j.owed,
            places=j.places,
            data_folder=j.folder,
            today=j.today,
            cache=self.cache,
        )

    def close(self) -> None:
        self.view.charts.close()


def _timed(fn: Any, *args: Any) -> float:
    """Run ``fn(*args)``; the seconds it took."""
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started
