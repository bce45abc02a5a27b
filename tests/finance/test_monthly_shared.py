"""The finance pages show what the finance analysis gives: the monthly page what
`overview.monthly_seen` (and so `monthly_of`) gives, the organisation page its
`organisation_money`, the drill-down its `category_spend`, the publication page its
`months_over_threshold`. The pages sum nothing of their own."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client

from pathfinder.core.money import FinancialYear
from pathfinder.finance import overview, rollup
from pathfinder.organisations.models import Organisation
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def money(value) -> str:
    return f"−£{-value:,.2f}" if value < 0 else f"£{value:,.2f}"


@pytest.mark.parametrize(("group", "by"), [("5PP", "statutory"), ("C-CAM", "organisation")])
def test_the_monthly_page_shows_the_functions_figures(demo_users, group, by):
    admin = signed_in(Client(), demo_users["administrator"])
    d = dt.date(2011, 10, 31)
    params = {"year": "2011-12", "by": by, "as_at": d.isoformat(), "group": group}
    page = admin.get("/finance/monthly/", params).content.decode()
    structure = rollup.load_structure(d)
    orgs = {
        o
        for o in Organisation.objects.values_list("code", flat=True)
        if structure.group(o, by) == group
    }
    year = FinancialYear.parse("2011-12")
    visible = set(Organisation.objects.values_list("code", flat=True))
    m = overview.monthly_seen(year, d, by, None, visible, group)
    assert m == overview.monthly_of(year, d, orgs)
    assert m.budget > 0 and any(m.cumulative)
    assert f"Cumulative spend against a budget of {money(m.budget)}" in page
    for month, value in zip(m.months, m.cumulative, strict=True):
        shown = "–" if value is None else money(value)
        assert re.search(rf"{month}</th>\s*<td[^>]*>{re.escape(shown)}<", page), month


def cells(html: str, row_start: str) -> list[str]:
    row = html.split(row_start, 1)[1].split("</tr>", 1)[0]
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_the_organisation_page_shows_its_analysis(demo_users):
    admin = signed_in(Client(), demo_users["administrator"])
    d = dt.date(2011, 10, 31)
    page = admin.get(
        "/finance/organisations/5PP/", {"year": "2011-12", "by": "statutory", "as_at": d}
    ).content.decode()
    money_of = overview.organisation_money(
        FinancialYear.parse("2011-12"), d, None, "5PP", "statutory"
    )
    assert money_of.members and money_of.categories
    assert f"{money_of.months} month" in page
    for line in money_of.categories:
        shown = [money(v) for v in (line.budget, line.actual, line.forecast, line.variance)]
        assert cells(page, f">{line.key}</a></th>")[:4] == shown
    names = dict(Organisation.objects.values_list("code", "name"))
    for row in money_of.members:
        shown = [money(v) for v in (row.budget, row.actual, row.forecast, row.variance)]
        assert cells(page, f">{names[row.group]}</a></th>")[:4] == shown


def test_the_drill_down_and_the_publication_pages_show_their_analysis(demo_users):
    admin = signed_in(Client(), demo_users["administrator"])
    d = dt.date(2011, 10, 31)
    year = FinancialYear.parse("2011-12")
    spend = admin.get(
        "/finance/organisations/C-CAM/spend/", {"year": "2011-12", "as_at": d}
    ).content.decode()
    rows = overview.category_spend("C-CAM", year, d)
    assert rows
    for category, value, lines in rows:
        assert [money(value), str(lines)] == cells(spend, f">{category}</a></th>")[:2]
    publication = admin.get(
        "/finance/organisations/C-CAM/spend-over-25000/", {"year": "2011-12", "as_at": d}
    ).content.decode()
    months = overview.months_over_threshold("C-CAM", year, Decimal("25000.00"))
    assert any(n for _, n, _ in months)
    for month, n, total in months:
        shown = f">{month}</a></th>" if n else f">{month}</th>"
        assert [str(n), money(total)] == cells(publication, shown)
