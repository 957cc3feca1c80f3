"""Open data of a build (``Site``): a thin adapter to ``plansite.publish.write``.

The work is done from an ``OpenDataInput`` (what the open data is made from):

* ``schema``: the columns of the four tables; ``tables``: the tables as DataFrames, made
  spreadsheet-safe; ``datapackage``: datapackage.json, licence, citation; ``xlsx``: the
  streamed workbook; ``write``: every file under du-lieu/ and the zip.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plansite.cache import Cache
from plansite.publish import datapackage
from plansite.publish import write as _write
from plansite.publish.inputs import OpenDataInput
from plansite.publish.schema import FIELDS, TITLES
from plansite.publish.write import OUT

if TYPE_CHECKING:
    from plansite.render.site import Site

__all__ = ["FIELDS", "OUT", "TITLES", "OpenDataInput", "citation", "input_of", "write"]


def input_of(site: Site) -> OpenDataInput:
    """What the open data of ``site`` is made from (the workbook skeleton is kept beside the page templates)."""
    return OpenDataInput(
        plan=site.plan,
        observations=site.obs,
        statuses=site.status,
        reporting=site.reporting,
        places=site.places,
        data_folder=site.checked.folder,
        today=site.config.today,
        cache=Cache(site.config.template_cache),
    )


def write(site: Site, site_dir: Path) -> None:
    _write.write(input_of(site), site_dir)


def citation(site: Site, year: int) -> str:
    return datapackage.citation(site.plan.plan, year)
