"""LedgerMonth stays equal to the ledger summed by month through every way of writing
the ledger, and spend read through it equals spend summed line by line."""

import datetime as dt
import random
import shutil
from decimal import Decimal

import pytest
from django.db.models import BigIntegerField, Count, Sum
from django.db.models.functions import TruncMonth

from pathfinder.core import actions
from pathfinder.finance import actions as finance_actions
from pathfinder.finance import monthly
from pathfinder.finance.models import LedgerEntry, LedgerMonth
from pathfinder.packages.loader import load_package
from tests.conftest import EAST

pytestmark = pytest.mark.django_db


def summed_from_the_ledger() -> dict:
    rows = (
        LedgerEntry.objects.annotate(m=TruncMonth("date"))
        .values("org_id", "category", "m")
        .annotate(p=Sum("amount", output_field=BigIntegerField()), n=Count("id"))
        .order_by()
        .values_list("org_id", "category", "m", "p", "n")
    )
    out = {}
    for org, cat, m, p, n in rows:
        m = m.date() if isinstance(m, dt.datetime) else m
        out[org, cat, m] = (int(p * 100) if isinstance(p, Decimal) else int(p), n)
    return out


def kept() -> dict:
    return {(r.org_id, r.category, r.month): (r.amount, r.lines) for r in LedgerMonth.objects.all()}


def line_by_line(start: dt.date, end: dt.date, orgs=None) -> dict:
    out: dict = {}
    for org, cat, amount in LedgerEntry.objects.filter(date__gte=start, date__lte=end).values_list(
        "org_id", "category", "amount"
    ):
        if orgs is None or org in orgs:
            out[org, cat] = out.get((org, cat), 0) + int(amount * 100)
    return out


def test_a_package_load_keeps_the_totals(east):
    assert LedgerEntry.objects.count() > 0
    assert kept() == summed_from_the_ledger() != {}


def test_spend_over_any_range_equals_the_lines_summed(east):
    dates = sorted(LedgerEntry.objects.values_list("date", flat=True).distinct())
    rng = random.Random(2011)
    ranges = [(dt.date(2011, 4, 1), dt.date(2012, 3, 31)), (dates[0], dates[-1])]
    for _ in range(40):
        a, b = sorted(rng.sample(dates, 2))
        ranges.append((a - dt.timedelta(days=rng.randint(0, 40)), b))
    for start, end in ranges:
        assert monthly.spend(start, end) == line_by_line(start, end), (start, end)
    orgs = set(rng.sample(sorted({o for o, _ in line_by_line(dates[0], dates[-1])}), 2))
    assert monthly.spend(dates[0], dates[-1], orgs) == line_by_line(dates[0], dates[-1], orgs)


def test_spend_by_month_adds_up_to_spend(east):
    start, end = dt.date(2011, 4, 1), dt.date(2011, 11, 17)
    by_month = monthly.spend_by_month(start, end)
    assert sum(by_month.values()) == sum(line_by_line(start, end).values())
    nov = line_by_line(dt.date(2011, 11, 1), end)
    assert by_month["2011-11"] == sum(nov.values())


def test_a_line_saved_or_deleted_through_an_action_refreshes_its_month(east):
    org = LedgerEntry.objects.values_list("org_id", flat=True).first()
    line = actions.create(
        LedgerEntry,
        by="test:finance",
        date="2011-12-05",
        org_id=org,
        category="a new category",
        supplier="Month Test Ltd",
        amount=Decimal("123.45"),
        reference="M1",
    )
    assert kept()[org, "a new category", dt.date(2011, 12, 1)] == (12345, 1)
    assert kept() == summed_from_the_ledger()
    line.delete()
    assert (org, "a new category", dt.date(2011, 12, 1)) not in kept()
    assert kept() == summed_from_the_ledger()


def test_a_second_package_adds_to_the_totals_and_replace_starts_again(east, tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    shutil.copy(EAST / "ledger.csv", extra / "ledger.csv")
    before = kept()
    assert load_package(extra, by="test:finance").ok
    after = kept()
    assert after == summed_from_the_ledger()
    assert {k: (p * 2, n * 2) for k, (p, n) in before.items()} == after
    assert load_package(EAST, by="test:finance", replace=True).ok
    assert kept() == before == summed_from_the_ledger()


def test_refresh_of_one_organisation_leaves_the_others(east):
    org = LedgerEntry.objects.values_list("org_id", flat=True).first()
    others = {k: v for k, v in kept().items() if k[0] != org}
    LedgerMonth.objects.all().update(amount=0)
    finance_actions.refresh_months([org])
    mine = {k: v for k, v in kept().items() if k[0] == org}
    assert mine == {k: v for k, v in summed_from_the_ledger().items() if k[0] == org} != {}
    assert all(v[0] == 0 for k, v in kept().items() if k[0] != org) and others
