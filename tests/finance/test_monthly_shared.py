"""The monthly spend page shows what `overview.monthly_of` gives: the page sums no
budget of its own."""

import datetime as dt
import re

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
    m = overview.monthly_of(FinancialYear.parse("2011-12"), d, orgs)
    assert m.budget > 0 and any(m.cumulative)
    assert f"Cumulative spend against a budget of {money(m.budget)}" in page
    for month, value in zip(m.months, m.cumulative, strict=True):
        shown = "–" if value is None else money(value)
        assert re.search(rf"{month}</th>\s*<td[^>]*>{re.escape(shown)}<", page), month
