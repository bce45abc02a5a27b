"""The monthly "spend over £25,000" file: the columns NHS bodies publish, only payments
over the threshold, safe to open in a spreadsheet."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client

from pathfinder.core import actions
from pathfinder.finance.models import LedgerEntry
from tests.conftest import EAST
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db
URL = "/finance/organisations/C-CAM/spend-over-25000/"


@pytest.fixture
def admin(demo_users):
    return signed_in(Client(), demo_users["administrator"])


def download(client, month: str) -> list[list[str]]:
    response = client.get(URL, {"month": month, "format": "csv"})
    assert response["Content-Disposition"].endswith(f'spend-over-25000-C-CAM-{month}.csv"')
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_file_has_the_published_columns_and_only_payments_over_25000(admin):
    for amount in ("25000.00", "25000.01", "-30000.00"):
        actions.create(
            LedgerEntry,
            by="test:finance",
            date="2011-10-20",
            org_id="C-CAM",
            category='=HYPERLINK("x")',
            supplier="Threshold Ltd",
            amount=Decimal(amount),
            reference=f"TH{amount}",
        )
    rows = download(admin, "2011-10")
    assert rows[0] == ["Body", "Date", "Expense type", "Supplier", "Amount", "Reference"]
    with open(EAST / "ledger.csv", newline="") as f:
        want = [
            r
            for r in csv.DictReader(f)
            if r["org_code"] == "C-CAM"
            and r["date"].startswith("2011-10")
            and Decimal(r["amount"]) > 25000
        ]
    body = rows[1:]
    assert len(body) == len(want) + 1  # 25,000.01 is over; 25,000.00 and a credit are not
    assert {r[5] for r in body} == {r["reference"] for r in want} | {"TH25000.01"}
    assert all(r[0] == "Cambridge Health Consortium" for r in body)
    threshold = next(r for r in body if r[5] == "TH25000.01")
    assert threshold[1] == "20/10/2011" and threshold[4] == "25000.01"
    assert threshold[2].startswith("'=")  # a formula is defused


def test_the_year_view_counts_payments_by_month(admin):
    html = admin.get(URL, {"year": "2011-12"}).content.decode()
    assert "Months of 2011-12" in html
    assert 'href="?year=2011-12&amp;month=2011-10"' in html


def test_a_bad_month_is_an_error(admin):
    html = admin.get(URL, {"month": "October"}).content.decode()
    assert "There is a problem" in html and "Enter the month like 2011-10" in html


def test_an_outsider_cannot_download(outsider_user):
    c = signed_in(Client(), outsider_user)
    assert c.get(URL, {"month": "2011-10", "format": "csv"}).status_code == 404
