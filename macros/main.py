"""mkdocs-macros glue: registers the functions hand-written pages embed (``plansite.plugin.macros``).

Nothing here loads or computes data: each function asks the build kept by the ``plansite``
MkDocs plugin.
"""

from __future__ import annotations

from typing import Any

from plansite.plugin.macros import functions


def define_env(env: Any) -> None:
    plugin = env.conf["plugins"]["plansite"]
    for name, func in functions(plugin.current, lambda: env.page.file.src_uri).items():
        env.macro(func, name)


def on_pre_page_macros(env: Any) -> None:
    """Each value a page writes with ``{{ … }}`` is text, unless it is HTML made by the core (``plugin.inert``)."""
    env.env.finalize = env.conf["plugins"]["plansite"].inert.finalize
