"""The yearly report as an editable Word draft, in the format of Nghị định 30/2020/NĐ-CP (python-docx).

Layout of an administrative document (Phụ lục I of the decree): A4, margins 20 mm top and bottom,
30 mm left, 15 mm right; at the head, the body the issuer belongs to and the issuer (left) and the
national motto (right); the number and the date lines left for the agency to fill; the kind of
document («BÁO CÁO») and what it is about; the body in Times New Roman 14 pt, headings I, II, III;
«Nơi nhận» and the signature at the end. Tables are set in 12 pt so that six columns fit the width.

Everything a person must write (the number, the date, the assessment, the recommendations, the
signer) is marked as such — in brackets, highlighted — and never filled with invented text.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from plansite.report.content import Block, Cell, Heading, Items, Para, Report, Table
from plansite.status.labels import STATUSES

FONT = "Times New Roman"
BODY, HEAD, TABLE = Pt(14), Pt(13), Pt(12)
TO_FILL = "[{}]"
TEXT_WIDTH_MM = 210 - 30 - 15  # A4 less the decree's left and right margins
HEAD_LEFT_MM, HEAD_RIGHT_MM = 65, 100  # the issuer's column and the motto's column at the head
TABLE_STYLE = "Chữ trong bảng"  # a paragraph style: one style instead of the same settings on every cell


def docx_bytes(report: Report, today: dt.date) -> bytes:
    doc = Document()
    _page(doc)
    _styles(doc)
    ids = _style_ids(doc)
    _head(doc, report)
    for number, section in report.numbered():
        heading = report.heading(number, section)
        if number:
            _heading(doc, heading, ids["Heading 1"])
        else:
            _para(doc, heading, bold=True, indent=False)
        for block in section.blocks:
            _block(doc, block, ids)
    _notes(doc, report, ids)
    _foot(doc, report)
    props = doc.core_properties
    # Word keeps at most 255 characters in a document property; the full text is in the document itself.
    props.title, props.subject, props.author = (_property(t) for t in (report.title, report.subject, report.head.issuing_body))
    props.language = "vi-VN"
    moment = dt.datetime(today.year, today.month, today.day)
    props.created = props.modified = moment
    props.last_modified_by = _property(report.head.issuing_body)
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return _dated_zip(out.getvalue(), moment)


def _property(text: str) -> str:
    return text if len(text) <= 255 else text[:254] + "…"


def _dated_zip(data: bytes, moment: dt.datetime) -> bytes:
    """The same package with every member dated ``moment`` (python-docx dates them now): one build, one file."""
    stamp = moment.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type, member.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            dst.writestr(member, src.read(info))
    return out.getvalue()


# ------------------------------------------------------------------------------------------ page and styles


def _page(doc: Any) -> None:
    s = doc.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)


def _font(style_or_run: Any, size: Pt | None = None) -> None:
    font = style_or_run.font
    font.name = FONT
    if size is not None:
        font.size = size
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    _font(normal, BODY)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Heading 1", BODY), ("Heading 2", BODY)):
        st = doc.styles[name]
        _font(st, size)
        st.font.bold = True
        st.font.italic = False
        st.font.color.rgb = None
        st.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 6)
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.keep_with_next = True
    cells = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = normal
    cells.font.size = TABLE
    cells.paragraph_format.space_after = Pt(0)
    cells.paragraph_format.line_spacing = 1.0


# ------------------------------------------------------------------------------------------ head and foot


def _head(doc: Any, report: Report) -> None:
    h = report.head
    grid = doc.add_table(rows=1, cols=2)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = grid.rows[0].cells
    left.width, right.width = Mm(HEAD_LEFT_MM), Mm(HEAD_RIGHT_MM)
    parent, issuing = (_known(h, f, getattr(h, f).upper()) for f in ("parent_body", "issuing_body"))
    _cell_line(left, parent, size=HEAD, first=True, fill="parent_body" in h.to_fill)
    _cell_line(left, issuing, size=HEAD, bold=True, rule=(HEAD_LEFT_MM, 25), fill="issuing_body" in h.to_fill)
    _cell_line(left, "Số: " + TO_FILL.format("số") + "/BC-" + TO_FILL.format("ký hiệu"), size=HEAD, fill=True)
    _cell_line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=HEAD, bold=True, first=True)
    _cell_line(right, "Độc lập - Tự do - Hạnh phúc", size=BODY, bold=True, rule=(HEAD_RIGHT_MM, 62))
    where = TO_FILL.format("địa danh") + ", " if "place_name" in h.to_fill else (f"{h.place_name}, " if h.place_name else "")
    _cell_line(
        right,
        where + "ngày " + TO_FILL.format("…") + " tháng " + TO_FILL.format("…") + " năm " + TO_FILL.format("…"),
        italic=True,
        fill=True,
    )
    doc.add_paragraph()
    for text, size in (("BÁO CÁO", BODY), (report.subject, BODY)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        run.bold = True
        run.font.size = size
    _rule(doc.add_paragraph(), TEXT_WIDTH_MM, 40)


def _known(head: Any, field: str, text: str) -> str:
    """A field of the head, in brackets when the data cannot give it (``Head.to_fill``): a person writes it."""
    return TO_FILL.format(text) if field in head.to_fill else text


def _cell_line(
    cell: Any,
    text: str,
    *,
    size: Pt = BODY,
    bold: bool = False,
    italic: bool = False,
    rule: tuple[float, float] | None = None,
    first: bool = False,
    fill: bool = False,
) -> None:
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = size
    if fill:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if rule is not None:
        _rule(cell.add_paragraph(), *rule)


def _rule(p: Any, container_mm: float, width_mm: float) -> None:
    """A short centred line under a heading line, as the decree draws under the issuer, the motto and the subject:
    the bottom border of an empty paragraph, indented to ``width_mm``."""
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Mm((container_mm - width_mm) / 2)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(attr), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)


def _foot(doc: Any, report: Report) -> None:
    h = report.head
    doc.add_paragraph()
    grid = doc.add_table(rows=1, cols=2)
    left, right = grid.rows[0].cells
    left.width, right.width = Mm(85), Mm(80)
    p = left.paragraphs[0]
    run = p.add_run("Nơi nhận:")
    run.bold, run.italic = True, True
    run.font.size = Pt(12)
    lines = [(f"- {_known(h, 'recipient', h.recipient)} (để báo cáo);", "recipient" in h.to_fill)]
    lines += [(f"- {a};", False) for a in h.agencies] + [("- Lưu: VT.", False)]
    for line, fill in lines:
        q = left.add_paragraph()
        q.paragraph_format.space_after = Pt(0)
        run = q.add_run(line)
        run.font.size = Pt(11)
        if fill:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    _cell_line(right, TO_FILL.format("QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ"), size=BODY, bold=True, first=True, fill=True)
    _cell_line(right, TO_FILL.format("Chữ ký, dấu"), italic=True, fill=True)
    for _ in range(3):
        right.add_paragraph()
    _cell_line(right, TO_FILL.format("Họ và tên"), bold=True, fill=True)


# ------------------------------------------------------------------------------------------ blocks


def _style_ids(doc: Any) -> dict[str, str]:
    """The ids of the styles the blocks use, by name, looked up once: python-docx looks a style given by name up
    among every style of the document, each time (most of a draft's time, once its cells were written directly)."""
    names = ("Heading 1", "Heading 2", "Table Grid", TABLE_STYLE)
    return {name: doc.styles[name].style_id for name in names}


def _heading(doc: Any, text: str, style_id: str) -> None:
    p = doc.add_paragraph()
    p._p.style = style_id  # what add_heading(level=…) sets, by id
    p.add_run(text)


def _para(doc: Any, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True, fill: bool = False) -> Any:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    run = p.add_run(TO_FILL.format(text) if fill else text)
    if bold:
        run.bold = True
    if italic or fill:
        run.italic = True
    if fill:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return p


def _refs(p: Any, notes: tuple[int, ...]) -> None:
    for n in notes:
        p.add_run(f"[{n}]").font.superscript = True


def _block(doc: Any, block: Block, ids: dict[str, str]) -> None:
    if isinstance(block, Para):
        p = _para(doc, block.text, italic=block.style == "muted", fill=block.to_fill)
        _refs(p, block.notes)
    elif isinstance(block, Heading):
        _heading(doc, block.text, ids["Heading 2"])
    elif isinstance(block, Items):
        for item in block.items:
            _para(doc, f"- {item}")
    elif isinstance(block, Table):
        _table(doc, block, ids)


def _table(doc: Any, t: Table, ids: dict[str, str]) -> None:
    table = doc.add_table(rows=1 + len(t.rows), cols=len(t.columns))
    table._tbl.tblStyle_val = ids["Table Grid"]  # what table.style = … sets, by id
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    style_id = ids[TABLE_STYLE]
    grid = [list(row.cells) for row in table.rows]  # once: python-docx finds a cell by walking the whole table
    _repeat_header(table.rows[0])
    if t.widths:
        table.autofit = False
        for cells in grid:
            for box, share in zip(cells, t.widths, strict=False):
                box.width = Mm(TEXT_WIDTH_MM * share / 100)
    for i, name in enumerate(t.columns):
        _cell_text(grid[0][i], Cell(name), style_id, bold=True)
    for r, row in enumerate(t.rows, start=1):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            target = grid[r][c]
            if cell.rowspan > 1:
                target = target.merge(grid[r + cell.rowspan - 1][c])
            _cell_text(target, cell, style_id)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _cell_text(cell: Any, c: Cell, style_id: str, bold: bool = False) -> None:
    """The cell's paragraph: its style (by id), right-aligned for a number, the text and its notes' references.

    Written as the XML python-docx writes for ``style``, ``alignment``, ``add_run`` and ``superscript``, element by
    element in order: through python-docx, each element is placed by a search of its siblings, and a report's
    thousands of cells were most of the time a draft took."""
    text = f"{STATUSES[c.status]['symbol']} {c.text}" if c.status else c.text
    if "\n" in text or "\t" in text:  # a line break or a tab: python-docx's run writes <w:br/> and <w:tab/>
        _cell_text_by_docx(cell, text, c, style_id, bold)
        return
    p = cell._tc.p_lst[0]
    ppr = _child(p, "w:pPr")
    _child(ppr, "w:pStyle", val=style_id)
    if c.num:
        _child(ppr, "w:jc", val="right")
    _run(p, text, "w:b" if bold else None)
    for n in c.notes:
        _run(p, f"[{n}]", "w:vertAlign", val="superscript")


def _child(parent: Any, tag: str, **attrs: str) -> Any:
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    parent.append(el)
    return el


def _run(p: Any, text: str, prop: str | None, **attrs: str) -> None:
    """A run of ``text`` with one run property (``w:b``, or ``w:vertAlign`` with its value), or none."""
    r = _child(p, "w:r")
    if prop is not None:
        _child(_child(r, "w:rPr"), prop, **attrs)
    if text:  # as python-docx's add_run: an empty text is a run with no <w:t>
        t = _child(r, "w:t")
        t.text = text
        if text != text.strip():
            t.set(qn("xml:space"), "preserve")


def _cell_text_by_docx(cell: Any, text: str, c: Cell, style_id: str, bold: bool) -> None:
    p = cell.paragraphs[0]
    p._p.style = style_id  # by id: python-docx's lookup by name scans every style, every time
    if c.num:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(text)
    if bold:
        run.bold = True
    _refs(p, c.notes)


def _repeat_header(row: Any) -> None:
    """The header row is repeated at the top of each page the table runs over."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _notes(doc: Any, report: Report, ids: dict[str, str]) -> None:
    _para(doc, "Nguồn số liệu", bold=True, indent=False)
    if not report.notes:
        _para(doc, f"Báo cáo không dùng số liệu nào của năm {report.year}.")
    for n in report.notes:
        _para(doc, f"[{n.number}] {n.source}" + (f". {n.url}" if n.url else ""), indent=False)._p.style = ids[TABLE_STYLE]
