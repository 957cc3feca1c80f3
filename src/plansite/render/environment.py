"""The Jinja environment of the site's templates: filters and labels, nothing else."""

from __future__ import annotations

import datetime as dt

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, select_autoescape

from plansite import model as m
from plansite.cache import Cache
from plansite.check.references import is_safe_url
from plansite.render.html import inert
from plansite.render.markdown_field import markdown_html
from plansite.status.method import ORDER, STATUSES
from plansite.status.reporting import REPORT_LABELS
from plansite.vi import fmt


def safe_url(url: str) -> str:
    """Only http(s) links from data reach a page."""
    return url if url and is_safe_url(url) else ""


def make_environment(cache: Cache | None = None) -> Environment:
    """Templates from ``plansite/render/templates``; compiled ones kept in the cache (they depend on code only)."""
    folder = cache.folder_for("jinja") if cache is not None else None
    env = Environment(
        loader=PackageLoader("plansite.render", "templates"),
        bytecode_cache=FileSystemBytecodeCache(str(folder)) if folder is not None else None,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        num=fmt.number,
        vdate=fmt.date,
        unit=fmt.with_unit,
        tnum=fmt.target_number,
        tunit=fmt.target_with_unit,
        safe_url=safe_url,
        inert=inert,
        markdown=markdown_html,
        next_day=lambda d: d + dt.timedelta(days=1),
    )
    env.globals.update(
        STATUSES=STATUSES,
        ORDER=ORDER,
        KIND_LABELS=m.KIND_LABELS,
        ROLE_LABELS=m.ROLE_LABELS,
        BASIS_LABELS=m.BASIS_LABELS,
        OPS=m.OPERATOR_SYMBOLS,
        CHANGES=m.CHANGE_LABELS,
        WORK=m.WORK_STATUS_LABELS,
        REPORT_LABELS=REPORT_LABELS,
        fmt=fmt,
    )
    return env
