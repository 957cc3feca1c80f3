"""«Báo sai số liệu / góp ý»: where a reader's remark about a figure or a target goes, pre-filled.

Two ways, both from data and from where the site is built:

* an e-mail (``mailto:``) to the contact responsible: the indicator's lead agency, else the agency
  that compiles the reports (plan.yaml «reporting.to»), else the publisher's contacts; subject and
  body name the indicator, the year, the place, the value and the page;
* the repository's issue form (``.github/ISSUE_TEMPLATE/gop-y.yml``) with the same fields filled
  in through the address, for readers with an account.

The page's own address is not known at build time without a site URL: the body holds ``{TRANG}``
and ``docs/assets/plansite.js`` puts the page's address there when the page loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from plansite import model as m

PAGE_MARK = "{TRANG}"
FORM = "gop-y.yml"


@dataclass(frozen=True)
class Remark:
    """What the reader's remark is about; empty fields are left out."""

    subject: str
    indicator: str = ""
    year: str = ""
    place: str = ""
    value: str = ""


@dataclass(frozen=True)
class Links:
    mail: str = ""
    mail_to: str = ""  # who receives it
    form: str = ""


def contact_for(plan: m.PlanData, indicator: m.Indicator | None) -> tuple[str, str]:
    """(e-mail, name) of who answers a remark about ``indicator`` (or the plan in general)."""
    agencies = {a.id: a for a in plan.agencies}
    chain: list[m.Agency] = []
    if indicator is not None:
        chain += [agencies[link.agency] for link in indicator.agencies if link.role == "chu-tri" and link.agency in agencies]
    if plan.plan.reporting.to in agencies:
        chain.append(agencies[plan.plan.reporting.to])
    for ag in chain:
        if ag.contact is not None and ag.contact.email:
            return ag.contact.email, ag.name
    pub = plan.plan.publisher
    for c in pub.contacts:
        if c.email:
            return c.email, c.name
    return (pub.feedback_email, pub.name) if pub.feedback_email else ("", "")


def links(plan: m.PlanData, repo_url: str, remark: Remark, indicator: m.Indicator | None = None) -> Links:
    lines = [f"Về: {remark.subject}"]
    for label, v in (("Chỉ tiêu", remark.indicator), ("Năm", remark.year), ("Địa bàn", remark.place), ("Giá trị", remark.value)):
        if v:
            lines.append(f"{label}: {v}")
    lines += [f"Trang: {PAGE_MARK}", "", "Nội dung góp ý / số liệu đúng là (kèm nguồn nếu có):", ""]
    email, name = contact_for(plan, indicator)
    mail = ""
    if email:
        mail = f"mailto:{email}?subject={quote('Góp ý: ' + remark.subject)}&body={quote(chr(10).join(lines))}"
    form = ""
    if repo_url:
        fields = {
            "template": FORM,
            "title": f"Góp ý: {remark.subject}",
            "chi-tieu": remark.indicator,
            "nam": remark.year,
            "dia-ban": remark.place,
            "gia-tri": remark.value,
            "trang": PAGE_MARK,
            "labels": "gop-y",
        }
        form = f"{repo_url.rstrip('/')}/issues/new?" + urlencode({k: v for k, v in fields.items() if v}, quote_via=quote)
    return Links(mail, name if email else "", form)
