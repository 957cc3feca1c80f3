"""One build of the site, without MkDocs: load → check → judge → render → publish.

``SiteBuild.prepare`` runs the first three stages once (a data error raises ``DataError``
with every problem); ``pages`` renders the generated pages, ``fragment`` the blocks that
hand-written pages embed, ``publish`` writes the open data into a built site. The MkDocs
plugin (``plansite.plugin``) only hands these to MkDocs; tests call them directly.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from plansite.cache import Cache
from plansite.load.files import data_dir
from plansite.load.history import read_history
from plansite.pipeline import Checked, check
from plansite.publish import opendata
from plansite.render import search
from plansite.render.charts import ChartRenderer, Shapes
from plansite.render.environment import make_environment
from plansite.render.html import fragment, relative
from plansite.render.pages import make_pages
from plansite.render.view import Settings, SiteView
from plansite.status.judged import Judged, judge


@dataclass
class SiteBuild:
    checked: Checked
    judged: Judged
    view: SiteView
    cache: Cache
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, for the benchmark
    page_sources: list[str] = field(default_factory=list)

    @classmethod
    def prepare(
        cls,
        folder: Path | str | None,
        *,
        today: dt.date,
        settings: Settings | None = None,
        cache: Cache | None = None,
        chart_workers: int | None = None,
    ) -> SiteBuild:
        started = time.perf_counter()
        cache = cache if cache is not None else Cache(None)
        checked = check(data_dir(folder), today=today)
        judged = judge(checked, today)
        view = SiteView(
            judged=judged,
            history=read_history(judged.folder),
            settings=settings or Settings(),
            charts=ChartRenderer(cache, workers=chart_workers),
            shapes=Shapes(cache),
            env=make_environment(cache),
        )
        view.env.globals["site"] = view  # templates and the macros they import see the view as «site»
        build = cls(checked, judged, view, cache)
        build.timings["load_check_assess"] = time.perf_counter() - started
        return build

    def pages(self) -> dict[str, str]:
        """Every generated page (source path → Markdown); charts are tokens until ``fill``."""
        started = time.perf_counter()
        out = make_pages(self.view)
        self.timings["page_templates"] = time.perf_counter() - started
        self.page_sources = list(out)
        return out

    def fill(self, text: str) -> str:
        """``text`` (a page, as MkDocs reads it) with the SVG of each chart in place."""
        return self.view.charts.fill(text)

    def fragment(self, template: str, src_uri: str, **ctx: Any) -> str:
        """HTML for a macro of a hand-written page (charts filled in when MkDocs reads the page)."""
        link = lambda to: relative(src_uri, to)  # noqa: E731
        html = self.view.env.get_template(template).render(link=link, src=src_uri, site=self.view, **ctx)
        return fragment(html)

    def publish(self, site_dir: Path) -> None:
        """Open data into ``site_dir``; Vietnamese words typed without diacritics added to the search index."""
        t0 = time.perf_counter()
        opendata.write(self._opendata_input(), site_dir)
        t1 = time.perf_counter()
        search.fold_index(site_dir / "search" / "search_index.json")
        self.timings.update(opendata=t1 - t0, searchfold=time.perf_counter() - t1)

    def _opendata_input(self) -> Any:
        j = self.judged
        return SimpleNamespace(
            plan=j.plan,
            obs=j.observations,
            status=j.statuses,
            reporting=j.reporting,
            places=j.places,
            checked=self.checked,
            config=SimpleNamespace(today=j.today, template_cache=self.cache.folder_for("xlsx")),
        )

    def close(self) -> None:
        self.view.charts.close()
