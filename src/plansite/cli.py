"""Command line: ``python -m plansite check`` and friends.

Every command reports problems in Vietnamese and exits non-zero on errors;
it never shows a traceback to staff.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from .problems import Problems


def _print_problems(problems: Problems, stream: object = None) -> None:
    out = stream or sys.stdout
    gh = os.environ.get("GITHUB_ACTIONS") == "true"
    for p in problems.sorted():
        print(p.github_annotation() if gh else p.text(), file=out)  # type: ignore[arg-type]


def cmd_check(args: argparse.Namespace) -> int:
    from .pipeline import check

    problems = check(args.data).problems
    _print_problems(problems)
    n_err, n_warn = len(problems.errors), len(problems.warnings)
    n_files = len(problems.files_checked)
    if n_err:
        print(f"\nĐã kiểm tra {n_files} tệp: {n_err} lỗi, {n_warn} cảnh báo. "
              "Sửa các lỗi trên rồi chạy lại lệnh kiểm tra.")
        return 1
    print(f"Đã kiểm tra {n_files} tệp: không có lỗi" + (f", {n_warn} cảnh báo." if n_warn else "."))
    return 0


COMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "check": ("Kiểm tra toàn bộ dữ liệu (YAML và CSV) và báo mọi lỗi cùng lúc.", cmd_check),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m plansite", description="Công cụ dữ liệu của trang theo dõi kế hoạch.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, _) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        sp.add_argument("--data", help="Thư mục dữ liệu (mặc định: biến PLAN_DATA_DIR hoặc «data»).")
        _EXTRA_ARGS.get(name, lambda _p: None)(sp)
    return parser


_EXTRA_ARGS: dict[str, Callable[[argparse.ArgumentParser], None]] = {}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command][1](args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - staff never see a traceback
        print(f"LỖI hệ thống khi chạy «{args.command}»: {type(exc).__name__}: {exc}. "
              "Đây là lỗi của chương trình, không phải của dữ liệu; hãy báo cho nhóm kỹ thuật.", file=sys.stderr)
        if os.environ.get("PLANSITE_DEBUG"):
            raise
        return 2
