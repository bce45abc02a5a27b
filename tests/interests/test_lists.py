"""The register reminders on the listing component: filter, sort, page 2 and the whole
filtered list as CSV."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.test import Client

from pathfinder.interests.models import Gift
from tests.web.conftest import signed_in

URL = "/registers/reminders/?as_at=2011-12-31"


@pytest.fixture
def lead(east):
    from django.contrib.auth import get_user_model

    from pathfinder.core.accounts import ensure_demo_accounts

    ensure_demo_accounts(by="test:interests")
    Gift.objects.bulk_create(
        Gift(
            gift_id=f"G{500 + i}",
            person_id="P03",
            kind="gift",
            offered_by=f"Supplier {i:02d}",
            description="A hamper",
            value=Decimal("60.00") + i,
            offered_on=dt.date(2011, 6, 1) + dt.timedelta(days=i),
            accepted=True,
            declared_on=dt.date(2011, 6, 1) + dt.timedelta(days=i),
        )
        for i in range(60)
    )
    return signed_in(Client(), get_user_model().objects.get(username="governance_lead"))


def _total(page: str) -> int:
    return int(re.search(r"Showing 1 to \d+ of ([\d,]+) reminders", page)[1].replace(",", ""))


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_reminders_are_paged_sorted_filtered_and_downloaded(lead):
    first = lead.get(URL).content.decode()
    total = _total(first)
    assert total > 60 and "Showing 1 to 50 of" in first
    second = lead.get(f"{URL}&page=2").content.decode()
    assert f"Showing 51 to {min(total, 100)} of {total}" in second
    gifts = lead.get(f"{URL}&finding=gift_over_limit&sort=-subject").content.decode()
    assert _total(gifts) >= 60 and 'aria-sort="descending"' in gifts
    assert gifts.index("gift:G559") < gifts.index("gift:G558")
    assert "Missing annual return" not in gifts.split("<table", 1)[1]
    rows = _csv(lead.get(f"{URL}&finding=gift_over_limit&q=G5&format=csv"))
    assert rows[0] == ["finding", "person_id", "person", "record", "detail"]
    assert sorted(r[3] for r in rows[1:]) == sorted(f"gift:G{500 + i}" for i in range(60))
    assert len(_csv(lead.get(f"{URL}&format=csv"))) == total + 1


def test_an_unknown_finding_shows_every_reminder(lead):
    assert _total(lead.get(f"{URL}&finding=nonsense").content.decode()) == _total(
        lead.get(URL).content.decode()
    )
