"""How the plugin stops a build: its Vietnamese message alone, on stderr, and exit status 1.

MkDocs answers a ``PluginError`` by logging it and then printing the English «Aborted with a BuildError!»,
and ends a strict build that has warnings with «Aborted with N warnings in strict mode!». A ``BuildStopped``
is an ``Abort``: MkDocs still runs ``on_build_error`` (the staging folder is removed, the old site is kept),
then prints only this message.
"""

from __future__ import annotations

import sys
from typing import Any

from mkdocs.exceptions import Abort

HEADING = "Dựng trang không thành công; trang đã dựng trước đó (nếu có) được giữ nguyên."


class BuildStopped(Abort):
    """Stop the build with ``message`` (Vietnamese), shown under a line that says the old site is kept."""

    def show(self, *args: Any, **kwargs: Any) -> None:
        print(f"\nLỖI: {HEADING}\n{self.format_message()}", file=sys.stderr)
