"""Functions for hand-written pages (through mkdocs-macros). Each returns HTML (``Markup``) or a value.

``macros/main.py`` registers them; each asks the build of the MkDocs plugin for what it shows. A value
that is not ``Markup`` (a plan's number, an agency's name …) is shown as text (``plugin.inert``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from plansite.build import SiteBuild
from plansite.check.progress import COLUMNS
from plansite.model import Plan
from plansite.publish.datapackage import citation
from plansite.render import charts as ch
from plansite.render.examples import Examples, examples


def functions(build: Callable[[], SiteBuild], page_src: Callable[[], str]) -> dict[str, Callable[..., Any]]:
    # Longer than 60 lines only because it holds one short closure per macro, next to the list that registers them.
    def kehoach() -> Plan:
        """The plan's identity (number, title, dates …) from plan.yaml."""
        return build().judged.plan.plan

    def trang_chu() -> Markup:
        b = build()
        status = ch.status_chart(b.view.shapes, b.judged.status_counts())
        plan = b.judged.plan.plan
        chart = b.view.chart_html(
            status.placed("tong-quan/tinh-trang", f"Số mục tiêu theo tình trạng: {plan.short_title}", page_src())
        )
        return Markup(b.fragment("home.html", page_src(), status_chart=chart))

    def bang_tinh_trang() -> Markup:
        return Markup(build().fragment("method_statuses.html", page_src()))

    def du_lieu_mo() -> Markup:
        b = build()
        return Markup(b.fragment("opendata_page.html", page_src(), citation=citation(b.judged.plan.plan, b.judged.today.year)))

    def cot_so_lieu() -> Markup:
        return Markup(build().fragment("guide_columns.html", page_src(), columns=COLUMNS))

    def cot_tep(kind: str) -> Markup:
        """The columns of a kind of staff file (``staff.filekinds``: «dau-tu», «nhiem-vu» …), as the guide's table."""
        from plansite.staff.filekinds import FILE_KINDS

        k = FILE_KINDS[kind]
        label = f"Bảng các cột của tệp «{k.title}»"
        return Markup(build().fragment("guide_columns.html", page_src(), columns=k.columns, label=label))

    def co_mau(kind: str) -> bool:
        """Whether some agency of the plan fills this kind of staff file (a plan without programmes has no «dau-tu»)."""
        from plansite.staff.filekinds import FILE_KINDS

        return bool(FILE_KINDS[kind].agencies(build().judged.plan))

    def bang_loi() -> Markup:
        """The table of problem kinds (group, id, title, fix), made from their declarations."""
        from plansite.problems.kinds import by_group

        return Markup(build().fragment("guide_kinds.html", page_src(), groups=by_group()))

    def so_chi_tieu() -> int:
        return len(build().judged.plan.indicators)

    def han_bao_cao() -> str:
        r = build().judged.plan.plan.reporting
        return f"{r.day:02d}/{r.month:02d}"

    def co_quan_nhan_bao_cao() -> str:
        plan = build().judged.plan
        return plan.agency(plan.plan.reporting.to).name

    def lien_he() -> str:
        return build().view.feedback_url("Góp ý chung", page_src())

    def vi_du() -> Examples:
        """Examples from the plan's own data for the guide: vi_du().agency, .indicator, .year, .deadline, .row."""
        return examples(build().judged)

    def van_ban() -> str:
        """What toan-van.md holds, in words: «toàn văn», or «trích đoạn văn bản» (plan.yaml «text»)."""
        return build().view.text_word

    def kehoach_toan_dia_ban() -> str:
        """What staff write for the plan's own place («Toàn tỉnh»), from places.yaml."""
        from plansite.check.progress.rules import whole_labels

        return next((w for w in whole_labels(build().judged.plan) if w), "")

    def cac_cap_dia_ban() -> str:
        return ", ".join(f"`{lv.id}` ({lv.name.lower()})" for lv in build().judged.plan.places.levels)

    def mau_bang_tinh() -> Markup:
        """The templates published with the site (``staff.site_templates``), by kind and agency, a link per year; and
        the repository's upload page of the upload folder, when the site knows its repository."""
        from plansite.staff.site_templates import site_templates

        b = build()
        kinds: dict[str, Any] = {}
        for t in site_templates(b.judged.plan, b.judged.today):
            kinds.setdefault(t.kind.id, (t.kind, {}))[1].setdefault(t.agency.id, (t.agency, []))[1].append(t)
        rows = [(kind, list(agencies.values())) for kind, agencies in kinds.values()]
        return Markup(b.fragment("guide_templates.html", page_src(), kinds=rows, upload_url=noi_tai_len()))

    def noi_tai_len() -> str:
        """GitHub's «Upload files» page of the data folder's nop/ on the published branch; "" when not known."""
        from plansite.staff.uploads import UPLOAD_DIR

        b = build()
        s, folder = b.view.settings, b.view.history.folder_in_repo
        if not s.repo_url.startswith("https://github.com/") or folder is None:
            return ""
        branch = s.edit_uri.strip("/").removeprefix("edit/") or "main"
        return "/".join(x for x in (s.repo_url.rstrip("/"), "upload", branch, folder, UPLOAD_DIR) if x)

    def cac_lien_he() -> Markup:
        """The contacts of plan.yaml («publisher.contacts») and of agencies, as a list."""
        return Markup(build().fragment("contacts.html", page_src()))

    funcs: tuple[Callable[..., Any], ...] = (
        kehoach,
        trang_chu,
        bang_tinh_trang,
        *_method_macros(build, page_src),
        du_lieu_mo,
        cot_so_lieu,
        cot_tep,
        co_mau,
        bang_loi,
        so_chi_tieu,
        han_bao_cao,
        co_quan_nhan_bao_cao,
        lien_he,
        cac_lien_he,
        mau_bang_tinh,
        noi_tai_len,
        vi_du,
        van_ban,
        kehoach_toan_dia_ban,
        cac_cap_dia_ban,
    )
    return {f.__name__: f for f in funcs}


def _method_macros(build: Callable[[], SiteBuild], page_src: Callable[[], str]) -> list[Callable[..., Any]]:
    """The method page's tables of the task-group rule and of money figures, and whether to show the latter."""

    def bang_tinh_trang_nhiem_vu() -> str:
        """The statuses of a task group and how each kind of update counts (from ``status.tasks``)."""
        from plansite.status.tasks import UPDATE_COUNTS

        return build().fragment("method_tasks.html", page_src(), COUNTS=UPDATE_COUNTS)

    def co_dau_tu() -> bool:
        """Whether the plan has programmes, projects or money figures (the method page explains them only then)."""
        return build().judged.plan.has_investment

    def bang_chi_so_dau_tu() -> str:
        """The measures of a money figure, plan or result, and the units converted (from the model and ``vi.money``)."""
        from plansite.model import MEASURE_NATURE
        from plansite.vi import money

        return build().fragment(
            "method_investment.html",
            page_src(),
            NATURES=MEASURE_NATURE,
            EXACT=list(money.EXACT_UNITS),
            QUALIFIERS=money.QUALIFIERS,
        )

    return [bang_tinh_trang_nhiem_vu, co_dau_tu, bang_chi_so_dau_tu]
