"""Varied progress files, clean and broken, for the checker's tests.

One generator, driven either by hypothesis (``hypothesis_files``) or by a seeded
``random.Random`` (``seeded_corpus``, for the golden expectations): header spellings
(labels, ids, without diacritics, upper or lower case, padded; unknown, repeated or
unnamed columns; missing required ones), «,» «;» and tab separators, BOM, CRLF, quoted or
padded cells, place names, ids and aliases (and names two places share), flag words,
date formats, plain and grouped numbers, quoted line breaks, short and long rows, blank
rows, repeated rows, and now and then a line of broken quoting.

Cell texts come from the plan given (its places, agencies, series), so the generator
works for any plan. Each file comes with the line each of its records ends on, counted
here independently of the checker.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from hypothesis import strategies as st

from plansite import model as m
from plansite.check.progress import COLUMNS
from plansite.vi.text import fold

T = TypeVar("T")


class Draw(Protocol):
    def choice(self, options: Sequence[T]) -> T: ...
    def chance(self, p: float) -> bool: ...
    def number(self, lo: int, hi: int) -> int: ...


class SeededDraw:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def number(self, lo: int, hi: int) -> int:
        return lo + self.rng.randrange(hi - lo + 1)


class HypothesisDraw:
    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def choice(self, options: Sequence[T]) -> T:
        return self.data.draw(st.sampled_from(options))

    def chance(self, p: float) -> bool:
        return self.data.draw(st.integers(0, 999)) < p * 1000

    def number(self, lo: int, hi: int) -> int:
        return self.data.draw(st.integers(lo, hi))


@dataclass
class GeneratedFile:
    name: str  # progress/<name>
    data: bytes
    records: list[int] = field(default_factory=list)  # the line each data record ends on
    blank: list[bool] = field(default_factory=list)  # whether that record is blank (only empty or space cells)
    broken: bool = False  # a line of broken quoting was written: the csv module may refuse the file


def cell_pools(plan: m.PlanData, ind: m.Indicator, today_year: int) -> dict[str, list[str]]:
    """For each column id, cell texts to draw from: valid ones (most) and broken ones."""
    lo, hi = plan.plan.data_years.start, min(plan.plan.data_years.end, today_year)
    places = plan.places.places
    names = [p.name for p in places] + [p.full_name for p in places] + [p.id for p in places]
    names += [a for p in places for a in p.aliases] + [fold(p.full_name).lower() for p in places]
    agencies = [a.id for a in plan.agencies] + [a.name for a in plan.agencies] + [a.short_name for a in plan.agencies]
    series = ind.series_ids()
    years = [str(y) for y in range(lo, hi + 1)]
    return {
        "nam": years * 4 + [f"{lo}.0", f" {hi} ", "", str(lo - 5), str(hi + 1), "20x5", "năm ngoái", "٢٠٢٠"],
        "gia_tri": [
            *("26,7", "26.7", "96", "0", "-3,5", "12,34", "100", "99,9", "1,5", "3,25", "1000,5", "42"),
            *("1.234.567", "1 234 567", "1.234,5", "1,234.5", "26,7 %", "+3", "−5", "0,2670"),
            *("1.234", "1,234", "abc", "", "150", "-1", "1e999", "9" * 40, "%", "1,234.567,8"),
        ],
        "dia_ban": ["", "", "", "Toàn tỉnh", "toan tinh", *names, "Nơi không có", " Đồi  Xanh "],
        "chuoi": ["", "", "", *series, "khong-co", series[0].upper()],
        "phuong_phap": ["", "", "", "A", "a", "B", "Cách đo mới", "cach do moi"],
        "nguon": [
            *(["Báo cáo số 1/BC-UBND"] * 6),
            *("Niên giám, tập 2", 'Theo "chuẩn mới"', "Báo cáo\ndòng hai", " Báo cáo ", "Báo cáo; bản 2", "Báo cáo\tB"),
            *("", "  "),
        ],
        "lien_ket": [
            "",
            "",
            "https://example.org/a",
            "http://example.org/b?x=1",
            "javascript:alert(1)",
            "example.org",
            "http://a b",
        ],
        "co_quan": ["", "", *agencies, "so giao duc va dao tao", "Sở Không Có"],
        "ngay_bao_cao": [
            "",
            "",
            *(f"15/12/{y}" for y in years[-3:]),
            f"{hi}-01-31",
            f"01-02-{hi}",
            f"01.02.{hi}",
            "31/02/2020",
            f"01/01/{today_year + 1}",
            f"01/01/{lo - 3}",
            "ngày 5",
        ],
        "so_bo": ["", "", "", "x", "X", "có", "Sơ bộ", "sb", "không", "0", "1", "?", "có lẽ", " x "],
        "uoc_tinh": ["", "", "", "x", "ước tính", "uoc tinh", "ut", "false", "yes", "??"],
        "ghi_chu": ["", "", "", "Ghi chú", "dòng một\ndòng hai", 'câu "trích"', "a,b;c", "a\x07b", "x" * 2001, "a\x0bb\u2028c"],
    }


def _header_text(col_id: str, label: str, draw: Draw) -> str:
    spelling = draw.choice([label, label, label, col_id, fold(label), label.lower(), label.upper(), f" {label} "])
    return spelling


def generate(draw: Draw, plan: m.PlanData, ind: m.Indicator, today_year: int) -> GeneratedFile:
    """One progress file of ``ind``, with the line of each of its records."""
    pools = cell_pools(plan, ind, today_year)
    required = [c for c in COLUMNS if c.required]
    optional = [c for c in COLUMNS if not c.required]
    chosen = [c for c in required if not draw.chance(0.03)] + [c for c in optional if draw.chance(0.5)]
    order = sorted(range(len(chosen)), key=lambda _: draw.number(0, 1000))
    chosen = [chosen[i] for i in order]
    header = [_header_text(c.id, c.label, draw) for c in chosen]
    if draw.chance(0.03):
        header.append(draw.choice(["Đơn vị tính", "", header[0] if header else "Năm"]))
    delimiter = draw.choice([",", ",", ",", ";", "\t"])
    quoting = draw.choice([csv.QUOTE_MINIMAL, csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
    clean = draw.chance(0.4)  # a file with only valid cells
    rows: list[list[str]] = []
    for _ in range(draw.number(0, 12)):
        if draw.chance(0.06):
            rows.append(draw.choice([[], [""] * len(header), ["  "] * max(1, len(header) - 1)]))
            continue
        cells = [_cell(pools[c.id], clean, draw) for c in chosen]
        if len(header) > len(chosen):
            cells.append(draw.choice(["", "x"]))
        if draw.chance(0.05):
            cells = cells[: draw.number(0, len(cells))]  # a short row
        if draw.chance(0.04):
            cells += [draw.choice(["", "", "thừa"])] * draw.number(1, 2)  # cells beyond the header
        rows.append(cells)
        if rows and draw.chance(0.05):
            rows.append(list(draw.choice(rows)))  # a repeated row
    return _write(ind.id, header, rows, delimiter, quoting, draw)


def _cell(pool: list[str], clean: bool, draw: Draw) -> str:
    if clean:
        return draw.choice(pool[: max(1, len(pool) * 2 // 3)])
    return draw.choice(pool)


def _write(iid: str, header: list[str], rows: list[list[str]], delimiter: str, quoting: int, draw: Draw) -> GeneratedFile:
    end = draw.choice(["\n", "\n", "\r\n"])
    out = GeneratedFile(f"{iid}.csv", b"")
    parts: list[str] = []
    line = 0

    def record(cells: list[str]) -> str:
        buf = io.StringIO()
        csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=end).writerow(cells)
        return buf.getvalue()

    for i, cells in enumerate([header, *rows]):
        text = record(cells) if cells else end
        if i > 0 and draw.chance(0.02):  # broken quoting: text after a closing quote, or a quote never closed
            text = draw.choice(['2020,"9"7,Báo cáo', '2021,"97,5,Báo cáo', '"x" ,1']) + end
            out.broken = True
            cells = ["x"]  # not blank
        parts.append(text)
        line += text.replace("\r\n", "\n").replace("\r", "\n").count("\n")
        if i > 0:
            out.records.append(line)
            out.blank.append(not "".join(cells).strip())
    text = "".join(parts)
    if text.endswith(end) and draw.chance(0.1):
        text = text[: -len(end)]  # no line break at the end
    raw = text.encode("utf-8")
    out.data = b"\xef\xbb\xbf" + raw if draw.chance(0.15) else raw
    return out


def generate_folder(draw: Draw, plan: m.PlanData, today_year: int) -> list[GeneratedFile]:
    """One to three progress files, each of a different indicator of the plan."""
    quantified = [i for i in plan.indicators if any(t.kind != "dinh-tinh" for t in i.targets)] or plan.indicators
    n = draw.number(1, min(3, len(quantified)))
    picks: list[m.Indicator] = []
    while len(picks) < n:
        ind = draw.choice(quantified)
        if ind not in picks:
            picks.append(ind)
    return [generate(draw, plan, ind, today_year) for ind in picks]


def hypothesis_files(plan: m.PlanData, today_year: int) -> Callable[[st.DataObject], list[GeneratedFile]]:
    def make(data: st.DataObject) -> list[GeneratedFile]:
        return generate_folder(HypothesisDraw(data), plan, today_year)

    return make


def seeded_corpus(plan: m.PlanData, today_year: int, seed: int, n: int) -> list[list[GeneratedFile]]:
    """``n`` folders of generated files, the same for the same seed."""
    return [generate_folder(SeededDraw(seed * 100_003 + k), plan, today_year) for k in range(n)]


# Files that the generator rarely or never makes: each as the text of ``EDGE_FILE``.
EDGE_FILE = "ty-le-tre-di-hoc.csv"
H = "Năm,Giá trị,Nguồn,Ghi chú"
EDGES = {
    "leading-blank-line": f"\n{H}\n2020,96,Báo cáo,\n",
    "header-only": f"{H}\n",
    "header-no-newline": H,
    "empty": "",
    "spaces": "   \n  \n",
    "bom-empty": "\ufeff\r\n",
    "cr-only": f"{H}\r2020,96,Báo cáo,x\r2021,97,Báo cáo,\r",
    "mixed-ends": f"{H}\r\n2020,96,Báo cáo,x\n2021,97,Báo cáo,\r\n",
    "cr-in-quotes": f'{H}\n2020,96,Báo cáo,"a\rb"\n2021,97,Báo cáo,"c\r\nd"\n',
    "quote-mid-cell": f'{H}\n2020,96,Báo "cáo",x\n2021,97,Báo cáo,"y"\n',
    "text-after-quote": f'{H}\n2020,96,"Báo"cáo,x\n',
    "doubled-then-text": f'{H}\n2020,96,"a""b"c,x\n',
    "unclosed": f'{H}\n2020,96,"Báo cáo,x\n2021,97,Báo cáo,\n',
    "space-before-quote": f'{H}\n2020,96, "Báo, cáo",x\n',
    "long-cell-multiline": f'{H}\n2020,96,Báo cáo,"{("y" * 100 + chr(10)) * 30}"\n',
    "odd-characters": f"{H}\n2020,96,Báo\x0bcáo,a\x1cb\u2028c\x85d\n2021,97,Báo cáo,\x0c\n",
    "extra-empty-cells": f"{H}\n2020,96,Báo cáo,x,,\n2021,97,Báo cáo,,x\n",
    "more-header-than-rows": f"{H},Sơ bộ,Ước tính\n2020,96,Báo cáo\n",
    "semicolon-and-commas": 'Năm;Giá trị;Nguồn\n2020;96,5;Báo cáo, số 1\n2021;"97,5";"a;b"\n',
    "tabs": "Năm\tGiá trị\tNguồn\n2020\t96,5\tBáo cáo\n 2021 \t 97 \t Báo cáo \n",
    "blank-rows-everywhere": f"{H}\n\n,,,\n  ,  ,  ,  \n2020,96,Báo cáo,\n\n",
    "quoted-header": '"Năm","Giá trị","Nguồn"\n"2020","96","Báo cáo"\n',
    "quote-at-end-of-file": f'{H}\n2020,96,Báo cáo,"x"',
    "single-quote-char": f'{H}\n"\n',
}


def as_tuples(rows: Sequence[Any]) -> list[list[Any]]:
    """Observations as JSON-friendly lists (dates as ISO text)."""
    return [[x.isoformat() if hasattr(x, "isoformat") else x for x in tuple(o)] for o in rows]
