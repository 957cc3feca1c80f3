"""The yearly reports: a list of them, and one page per year (``bao-cao/<year>/``).

The report itself is made by ``plansite.report`` (one function per section); this page type
only hands it to its template. The PDF and the .docx draft of each year are written beside the
pages when the site is published (``SiteBuild.publish``).
"""

from __future__ import annotations

from collections.abc import Iterator

from plansite.render.pages.page import Page, Wanted, everything
from plansite.render.view import SiteView


def pages(view: SiteView, wanted: Wanted = everything) -> Iterator[Page]:
    reports = view.reports
    yield Page(
        "bao-cao/index.md",
        "Báo cáo hằng năm",
        "reports_index.html",
        {"reports": list(reports.values())},
        description="Báo cáo hằng năm về kết quả thực hiện kế hoạch, sinh từ dữ liệu: trang, PDF và bản nháp Word.",
    )
    for year, report in reports.items():
        yield Page(
            f"bao-cao/{year}.md",
            report.title,
            "report.html",
            {"report": report},
            description=report.subject,
            search_kind="trang",
            search_line=report.subject,
        )
