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


def head(judged: Judged) -> Head:
    plan = judged.plan
    p = plan.plan
    place = judged.places.get(p.place)
    return Head(
        parent_body=p.issuer,
        issuing_body=plan.agency(p.reporting.to).name,
        recipient=p.issuer,
        place_name=place.name if place else "",
        agencies=tuple(a.name for a in plan.agencies if a.reports and a.id != p.reporting.to),
    )


def build_report(judged: Judged, year: int) -> Report:
    ctx = YearContext(judged, year)
    sections: list[Section] = [s for s in (fn(ctx) for fn in SECTIONS) if s is not None]
    p = judged.plan.plan
    return Report(
        year=year,
        title=f"Báo cáo năm {year}",
        subject=f"Kết quả thực hiện {p.kind} số {p.number} ngày {fmt.date(p.date)} của {p.issuer}, năm {year}",
        head=head(judged),
        sections=tuple(sections),
        notes=tuple(ctx.notes.items),
        deadline=ctx.deadline,
        current=judged.today.year == year,
    )
