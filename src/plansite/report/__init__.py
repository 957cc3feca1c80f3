"""The yearly report: generated from the judged plan, shown as a page, printed to PDF, drafted as .docx.

``build_report(judged, year)`` runs the section functions (``report.sections.SECTIONS``) on one
year of the judged plan and returns a ``Report`` made of a few kinds of block
(``report.content``). The page (``render/pages/reports.py``), the editable draft
(``report.docx``, Nghị định 30/2020/NĐ-CP) and the PDF printed from the page (``report.pdf``)
all show that one ``Report``.
"""

from __future__ import annotations

from plansite.report.content import Head, Report, Section
from plansite.report.sections import SECTIONS
from plansite.report.year import YearContext, report_years
from plansite.status.judged import Judged
from plansite.vi import fmt

__all__ = ["Report", "build_report", "report_years"]


def head(ctx: YearContext) -> Head:
    """Who writes the report and to whom, on the report's date: once a body or the plan's place has ceased, the
    body the data says continues it; what the data does not know is left for a person to fill (``Head.to_fill``)."""
    plan, p, end = ctx.plan, ctx.plan.plan, ctx.ended
    lead = ctx.standing(p.reporting.to)
    issuer = ctx.recipient
    if end is None:
        place = ctx.judged.places.get(p.place)
        where = place.name if place else ""
    else:
        where = end.becomes[0].name if len(end.becomes) == 1 else ""
    unknown = f"cơ quan kế tiếp của {p.issuer}"
    to_fill = [f for f, known in (("parent_body", issuer), ("recipient", issuer), ("issuing_body", lead.now)) if not known]
    if end is not None and not where:
        to_fill.append("place_name")
    return Head(
        parent_body=issuer or unknown,
        issuing_body=lead.holder,
        recipient=issuer or unknown,
        place_name=where,
        agencies=tuple(ctx.standing(a.id).short() for a in plan.agencies if a.reports and a.id != p.reporting.to),
        to_fill=tuple(to_fill),
    )


def build_report(judged: Judged, year: int) -> Report:
    ctx = YearContext(judged, year)
    sections: list[Section] = [s for s in (fn(ctx) for fn in SECTIONS) if s is not None]
    p = judged.plan.plan
    return Report(
        year=year,
        title=f"Báo cáo năm {year}",
        subject=f"Kết quả thực hiện {p.kind} số {p.number} ngày {fmt.date(p.date)} của {p.issuer}, năm {year}",
        head=head(ctx),
        sections=tuple(sections),
        notes=tuple(ctx.notes.items),
        deadline=ctx.deadline,
        current=judged.today.year == year,
    )
