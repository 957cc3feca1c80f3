"""Open data: a Frictionless Data Package, a zip of all data, an .xlsx, and per-indicator downloads.

Text cells that a spreadsheet would execute (starting with =, +, -, @, tab or
carriage return) are neutralised with a leading apostrophe, as OWASP advises
for CSV injection; numbers stay numbers.

The observations are written one indicator at a time (files, zip and .xlsx are
streamed), so a plan with a million figures does not hold them all as rows at once.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import time
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from plansite.status.method import STATUSES

if TYPE_CHECKING:
    from plansite.check.progress import Observation
    from plansite.render.site import Site

OUT = "du-lieu"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

FIELDS: dict[str, list[tuple[str, str, str, str]]] = {
    # name, type, Vietnamese title, description
    "indicators": [
        ("id", "string", "Mã chỉ tiêu", "Mã cố định của chỉ tiêu; cũng là tên tệp số liệu."),
        ("name", "string", "Tên chỉ tiêu", ""),
        ("area", "string", "Lĩnh vực", "Mã lĩnh vực mục tiêu."),
        ("unit", "string", "Đơn vị tính", ""),
        ("status", "string", "Tình trạng", "Mã tình trạng của mục tiêu gần nhất (xem trang Phương pháp)."),
        ("status_label", "string", "Tình trạng (chữ)", ""),
        ("quote", "string", "Lời kế hoạch", "Nguyên văn trong kế hoạch."),
        ("url", "string", "Trang chỉ tiêu", "Đường dẫn tương đối tới trang của chỉ tiêu."),
    ],
    "targets": [
        ("indicator_id", "string", "Mã chỉ tiêu", ""),
        ("year", "integer", "Năm mục tiêu", ""),
        ("start_year", "integer", "Năm bắt đầu", "Cho mục tiêu theo giai đoạn."),
        ("operator", "string", "Phép so sánh", "> >= < <= = hoặc khoang; trống với mục tiêu định tính."),
        ("value", "number", "Giá trị mục tiêu", ""),
        ("value_max", "number", "Giá trị trên (khoảng)", ""),
        ("unit", "string", "Đơn vị", ""),
        ("kind", "string", "Loại mục tiêu", "muc, thay-doi-hang-nam, boi-so-goc, ti-le-tham-chieu, duy-tri, dinh-tinh."),
        ("base_year", "integer", "Năm gốc", ""),
        ("reference", "string", "Chuỗi tham chiếu", ""),
        ("status", "string", "Tình trạng", ""),
        ("status_label", "string", "Tình trạng (chữ)", ""),
        ("explanation", "string", "Giải thích", "Một câu giải thích tình trạng từ các con số."),
        ("quote", "string", "Lời kế hoạch", ""),
    ],
    "observations": [
        ("indicator_id", "string", "Mã chỉ tiêu", ""),
        ("year", "integer", "Năm", ""),
        ("value", "number", "Giá trị", ""),
        ("area", "string", "Mã địa bàn", "Mã đơn vị hành chính."),
        ("area_name", "string", "Tên địa bàn", ""),
        ("series", "string", "Chuỗi số liệu", "Các chuỗi khác nhau không được trộn lẫn."),
        ("method", "string", "Phương pháp", "Khi phương pháp đổi, số liệu trước và sau không so sánh được."),
        ("source", "string", "Nguồn", ""),
        ("source_url", "string", "Liên kết nguồn", ""),
        ("agency", "string", "Cơ quan báo cáo", ""),
        ("reported_date", "date", "Ngày báo cáo", ""),
        ("preliminary", "boolean", "Sơ bộ", ""),
        ("estimate", "boolean", "Ước tính", ""),
        ("note", "string", "Ghi chú", ""),
    ],
    "reporting": [
        ("agency_id", "string", "Mã cơ quan", "Cơ quan chủ trì chỉ tiêu, có nghĩa vụ báo cáo."),
        ("agency_name", "string", "Tên cơ quan", ""),
        ("year", "integer", "Năm số liệu", ""),
        ("deadline", "date", "Hạn báo cáo", "Hạn gửi số liệu của năm theo kế hoạch."),
        ("indicator_id", "string", "Mã chỉ tiêu", ""),
        ("state", "string", "Tình trạng báo cáo", "dung-han, tre-han, khong-ro-ngay, chua-bao-cao, chua-den-han."),
        ("state_label", "string", "Tình trạng báo cáo (chữ)", ""),
        ("reported_date", "date", "Ngày báo cáo sớm nhất", "Ngày sớm nhất trong các số liệu của năm đó; trống nếu không rõ."),
    ],
}
TITLES = {"indicators": "Chỉ tiêu", "targets": "Mục tiêu", "observations": "Số liệu", "reporting": "Báo cáo đúng hạn"}
XLSX_MAX_ROWS = 1_048_576  # rows of one worksheet in Excel


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula; leave numbers alone."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    t = type(value)  # fast paths for the exact types of the tables; the general rules below otherwise
    if t is str:
        return "'" + value if value.startswith(_DANGEROUS) else value
    if t is int:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return safe_cell(value)


def _num(v: float | None) -> Any:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def _indicator_tables(site: Site) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    p = site.plan
    inds, tgs = [], []
    for ind in p.indicators:
        st = site.status[ind.id]
        h = st.headline
        inds.append(
            {
                "id": ind.id,
                "name": ind.name,
                "area": ind.area,
                "unit": ind.unit,
                "status": h.status,
                "status_label": h.label,
                "quote": ind.quote,
                "url": f"chi-tieu/{ind.id}/",
            }
        )
        for a, t in zip(st.assessments, ind.targets, strict=True):
            tgs.append(
                {
                    "indicator_id": ind.id,
                    "year": t.year,
                    "start_year": t.start_year,
                    "operator": t.operator,
                    "value": _num(t.value),
                    "value_max": _num(t.value_max),
                    "unit": t.unit or ind.unit,
                    "kind": t.kind,
                    "base_year": t.base_year,
                    "reference": t.reference,
                    "status": a.status,
                    "status_label": a.label,
                    "explanation": a.sentence,
                    "quote": t.quote,
                }
            )
    return inds, tgs


def _reporting_rows(site: Site) -> list[dict[str, Any]]:
    """The reporting record of every body: one row per (body, year, indicator it leads)."""
    from plansite.status.reporting import REPORT_LABELS

    rows = []
    for aid, records in site.reporting.items():
        name = site.plan.agency(aid).name
        for rec in records:
            for item in rec.items:
                rows.append(
                    {
                        "agency_id": aid,
                        "agency_name": name,
                        "year": rec.year,
                        "deadline": rec.deadline.isoformat(),
                        "indicator_id": item.indicator,
                        "state": item.state,
                        "state_label": REPORT_LABELS[item.state],
                        "reported_date": item.reported.isoformat() if item.reported else None,
                    }
                )
    return rows


def _observation_groups(site: Site) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(indicator id, rows) in the order of ``sorted(obs, key=(indicator, series, place, year, method))``."""
    groups: dict[str, list[Observation]] = {}
    for o in site.obs:
        groups.setdefault(o.indicator, []).append(o)
    names: dict[str, str] = {}
    for iid in sorted(groups):
        rows = []
        for o in sorted(groups[iid], key=lambda o: (o.series, o.place, o.year, o.method)):
            name = names.get(o.place)
            if name is None:
                pl = site.places.get(o.place)
                name = names[o.place] = pl.full_name if pl else o.place
            rows.append(
                {
                    "indicator_id": o.indicator,
                    "year": o.year,
                    "value": _num(o.value),
                    "area": o.place,
                    "area_name": name,
                    "series": o.series,
                    "method": o.method,
                    "source": o.source,
                    "source_url": o.url,
                    "agency": o.agency,
                    "reported_date": o.reported.isoformat() if o.reported else None,
                    "preliminary": o.preliminary,
                    "estimate": o.estimate,
                    "note": o.note,
                }
            )
        yield iid, rows


def tables(site: Site) -> dict[str, list[dict[str, Any]]]:
    inds, tgs = _indicator_tables(site)
    obs = [row for _, rows in _observation_groups(site) for row in rows]
    return {"indicators": inds, "targets": tgs, "observations": obs, "reporting": _reporting_rows(site)}


def to_csv(rows: Iterable[dict[str, Any]], fields: list[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(fields)
    _csv_rows(w, rows, fields)
    return buf.getvalue()


def _csv_rows(w: Any, rows: Iterable[dict[str, Any]], fields: list[str]) -> None:
    w.writerows([_cell(r.get(f)) for f in fields] for r in rows)


def datapackage(site: Site) -> dict[str, Any]:
    p = site.plan.plan
    resources = []
    for name, fields in FIELDS.items():
        resources.append(
            {
                "name": name,
                "title": TITLES[name],
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": [
                        {"name": n, "type": t, "title": ti, **({"description": d} if d else {})} for n, t, ti, d in fields
                    ],
                    **({"primaryKey": ["id"]} if name == "indicators" else {}),
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": p.id,
        "title": f"Dữ liệu theo dõi {p.kind.lower()} {p.number}: {p.title}",
        "description": p.summary or p.title,
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": p.publisher.license_url}],
        "sources": [{"title": f"{p.kind} {p.number} ngày {p.date.strftime('%d/%m/%Y')} của {p.issuer}"}],
        "contributors": [{"title": p.publisher.name, "role": "publisher"}],
        "resources": resources,
    }


def citation(site: Site, year: int) -> str:
    p = site.plan.plan
    return (
        f"{p.publisher.name} ({year}). Dữ liệu theo dõi thực hiện {p.kind} {p.number} "
        f"của {p.issuer}. Giấy phép {p.publisher.license}."
    )


def write(site: Site, site_dir: Path) -> None:
    out = site_dir / OUT
    (out / "chi-tieu").mkdir(parents=True, exist_ok=True)
    inds, tgs = _indicator_tables(site)
    reports = _reporting_rows(site)
    fields = {name: [f[0] for f in flds] for name, flds in FIELDS.items()}
    obs_fields = fields["observations"]
    files: dict[str, str | Path] = {
        "indicators.csv": to_csv(inds, fields["indicators"]),
        "targets.csv": to_csv(tgs, fields["targets"]),
        "observations.csv": out / "observations.csv",
        "reporting.csv": to_csv(reports, fields["reporting"]),
        "datapackage.json": json.dumps(datapackage(site), ensure_ascii=False, indent=2),
    }
    for name, text in files.items():
        if isinstance(text, str):
            (out / name).write_text(text, encoding="utf-8")
    ind_row: dict[str, dict[str, Any]] = {}
    for r in inds:
        ind_row.setdefault(r["id"], r)
    tgs_of: dict[str, list[dict[str, Any]]] = {}
    for r in tgs:
        tgs_of.setdefault(r["indicator_id"], []).append(r)
    wanted = {ind.id for ind in site.plan.indicators}

    def per_indicator(iid: str, rows: list[dict[str, Any]], csv_text: str | None = None) -> None:
        text = to_csv(rows, obs_fields) if csv_text is None else csv_text
        (out / "chi-tieu" / f"{iid}.csv").write_text(text, encoding="utf-8")
        doc = {"indicator": ind_row[iid], "targets": tgs_of.get(iid, []), "observations": rows}
        (out / "chi-tieu" / f"{iid}.json").write_text(
            json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )

    # A worksheet holds at most XLSX_MAX_ROWS rows: more figures continue on «Số liệu (2)» …
    per_sheet = XLSX_MAX_ROWS - 1
    obs_sheets = max(1, -(-len(site.obs) // per_sheet))
    titles = [TITLES["indicators"], TITLES["targets"]]
    titles += [TITLES["observations"] + (f" ({i + 1})" if i else "") for i in range(obs_sheets)] + [TITLES["reporting"]]
    widths = [len(FIELDS["indicators"]), len(FIELDS["targets"])] + [len(FIELDS["observations"])] * obs_sheets
    widths += [len(FIELDS["reporting"])]
    xlsx = _XlsxStream(out / "du-lieu.xlsx", titles, widths, site.config.template_cache)
    xlsx.sheet_rows(0, _sheet("indicators", inds))
    xlsx.sheet_rows(1, _sheet("targets", tgs))
    obs_header = [f[2] for f in FIELDS["observations"]]
    sheet, room, left = 1, 0, len(site.obs)

    def obs_rows(cells: list[list[Any]]) -> None:
        nonlocal sheet, room, left
        if sheet == 1:  # the first sheet of figures, even when there are none
            sheet, room = 2, per_sheet
            xlsx.start_sheet(sheet, min(left, per_sheet) + 1)
            xlsx.rows([obs_header])
        while cells:
            if not room:
                sheet, room = sheet + 1, per_sheet
                xlsx.start_sheet(sheet, min(left, per_sheet) + 1)
                xlsx.rows([obs_header])
            part, cells = cells[:room], cells[room:]
            xlsx.rows(part)
            room -= len(part)
            left -= len(part)

    obs_rows([])
    done: set[str] = set()
    header = to_csv([], obs_fields)
    with (out / "observations.csv").open("w", encoding="utf-8", newline="") as whole:
        whole.write(header)
        for iid, rows in _observation_groups(site):
            text = to_csv(rows, obs_fields)  # the indicator's own file; the same rows go into the whole table
            whole.write(text[len(header) :])
            obs_rows([[_xlsx(r.get(k)) for k in obs_fields] for r in rows])
            if iid in wanted:
                per_indicator(iid, rows, text)
                done.add(iid)
    xlsx.sheet_rows(2 + obs_sheets, _sheet("reporting", reports))
    xlsx.close()
    for ind in site.plan.indicators:
        if ind.id not in done:
            per_indicator(ind.id, [])
            done.add(ind.id)
    with zipfile.ZipFile(out / "du-lieu.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            if isinstance(text, str):
                z.writestr(name, text)
            else:
                _zip_copy(z, name, text)
        z.write(out / "du-lieu.xlsx", "du-lieu.xlsx", compress_type=zipfile.ZIP_STORED)  # compressed already
        folder = site.checked.folder
        for f in sorted(folder.rglob("*")):
            if f.is_file() and not f.name.startswith("."):
                z.write(f, "nguon/" + f.relative_to(folder).as_posix())
        z.writestr(
            "GIAY-PHEP.txt",
            f"{site.plan.plan.publisher.license}: {site.plan.plan.publisher.license_url}\n"
            "Mỗi nguồn số liệu giữ giấy phép riêng của nguồn đó.\n\nCách trích dẫn: "
            + citation(site, site.config.today.year)
            + "\n",
        )


def _zip_copy(z: zipfile.ZipFile, name: str, path: Path) -> None:
    """Like ``z.writestr(name, path.read_text())``, without reading the whole file at once."""
    info = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
    info.compress_type = z.compression
    info.external_attr = 0o600 << 16
    with path.open("rb") as src, z.open(info, "w", force_zip64=True) as dest:
        shutil.copyfileobj(src, dest, 1 << 20)


# ---------------------------------------------------------------------------------------------- JSON


def write_xlsx(t: dict[str, list[dict[str, Any]]], path: Path) -> None:
    """The tables of FIELDS as sheets of one workbook (same cells as openpyxl's ``ws.append`` of each row)."""
    xlsx = _XlsxStream(path, [TITLES[n] for n in FIELDS], [len(f) for f in FIELDS.values()])
    for i, name in enumerate(FIELDS):
        xlsx.sheet_rows(i, _sheet(name, t[name]))
    xlsx.close()


def _sheet(name: str, rows: list[dict[str, Any]]) -> list[list[Any]]:
    """The worksheet of table ``name``: its Vietnamese column titles, then one row per record."""
    fields = FIELDS[name]
    return [[f[2] for f in fields], *([_xlsx(r.get(f[0])) for f in fields] for r in rows)]


def column_letter(n: int) -> str:
    """1 → A, 26 → Z, 27 → AA (openpyxl's ``get_column_letter``)."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def workbook_skeleton(titles: list[str], cache: Path | None = None) -> bytes:
    """The .xlsx openpyxl saves for an empty workbook with these sheets.

    With ``cache``, kept there (named by openpyxl's version and the titles: it depends on no
    data) so that a later build need not load openpyxl; its times are those of this call.
    """
    path = None
    if cache is not None:
        from importlib.metadata import version

        key = hashlib.sha256(json.dumps([version("openpyxl"), titles]).encode()).hexdigest()[:20]
        path = cache / f"xlsx-{key}.zip"
        with contextlib.suppress(OSError, zipfile.BadZipFile):
            return _with_times_now(path.read_bytes())
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title in titles:
        wb.create_sheet(title)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
    return data


_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _with_times_now(data: bytes) -> bytes:
    """A saved skeleton with the member times and the workbook's created/modified times of now."""
    now = time.time()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)).encode()
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = _CORE_TIME.sub(lambda m: m.group(1) + stamp + m.group(2), body)
            fresh = zipfile.ZipInfo(info.filename, date_time=time.localtime(now)[:6])
            fresh.compress_type = info.compress_type
            z.writestr(fresh, body)
    return buf.getvalue()


_SHEET_DATA = re.compile(rb"<sheetData>.*</sheetData>|<sheetData\s*/>", re.S)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


class _XlsxStream:
    """An .xlsx whose sheets are streamed row by row.

    openpyxl writes the workbook (styles, theme, properties, empty sheets); the rows of
    each sheet are then written in the XML openpyxl itself writes for ``ws.append`` of
    str, int, float, bool and None cells, without building millions of cell objects.
    Sheets must be filled in order.
    """

    def __init__(self, path: Path, titles: list[str], widths: list[int], cache: Path | None = None):
        self._skeleton = zipfile.ZipFile(io.BytesIO(workbook_skeleton(titles, cache)))
        self._names = self._skeleton.namelist()
        self._sheets = [f"xl/worksheets/sheet{i + 1}.xml" for i in range(len(titles))]
        self._widths = widths
        self._letters = [column_letter(i + 1) for i in range(max(widths, default=1))]
        self._z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._next = 0  # index in self._names of the next member to copy
        self._open: IO[bytes] | None = None
        self._tail = b""
        self._row = 0

    def _copy_until(self, member: str | None) -> None:
        while self._next < len(self._names) and self._names[self._next] != member:
            name = self._names[self._next]
            info = self._skeleton.getinfo(name)
            self._z.writestr(info, self._skeleton.read(name))
            self._next += 1

    def start_sheet(self, index: int, n_rows: int) -> None:
        self._end_sheet()
        name = self._sheets[index]
        self._copy_until(name)
        self._next += 1
        xml = self._skeleton.read(name)
        last = f"{self._letters[self._widths[index] - 1]}{max(1, n_rows)}"
        xml = _DIMENSION.sub(f'<dimension ref="A1:{last}" />'.encode(), xml, count=1)
        m = _SHEET_DATA.search(xml)
        if m is None:
            raise ValueError("openpyxl sheet without <sheetData>")
        info = zipfile.ZipInfo(name, date_time=self._skeleton.getinfo(name).date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        self._open = self._z.open(info, "w", force_zip64=True)
        self._open.write(xml[: m.start()] + b"<sheetData>")
        self._tail = b"</sheetData>" + xml[m.end() :]
        self._row = 0

    def rows(self, rows: Iterable[list[Any]]) -> None:
        assert self._open is not None
        letters = self._letters
        chunk: list[str] = []
        for values in rows:
            self._row += 1
            r = self._row
            cells = [f'<row r="{r}">']
            for i, v in enumerate(values):
                if v is None:
                    continue
                t = type(v)
                if t is str and v and not v[0].isspace() and not v[-1].isspace() and len(v) <= 32767 and v[0] not in "=#":
                    if _ILLEGAL.search(v):
                        cells.append(_xlsx_cell(f"{letters[i]}{r}", v))  # raises as openpyxl does
                    else:
                        cells.append(f'<c r="{letters[i]}{r}" t="inlineStr"><is><t>{_xml_text(v)}</t></is></c>')
                elif t is int:
                    cells.append(f'<c r="{letters[i]}{r}" t="n"><v>{v:.16g}</v></c>')
                else:
                    cells.append(_xlsx_cell(f"{letters[i]}{r}", v))
            cells.append("</row>")
            chunk.append("".join(cells))
            if len(chunk) >= 2000:
                self._open.write("".join(chunk).encode("utf-8"))
                chunk = []
        if chunk:
            self._open.write("".join(chunk).encode("utf-8"))

    def sheet_rows(self, index: int, rows: list[list[Any]]) -> None:
        self.start_sheet(index, len(rows))
        self.rows(rows)

    def _end_sheet(self) -> None:
        if self._open is not None:
            self._open.write(self._tail)
            self._open.close()
            self._open = None

    def close(self) -> None:
        self._end_sheet()
        self._copy_until(None)
        self._z.close()
        self._skeleton.close()


_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE
_ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")


def _xml_text(s: str) -> str:
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    return s


def _xlsx_cell(ref: str, v: Any) -> str:
    """One <c> element exactly as openpyxl writes it (etree writer, no style)."""
    if isinstance(v, str):
        v = v[:32767]
        if _ILLEGAL.search(v):
            from openpyxl.utils.exceptions import IllegalCharacterError

            raise IllegalCharacterError(f"{v} cannot be used in worksheets.")
        if len(v) > 1 and v.startswith("="):
            return f'<c r="{ref}"><f>{_xml_text(v[1:])}</f><v /></c>'
        if v in _ERROR_CODES:
            return f'<c r="{ref}" t="e"><v>{_xml_text(v)}</v></c>'
        if v == "":
            return f'<c r="{ref}" t="inlineStr" />'
        stripped = v.strip()
        space = ' xml:space="preserve"' if stripped and stripped != v else ""
        return f'<c r="{ref}" t="inlineStr"><is><t{space}>{_xml_text(v)}</t></is></c>'
    if isinstance(v, bool):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    if isinstance(v, (int, float)):
        if v != v or v in (float("inf"), float("-inf")):
            return f'<c r="{ref}" t="n"><v /></c>'
        return f'<c r="{ref}" t="n"><v>{v:.16g}</v></c>'
    raise TypeError(f"Cannot write {v!r} to the workbook")


def _xlsx(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return safe_cell(value)
    return value


STATUS_CODES = list(STATUSES)
