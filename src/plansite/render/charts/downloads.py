"""Every chart to keep and share: SVG and PNG with its title, source, licence and date inside the
image, its data as CSV, and an embed page with only the chart, for an ``<iframe>``.

Files, for a chart whose slug is ``chi-tieu/<id>/xu-huong``:

* ``bieu-do/chi-tieu/<id>/xu-huong.svg`` and ``.png`` (the PNG drawn from that SVG by vl-convert's
  resvg, with a font that has the Vietnamese letters), ``.csv`` (UTF-8 with BOM, as the chart's table);
* ``nhung/chi-tieu/<id>/xu-huong/index.html``: the chart, its title and source, a link to its page.

The PNG costs a tenth of a second or more a chart (resvg); it is drawn by a pool of processes and kept in the build's
cache like the SVG.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from jinja2 import Environment

from plansite.cache import Cache, entry_key
from plansite.render.charts.data import Chart
from plansite.render.charts.text import text_width
from plansite.render.html import relative
from plansite.vi import fmt

DOWNLOADS = "bieu-do"
EMBEDS = "nhung"
_SIZE = re.compile(r'width="([\d.]+)" height="([\d.]+)"')
_HEAD = re.compile(r"^<svg [^>]*>")
PAD = 16
LINE = 18
TITLE_SIZE = 15  # px, bold
FOOT_SIZE = 11  # px


@dataclass(frozen=True)
class Credit:
    """What every shared chart says about itself besides its source."""

    site_name: str
    licence: str
    date: dt.date
    site_url: str = ""  # absolute address of the site, for the embed code; "" when not known at build time


def download_links(chart: Chart) -> dict[str, str]:
    """Paths (from the site root) of the chart's files and embed page."""
    return {
        "svg": f"{DOWNLOADS}/{chart.slug}.svg",
        "png": f"{DOWNLOADS}/{chart.slug}.png",
        "csv": f"{DOWNLOADS}/{chart.slug}.csv",
        "embed": f"{EMBEDS}/{chart.slug}/",
    }


def standalone_svg(chart: Chart, svg: str, credit: Credit) -> str:
    """The chart's SVG inside a larger one with its title above and source, licence and date below."""
    size = _SIZE.search(svg)
    width, height = (float(size.group(1)), float(size.group(2))) if size else (400.0, 300.0)
    inner = _HEAD.sub(lambda m: _strip_page_attributes(m.group(0)), svg, count=1)
    room = width  # the text starts at PAD and keeps PAD free on the right: the chart's own width
    title = wrap_text(chart.title or chart.alt_text[:120], room, TITLE_SIZE) or [""]
    source = "Nguồn: " + ("; ".join(chart.sources) if chart.sources else "xem trang của biểu đồ")
    foot = wrap_text(source, room, FOOT_SIZE) + wrap_text(
        f"{credit.site_name} · Giấy phép {credit.licence} · Ngày lấy: {fmt.date(credit.date)}", room, FOOT_SIZE
    )
    top = PAD + LINE * len(title) + 6
    total_w = width + 2 * PAD
    total_h = top + height + 8 + LINE * len(foot) + PAD
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w:.0f}" height="{total_h:.0f}" '
        f'viewBox="0 0 {total_w:.0f} {total_h:.0f}" font-family="DejaVu Sans, Noto Sans, sans-serif">',
        f"<title>{xml_escape(chart.title)}</title>",
        f'<rect width="{total_w:.0f}" height="{total_h:.0f}" fill="#fff"/>',
    ]
    for i, line in enumerate(title):
        out.append(
            f'<text x="{PAD}" y="{PAD + 12 + i * LINE}" font-size="{TITLE_SIZE}" font-weight="bold" fill="#111">{xml_escape(line)}</text>'
        )
    out.append(f'<g transform="translate({PAD},{top})">{inner}</g>')
    y = top + height + 8
    for i, line in enumerate(foot):
        out.append(f'<text x="{PAD}" y="{y + 12 + i * LINE}" font-size="{FOOT_SIZE}" fill="#333">{xml_escape(line)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def wrap_text(text: str, room: float, size: float) -> list[str]:
    """``text`` as lines each at most ``room`` px wide by ``text_width``, broken between words; a word wider than a
    line by itself is broken inside. Nothing is dropped: every word is on a line, in order."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size) <= room:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while text_width(word, size) > room and len(word) > 1:
            cut = 1
            while cut < len(word) and text_width(word[: cut + 1], size) <= room:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _strip_page_attributes(head: str) -> str:
    """The inline SVG's opening tag without what only the page needs (its responsive style, aria-hidden)."""
    head = re.sub(r'\s(?:style|aria-hidden|focusable|class)="[^"]*"', "", head)
    return head


def chart_csv(chart: Chart) -> bytes:
    """The chart's table as CSV, UTF-8 with a BOM so that Excel shows Vietnamese right."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(chart.columns)
    w.writerows([_safe(c) for c in row] for row in chart.rows)
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def _safe(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def write_downloads(
    site_dir: Path,
    charts: list[tuple[Chart, str]],
    credit: Credit,
    env: Environment,
    cache: Cache | None = None,
    directory_urls: bool = True,
) -> int:
    """Every placed chart's files and embed page; returns how many charts. ``directory_urls``: as ``html.page_url``.

    PNGs not in the cache are drawn by a pool of processes (one per core: resvg holds the GIL) while the SVG, CSV
    and embed page of every chart are written; each is then written and kept in the cache."""
    done = 0
    missing: dict[str, tuple[str, Path]] = {}  # cache key -> (the standalone SVG, where its PNG goes)
    for chart, svg in charts:
        if not chart.slug:
            continue
        links = download_links(chart)
        whole = standalone_svg(chart, svg, credit)
        key = entry_key("png", whole, str(PNG_SCALE))
        png = cache.get("png", key, ".png") if cache is not None else None
        base = site_dir / DOWNLOADS / chart.slug
        base.parent.mkdir(parents=True, exist_ok=True)
        if png is None:
            missing[key] = (whole, base.with_suffix(".png"))
        else:
            base.with_suffix(".png").write_bytes(png)
        base.with_suffix(".svg").write_text(whole, encoding="utf-8")
        base.with_suffix(".csv").write_bytes(chart_csv(chart))
        page = site_dir / links["embed"] / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        here = links["embed"] + "index.html"
        html = env.get_template("embed.html").render(
            chart=chart,
            svg=svg,
            credit=credit,
            back=_rel_file(here, _page_path(chart.page, directory_urls)),
            css=_rel_file(here, "assets/site.css"),
            png=_rel_file(here, links["png"]),
            data=_rel_file(here, links["csv"]),
        )
        page.write_text(html, encoding="utf-8")
        done += 1
    for key, png in _draw_pngs(missing):
        missing[key][1].write_bytes(png)
        if cache is not None:
            cache.put("png", key, png, ".png")
    return done


PNG_SCALE = 1.5  # about 1.000 px wide: sharp enough to share, light enough to download on a costly link
_POOL_FROM = 8  # fewer PNGs than this are drawn here: starting processes would cost more


def _png(svg: str) -> bytes:
    import vl_convert as vlc

    return bytes(vlc.svg_to_png(svg, scale=PNG_SCALE))


def _draw_pngs(missing: dict[str, tuple[str, Path]]) -> Iterator[tuple[str, bytes]]:
    keys = list(missing)
    workers = min(os.cpu_count() or 1, len(keys) // _POOL_FROM)
    if workers < 2:
        for key in keys:
            yield key, _png(missing[key][0])
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # «spawn», as the chart renderer's pool: this process has threads (the reports) and vl-convert's own runtime
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from zip(keys, pool.map(_png, [missing[k][0] for k in keys], chunksize=4), strict=True)


def _page_path(src: str, directory_urls: bool = True) -> str:
    return relative("index.md", src, directory_urls) if src else ""


def _rel_file(from_file: str, to: str) -> str:
    import posixpath

    return posixpath.relpath(to or ".", posixpath.dirname(from_file) or ".") + ("/" if to.endswith("/") else "")
