"""The sections of the yearly report: one small function each, taking the year of the judged plan.

Each function returns a ``Section`` (``report.content``) or ``None`` to leave itself out; they
run in the order of ``SECTIONS``, which is the order of the report, and numbered sources are
numbered in that order. To add a section (issue 13's figures, issue 17's investment): write a
function here and put it in ``SECTIONS``; the page, the PDF and the .docx draft show it with no
other change.
"""

from __future__ import annotations

from collections.abc import Callable

from plansite import model as m
from plansite.report import words as w
from plansite.report.content import Cell, Heading, Items, Para, Section, Table
from plansite.report.reorganised import bodies, place_ended
from plansite.report.successors import NO_SUCCESSOR
from plansite.report.year import YearContext, measured, quantified
from plansite.status import owed
from plansite.status.labels import ORDER, STATUSES
from plansite.status.reporting import REPORT_LABELS
from plansite.vi import fmt

SectionFn = Callable[[YearContext], Section | None]


def _lead(ctx: YearContext) -> str:
    """Who compiles the report on its date: the lead agency, its successor, or who took over (not known)."""
    return ctx.standing(ctx.plan.plan.reporting.to).holder


def _recipient(ctx: YearContext) -> str:
    """Who the report goes to: the plan's issuer, the body that continues it, or (not known) said to be unknown."""
    return ctx.recipient or f"cơ quan kế tiếp của {ctx.plan.plan.issuer} (chưa rõ)"


def _place_name(ctx: YearContext) -> str:
    place = ctx.judged.places.get(ctx.place)
    name = place.full_name if place else ctx.place
    return f"{name} cũ" if ctx.ended else name  # the plan's place has ceased: its figures are of the old place


def identity(ctx: YearContext) -> Section:
    """The plan: its number, date, issuer and title; its period; who compiles the report for whom, on the report's date."""
    p = ctx.plan.plan
    milestones = ", ".join(str(y) for y in p.milestones)
    lead = ctx.standing(p.reporting.to)
    blocks: list[Para | Table] = [
        Para(f"{p.kind} số {p.number} ngày {fmt.date(p.date)} của {p.issuer} «{p.title}».", style="lead"),
        Para(f"Giai đoạn thực hiện: {p.period.start}–{p.period.end}; các mốc của mục tiêu: {milestones}."),
        *place_ended(ctx),
        Para(f"Cơ quan tổng hợp báo cáo: {lead.short()}; nơi nhận báo cáo tổng hợp: {_recipient(ctx)}."),
        *bodies(ctx),
    ]
    return Section("van-ban", "Văn bản được theo dõi", tuple(blocks), numbered=False)


def period(ctx: YearContext) -> Section:
    """The reporting period and its deadline, and the date of the data."""
    p, y = ctx.plan.plan, ctx.year
    open_year = " Năm chưa kết thúc: báo cáo cập nhật theo số liệu mới." if ctx.today.year == y else ""
    return Section(
        "ky-bao-cao",
        "Kỳ báo cáo",
        (
            Para(f"Năm {y}: từ ngày 01/01/{y} đến ngày 31/12/{y}.{open_year}"),
            Para(f"Hạn gửi báo cáo: ngày {fmt.date(ctx.deadline)} ({p.kind} {p.number}: «{p.reporting.quote}»)."),
            Para(
                f"Số liệu lấy từ dữ liệu của trang ngày {fmt.date(ctx.today)}; mỗi mục tiêu được đánh giá trên các số liệu "
                f"đến hết năm {y} của {_place_name(ctx)}, theo phương pháp công khai của trang. Nguồn của mỗi số liệu "
                "ghi ở phần «Nguồn số liệu» cuối báo cáo.",
                style="muted",
            ),
        ),
        numbered=False,
    )


def status_counts(ctx: YearContext) -> Section:
    """How many targets are in each status, on the year's figures."""
    counts = dict.fromkeys(ORDER, 0)
    for st in ctx.statuses.values():
        for a in st.assessments:
            counts[a.status] += 1
    total = sum(counts.values())
    rows = [(Cell(STATUSES[s]["label"], status=s), Cell(fmt.number(n, 0), num=True)) for s, n in counts.items() if n]
    rows.append((Cell("Tổng số mục tiêu"), Cell(fmt.number(total, 0), num=True)))
    return Section(
        "tong-hop",
        "Tổng hợp tình trạng các mục tiêu",
        (Table(f"Số mục tiêu theo tình trạng, năm {ctx.year}", ("Tình trạng", "Số mục tiêu"), tuple(rows), (70, 30)),),
    )


def targets(ctx: YearContext) -> Section:
    """Each area's targets: the year's figure, the change since the year before, the status and its sentence."""
    y = ctx.year
    blocks: list[Heading | Table | Para] = []
    columns = ("Chỉ tiêu", "Mục tiêu", f"Số liệu năm {y}", f"So với năm {y - 1}", "Tình trạng", "Nhận định")
    n = 0
    for area in ctx.plan.areas:
        inds = [i for i in ctx.plan.indicators if i.area == area.id]
        if not inds:
            continue
        n += 1
        blocks.append(Heading(f"{n}. {area.name}"))
        rows: list[tuple[Cell | None, ...]] = []
        for ind in inds:
            rows.extend(_target_rows(ctx, ind))
        blocks.append(Table(area.name, columns, tuple(rows), (18, 15, 10, 12, 15, 30)))
    if not blocks:
        blocks.append(Para("Kế hoạch không có chỉ tiêu."))
    return Section("chi-tieu", "Kết quả thực hiện các chỉ tiêu", tuple(blocks))


def _target_rows(ctx: YearContext, ind: m.Indicator) -> list[tuple[Cell | None, ...]]:
    fig = ctx.figure(ind)
    if not measured(ind):
        value, change = Cell("Định tính"), Cell("–")
    elif fig is None:
        value, change = Cell("Chưa có số liệu"), Cell("–")
    else:
        ref = ctx.notes.ref(fig.obs.source, fig.obs.url)
        value, change = Cell(w.value_text(fig.obs, ind), notes=(ref,), num=True), Cell(w.change_text(fig, ind, ctx.year))
    judged = [
        (Cell(w.target_text(ind, t)), Cell(a.label, status=a.status), Cell(a.sentence))
        for t, a in zip(ind.targets, ctx.statuses[ind.id].assessments, strict=True)
    ]
    if not judged:  # a reference series: its figure, no target of its own
        judged = [
            (
                Cell("Chuỗi tham chiếu, không có mục tiêu riêng"),
                Cell(STATUSES["tham-chieu"]["label"], status="tham-chieu"),
                Cell("–"),
            )
        ]
    span = len(judged)
    name = Cell(ind.name, href=f"chi-tieu/{ind.id}.md", rowspan=span)
    rows: list[tuple[Cell | None, ...]] = [(name, judged[0][0], _span(value, span), _span(change, span), *judged[0][1:])]
    rows += [(None, target, None, None, status, why) for target, status, why in judged[1:]]
    return rows


def _span(cell: Cell, n: int) -> Cell:
    return Cell(cell.text, cell.href, cell.status, cell.notes, n, cell.num)


def missing_figures(ctx: YearContext) -> Section:
    """The quantified targets with no figure for the year, and the bodies that owe it."""
    y = ctx.year
    quant = [i for i in ctx.plan.indicators if quantified(i)]
    missing = [i for i in quant if ctx.figure(i) is None]
    title = f"Chỉ tiêu chưa có số liệu năm {y}"
    if not missing:
        return Section("thieu-so-lieu", title, (Para(f"Mọi chỉ tiêu định lượng đều có số liệu năm {y}."),))
    rows: list[tuple[Cell | None, ...]] = []
    for ind in missing:
        link = owed.lead(ind)  # the same body the rest of the site names for a missing figure
        if link is None:
            who, basis = Cell("Kế hoạch không nêu cơ quan chủ trì"), Cell("–")
        else:
            who, basis = _owes(ctx, ctx.plan.agency(link.agency)), Cell(m.BASIS_LABELS[link.basis])
        rows.append((Cell(ind.name, href=f"chi-tieu/{ind.id}.md"), Cell(ctx.plan.area(ind.area).name), who, basis))
    lead = Para(
        f"{fmt.number(len(missing), 0)}/{fmt.number(len(quant), 0)} chỉ tiêu định lượng chưa có số liệu năm {y} của {_place_name(ctx)}."
    )
    table = Table(title, ("Chỉ tiêu", "Lĩnh vực", "Cơ quan chịu trách nhiệm", "Căn cứ giao"), tuple(rows), (36, 22, 26, 16))
    return Section("thieu-so-lieu", title, (lead, table))


def _owes(ctx: YearContext, agency: m.Agency) -> Cell:
    """The leading body, and who holds its duties on the build's date (with the sources that say so), or that it is not known."""
    st = ctx.standing(agency.id, on=ctx.today)
    parts = [agency.name]
    for i, x in enumerate(st.took):
        verb = "nhiệm vụ nay do" if st.now and i == len(st.took) - 1 else "nhiệm vụ sau do"
        parts.append(f"{verb} {x.name} đảm nhận" + (f" từ {fmt.date(x.date)}" if x.date else ""))
    if st.gone and not st.now:
        parts.append((f"không còn từ {fmt.date(st.since)}, " if st.since else "") + NO_SUCCESSOR)
    return Cell("; ".join(parts), href=f"co-quan/{agency.id}.md", notes=tuple(ctx.notes.ref(x.source, x.url) for x in st.took))


def work(ctx: YearContext) -> Section:
    """Task groups and agency duties assessed in the year, with their evidence (``plan.work_updates``)."""
    y = ctx.year
    updates = sorted(
        (u for u in ctx.plan.work_updates if u.date.year == y or any(e.date.year == y for e in u.evidence)), key=lambda u: u.date
    )
    title = "Kết quả thực hiện nhiệm vụ"
    if not updates:
        return Section("nhiem-vu", title, (Para(f"Chưa có đánh giá tiến độ nhiệm vụ nào, kèm minh chứng, trong năm {y}."),))
    rows: list[tuple[Cell | None, ...]] = []
    for u in updates:
        refs = tuple(ctx.notes.ref(e.document, e.url) for e in u.evidence)
        evidence = "; ".join(f"{e.document} ngày {fmt.date(e.date)}" for e in u.evidence)
        rows.append(
            (
                _work_item(ctx, u),
                Cell(m.WORK_STATUS_LABELS[u.status]),
                Cell(fmt.date(u.date)),
                Cell(evidence, notes=refs),
                Cell(u.note or "–"),
            )
        )
    table = Table(
        f"Đánh giá tiến độ nhiệm vụ năm {y}",
        ("Nhiệm vụ", "Tình trạng", "Ngày đánh giá", "Minh chứng", "Ghi chú"),
        tuple(rows),
        (28, 13, 12, 30, 17),
    )
    return Section("nhiem-vu", title, (table,))


def _work_item(ctx: YearContext, u: m.WorkUpdate) -> Cell:
    if u.task is not None:
        t = next(t for t in ctx.plan.tasks if t.id == u.task)
        return Cell(f"Nhiệm vụ {t.number}: {t.label}", href=f"nhiem-vu/{t.id}.md")
    for ag in ctx.plan.agencies:
        for k, d in enumerate(ag.duties, start=1):
            if d.id == u.duty:
                return Cell(f"{ag.name}, nhiệm vụ {k}", href=f"co-quan/{ag.id}.md#{d.id}")
    return Cell(u.duty or "")


def task_updates(ctx: YearContext) -> Section | None:
    """The dated acts of the year about each task group (task-updates.csv), with their sources; None without the file."""
    y = ctx.year
    if not ctx.plan.task_updates:
        return None
    acts = sorted((u for u in ctx.plan.task_updates if u.date is not None and u.date.year == y), key=lambda u: u.order)
    title = "Văn bản, sự kiện, kết quả của các nhóm nhiệm vụ"
    if not acts:
        return Section(
            "van-ban-su-kien", title, (Para(f"Chưa có văn bản, sự kiện hay kết quả nào có nguồn ghi ngày trong năm {y}."),)
        )
    tasks = {t.id: t for t in ctx.plan.tasks}
    rows: list[tuple[Cell | None, ...]] = []
    for u in acts:
        t = tasks.get(u.task)
        caution = f" ({m.CAUTION_LABELS[u.caution]})" if u.caution else ""
        rows.append(
            (
                Cell(f"Nhiệm vụ {t.number}: {t.label}" if t else u.task, href=f"nhiem-vu/{u.task}.md" if t else ""),
                Cell(u.date.text() if u.date else "–"),
                Cell(m.UPDATE_KIND_LABELS[u.kind]),
                Cell(f"{u.document}: {u.what}{caution}", notes=(ctx.notes.ref(u.source, u.url),)),
            )
        )
    table = Table(
        f"Văn bản, sự kiện, kết quả năm {y}", ("Nhóm nhiệm vụ", "Ngày", "Loại", "Nội dung"), tuple(rows), (25, 11, 14, 50)
    )
    return Section("van-ban-su-kien", title, (table,))


def investment(ctx: YearContext) -> Section | None:
    """Every published money figure whose period includes the year, as published (with its qualifier), plan or result.

    None when the plan has no investment data. Nothing is added up or converted: a figure for a period
    is shown with the period it covers, so it is never read as the year's alone.
    """
    y = ctx.year
    if not ctx.plan.figures:
        return None
    mine = [f for f in ctx.plan.figures if f.years is not None and f.years[0] <= y <= f.years[1]]
    title = "Vốn đầu tư, chương trình và dự án"
    if not mine:
        return Section("dau-tu", title, (Para(f"Chưa có con số vốn nào được công bố cho năm {y}."),))
    names = {p.id: p.short_name for p in ctx.plan.programmes} | {p.id: p.name for p in ctx.plan.projects}
    rows: list[tuple[Cell | None, ...]] = []
    for f in mine:
        owner = names.get(f.project, f.project) if f.project else "; ".join(names.get(p, p) for p in f.programmes)
        href = (
            f"dau-tu/du-an/{f.project}.md" if f.project else (f"dau-tu/chuong-trinh/{f.programmes[0]}.md" if f.programmes else "")
        )
        caution = f" ({m.CAUTION_LABELS[f.caution]})" if f.caution else ""
        rows.append(
            (
                Cell(owner, href=href),
                Cell(f"{m.MEASURE_LABELS[f.measure]}: {f.item}{caution}"),
                Cell(f"{f.value_text} {f.unit}".strip(), notes=(ctx.notes.ref(f.source, f.url),), num=True),
                Cell(m.NATURE_LABELS[f.nature]),
                Cell(f.period_text or "–"),
            )
        )
    table = Table(
        f"Các con số vốn công bố có kỳ gồm năm {y}",
        ("Chương trình, dự án", "Nội dung", "Giá trị (như công bố)", "Kế hoạch / kết quả", "Kỳ"),
        tuple(rows),
        (26, 30, 16, 12, 16),
    )
    note = Para(
        "Mỗi con số chép đúng như nguồn, kể cả «hơn», «gần»; không con số nào được cộng hay quy đổi. "
        "Con số của cả một giai đoạn ghi kèm giai đoạn đó, không phải của riêng năm báo cáo.",
        style="muted",
    )
    return Section("dau-tu", title, (table, note))


def reporting(ctx: YearContext) -> Section:
    """Each body's reporting record for the year: on time, late or missing, against the deadline."""
    records = ctx.records
    with_items = {a: r for a, r in records.items() if r.items}
    name = lambda a: ctx.standing(a).short()  # noqa: E731 (each body as it is on the report's date)
    sentences = w.deadline_sentences(ctx.plan, records, ctx.deadline, ctx.today, name)
    blocks: list[Para | Table | Items] = [Para(s) for s in sentences]
    if with_items:
        rows: list[tuple[Cell | None, ...]] = []
        for a, r in with_items.items():
            waiting = sum(r.count(s) for s in (*w.NOT_REPORTED, "chua-den-han"))
            rows.append(
                (
                    Cell(name(a), href=f"co-quan/{a}.md#bao-cao"),
                    Cell(fmt.number(len(r.items), 0), num=True),
                    Cell(fmt.number(r.count("dung-han"), 0), num=True),
                    Cell(fmt.number(r.count("tre-han"), 0), num=True),
                    Cell(fmt.number(r.count("khong-ro-ngay"), 0), num=True),
                    Cell(fmt.number(waiting, 0), num=True),
                    Cell(REPORT_LABELS.get(r.summary, "–")),
                )
            )
        columns = ("Cơ quan", "Chỉ tiêu chủ trì", "Đúng hạn", "Trễ hạn", "Không rõ ngày", "Chưa báo cáo", "Kết luận")
        blocks.append(Table(f"Tình hình gửi số liệu năm {ctx.year}", columns, tuple(rows), (30, 11, 10, 10, 11, 12, 16)))
        blocks.append(
            Para(
                "Tính từ cơ quan báo cáo và ngày báo cáo ghi kèm mỗi số liệu, cho các chỉ tiêu định lượng mà cơ quan chủ trì; "
                "một chỉ tiêu được tính là đã báo cáo khi có số liệu của năm do chính cơ quan báo cáo (số liệu do nguồn khác "
                "công bố không thay cho báo cáo của cơ quan).",
                style="muted",
            )
        )
    others = [name(a) for a, r in records.items() if not r.items]
    if others:
        blocks.append(Para("Cơ quan không chủ trì chỉ tiêu định lượng nào (không theo dõi được qua số liệu):"))
        blocks.append(Items(tuple(others)))
    return Section("bao-cao-co-quan", "Tình hình gửi báo cáo của các cơ quan", tuple(blocks))


def assessment(ctx: YearContext) -> Section:
    """Left for the lead agency to write: the site never writes an assessment."""
    text = f"Phần do {_lead(ctx)} viết: kết quả nổi bật, tồn tại, hạn chế và nguyên nhân. Trang không tự viết phần này."
    return Section("danh-gia", "Đánh giá chung", (Para(text, to_fill=True),))


def recommendations(ctx: YearContext) -> Section:
    """Left for the lead agency to write."""
    text = f"Phần do {_lead(ctx)} viết: kiến nghị, đề xuất với {_recipient(ctx)}. Trang không tự viết phần này."
    return Section("kien-nghi", "Kiến nghị, đề xuất", (Para(text, to_fill=True),))


SECTIONS: tuple[SectionFn, ...] = (
    identity,
    period,
    status_counts,
    targets,
    missing_figures,
    work,
    task_updates,
    investment,
    reporting,
    assessment,
    recommendations,
)
