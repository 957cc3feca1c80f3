"""Charts: what each shows (``data``), its altair shape (``shapes``), its SVG (``svg``)."""

from plansite.render.charts.data import Chart, base_config, indicator_chart, place_chart, status_chart
from plansite.render.charts.shapes import STATUS_COLORS, Shapes
from plansite.render.charts.svg import ChartRenderer

__all__ = ["STATUS_COLORS", "Chart", "ChartRenderer", "Shapes", "base_config", "indicator_chart", "place_chart", "status_chart"]
