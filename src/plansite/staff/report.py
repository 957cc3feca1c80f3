"""The report of an import, as the command prints it: counts per indicator, rows left blank or unchanged, files written."""

from __future__ import annotations

from collections.abc import Iterable

from plansite.staff.common import BLANK, CONFLICT, ERROR, NEW, OVERWRITTEN, SAME, STATUS_LABELS
from plansite.staff.importer import ImportReport


def summary_table(report: ImportReport) -> list[str]:
    """The counts per indicator (or task group, programme …: ``group_label``), as an aligned text table."""
    statuses = [NEW, SAME, CONFLICT, OVERWRITTEN, BLANK, ERROR]
    inds = list(dict.fromkeys(r.indicator for r in report.results))
    head = [report.group_label, *(STATUS_LABELS[s].lower() for s in statuses)]
    body = [[i, *(str(report.count(s, i)) for s in statuses)] for i in inds]
    body.append(["Tổng", *(str(report.count(s)) for s in statuses)])
    widths = [max(len(r[c]) for r in [head, *body]) for c in range(len(head))]

    def fmt_row(r: Iterable[str]) -> str:
        cells = list(r)
        return "  ".join([cells[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))])

    rule = "  ".join("-" * w for w in widths)
    return [fmt_row(head), rule, *(fmt_row(r) for r in body[:-1]), rule, fmt_row(body[-1])]


def explained(report: ImportReport) -> list[str]:
    """Each figure added or changed in words, and what the import understood of cells written another way."""
    out: list[str] = []
    verb = {NEW: "Thêm", OVERWRITTEN: "Ghi đè", CONFLICT: "Xung đột, chưa ghi"}
    shown = [r for r in report.results if r.status in verb and not (r.status == CONFLICT and report.overwrite)]
    if shown:
        out += ["", "Các số liệu đọc được:" if report.ok else "Các dòng đọc được (chưa ghi vì tệp còn lỗi):"]
        out += [f"  dòng {r.line}: {verb[r.status]}: {r.figure}" for r in shown]
    seen = [r for r in report.results if r.understood]
    if seen:
        out += ["", "Đã hiểu như sau (kiểm tra lại nếu không đúng ý):"]
        out += [f"  dòng {r.line}: " + "; ".join(r.understood) for r in seen]
    return out


def report_lines(report: ImportReport) -> list[str]:
    src = report.problems.rel(report.source)
    title = f"Kết quả nhập {src}" + (" (chạy thử)" if report.dry_run else "") + ":"
    out = [title, *(summary_table(report) if report.results else ["(không có dòng số liệu nào được đọc)"]), *report.notes]
    out += explained(report)
    blanks = [r for r in report.results if r.status == BLANK]
    if blanks:
        out.append("")
        out.append(f"Bỏ trống ({len(blanks)} dòng, không nhập):")
        out += [f"  dòng {r.line} ({r.indicator}): {r.detail}" for r in blanks]
    same = [r for r in report.results if r.status == SAME]
    if same:
        out.append("")
        out.append(f"Không đổi ({len(same)} dòng, đã có đúng như vậy):")
        out += [f"  dòng {r.line} ({r.indicator}): {r.detail}" for r in same]
    out.append("")
    if not report.ok:
        out.append(f"Có {len(report.problems.errors)} lỗi: KHÔNG ghi tệp nào. Sửa các lỗi trên trong tệp nhập rồi chạy lại.")
        return out
    verb = "Sẽ ghi" if report.dry_run else "Đã ghi"
    for c in report.changes:
        parts = []
        if c.created:
            parts.append("tạo tệp mới")
        if c.added:
            parts.append(f"thêm {c.added} dòng")
        if c.overwritten:
            parts.append(f"ghi đè {c.overwritten} dòng")
        if c.normalised:
            parts.append("chuẩn hóa thứ tự cột và dấu phân cách của tệp")
        out.append(f"{verb} {report.problems.rel(c.path)}: " + ", ".join(parts) + ".")
    if not report.changes:
        out.append("Không có gì mới để ghi.")
    if report.dry_run:
        out.append("Chạy thử (--thu): không ghi tệp nào.")
    if report.unresolved_conflicts:
        out.append(
            f"Còn {report.unresolved_conflicts} dòng xung đột chưa ghi (xem các CẢNH BÁO ở trên). "
            "Nếu số mới đúng, chạy lại với --ghi-de."
        )
    if report.written:
        out.append("Tiếp theo: chạy python -m plansite check, rồi gửi thay đổi (pull request).")
    return out
