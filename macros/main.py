"""mkdocs-macros glue: registers functions that hand-written pages embed.

Nothing here loads or computes data; it calls the core built once per build by
the hooks (``plansite.build.current()``).
"""

from __future__ import annotations

import os
import sys
from typing import Any

# mkdocs-macros does not put this folder's parent on sys.path; make the core importable.
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if os.path.join(_ROOT, "src") not in sys.path:
    sys.path.insert(0, os.path.join(_ROOT, "src"))

from plansite.plugin import macros as macros_api  # noqa: E402


def define_env(env: Any) -> None:
    for name, func in macros_api.functions(lambda: env.page.file.src_uri).items():
        env.macro(func, name)
