"""A national index over many plans' sites: one page that links to each site, and one Frictionless data package that
aggregates their open data (``python -m plansite federate``; the scale-out path of docs/dev/mo-rong.md).

Each plan's site is built on its own (one job of a GitHub Actions matrix per plan) and publishes
``du-lieu/datapackage.json``. The index reads those packages only, never the plans' data folders:

* ``index.html``: each plan (title, number, issuer, date, its targets by status) with a link to its site;
* ``du-lieu/datapackage.json``: a resource ``ke_hoach`` (one row per plan), and for each resource the plans
  share (same name, same fields) one resource holding every plan's rows, with the plan's id in a first column
  ``ke_hoach``; a resource whose fields differ between plans is kept apart, one per plan (``<name>__<plan>``).

Every text from a package is shown as text. Links are relative (``<plan id>/``) unless an address is given, so
the index and the plans' sites can be served together from one static host (and its CDN).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plansite.check.urls import is_safe_url
from plansite.publish.datapackage import csv_resource

PACKAGE = "du-lieu/datapackage.json"
PLAN_FIELD = {"name": "ke_hoach", "type": "string", "title": "Kế hoạch", "description": "Mã của kế hoạch (tên gói dữ liệu)."}
_ID = re.compile(r"[^a-z0-9-]+")


class FederationError(Exception):
    """A site that cannot be aggregated (no package, two plans with one name …), in Vietnamese."""


@dataclass
class Member:
    """One plan's site: its package and where the index links to."""

    folder: Path
    package: dict[str, Any]
    url: str

    @property
    def id(self) -> str:
        return _ID.sub("-", str(self.package.get("name", "")).lower()).strip("-") or self.folder.name

    @property
    def title(self) -> str:
        return str(self.package.get("title") or self.id)

    def resource(self, name: str) -> dict[str, Any] | None:
        return next((r for r in self.package.get("resources", []) if r.get("name") == name), None)

    def path(self, resource: dict[str, Any]) -> Path:
        return self.folder / "du-lieu" / str(resource["path"])


@dataclass
class Federation:
    members: list[Member]
    resources: list[dict[str, Any]] = field(default_factory=list)  # of the aggregated package
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # plan id -> status label -> targets


def read_member(spec: str) -> Member:
    """``<built site folder>`` or ``<folder>=<address of the site>``."""
    folder_text, _, url = spec.partition("=")
    folder = Path(folder_text)
    pkg = folder / PACKAGE
    if not pkg.is_file():
        raise FederationError(f"Không có {PACKAGE} trong {folder}: thư mục phải là một trang đã dựng (mkdocs build).")
    try:
        package = json.loads(pkg.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FederationError(f"{pkg} không đọc được như JSON: {exc}") from None
    if url and not is_safe_url(url):
        raise FederationError(f"Địa chỉ «{url}» của {folder} không phải http(s)://")
    member = Member(folder, package, url)
    member.url = url or f"{member.id}/"
    return member


def federate(specs: list[str], out: Path, title: str = "Các kế hoạch") -> Federation:
    """Write the index and its aggregated package into ``out``."""
    import pandas as pd

    members = [read_member(s) for s in specs]
    ids = [m.id for m in members]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise FederationError(f"Hai trang có cùng tên gói dữ liệu: {', '.join(twice)}; mỗi kế hoạch cần một «id» riêng.")
    fed = Federation(members)
    data = out / "du-lieu"
    data.mkdir(parents=True, exist_ok=True)
    names = list(dict.fromkeys(str(r["name"]) for m in members for r in m.package.get("resources", [])))
    for name in names:
        having = [(m, r) for m in members if (r := m.resource(name)) is not None]
        fields = {json.dumps(r["schema"]["fields"], sort_keys=True) for _, r in having}
        groups = [having] if len(fields) == 1 else [[pair] for pair in having]
        for group in groups:
            frames = []
            for m, r in group:
                frame = pd.read_csv(m.path(r), dtype=str, keep_default_na=False, encoding="utf-8-sig")
                frame.insert(0, PLAN_FIELD["name"], m.id)
                frames.append(frame)
            res = dict(group[0][1])
            res["name"] = name if len(groups) == 1 else f"{name}__{group[0][0].id}"
            res["path"] = f"{res['name']}.csv"
            res["title"] = str(res.get("title") or name) + ("" if len(groups) == 1 else f" ({group[0][0].title})")
            res["schema"] = {**res["schema"], "fields": [PLAN_FIELD, *res["schema"]["fields"]]}
            res["schema"].pop("primaryKey", None)
            res["schema"].pop("foreignKeys", None)
            res["encoding"] = "utf-8"
            pd.concat(frames, ignore_index=True).to_csv(data / res["path"], index=False, encoding="utf-8", lineterminator="\n")
            fed.resources.append(res)
    for m in members:
        targets = m.resource("targets")
        if targets is not None:
            frame = pd.read_csv(m.path(targets), dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if "status_label" in frame:
                fed.counts[m.id] = {str(k): int(v) for k, v in frame["status_label"].value_counts().items()}
    plans = pd.DataFrame(
        [
            {
                "ke_hoach": m.id,
                "tieu_de": m.title,
                "trang": m.url,
                "nguon": "; ".join(str(s.get("title", "")) for s in m.package.get("sources", [])),
                "so_muc_tieu": sum(fed.counts.get(m.id, {}).values()),
            }
            for m in members
        ]
    )
    plans.to_csv(data / "ke_hoach.csv", index=False, encoding="utf-8", lineterminator="\n")
    plan_resource = csv_resource(
        "ke_hoach",
        "Các kế hoạch",
        [
            {"name": "ke_hoach", "type": "string", "title": "Mã kế hoạch"},
            {"name": "tieu_de", "type": "string", "title": "Tên"},
            {"name": "trang", "type": "string", "title": "Địa chỉ trang của kế hoạch"},
            {"name": "nguon", "type": "string", "title": "Văn bản"},
            {"name": "so_muc_tieu", "type": "integer", "title": "Số mục tiêu"},
        ],
    )
    package = {
        "profile": "tabular-data-package",
        "name": "tong-hop-ke-hoach",
        "title": f"{title}: dữ liệu tổng hợp của {len(members)} kế hoạch",
        "licenses": _licenses(members),
        "sources": [{"title": m.title, "path": m.url} for m in members],
        "resources": [plan_resource, *fed.resources],
    }
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "index.html").write_text(_index_html(fed, title), encoding="utf-8")
    return fed


def _licenses(members: list[Member]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for m in members:
        for lic in m.package.get("licenses", []):
            seen.setdefault(json.dumps(lic, sort_keys=True), lic)
    return list(seen.values())


def _index_html(fed: Federation, title: str) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    from plansite.vi import fmt

    env = Environment(loader=PackageLoader("plansite.render", "templates"), autoescape=select_autoescape(default=True))
    env.filters["num"] = lambda n: fmt.number(n, 0)
    return env.get_template("federation_index.html").render(title=title, fed=fed)
