"""The Frictionless Data Package (datapackage.json), the licence file and the citation."""

from __future__ import annotations

from typing import Any

from plansite.model import Plan
from plansite.publish.schema import FIELDS, TITLES
from plansite.vi import fmt


def datapackage(plan: Plan) -> dict[str, Any]:
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
                        {
                            "name": f.name,
                            "type": f.type,
                            "title": f.title,
                            **({"description": f.description} if f.description else {}),
                        }
                        for f in fields
                    ],
                    **({"primaryKey": ["id"]} if name == "indicators" else {}),
                },
            }
        )
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
