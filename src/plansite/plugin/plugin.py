"""The MkDocs plugin: hands MkDocs what the plansite core makes, and keeps one build's state.

Registered as the ``plansite`` entry point (``pyproject.toml``), listed in ``mkdocs.yml``.
Each event only calls the core (``plansite.build.SiteBuild``):

* ``on_config``: load, check and judge the data once (a data error stops the build with every
  problem listed); sections that depend on the data get their navigation entry (``nav``);
  ``mkdocs build`` writes into a staging folder;
* ``on_files``: the generated pages; their charts start rendering in parallel;
* ``on_page_markdown`` (last, after the macros): each chart's SVG in place of its token, so a
  page holds its charts when MkDocs writes it; generated pages skip Markdown (``raw_pages``);
* ``on_page_content`` (first, so other plugins see the real HTML): the generated page's HTML;
* ``on_post_build``: the open data and the search index; the staging folder swapped into
  place, unless the build is about to fail (a strict-mode warning), so a failed build
  leaves the previous site untouched.

Under ``mkdocs serve --dirty`` the plugin keeps each progress file's last check and the last build's
data between rebuilds (``plansite.rebuild``): after one file changes, only that file is checked again
and only the pages that depend on it are rendered and written (``plugin.dirty``).

Environment variables, for reproducible builds and the benchmark (they change nothing else):
``PLAN_DATA_DIR`` (the data folder), ``PLANSITE_TODAY`` (the build's date, yyyy-mm-dd),
``PLANSITE_CACHE`` (the cache folder), ``PLANSITE_PREVIEW=1`` (the offline preview: links name their .html file and
the search index is also written as scripts, so the site works opened from disk), ``PLANSITE_BUILD_STATS`` (write each step's time as JSON),
``PLANSITE_DUMP_PAGES`` (write every page's Markdown after the macros, for the bare build of the
benchmark), ``PLANSITE_RAW_PAGES=0`` (send generated pages through Markdown); for the PDF of the yearly
reports (``plansite.report.pdf``): ``PLANSITE_PDF=0`` (skip them, a local preview only),
``PLANSITE_PUBLISH=1`` (refuse to skip them), ``PLANSITE_CHROMIUM`` (the browser that prints them).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plansite import model as m
from plansite.build import SiteBuild
from plansite.cache import Cache
from plansite.pipeline import configured_today
from plansite.plugin.dirty import quiet_dirty_notice, rebuilt_files
from plansite.plugin.inert import InertText
from plansite.plugin.nav import add_sections
from plansite.plugin.raw_pages import RawPages, let_go
from plansite.plugin.staging import Staging
from plansite.plugin.stop import BuildStopped
from plansite.problems import DataError
from plansite.rebuild import Previews, rebuild_after
from plansite.render.html import theme_text
from plansite.render.view import Settings
from plansite.report import pdf as report_pdf

log = logging.getLogger("mkdocs.plugins.plansite")


class PlanSiteConfig(Config):
    data_dir = c.Type(str, default="")  # the data folder; default: $PLAN_DATA_DIR, else «data» beside mkdocs.yml


def build_date() -> dt.date:
    """The date the build judges on: ``PLANSITE_TODAY`` if set (reproducible builds), else today."""
    try:
        return configured_today()
    except ValueError as exc:
        raise BuildStopped(str(exc)) from None


def repository(from_data: str, from_config: str = "") -> str:
    """Where edit and issue links point: ``PLANSITE_REPO_URL``, else the GitHub repository CI runs in, else the data's."""
    explicit = os.environ.get("PLANSITE_REPO_URL", "").strip()
    if explicit:
        return explicit
    server, repo = os.environ.get("GITHUB_SERVER_URL", "").strip(), os.environ.get("GITHUB_REPOSITORY", "").strip()
    if server and repo:
        return f"{server.rstrip('/')}/{repo}"
    return from_data or from_config


PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "/example/", "localhost")


def _placeholder(text: str) -> bool:
    return any(h in text for h in PLACEHOLDER_HOSTS)


def contacts(data: m.PlanData) -> list[str]:
    """Who a reader can reach, as the data names them: plan.yaml «publisher.contacts» and «publisher.feedback_email»,
    and each agency's «contact» (the contacts page lists the same); a placeholder address reaches nobody."""
    pub = data.plan.publisher
    found: list[m.Contact] = [*pub.contacts, *(a.contact for a in data.agencies if a.contact is not None)]
    out = [ct.name for ct in found if not _placeholder(f"{ct.email} {ct.url}")]
    if pub.feedback_email and not _placeholder(pub.feedback_email):
        out.append(pub.feedback_email)
    return out


def publishing_problems(repo: str, data: m.PlanData) -> list[str]:
    """What stops a publishing build (``PLANSITE_PUBLISH=1``): a placeholder repository, or no way to reach a person.

    The rule: a published site always gives citizens a way to reach a person, either a contact from the
    data (``contacts``) or, when the site's real repository is known, the repository's issue form (the
    contacts page and every «góp ý» link then lead there). A placeholder repository is no route.
    """
    out = []
    if not repo:
        out.append("không biết kho dữ liệu của trang: đặt PLANSITE_REPO_URL, hoặc «publisher.repository» trong plan.yaml.")
    elif _placeholder(repo):
        out.append(f"kho dữ liệu «{repo}» là địa chỉ mẫu: đặt PLANSITE_REPO_URL hoặc «publisher.repository» cho đúng kho thật.")
    issue_form = bool(repo) and not _placeholder(repo)
    if not contacts(data) and not issue_form:
        out.append(
            "không có đầu mối nhận góp ý: người đọc không liên hệ được với ai. Thêm «publisher.contacts» (email, điện thoại "
            "hoặc địa chỉ) vào plan.yaml, hoặc cho biết kho dữ liệu thật để người đọc góp ý qua biểu mẫu của kho."
        )
    pub = data.plan.publisher
    for ct in pub.contacts:
        if _placeholder(f"{ct.email} {ct.url}"):
            out.append(f"liên hệ «{ct.name}» dùng địa chỉ mẫu ({ct.email or ct.url}): ghi địa chỉ thật.")
    return out


class PlanSitePlugin(BasePlugin[PlanSiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.build: SiteBuild | None = None
        self.staging: Staging | None = None
        self.raw: RawPages | None = None
        self.written: list[Page] = []  # the generated pages MkDocs converted, until their HTML is let go (on_post_build)
        self.dump: Path | None = None
        self.started = 0.0
        self.previews: Previews | None = None  # kept between the rebuilds of «mkdocs serve --dirty»
        self.site_stamps: tuple[object, ...] = ()
        self.inert = InertText()  # text from data in hand-written pages (macros/main.py sets Jinja's finalize)

    def current(self) -> SiteBuild:
        if self.build is None:
            raise BuildStopped("Chưa nạp dữ liệu: sự kiện on_config của plugin plansite chưa chạy.")
        return self.build

    # ------------------------------------------------------------------------------- lifecycle

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.previews = Previews() if command == "serve" and dirty else None
        if self.previews is not None:
            quiet_dirty_notice()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.started = time.perf_counter()
        if self.previews is not None:
            self.previews.writing = False
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        folder = self.config.data_dir or os.environ.get("PLAN_DATA_DIR") or str(root / "data")
        if self.build is not None:
            self.build.close()
        try:
            pdf = report_pdf.setting()
        except report_pdf.PrintError as exc:
            raise BuildStopped(str(exc)) from None
        if not pdf.wanted:
            print(report_pdf.skipped_message(), file=sys.stderr)  # not a MkDocs warning: a strict preview build still works
        try:
            memo = self.previews.memo if self.previews is not None else None
            self.build = SiteBuild.prepare(
                folder, today=build_date(), cache=Cache.beside(root), pdf=pdf, memo=memo, warm_charts=True
            )
        except DataError as exc:
            raise BuildStopped(str(exc)) from None
        if self.previews is not None:
            site_files = [Path(p) for p in (config.config_file_path, config.theme.custom_dir) if p]
            changed, self.site_stamps = self.previews.site_changed(site_files)
            self.previews.rebuild = rebuild_after(self.previews.judged, self.build.judged, self.previews.memo, changed)
        plan = self.build.judged.plan.plan
        repo = repository(plan.publisher.repository, config.repo_url or "")
        if os.environ.get("PLANSITE_PREVIEW") == "1":  # the offline preview (make preview): read from disk, file://
            config.use_directory_urls = False
            self.build.offline_preview = True
        self.build.view.settings = Settings(
            repo_url=repo,
            edit_uri=config.edit_uri or "edit/main/",
            site_url=config.site_url or "",
            directory_urls=config.use_directory_urls,
            pdf=pdf.wanted,
        )
        if repo:
            config.repo_url = repo
        else:
            config.edit_uri = None  # no repository: pages get no «edit» link (a relative one would be broken)
        if os.environ.get("PLANSITE_PUBLISH") == "1":
            problems = publishing_problems(repo, self.build.judged.plan)
            if problems:
                raise BuildStopped("Không xuất bản được trang:\n" + "\n".join(f"- {x}" for x in problems))
        # Escaped once, and marked so: the theme prints it raw in <title> and escapes it again («| e») in the logo's
        # title, where a plain string would show «&amp;amp;».
        config.site_name = Markup(theme_text(plan.short_title))
        config.extra["licence"] = plan.publisher.license  # the footer escapes it (partials/copyright.html)
        add_sections(config, self.build.judged.plan.has_investment)
        dump = os.environ.get("PLANSITE_DUMP_PAGES")
        self.dump = Path(dump) if dump else None
        if self.command in ("build", "gh-deploy"):
            self.staging = Staging(Path(config.site_dir))
            config.site_dir = str(self.staging.folder)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.written.clear()  # a failed build's pages
        previews = self.previews
        if previews is not None:
            previews.writing = True
        if previews is not None and not previews.rebuild.everything:
            pages = self.current().pages(previews.rebuild.wanted)
            trusted = self.raw.trusted if self.raw is not None else None  # the last build's verdicts
            self.raw = RawPages(set(pages), trusted) if os.environ.get("PLANSITE_RAW_PAGES", "1") != "0" else None
            return rebuilt_files(files, config, pages, previews.sources)
        pages = self.current().pages()
        if previews is not None:
            previews.sources = list(pages)
        for src_uri, content in pages.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, src_uri, content=content))
        self.raw = RawPages(set(pages)) if os.environ.get("PLANSITE_RAW_PAGES", "1") != "0" else None
        return files

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The plan's text is «Toàn văn» only when it is the whole document (plan.yaml «text»)."""
        view = self.current().view
        for item in nav.items:
            if getattr(item, "file", None) is not None and item.file.src_uri == "toan-van.md":
                item.title = view.text_word.capitalize()
        return nav

    @event_priority(-100)  # last: after the macros, which may add charts of their own
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build = self.current()
        markdown = build.fill(markdown)
        if self.dump is not None:
            self._dump(page, markdown)
        if self.raw is None or page.file.src_uri not in self.raw.sources:
            return markdown
        # MkDocs has read the generated page; its copy in the File is not read again. Letting it
        # go keeps one copy of each page in memory instead of two (a large plan has gigabytes).
        page.file.content_string = ""
        return self.raw.take_markdown(page.file.src_uri, markdown)

    @event_priority(100)  # first: every other plugin sees the page's real HTML
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        html = self.inert.fill(html)
        if self.raw is not None:
            html = self.raw.give_content(page.file.src_uri, html, page)
        build = self.current()
        build.index_page(page, html)
        if page.file.src_uri in build.generated:
            self.written.append(page)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Text from data in a hand-written page's title and table of contents, as text (``plugin.inert``)."""
        return self.inert.fill(output)

    @event_priority(-100)  # last: the search plugin's index is written, and every other plugin's warnings counted
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.current()
        build.view.charts.close()
        let_go(self.written)
        previews = self.previews
        if previews is not None and not previews.rebuild.everything:
            build.publish_rebuilt(Path(config.site_dir))
            log.info(
                "Xem trước nhanh: %s. Dữ liệu mở, mẫu nhập liệu, tệp tải biểu đồ và tệp báo cáo giữ bản của lần dựng "
                "đầy đủ trước; dựng đầy đủ: mkdocs build, hoặc chạy lại mkdocs serve.",
                previews.rebuild.describe(),
            )
        else:
            try:
                build.publish(Path(config.site_dir))
            except report_pdf.PrintError as exc:
                raise BuildStopped(str(exc)) from None
        if previews is not None:
            previews.judged, previews.site = build.judged, self.site_stamps
            previews.memo.settle()
        self._write_stats(build)
        if self.staging is None:
            return
        staging, self.staging = self.staging, None
        if config.strict and (count := _warnings_so_far()):
            staging.abandon()  # MkDocs would stop the build right after this event, in English: stopped here
            raise BuildStopped(
                f"Có {count} cảnh báo khi dựng trang ở chế độ nghiêm ngặt (--strict); xem các dòng WARNING ở trên."
            )
        staging.publish()
        config.site_dir = str(staging.final)

    def on_build_error(self, *, error: Exception) -> None:
        if self.previews is not None and self.previews.writing:
            self.previews.judged = None  # what the failed build wrote is unknown: the next one writes every page
        if self.build is not None:
            self.build.close()
        if self.staging is not None:
            self.staging.abandon()
            self.staging = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """`mkdocs serve` rebuilds when a data file changes, not only docs/."""
        server.watch(str(self.current().judged.folder.resolve()))
        return server

    def on_shutdown(self) -> None:
        if self.build is not None:
            self.build.close()

    # ------------------------------------------------------------------------------- benchmark

    def _dump(self, page: Page, markdown: str) -> None:
        """The page's Markdown as MkDocs reads it after the macros (front matter included), for the bare build."""
        assert self.dump is not None
        dest = self.dump / page.file.src_uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        meta = dict(page.meta or {})
        front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" if meta else ""
        dest.write_text(front + markdown, encoding="utf-8")

    def _write_stats(self, build: SiteBuild) -> None:
        target = os.environ.get("PLANSITE_BUILD_STATS")
        if not target:
            return
        r = build.view.charts
        out: dict[str, Any] = dict(build.timings)
        out.update(
            pages_without_markdown=self.raw.skipped if self.raw else 0,
            chart_wait=r.waited,
            charts_rendered=r.rendered,
            charts_cached=r.cached,
            chart_render_seconds=r.seconds,
            chart_workers=r.workers,
            charts_drawn_here=r.drawn_here,
            until_post_build=time.perf_counter() - self.started,
            pages=len(build.page_sources),
        )
        Path(target).write_text(json.dumps(out, indent=1), encoding="utf-8")


def _warnings_so_far() -> int:
    """Warnings counted by MkDocs in strict mode; such a build is aborted right after on_post_build."""
    from mkdocs.utils import CountHandler

    return sum(n for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler) for _, n in h.get_counts())
