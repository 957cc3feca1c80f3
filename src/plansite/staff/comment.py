"""The pull-request comment of the upload route, in Vietnamese Markdown: for each upload what was imported (in
words) or each error with its row, column and fix, or the conflict and how to confirm it; then the result of the
whole check and where the preview is.

Text from the uploaded file is shown as text: Markdown and HTML signs are escaped, mentions cannot notify.
"""

from __future__ import annotations

import os
import re

from plansite.problems import Problem
from plansite.staff.report import explained
from plansite.staff.uploads import CONFIRM_LABEL, IMPORTED, REFUSED, TO_CONFIRM, UPLOAD_DIR, Run, Upload

MARK = "<!-- plansite-nop -->"  # the comment's first line: the workflow edits its own comment, not another's
MAX_ROWS = 60  # problems listed per table; the rest are counted (the annotations carry them all)
_MD = re.compile(r"([\\`*_\[\]<>|#!~])")
TITLES = {
    IMPORTED: "đã nhập",
    REFUSED: "có lỗi, chưa nhập gì",
    TO_CONFIRM: "số mới khác số đã có: cần xác nhận, chưa nhập gì",
}


def md(text: str) -> str:
    """Text as Markdown shows it: no link, emphasis, table cell break, HTML or mention."""
    return _MD.sub(r"\\\1", text).replace("@", "@\u200b").replace("\n", " ")


def _table(problems: list[Problem], head: str, fix: str = "") -> list[str]:
    """Problems as a table (``fix``: one text for every row's last column instead of each problem's own fix)."""
    out = [f"| Dòng | Cột | {head} | Cách sửa |", "|---|---|---|---|"]
    for p in problems[:MAX_ROWS]:
        out.append(f"| {p.line or ''} | {md(p.column or '')} | {md(p.message)} | {md(fix or p.hint)} |")
    if len(problems) > MAX_ROWS:
        out.append(f"| | | … và {len(problems) - MAX_ROWS} dòng nữa (xem chú thích trên các dòng ở thẻ Files changed) | |")
    return out


def _upload(u: Upload, overwrite: bool) -> list[str]:
    rel = u.report.problems.rel(u.path)
    out = [f"### `{md(rel)}` ({md(u.kind.title)}): {TITLES[u.status]}", ""]
    errors, warnings = u.report.problems.errors, u.report.problems.warnings
    if u.status == IMPORTED:
        for c in u.report.changes:
            out.append(f"- Đã ghi `{md(u.report.problems.rel(c.path))}`: thêm {c.added} dòng, ghi đè {c.overwritten} dòng.")
        if not u.report.changes:
            out.append("- Không có số nào mới: mọi dòng đã có đúng như vậy.")
        out.append(f"- Tệp nộp đã được gỡ khỏi thư mục `{UPLOAD_DIR}/` (vẫn còn trong lịch sử của đề xuất).")
    elif u.status == REFUSED:
        out += [f"Có **{len(errors)} lỗi**; không dòng nào được nhập, kể cả các dòng đúng.", "", *_table(errors, "Lỗi"), ""]
        out.append(
            "**Cách sửa:** mở tệp bằng Excel, sửa từng ô theo bảng trên (dòng và cột như trong Excel), lưu lại, rồi tải lên "
            f"lại vào thư mục `{UPLOAD_DIR}/` của cùng nhánh này (Add file → Upload files, cùng tên tệp). Kiểm tra tự chạy lại."
        )
    else:
        conflicts = [p for p in warnings if p.kind == "xung-dot"]
        warnings = [p for p in warnings if p.kind != "xung-dot"]
        out += [
            f"{len(conflicts)} dòng có số khác số đã có trong kho (đã công bố, hoặc đã nhập trước đó trong đề xuất này). "
            "**Số đã có không bao giờ bị thay mà không được xác nhận**; lần này không dòng nào được nhập.",
            "",
            *_table(conflicts, "Khác nhau", "Xác nhận số mới bằng nhãn, hoặc sửa tệp (xem dưới)."),
            "",
            f"- Nếu **số mới đúng**: thêm nhãn `{CONFIRM_LABEL}` cho đề xuất này (cột bên phải, mục **Labels**). Kiểm tra "
            "chạy lại và ghi số mới thay số cũ; số cũ vẫn còn trong lịch sử.",
            "- Nếu **số cũ đúng**: sửa các dòng trên trong tệp rồi tải lên lại (cùng tên tệp).",
        ]
    for line in explained(u.report):
        if line.startswith("  "):
            out.append(f"- {md(line.strip())}")
        elif line:
            out += ["", f"**{md(line)}**", ""]
    if warnings:
        out += ["", f"Cảnh báo ({len(warnings)}, không chặn việc nhập):", "", *_table(warnings, "Cần xem lại")]
    return [*out, ""]


def _preview(url: str) -> list[str]:
    if not url:
        server, repo, run_id = (os.environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
        url = f"{server}/{repo}/actions/runs/{run_id}" if server and repo and run_id else ""
    if not url:
        return ["Bản xem trước: chạy `make preview` trên máy rồi mở `preview/index.html`."]
    return [
        f"Bản xem trước của trang (dựng khi dữ liệu đạt kiểm tra): [trang lần chạy kiểm tra]({url}) → mục **Artifacts** → "
        "tải **xem-truoc**, giải nén, mở tệp `index.html` bằng trình duyệt (không cần mạng; liên kết, tìm kiếm và biểu đồ "
        "đều dùng được)."
    ]


def uploads_comment(run: Run, preview_url: str = "") -> str:
    """The comment's Markdown."""
    out = [MARK, "## Kết quả kiểm tra tệp nộp", ""]
    if not run.uploads:
        out += [f"Không có tệp nộp trong thư mục `{UPLOAD_DIR}/`: chỉ kiểm tra dữ liệu và dựng bản xem trước.", ""]
    if run.overwrite:
        out += [f"Chạy với nhãn `{CONFIRM_LABEL}`: số mới được ghi thay số đã có ở các dòng xung đột.", ""]
    for u in run.uploads:
        out += _upload(u, run.overwrite)
    out += ["## Kiểm tra toàn bộ dữ liệu", ""]
    checked = run.checked
    if checked is not None and checked.ok:
        n = len(checked.problems.warnings)
        out.append("Không có lỗi" + (f" ({n} cảnh báo)." if n else "."))
    elif checked is not None:
        errors = checked.problems.errors
        out += [
            f"Có **{len(errors)} lỗi** trong thư mục dữ liệu:",
            "",
            "| Tệp | Dòng | Cột | Lỗi | Cách sửa |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| `{md(p.file)}` | {p.line or ''} | {md(p.column or '')} | {md(p.message)} | {md(p.hint)} |"
            for p in errors[:MAX_ROWS]
        ]
    out += ["", "## Xem trước", "", *_preview(preview_url), ""]
    return "\n".join(out)
