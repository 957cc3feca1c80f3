"""Cross-reference and consistency checks over the loaded plan data.

Each file's references are checked by one function below; targets (``targets.py``), the
place hierarchy (``places.py``) and links (``urls.py``) have their own modules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from plansite import model as m
from plansite.check.markup import check_markdown
from plansite.check.places import check_places
from plansite.check.programmes import check_programmes, check_projects
from plansite.check.targets import target_problems
from plansite.check.urls import is_safe_url, shown_url
from plansite.load.files import Loaded, lines_index
from plansite.load.yamlio import LineDict, line_of
from plansite.problems import Problems, kinds
from plansite.problems.kinds import Kind, examples
from plansite.vi.text import key as folded
from plansite.vi.text import slugify

__all__ = ["Context", "check_model", "is_safe_url", "load_checked", "load_plan", "target_problems"]


class Context:
    """The loaded files, their problems, and the known ids every check looks up."""

    def __init__(self, loaded: Loaded, problems: Problems) -> None:
        self.l = loaded
        self.p = problems
        self._items: dict[tuple[str, str], list[Any]] = {}
        self._rejected: dict[str, frozenset[str]] = {}
        self.anchors = {b.anchor: b.line for b in loaded.blocks if b.anchor}
        self.texts: dict[str, str] = {}
        for b in loaded.blocks:  # a repeated anchor is a problem of its own: quotes are read against its first paragraph
            if b.anchor:
                self.texts.setdefault(b.anchor, _spaces(b.text).casefold())
        self.agency_ids = [a.id for a in loaded.agencies]
        self.area_ids = [a.id for a in loaded.areas]
        self.indicator_ids = [i.id for i in loaded.indicators]
        self.task_ids = [t.id for t in loaded.tasks]
        self.duty_ids = [d.id for a in loaded.agencies for d in a.duties]
        self.place_ids = [p.id for p in loaded.places.places] if loaded.places else []
        self.go_ids = [g.id for g in loaded.plan.general_objectives] if loaded.plan else []

    def unknown(self, name: str, value: str, ids: Sequence[str]) -> bool:
        """Whether ``value`` names nothing in file ``name``; never when that file could not be read at all
        (``Loaded.broken``: what refers to it is not checked, and the checker says so), nor when it names an entry
        of that file that was refused for problems of its own (``Loaded.rejected``)."""
        if name in self.l.broken or value in ids:
            return False
        if name not in self._rejected:
            self._rejected[name] = self.l.rejected(name)
        return folded(value) not in self._rejected[name]

    def line(self, name: str, key: str, index: int, *loc: Any) -> int | None:
        items = self._items.get((name, key))
        if items is None:
            items = self._items[name, key] = lines_index(self.l.raw.get(name), key)
        if 0 <= index < len(items):
            return line_of(items[index], loc) or items[index].line
        return None

    def add(self, name: str, line: int | None, kind: Kind, **fields: Any) -> None:
        self.p.add(self.l.paths[name], line, kind, **fields)

    def anchor(self, name: str, line: int | None, value: str, quote: str | None = None, quote_line: int | None = None) -> None:
        """The anchor exists in the full text; a quote given with it stands in that paragraph (spaces aside)."""
        if not self.l.blocks:
            return
        if value not in self.anchors:
            self.add(name, line, kinds.UNKNOWN_ANCHOR, value=value, example=examples(self.anchors, near=value))
        elif quote is not None and _spaces(quote).casefold() not in self.texts[value]:
            shown = _spaces(quote)
            self.add(
                name,
                quote_line or line,
                kinds.QUOTE_NOT_IN_TEXT,
                quote=shown if len(shown) <= 80 else shown[:77] + "…",
                anchor=value,
                text_line=self.anchors[value],
            )

    def agency_links(self, name: str, key: str, i: int, links: list[m.AgencyLink]) -> None:
        for j, link in enumerate(links):
            if self.unknown("agencies", link.agency, self.agency_ids):
                line = self.line(name, key, i, "agencies", j, "agency")
                self.add(name, line, kinds.UNKNOWN_AGENCY, value=link.agency, example=examples(self.agency_ids, near=link.agency))


def _spaces(text: str) -> str:
    """Text with every run of white space made one space: quotes are compared this way (and without case:
    a quote may begin mid-sentence with a small letter)."""
    return re.sub(r"\s+", " ", text).strip()


def _counts(ids: Iterable[str]) -> Counter[str]:
    return Counter(ids)


def check_model(loaded: Loaded, problems: Problems, today: dt.date | None = None) -> m.PlanData | None:
    """Check references between files; return the model when it can be built. ``today``, when given,
    bounds the dates the plan's files may carry (the plan's own date, the dates of work updates)."""
    c = Context(loaded, problems)
    _check_ids(loaded, c)
    _check_markdown(loaded, problems)
    if loaded.plan is not None:
        _check_plan(loaded, loaded.plan, c)
        line = line_of(loaded.raw["plan"], ("date",)) if isinstance(loaded.raw.get("plan"), LineDict) else None
        _not_after(c, "plan", line, loaded.plan.date, today, "ngày ban hành kế hoạch, date")
    _check_areas(loaded, c)
    _check_indicators(loaded, c)
    _check_tasks(loaded, c)
    for i, ag in enumerate(loaded.agencies):
        c.anchor("agencies", c.line("agencies", "agencies", i, "anchor"), ag.anchor)
        for j, d in enumerate(ag.duties):
            c.anchor(
                "agencies",
                c.line("agencies", "agencies", i, "duties", j, "anchor"),
                d.anchor,
                d.text,
                c.line("agencies", "agencies", i, "duties", j, "text"),
            )
    if loaded.places is not None:
        check_places(loaded, c)
    _check_work(loaded, c, today)
    check_programmes(loaded, c)
    check_projects(loaded, c)
    if loaded.plan is None or loaded.places is None:
        return None
    # Returned even when there are errors, so that progress files can still be checked;
    # callers must look at ``problems.errors`` before publishing anything.
    return m.PlanData(
        plan=loaded.plan,
        areas=loaded.areas,
        indicators=loaded.indicators,
        tasks=loaded.tasks,
        agencies=loaded.agencies,
        places=loaded.places,
        work_updates=loaded.work,
        abbreviations=loaded.abbreviations,
        programmes=loaded.programmes,
        projects=loaded.projects,
        anchors=c.anchors,
    )


def _check_ids(loaded: Loaded, c: Context) -> None:
    """Every id once per file; points of tasks and duties of agencies share one set of ids."""
    groups: tuple[tuple[str, str, str, Sequence[Any]], ...] = (
        ("areas", "areas", "lĩnh vực", loaded.areas),
        ("indicators", "indicators", "chỉ tiêu", loaded.indicators),
        ("tasks", "tasks", "nhóm nhiệm vụ", loaded.tasks),
        ("agencies", "agencies", "cơ quan", loaded.agencies),
    )
    for name, key, what, items in groups:
        counts = _counts(x.id for x in items)
        named: dict[str, tuple[str, int | None]] = {}  # folded name -> the first item's id and line
        for i, x in enumerate(items):
            if counts[x.id] > 1:
                c.add(name, c.line(name, key, i, "id"), kinds.DUPLICATE_ID, what=what, id=x.id, count=counts[x.id])
            _reserved(c, name, c.line(name, key, i, "id"), x.id, what)
            label = getattr(x, "name", None)  # a task group has a title, not a name: only named items are compared
            if not isinstance(label, str):
                continue
            first = named.setdefault(folded(label), (x.id, c.line(name, key, i, "name")))
            if first[0] != x.id:
                line = c.line(name, key, i, "name")
                c.add(name, line, kinds.DUPLICATE_NAME, label=label, what=what, id=x.id, other=first[0], other_line=first[1])
    if loaded.places is not None:
        raw = loaded.raw.get("places")
        for i, p in enumerate(loaded.places.places):
            _reserved(c, "places", line_of(raw, ("places", i, "id")), p.id, "địa bàn")
    points = _counts([pt.id for t in loaded.tasks for pt in t.points] + [d.id for a in loaded.agencies for d in a.duties])
    what = "điểm/nhiệm vụ"
    for i, task in enumerate(loaded.tasks):
        for j, pt in enumerate(task.points):
            if points[pt.id] > 1:
                line = c.line("tasks", "tasks", i, "points", j, "id")
                c.add("tasks", line, kinds.DUPLICATE_ID, what=what, id=pt.id, count=points[pt.id])
    for i, ag in enumerate(loaded.agencies):
        for j, d in enumerate(ag.duties):
            if points[d.id] > 1:
                line = c.line("agencies", "agencies", i, "duties", j, "id")
                c.add("agencies", line, kinds.DUPLICATE_ID, what=what, id=d.id, count=points[d.id])


def _check_markdown(loaded: Loaded, problems: Problems) -> None:
    """Fields written in Markdown: links http(s) only, and no tag the page would drop without a word."""
    if loaded.plan is not None:
        check_markdown(loaded.plan, loaded.raw.get("plan"), loaded.paths["plan"], problems)
    lists: tuple[tuple[str, str, Sequence[Any]], ...] = (
        ("areas", "areas", loaded.areas),
        ("indicators", "indicators", loaded.indicators),
        ("tasks", "tasks", loaded.tasks),
        ("agencies", "agencies", loaded.agencies),
        ("work", "updates", loaded.work),
    )
    for name, key, items in lists:
        for i, item in enumerate(items):
            check_markdown(item, loaded.raw.get(name), loaded.paths[name], problems, (key, i))


def _reserved(c: Context, name: str, line: int | None, ident: str, what: str) -> None:
    """An id that is the name of a folder's own page («index»: the list of indicators …) is refused."""
    if ident in m.RESERVED_IDS:
        page = "danh sách (index) của thư mục trang"
        c.add(name, line, kinds.RESERVED_ID, id=ident, page=page, what=what, example=f"{ident}-{slugify(what)}")


_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


def _check_publisher(pub: m.Publisher, pl: Any, c: Context) -> None:
    """Links of the publisher (licence, repository, contacts) are http(s); e-mail addresses look like one."""
    links: list[tuple[str, tuple[Any, ...]]] = [(pub.license_url, ("license_url",)), (pub.repository, ("repository",))]
    links += [(ct.url, ("contacts", i, "url")) for i, ct in enumerate(pub.contacts)]
    for url, loc in links:
        if url and not is_safe_url(url):
            c.add("plan", pl("publisher", *loc), kinds.UNSAFE_LINK, url=shown_url(url))
    mails: list[tuple[str, tuple[Any, ...]]] = [(pub.feedback_email, ("feedback_email",))]
    mails += [(ct.email, ("contacts", i, "email")) for i, ct in enumerate(pub.contacts)]
    for mail, loc in mails:
        if mail and not _EMAIL.match(mail):
            c.add(
                "plan",
                pl("publisher", *loc),
                kinds.BAD_VALUE,
                field=loc[-1],
                shown=f"«{mail[:60]}»",
                reason="không phải địa chỉ thư điện tử",
                expected="một địa chỉ dạng ten@co-quan.gov.vn",
            )


def _check_plan(loaded: Loaded, plan: m.Plan, c: Context) -> None:
    raw = loaded.raw.get("plan")

    def pl(*loc: Any) -> int | None:
        return line_of(raw, loc) if isinstance(raw, LineDict) else None

    if loaded.places and plan.place not in c.place_ids:
        top = [p.id for p in loaded.places.places if loaded.places.rank(p.level) == 0]
        c.add("plan", pl("place"), kinds.UNKNOWN_PLACE, value=plan.place, near="", example=examples(top, near=plan.place))
    if c.unknown("agencies", plan.reporting.to, c.agency_ids):
        to = plan.reporting.to
        c.add("plan", pl("reporting", "to"), kinds.UNKNOWN_AGENCY, value=to, example=examples(c.agency_ids, near=to))
    c.anchor("plan", pl("reporting", "anchor"), plan.reporting.anchor, plan.reporting.quote, pl("reporting", "quote"))
    _check_publisher(plan.publisher, pl, c)
    for field in ("purposes", "requirements", "general_objectives"):
        for i, q in enumerate(getattr(plan, field)):
            c.anchor("plan", pl(field, i, "anchor"), q.anchor, q.text, pl(field, i, "text"))
    counts = _counts(c.go_ids)
    for go_id in counts:
        if counts[go_id] > 1:
            c.add("plan", pl("general_objectives"), kinds.DUPLICATE_ID, what="mục tiêu tổng quát", id=go_id, count=counts[go_id])
    years = plan.data_years
    if not years.start <= plan.base_year <= years.end:
        first = min(plan.base_year, years.start)
        c.add(
            "plan", pl("base_year"), kinds.BASE_YEAR_OUTSIDE, base=plan.base_year, start=years.start, end=years.end, first=first
        )
    for k, ms in enumerate(plan.milestones):
        if not plan.period.start <= ms <= plan.period.end:
            allowed = f"trong thời kỳ kế hoạch {plan.period.start}–{plan.period.end}"
            c.add("plan", pl("milestones", k), kinds.OUT_OF_RANGE, field="milestones", shown=str(ms), allowed=allowed)


def _check_areas(loaded: Loaded, c: Context) -> None:
    for i, a in enumerate(loaded.areas):
        for j, g in enumerate(a.general_objectives):
            if loaded.plan is not None and g not in c.go_ids:
                line = c.line("areas", "areas", i, "general_objectives", j)
                c.add("areas", line, kinds.UNKNOWN_OBJECTIVE, value=g, example=examples(c.go_ids, near=g))


def _check_indicators(loaded: Loaded, c: Context) -> None:
    raw = loaded.raw.get("indicators")
    if isinstance(raw, dict) and not raw.get("indicators"):  # read, and its list is empty
        c.add("indicators", line_of(raw, ("indicators",)), kinds.NO_INDICATORS)
    for i, ind in enumerate(loaded.indicators):

        def il(*loc: Any, _i: int = i) -> int | None:
            return c.line("indicators", "indicators", _i, *loc)

        if c.unknown("areas", ind.area, c.area_ids):
            c.add("indicators", il("area"), kinds.UNKNOWN_AREA, value=ind.area, example=examples(c.area_ids, near=ind.area))
        c.anchor("indicators", il("anchor"), ind.anchor, ind.quote, il("quote"))
        c.agency_links("indicators", "indicators", i, ind.agencies)
        counts = _counts(s.id for s in ind.series)
        for sid in counts:
            if counts[sid] > 1:
                c.add("indicators", il("series"), kinds.DUPLICATE_ID, what="chuỗi số liệu", id=sid, count=counts[sid])
        for n, dn in enumerate(ind.data_notes):
            if dn.url and not is_safe_url(dn.url):
                c.add("indicators", il("data_notes", n, "url"), kinds.UNSAFE_LINK, url=shown_url(dn.url))
        seen_targets: Counter[tuple[int, str]] = Counter()
        for t_i, t in enumerate(ind.targets):
            for field, fields in target_problems(ind, t, loaded.plan):
                c.add("indicators", il("targets", t_i, field) or il("targets", t_i), kinds.TARGET_MISMATCH, **fields)
            c.anchor("indicators", il("targets", t_i, "anchor"), t.anchor, t.quote, il("targets", t_i, "quote"))
            ref = t.reference_indicator
            if ref is not None and (c.unknown("indicators", ref, c.indicator_ids) or ref == ind.id):
                line = il("targets", t_i, "reference_indicator")
                c.add(
                    "indicators",
                    line,
                    kinds.UNKNOWN_INDICATOR,
                    value=ref,
                    found_in="trường «reference_indicator» của mục tiêu; không được là chính chỉ tiêu này",
                    example=examples(c.indicator_ids, near=ref),
                )
            seen_targets[(t.year, t.kind)] += 1
        for (year, kind), n in seen_targets.items():
            if n > 1 and kind != "dinh-tinh":
                c.add("indicators", il("targets"), kinds.DUPLICATE_TARGET, indicator=ind.id, count=n, year=year, target_kind=kind)


def _check_tasks(loaded: Loaded, c: Context) -> None:
    for i, task in enumerate(loaded.tasks):
        c.anchor("tasks", c.line("tasks", "tasks", i, "anchor"), task.anchor, task.text, c.line("tasks", "tasks", i, "text"))
        for j, pt in enumerate(task.points):
            c.anchor(
                "tasks",
                c.line("tasks", "tasks", i, "points", j, "anchor"),
                pt.anchor,
                pt.text,
                c.line("tasks", "tasks", i, "points", j, "text"),
            )
        c.agency_links("tasks", "tasks", i, task.agencies)
        for j, iid in enumerate(task.indicators):
            if c.unknown("indicators", iid, c.indicator_ids):
                c.add(
                    "tasks",
                    c.line("tasks", "tasks", i, "indicators", j),
                    kinds.UNKNOWN_INDICATOR,
                    value=iid,
                    found_in=f"danh sách chỉ tiêu của nhóm nhiệm vụ «{task.id}»",
                    example=examples(c.indicator_ids, near=iid),
                )
        for j, aid in enumerate(task.areas):
            if c.unknown("areas", aid, c.area_ids):
                line = c.line("tasks", "tasks", i, "areas", j)
                c.add("tasks", line, kinds.UNKNOWN_AREA, value=aid, example=examples(c.area_ids, near=aid))


def _check_work(loaded: Loaded, c: Context, today: dt.date | None) -> None:
    """Qualitative work updates: what they assess must exist, their evidence must be a safe, earlier document,
    and they cannot be dated after today."""
    for i, w in enumerate(loaded.work):
        wl = c.line("work", "updates", i)
        _not_after(c, "work", c.line("work", "updates", i, "date") or wl, w.date, today, "ngày đánh giá, date")
        if w.task is not None and c.unknown("tasks", w.task, c.task_ids):
            c.add(
                "work",
                c.line("work", "updates", i, "task") or wl,
                kinds.UNKNOWN_TASK,
                what="nhóm nhiệm vụ",
                value=w.task,
                file="tasks.yaml",
                example=examples(c.task_ids, near=w.task),
            )
        if w.duty is not None and "agencies" not in loaded.broken and w.duty not in c.duty_ids:
            c.add(
                "work",
                c.line("work", "updates", i, "duty") or wl,
                kinds.UNKNOWN_TASK,
                what="nhiệm vụ của cơ quan (duties)",
                value=w.duty,
                file="agencies.yaml",
                example=examples(c.duty_ids, near=w.duty),
            )
        for j, ev in enumerate(w.evidence):
            if not is_safe_url(ev.url):
                c.add("work", c.line("work", "updates", i, "evidence", j, "url"), kinds.UNSAFE_LINK, url=shown_url(ev.url))
            if ev.date > w.date:
                c.add(
                    "work",
                    c.line("work", "updates", i, "evidence", j, "date"),
                    kinds.BAD_DATE,
                    value=f"{ev.date:%d/%m/%Y}",
                    what="văn bản minh chứng",
                    why=f"sau ngày đánh giá {w.date:%d/%m/%Y}",
                )


def _not_after(c: Context, name: str, line: int | None, day: dt.date, today: dt.date | None, what: str) -> None:
    """A date of the plan's files that cannot be after today (when today is given): a slip of the year, most often."""
    if today is not None and day > today:
        c.add(name, line, kinds.BAD_DATE, value=f"{day:%d/%m/%Y}", what=what, why=f"ở sau hôm nay ({today:%d/%m/%Y})")


def load_checked(folder: Path, problems: Problems, today: dt.date | None = None) -> tuple[m.PlanData | None, Loaded]:
    """Load and check the plan data (YAML and full text): the model when it can be built, and what was read
    (to check the progress files with what could be read when the model cannot be built). ``today``: see
    ``check_model``."""
    from plansite.load.files import load_all, unchecked

    loaded = load_all(folder, problems)
    plan = check_model(loaded, problems, today)
    unchecked(loaded, problems)
    return plan, loaded


def load_plan(folder: Path, problems: Problems) -> m.PlanData | None:
    """Load and check the plan data (YAML and full text)."""
    return load_checked(folder, problems)[0]
