"""The Frictionless Data Package (datapackage.json), the licence file and the citation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from plansite.model import Plan
from plansite.publish.schema import FIELDS, TITLES
from plansite.vi import fmt


def csv_resource(name: str, title: str, fields: list[dict[str, Any]], path: str = "") -> dict[str, Any]:
    """A tabular data resource: a UTF-8 CSV file (``<name>.csv`` unless ``path``) with these fields."""
    return {
        "name": name,
        "title": title,
        "path": path or f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": {"fields": fields},
    }


def datapackage(plan: Plan, names: Sequence[str] | None = None) -> dict[str, Any]:
    """The package of the tables ``names`` (default: every table), in that order."""
    resources = []
    for name in names if names is not None else FIELDS:
        fields = [
            {"name": f.name, "type": f.type, "title": f.title, **({"description": f.description} if f.description else {})}
            for f in FIELDS[name]
        ]
        resource = csv_resource(name, TITLES[name], fields)
        if name == "indicators":
            resource["schema"]["primaryKey"] = ["id"]
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": plan.id,
        "title": f"Dữ liệu theo dõi {plan.kind.lower()} {plan.number}: {plan.title}",
        "description": plan.summary or plan.title,
        "licenses": [_licence(plan)],
        "sources": [{"title": f"{plan.kind} {plan.number} ngày {fmt.date(plan.date)} của {plan.issuer}"}],
        "contributors": [{"title": plan.publisher.name, "role": "publisher"}],
        "resources": resources,
    }


def _licence(plan: Plan) -> dict[str, str]:
    """The licence the plan's data names (plan.yaml «publisher»): SPDX id, title, address."""
    pub = plan.publisher
    out = {"name": pub.spdx, "title": pub.license_title or pub.license}
    if pub.license_url:
        out["path"] = pub.license_url
    return out


def citation(plan: Plan, year: int) -> str:
    return (
        f"{plan.publisher.name} ({year}). Dữ liệu theo dõi thực hiện {plan.kind} {plan.number} "
        f"của {plan.issuer}. Giấy phép {plan.publisher.license}."
    )


def licence_text(plan: Plan, year: int) -> str:
    """GIAY-PHEP.txt of the zip."""
    return (
        f"{plan.publisher.license}: {plan.publisher.license_url}\n"
        "Mỗi nguồn số liệu giữ giấy phép riêng của nguồn đó.\n\nCách trích dẫn: " + citation(plan, year) + "\n"
    )
