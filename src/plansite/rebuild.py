"""What a rebuild of ``mkdocs serve --dirty`` renders again: the map from a changed data file to pages.

A staff member previewing a change keeps ``mkdocs serve --dirty`` running; after a file is saved,
MkDocs calls the build again in the same process. ``Previews`` is what that process keeps
between builds: each progress file's last check (``check.progress.memo``), and the last build's
judged data and pages. ``rebuild_after`` compares the new judgement with the last one:

* a change outside ``progress/`` (plan, indicators, places, agencies, tasks, investment, task
  updates, the full text), a new day, or a change to ``mkdocs.yml`` or the theme's overrides:
  every page, as in a full build;
* a progress file changed (or added, or deleted): the page of each indicator whose figures, status
  or owed figures changed, the page of each place whose figures changed, and every page that
  shows the whole plan (the home page and lists, areas, tasks, agencies, reports, updates, the
  full text: few and cheap);
* every other page (a place or indicator untouched) is kept as the last build wrote it.

The open data, staff templates, chart downloads and report files are written by full builds only
(``mkdocs build``, or the first build of ``mkdocs serve``): the rebuild says so in its log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plansite.check.progress.memo import ProgressMemo, stamps_of
from plansite.model.observations import Observation
from plansite.status.judged import Judged

INDICATOR_PAGES = "chi-tieu"  # the kinds of page a rebuild may skip (``render.pages.Wanted``)
PLACE_PAGES = "dia-ban"


@dataclass(frozen=True)
class Rebuild:
    """Which generated pages a build renders: every page, or those about the indicators and places listed."""

    everything: bool = True
    indicators: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    files: tuple[str, ...] = ()  # the progress files whose rows changed

    def wanted(self, kind: str, ident: str) -> bool:
        if self.everything:
            return True
        if kind == INDICATOR_PAGES:
            return ident in self.indicators
        if kind == PLACE_PAGES:
            return ident in self.places
        return True

    def describe(self) -> str:
        """One Vietnamese line for the log of ``mkdocs serve``."""
        if self.everything:
            return "dựng lại mọi trang"
        files = ", ".join(self.files) or "không tệp số liệu nào đổi"
        return (
            f"{files}; dựng lại {len(self.indicators)} trang chỉ tiêu, {len(self.places)} trang địa bàn "
            "và các trang tổng hợp, giữ nguyên các trang khác"
        )


EVERYTHING = Rebuild()


def rebuild_after(before: Judged | None, after: Judged, memo: ProgressMemo, site_changed: bool = False) -> Rebuild:
    """What to render after ``before`` (the last build of this process; None: the first build).
    ``site_changed``: the site's own settings or theme changed (``Previews.site_changed``): every page shows them."""
    if before is None or memo.context_changed or site_changed:
        return EVERYTHING
    indicators: set[str] = set()
    places: set[str] = set()
    for old, new in memo.changed.values():
        if old == new:  # read again, the same rows
            continue
        indicators.update(o.indicator for o in old)
        indicators.update(o.indicator for o in new)
        places |= _places_changed(old, new)
    for iid in set(before.statuses) | set(after.statuses):
        if before.statuses.get(iid) != after.statuses.get(iid):
            indicators.add(iid)
    for key in set(before.owed) | set(after.owed):
        if before.owed.get(key) != after.owed.get(key):
            indicators.add(key[0])
    files = tuple(sorted(rel for rel, (old, new) in memo.changed.items() if old != new))
    return Rebuild(False, frozenset(indicators), frozenset(places), files)


def _places_changed(old: Iterable[Observation], new: Iterable[Observation]) -> set[str]:
    """Places whose figures differ between ``old`` and ``new`` (a row moved to another line is no change)."""

    def by_place(rows: Iterable[Observation]) -> dict[str, list[tuple[object, ...]]]:
        out: dict[str, list[tuple[object, ...]]] = {}
        for o in rows:
            out.setdefault(o.place, []).append(o[:-1])
        return {k: sorted(v, key=repr) for k, v in out.items()}

    a, b = by_place(old), by_place(new)
    return {p for p in a.keys() | b.keys() if a.get(p) != b.get(p)}


@dataclass
class Previews:
    """What ``mkdocs serve --dirty`` keeps between builds (``plugin.PlanSitePlugin`` holds one)."""

    memo: ProgressMemo = field(default_factory=ProgressMemo)
    judged: Judged | None = None  # the last build's
    sources: list[str] = field(default_factory=list)  # every generated page of the last build
    rebuild: Rebuild = EVERYTHING  # what the current build renders
    writing: bool = False  # the current build has handed its pages to MkDocs (a failure now leaves pages unknown)
    site: tuple[object, ...] = ()  # stamps of mkdocs.yml and the theme's overrides at the last build that succeeded

    def site_changed(self, paths: list[Path]) -> tuple[bool, tuple[object, ...]]:
        """Whether the files every page is made with (``paths``: mkdocs.yml, the theme's overrides) changed."""
        now = tuple(stamps_of(p) for p in paths)
        return now != self.site, now
