"""The plan's full text, one anchor per paragraph, for every quote on the site to link to."""

from __future__ import annotations

from collections.abc import Iterator

from plansite.load.files import FILES
from plansite.load.fulltext import load_fulltext
from plansite.problems import Problems
from plansite.render.pages.page import Page, Wanted, everything
from plansite.render.view import SiteView


def pages(view: SiteView, wanted: Wanted = everything) -> Iterator[Page]:
    plan = view.plan.plan
    blocks = load_fulltext(view.judged.folder / FILES["fulltext"], Problems())  # checked already by the check stage
    title = f"{view.text_word.capitalize()} {plan.kind} {plan.number}"
    yield Page("toan-van.md", title, "fulltext.html", {"blocks": blocks}, search_kind="trang")
