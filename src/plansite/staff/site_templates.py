"""The fill-in templates published with the site (``huong-dan/mau/<agency>-<year>.xlsx``), for every registered kind
of staff file (``staff.filekinds``), every agency that fills it and the recent years of the plan's period.

An officer downloads their template from the site, fills it in Excel and uploads it (``staff.uploads``): no install.
Templates are kept in the build's cache, named by the files each is made from (``_inputs_digest``), the agency, the
year and the day judged on, so an unchanged plan costs nothing to rebuild and a changed progress file rebuilds only
the templates of the agency that leads its indicator.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from plansite import model as m
from plansite.cache import Cache, entry_key
from plansite.load.boundary import regular_files
from plansite.load.files import PROGRESS_DIR
from plansite.staff.common import StaffError
from plansite.staff.filekinds import FILE_KINDS, PROGRESS, StaffFileKind
from plansite.staff.uploads import UPLOAD_DIR
from plansite.status.reporting import lead_indicators

FOLDER = "huong-dan/mau"  # inside the built site
NAMESPACE = "mau"


@dataclass(frozen=True)
class SiteTemplate:
    kind: StaffFileKind
    agency: m.Agency
    year: int
    path: str  # from the site root: «huong-dan/mau/so-y-te-2025.xlsx»


RECENT_YEARS = 3  # templates on the site: this year and the two before (older years: the template command)


def template_years(plan: m.PlanData, today: dt.date) -> list[int]:
    """The years the site offers templates for: the last ``RECENT_YEARS`` of the plan's period up to this year
    (within the years it takes figures for). Figures are reported each year by its deadline; a template for an
    older year is made on request with ``python -m plansite template --nam``: a national plan's agencies times
    every year of a ten-year period would be hundreds of spreadsheets in every build."""
    start = max(plan.plan.period.start, plan.plan.data_years.start)
    end = min(plan.plan.period.end, plan.plan.data_years.end, today.year)
    return list(range(max(start, end - RECENT_YEARS + 1), end + 1))


def site_templates(plan: m.PlanData, today: dt.date) -> list[SiteTemplate]:
    """Every template the site offers, by kind, agency (in agencies.yaml's order) and year."""
    by_id = {a.id: a for a in plan.agencies}
    years = template_years(plan, today)
    return [
        SiteTemplate(kind, by_id[aid], year, f"{FOLDER}/{kind.template_name(aid, year)}.xlsx")
        for kind in FILE_KINDS.values()
        for aid in kind.agencies(plan)
        if aid in by_id
        for year in years
    ]


def _file_digests(folder: Path) -> dict[str, str]:
    """The digest of every data file (not uploads waiting in nop/, not hidden files), by path inside the folder."""
    out = {}
    for f in sorted(regular_files(folder)):
        rel = f.relative_to(folder).as_posix()
        if not rel.startswith((".", f"{UPLOAD_DIR}/")):
            out[rel] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def _inputs_digest(digests: dict[str, str], plan: m.PlanData, t: SiteTemplate) -> str:
    """What one template is made from: every plan file, and of the progress files only those of the indicators its
    agency leads (a progress template reads them; the other kinds read none). A change to one progress file then
    rebuilds only the templates of the agency leading that indicator."""
    mine = {f"{PROGRESS_DIR}/{i.id}.csv" for i in lead_indicators(plan, t.agency.id)} if t.kind is PROGRESS else set()
    h = hashlib.sha256()
    for rel, digest in digests.items():
        if not rel.startswith(f"{PROGRESS_DIR}/") or rel in mine:
            h.update(f"{rel}\0{digest}\0".encode())
    return h.hexdigest()


def write_templates(site_dir: Path, folder: Path, plan: m.PlanData, today: dt.date, cache: Cache | None) -> list[SiteTemplate]:
    """Write every template into the built site; return what was written."""
    digests = _file_digests(folder)
    written = []
    for t in site_templates(plan, today):
        dest = site_dir / t.path
        dest.parent.mkdir(parents=True, exist_ok=True)
        key = entry_key(NAMESPACE, _inputs_digest(digests, plan, t), t.kind.id, t.agency.id, str(t.year), today.isoformat())
        data = cache.get(NAMESPACE, key, ".xlsx") if cache is not None else None
        if data is None:
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    files, _, _ = t.kind.make_template(folder, t.agency.id, t.year, today, "xlsx", tmp, plan=plan)
                except StaffError:
                    continue  # nothing to fill for this agency and year
                if not files:
                    continue
                data = files[0].read_bytes()
            if cache is not None:
                cache.put(NAMESPACE, key, data, ".xlsx")
        dest.write_bytes(data)
        written.append(t)
    return written
