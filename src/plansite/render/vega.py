"""vl-convert and nothing else: what a chart worker process imports.

A worker (``plansite.render.charts.svg``) is a fresh interpreter. Importing this module alone,
not the chart package with its data and pandas, keeps its start to vl-convert's own cost.
"""

from __future__ import annotations

import time
from typing import Any

_TINY = {"mark": "point", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}


def render_spec(spec: dict[str, Any]) -> tuple[str, float]:
    """One chart to SVG (raw, as vl-convert writes it) and the seconds it took; runs in a worker or in the build."""
    import vl_convert as vlc

    started = time.perf_counter()
    svg = vlc.vegalite_to_svg(spec)
    return svg, time.perf_counter() - started


def warm_up() -> None:
    """vl-convert's first chart costs most of a second (its JavaScript engine starts): pay it before real work."""
    render_spec(_TINY)
