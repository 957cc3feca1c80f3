"""Open data: a Frictionless Data Package, a zip of all data, an .xlsx, and per-indicator downloads.

Text cells that a spreadsheet would execute (starting with =, +, -, @, tab or
carriage return) are neutralised with a leading apostrophe, as OWASP advises
for CSV injection; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .status import STATUSES

if TYPE_CHECKING:
    from .site import Site

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
}
TITLES = {"indicators": "Chỉ tiêu", "targets": "Mục tiêu", "observations": "Số liệu"}


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula; leave numbers alone."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
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


def tables(site: Site) -> dict[str, list[dict[str, Any]]]:
    p = site.plan
    inds, tgs, obs = [], [], []
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
    for o in sorted(site.obs, key=lambda o: (o.indicator, o.series, o.place, o.year, o.method)):
        pl = site.places.get(o.place)
        obs.append(
            {
                "indicator_id": o.indicator,
                "year": o.year,
                "value": _num(o.value),
                "area": o.place,
                "area_name": pl.full_name if pl else o.place,
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
    return {"indicators": inds, "targets": tgs, "observations": obs}


def to_csv(rows: Iterable[dict[str, Any]], fields: list[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(fields)
    for r in rows:
        w.writerow([_cell(r.get(f)) for f in fields])
    return buf.getvalue()


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
    t = tables(site)
    files: dict[str, str] = {}
    for name, fields in FIELDS.items():
        files[f"{name}.csv"] = to_csv(t[name], [f[0] for f in fields])
    files["datapackage.json"] = json.dumps(datapackage(site), ensure_ascii=False, indent=2)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    obs_fields = [f[0] for f in FIELDS["observations"]]
    for ind in site.plan.indicators:
        rows = [r for r in t["observations"] if r["indicator_id"] == ind.id]
        (out / "chi-tieu" / f"{ind.id}.csv").write_text(to_csv(rows, obs_fields), encoding="utf-8")
        doc = {
            "indicator": next(r for r in t["indicators"] if r["id"] == ind.id),
            "targets": [r for r in t["targets"] if r["indicator_id"] == ind.id],
            "observations": rows,
        }
        (out / "chi-tieu" / f"{ind.id}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    write_xlsx(t, out / "du-lieu.xlsx")
    with zipfile.ZipFile(out / "du-lieu.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
        z.write(out / "du-lieu.xlsx", "du-lieu.xlsx")
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


def write_xlsx(t: dict[str, list[dict[str, Any]]], path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, fields in FIELDS.items():
        ws = wb.create_sheet(TITLES[name])
        ws.append([f[2] for f in fields])
        for r in t[name]:
            ws.append([_xlsx(r.get(f[0])) for f in fields])
    wb.save(path)


def _xlsx(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return safe_cell(value)
    return value


STATUS_CODES = list(STATUSES)
