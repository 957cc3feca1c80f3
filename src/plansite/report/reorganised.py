"""The blocks of the report's identity section once a reorganisation has changed the plan's place or bodies.

``place_ended``: since when the plan's place no longer exists, what it became (places.yaml), that the
plan was issued by the old body and who the report goes to; ``bodies``: each body of the plan that no
longer exists under the plan's name for it on the report's date, who took over (with the sources) and
what the data says is not known (``report.successors``). Both are empty while nothing has changed.
"""

from __future__ import annotations

from plansite.report.content import Cell, Para, Table
from plansite.report.year import YearContext
from plansite.vi import fmt


def place_ended(ctx: YearContext) -> list[Para]:
    """When the plan's place has ceased by the report's date: since when, into what, and who the report goes to."""
    end = ctx.ended
    if end is None:
        return []
    p = ctx.plan.plan
    why = f" ({end.event.title})" if end.event else ""
    into = f"; địa bàn nay thuộc {end.into}" if end.into else ""
    to = f"báo cáo năm {ctx.year} gửi {ctx.recipient}" if ctx.recipient else f"dữ liệu chưa ghi cơ quan nào thay {p.issuer}"
    notes = (ctx.notes.ref(end.event.source, end.event.url),) if end.event else ()
    out = [
        Para(
            f"{end.place.full_name} không còn từ ngày {fmt.date(end.since)}{why}{into}. "
            f"{p.kind} do {p.issuer} (cũ) ban hành; {to}.",
            notes=notes,
        )
    ]
    if end.event and end.event.meaning:
        out.append(Para(end.event.meaning, style="muted"))
    return out


def bodies(ctx: YearContext) -> list[Para | Table]:
    """The plan's bodies that no longer exist under the plan's names for them on the report's date, and who took over."""
    gone = [st for st in (ctx.standing(a.id) for a in ctx.plan.agencies) if st.gone]
    if not gone:
        return []
    when = fmt.date(ctx.deadline)
    rows: list[tuple[Cell | None, ...]] = [
        (
            Cell(st.agency.name, href=f"co-quan/{st.agency.id}.md"),
            Cell(st.detail(), notes=tuple(ctx.notes.ref(s.source, s.url) for s in st.took)),
        )
        for st in gone
    ]
    lead = Para(
        f"Các cơ quan được kế hoạch giao nhiệm vụ mà vào ngày {when} (hạn gửi báo cáo năm {ctx.year}) không còn như kế hoạch ghi:"
    )
    table = Table(f"Cơ quan của kế hoạch vào ngày {when}", ("Cơ quan theo kế hoạch", f"Vào ngày {when}"), tuple(rows), (30, 70))
    return [lead, table]
