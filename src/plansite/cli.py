"""Command line: ``python -m plansite check`` and friends.

Every command reports problems in Vietnamese and exits non-zero on errors;
it never shows a traceback to staff.

Exit codes: 0 done; 1 errors in the data or the input (for «import»: nothing
written); 2 a mistake in the command line, or a fault of the program;
3 «import» wrote what it could but left conflicting rows out (rerun with --ghi-de);
130 interrupted.

The day figures are checked on is today, or ``PLANSITE_TODAY`` (yyyy-mm-dd) when set, as for the site build.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from plansite.problems.record import Problems


def _print_problems(problems: Problems, stream: object = None) -> None:
    out = stream or sys.stdout
    gh = os.environ.get("GITHUB_ACTIONS") == "true"
    for p in problems.sorted():
        print(p.github_annotation() if gh else p.text(), file=out)  # type: ignore[arg-type]


def cmd_check(args: argparse.Namespace) -> int:
    from plansite.pipeline import check

    problems = check(args.data, args.today).problems
    _print_problems(problems)
    n_err, n_warn = len(problems.errors), len(problems.warnings)
    n_files = len(problems.files_checked)
    if n_err:
        print(f"\nĐã kiểm tra {n_files} tệp: {n_err} lỗi, {n_warn} cảnh báo. Sửa các lỗi trên rồi chạy lại lệnh kiểm tra.")
        return 1
    print(f"Đã kiểm tra {n_files} tệp: không có lỗi" + (f", {n_warn} cảnh báo." if n_warn else "."))
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from plansite.staff import StaffError, make_template
    from plansite.staff.filekinds import FILE_KINDS, PROGRESS

    kind = FILE_KINDS[args.loai]
    try:
        if kind is PROGRESS:
            files, rows, problems = make_template(
                args.data, args.co_quan, args.nam, args.today, args.dinh_dang, args.ra, args.cap
            )
        else:
            files, rows, problems = kind.make_template(args.data, args.co_quan, args.nam, args.today, args.dinh_dang, args.ra)
    except StaffError as exc:
        print(exc.text())
        return 1
    if not files:
        _print_problems(problems)
        print(f"\nDữ liệu kế hoạch có {len(problems.errors)} lỗi; sửa các lỗi trên (python -m plansite check) rồi tạo lại mẫu.")
        return 1
    if kind is PROGRESS:
        n_ind = len({r.indicator.id for r in rows})
        print(f"Đã tạo mẫu cho {args.co_quan}, năm {args.nam}: {len(rows)} dòng, {n_ind} chỉ tiêu.")
    else:
        print(f"Đã tạo mẫu «{kind.title}» cho {args.co_quan}, năm {args.nam}: {len(rows)} dòng điền sẵn.")
    for f in files:
        print(f"  {f}")
    if kind is PROGRESS:
        print("Gửi tệp cho cơ quan điền các cột «Giá trị», «Nguồn», «Ngày báo cáo»; ", end="")
    else:
        print("Gửi tệp cho cơ quan điền tiếp các dòng (xem trang «Hướng dẫn» của tệp); ", end="")
    print("rồi nhập bằng: python -m plansite import <tệp đã điền>, hoặc tải lên thư mục nop/ của kho.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from plansite.staff import report_lines
    from plansite.staff.common import load
    from plansite.staff.uploads import detect

    source = Path(args.tep)
    kind = detect(source, load(args.data)[1]) if source.is_file() else None
    if kind is None:
        from plansite.staff import import_file

        report = import_file(source, args.data, args.today, overwrite=args.ghi_de, dry_run=args.thu)
    else:
        report = kind.import_file(source, args.data, args.today, overwrite=args.ghi_de, dry_run=args.thu)
    _print_problems(report.problems)
    if report.problems.items:
        print()
    for line in report_lines(report):
        print(line)
    return report.exit_code()


def cmd_nop(args: argparse.Namespace) -> int:
    """What the pull-request workflow runs on uploads in <data>/nop/ (``staff.uploads``)."""
    from plansite.staff import StaffError, report_lines
    from plansite.staff.comment import uploads_comment
    from plansite.staff.uploads import commit, process, workflow_commands, write_outputs

    run = process(args.data, args.today, overwrite=args.ghi_de)
    try:
        if args.commit:
            commit(run)
    except StaffError as exc:
        print(exc.text())
        return 2
    gh = os.environ.get("GITHUB_ACTIONS") == "true"
    for u in run.uploads:
        print(f"\n== {u.report.problems.rel(u.path)} ({u.kind.title}): {u.status}")
        if not gh:
            _print_problems(u.report.problems)
        for line in report_lines(u.report):
            print(line)
    if gh:
        for line in workflow_commands(run):
            print(line)
    elif run.checked is not None:
        _print_problems(run.checked.problems)
    if args.binh_luan:
        Path(args.binh_luan).write_text(uploads_comment(run, args.xem_truoc), encoding="utf-8")
    write_outputs(run)
    print(f"\n{len(run.uploads)} tệp nộp" + (f"; đã ghi lại (commit {run.commit[:10]})." if run.commit else "."))
    return run.exit_code()


def cmd_federate(args: argparse.Namespace) -> int:
    """The national index over built sites (``publish.federate``)."""
    from plansite.publish.federate import FederationError, federate

    try:
        fed = federate(args.trang, Path(args.ra), args.tieu_de)
    except FederationError as exc:
        print(f"LỖI: {exc}")
        return 1
    print(f"Đã ghi trang tổng hợp {len(fed.members)} kế hoạch vào {args.ra}/index.html và {args.ra}/du-lieu/datapackage.json.")
    return 0


COMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "check": ("Kiểm tra toàn bộ dữ liệu (YAML và CSV) và báo mọi lỗi cùng lúc.", cmd_check),
    "template": ("Tạo mẫu bảng tính (xlsx hoặc csv) cho một cơ quan điền số liệu một năm.", cmd_template),
    "import": (
        "Nhập tệp mẫu đã điền (xlsx hoặc csv) vào progress/, investment.csv hoặc task-updates.csv (theo dòng tiêu đề): "
        "kiểm tra từng dòng, báo xung đột, không ghi gì nếu có lỗi.",
        cmd_import,
    ),
    "nop": (
        "Nhập các tệp đã tải lên thư mục nop/ của thư mục dữ liệu (quy trình trên GitHub): tệp đạt thì nhập và gỡ khỏi nop/, "
        "tệp có lỗi hoặc xung đột thì giữ nguyên; viết bình luận cho đề xuất thay đổi.",
        cmd_nop,
    ),
    "federate": (
        "Dựng trang tổng hợp nhiều kế hoạch từ các trang đã dựng: liên kết tới từng trang và gộp gói dữ liệu mở của chúng.",
        cmd_federate,
    ),
}


_ARG_ERRORS: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", "thiếu tùy chọn bắt buộc: {0}"),
    (r"argument command: invalid choice: '?([^' ]*)'? \(choose from (.*)\)", "không có lệnh «{0}»; các lệnh: {1}"),
    (
        r"argument (\S+): invalid choice: '?([^']*)'? \(choose from (.*)\)",
        "tùy chọn {0}: «{1}» không hợp lệ; chọn một trong: {2}",
    ),
    (r"argument (\S+): invalid int value: '?([^']*)'?", "tùy chọn {0}: «{1}» không phải số nguyên"),
    (r"argument (\S+): expected one argument", "tùy chọn {0} cần một giá trị"),
    (r"unrecognized arguments: (.*)", "không hiểu tham số: {0}"),
)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its help and usage errors in Vietnamese (exit code 2, no traceback)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # a Vietnamese -h instead
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="Hiện hướng dẫn này rồi thoát.")
        self._positionals.title = "Các lệnh"
        self._optionals.title = "Tùy chọn"

    def error(self, message: str) -> NoReturn:
        for pattern, text in _ARG_ERRORS:
            found = re.fullmatch(pattern, message)
            if found:
                message = text.format(*(g.replace("'", "") for g in found.groups()))
                break
        self.exit(2, f"LỖI: {message}. Xem cách dùng: {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m plansite", description="Công cụ dữ liệu của trang theo dõi kế hoạch.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, _) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        sp.add_argument("--data", help="Thư mục dữ liệu (mặc định: biến PLAN_DATA_DIR hoặc «data»).")
        _EXTRA_ARGS.get(name, lambda _p: None)(sp)
    return parser


def _template_args(sp: argparse.ArgumentParser) -> None:
    from plansite.staff.filekinds import FILE_KINDS

    sp.add_argument(
        "--loai",
        choices=tuple(FILE_KINDS),
        default="so-lieu",
        help="Loại tệp: " + "; ".join(f"{k} = {v.title}" for k, v in FILE_KINDS.items()) + " (mặc định: so-lieu).",
    )
    sp.add_argument(
        "--co-quan", required=True, metavar="MÃ", help="Mã cơ quan trong agencies.yaml (ghi sai thì lệnh liệt kê các mã có)."
    )
    sp.add_argument("--nam", required=True, type=int, metavar="NĂM", help="Năm của số liệu, ví dụ 2025.")
    sp.add_argument(
        "--dinh-dang",
        choices=("xlsx", "csv"),
        default="xlsx",
        help="xlsx (mặc định): trang «Số liệu» và trang «Hướng dẫn»; csv: CSV UTF-8 có BOM kèm tệp …-huong-dan.txt.",
    )
    sp.add_argument("--ra", default=".", metavar="THƯ_MỤC", help="Thư mục ghi mẫu (mặc định: thư mục hiện tại).")
    sp.add_argument(
        "--cap",
        default=None,
        metavar="CẤP",
        help="Mã một cấp địa bàn trong places.yaml («levels»): thêm một dòng cho mỗi đơn vị cấp đó còn hiệu lực trong năm. "
        "Mặc định: địa bàn của kế hoạch, và các đơn vị cấp ngay dưới khi chỉ tiêu đã có số liệu cấp đó.",
    )


def _import_args(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("tep", metavar="TỆP", help="Tệp mẫu đã điền (.xlsx hoặc .csv).")
    sp.add_argument("--ghi-de", action="store_true", help="Ghi đè số liệu đã có khi số nhập khác (xung đột).")
    sp.add_argument("--thu", action="store_true", help="Chạy thử: kiểm tra và báo kết quả, không ghi tệp nào.")


def _nop_args(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "--ghi-de", action="store_true", help="Ghi số mới thay số đã có ở dòng xung đột (khi đề xuất có nhãn xác nhận)."
    )
    sp.add_argument("--commit", action="store_true", help="Ghi kết quả vào git: thêm các tệp số liệu đã đổi, gỡ tệp đã nhập.")
    sp.add_argument("--binh-luan", metavar="TỆP", help="Viết nội dung bình luận (Markdown, tiếng Việt) vào TỆP.")
    sp.add_argument("--xem-truoc", default="", metavar="ĐỊA_CHỈ", help="Địa chỉ bản xem trước ghi trong bình luận.")


def _federate_args(sp: argparse.ArgumentParser) -> None:
    sp.add_argument(
        "trang",
        nargs="+",
        metavar="TRANG",
        help="Thư mục một trang đã dựng (có du-lieu/datapackage.json), hoặc THƯ_MỤC=ĐỊA_CHỈ để liên kết tới địa chỉ đó.",
    )
    sp.add_argument("--ra", required=True, metavar="THƯ_MỤC", help="Thư mục ghi trang tổng hợp và gói dữ liệu gộp.")
    sp.add_argument("--tieu-de", default="Các kế hoạch", metavar="TÊN", help="Tên của trang tổng hợp.")


_EXTRA_ARGS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "template": _template_args,
    "import": _import_args,
    "nop": _nop_args,
    "federate": _federate_args,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from plansite.pipeline import configured_today

    try:
        args.today = configured_today()  # PLANSITE_TODAY, else the clock
    except ValueError as exc:
        print(f"LỖI: {exc}", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command][1](args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        print(
            f"LỖI hệ thống khi chạy «{args.command}»: {type(exc).__name__}: {exc}. "
            "Đây là lỗi của chương trình, không phải của dữ liệu; hãy báo cho nhóm kỹ thuật.",
            file=sys.stderr,
        )
        if os.environ.get("PLANSITE_DEBUG"):
            raise
        return 2
