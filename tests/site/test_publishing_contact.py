"""A published site always gives citizens a way to reach a person (``plugin.publishing_problems``).

The rule, as the publishing workflow's comment says it: a contact from the data (plan.yaml
«publisher.contacts» or «feedback_email», an agency's «contact»), or at least the issue form of the
site's real repository. With neither, a publishing build (``PLANSITE_PUBLISH=1``) stops with a
Vietnamese message; with the repository only, the issue form is the route the site gives.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from _site import build
from plansite import model as m
from plansite.build import SiteBuild
from plansite.pipeline import check
from plansite.plugin.plugin import publishing_problems
from plansite.render.view import Settings
from testkit import MINIMAL, REPO, TODAY, copy_folder

REAL_REPO = "https://github.com/so-mau/theo-doi-ke-hoach"
NO_CONTACT = "không có đầu mối nhận góp ý"


def _edit(path: Path, change: Any) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def plan_with(tmp_path: Path, *, publisher: dict[str, Any] | None = None, agency_contact: dict[str, str] | None = None) -> Path:
    """The minimal plan (no contact, no repository) with the publisher fields and the lead agency's contact given."""
    folder = copy_folder(MINIMAL, tmp_path / "data")
    _edit(folder / "plan.yaml", lambda d: d["publisher"].update(publisher or {}))
    if agency_contact:
        _edit(folder / "agencies.yaml", lambda d: d["agencies"][0].update(contact=agency_contact))
    return folder


def data_of(folder: Path) -> m.PlanData:
    checked = check(folder, today=TODAY)
    assert checked.ok, [p.message for p in checked.problems.items]
    return checked.plan


def test_no_contact_and_no_repository_stops_a_publishing_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = plan_with(tmp_path)
    assert not data_of(folder).plan.publisher.contacts and not data_of(folder).plan.publisher.repository
    for name in ("PLANSITE_REPO_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY"):  # no repository from the environment
        monkeypatch.delenv(name, raising=False)
    # The check runs before any page or PDF is made; any existing file stands for the browser.
    env = {"PLANSITE_PUBLISH": "1", "PLANSITE_CHROMIUM": sys.executable, "PLANSITE_CACHE": str(tmp_path / "cache")}
    proc = build(folder, tmp_path / "site", check=False, today=TODAY, extra_env=env)
    assert proc.returncode != 0
    assert "Không xuất bản được trang" in proc.stderr and NO_CONTACT in proc.stderr, proc.stderr
    assert "người đọc không liên hệ được với ai" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_repository_alone_is_allowed_and_its_issue_form_is_the_route(tmp_path: Path) -> None:
    folder = plan_with(tmp_path)
    assert publishing_problems(REAL_REPO, data_of(folder)) == []
    site = SiteBuild.prepare(folder, today=TODAY)
    try:
        site.view.settings = Settings(repo_url=REAL_REPO)
        route = site.view.feedback_url("Góp ý chung")
        assert route.startswith(f"{REAL_REPO}/issues/new?") and "template=gop-y.yml" in route
        page = site.fragment("contacts.html", "lien-he.md")
        assert f'href="{REAL_REPO}/issues/new?' in page and "biểu mẫu góp ý trên kho dữ liệu" in page
    finally:
        site.close()


@pytest.mark.parametrize(
    "where",
    [
        {"publisher": {"contacts": [{"name": "Văn phòng Ban Dân tộc tỉnh Mẫu", "phone": "0209 3870 000"}]}},
        {"publisher": {"feedback_email": "gopy@so-mau.gov.vn"}},
        {"agency_contact": {"name": "Ban Dân tộc tỉnh Mẫu", "email": "bdt@so-mau.gov.vn"}},
    ],
    ids=["publisher-contact", "feedback-email", "agency-contact"],
)
def test_a_contact_in_the_data_is_allowed(tmp_path: Path, where: dict[str, Any]) -> None:
    data = data_of(plan_with(tmp_path, **where))
    assert publishing_problems(REAL_REPO, data) == []
    # Without a repository the build still stops for the repository, but never for want of a contact.
    alone = publishing_problems("", data)
    assert len(alone) == 1 and "không biết kho dữ liệu" in alone[0]


def test_a_placeholder_repository_is_no_route(tmp_path: Path) -> None:
    data = data_of(plan_with(tmp_path))
    problems = publishing_problems("https://github.com/example/ke-hoach", data)
    assert any("địa chỉ mẫu" in p for p in problems)
    assert any(NO_CONTACT in p for p in problems), problems


def test_a_placeholder_contact_reaches_nobody(tmp_path: Path) -> None:
    data = data_of(plan_with(tmp_path, publisher={"feedback_email": "gopy@example.org"}))
    assert any(NO_CONTACT in p for p in publishing_problems("", data))
    assert publishing_problems(REAL_REPO, data) == []  # the issue form is still a route


def test_the_workflow_comment_says_the_same_rule() -> None:
    text = (REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    comment = text[text.index("# A publishing build:") : text.index("- name: Dựng trang (--strict)")]
    assert "issue" in comment and "publishing_problems" in comment and "contact" in comment
