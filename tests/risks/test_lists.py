"""The risk lists on the listing component: filter, sort, page 2 and the whole filtered
list as CSV, for the index, a register and the overdue reviews."""

import csv
import datetime as dt
import io
import re

import pytest
from django.test import Client

from pathfinder.risks.models import Risk
from tests.web.conftest import signed_in

AS_AT = "2011-10-01"


@pytest.fixture
def admin(demo_users):
    return signed_in(Client(), demo_users["administrator"])


@pytest.fixture
def many(east):
    """60 overdue risks of C-CAM, R100 to R159, with scores that vary."""
    Risk.objects.bulk_create(
        Risk(
            risk_id=f"R{100 + i}",
            org_id="C-CAM",
            title=f"Many risk {i:02d}" + (" waiting list" if i % 3 == 0 else ""),
            category="clinical" if i % 2 else "financial",
            inherent_likelihood=5,
            inherent_consequence=5,
            current_likelihood=1 + i % 5,
            current_consequence=1 + (i // 5) % 5,
            opened=dt.date(2011, 1, 1) + dt.timedelta(days=i),
            review_every_days=90,
        )
        for i in range(60)
    )
    return 60


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def _ids(page: str) -> list[str]:
    return re.findall(r'href="/risk/(R1\d\d)/"', page)


def test_overdue_is_paged_sorted_filtered_and_downloaded(admin, many):
    url = f"/risks/overdue/?as_at={AS_AT}"
    first = admin.get(url).content.decode()
    assert "Showing 1 to 50 of" in first and 'aria-sort="ascending"' in first
    total = int(re.search(r"Showing 1 to 50 of ([\d,]+)", first)[1].replace(",", ""))
    assert total > 60
    second = admin.get(f"{url}&page=2").content.decode()
    assert f"Showing 51 to {total} of {total}" in second
    by_id = admin.get(f"{url}&sort=-risk_id").content.decode()
    assert _ids(by_id)[:3] == ["R159", "R158", "R157"]
    waiting = admin.get(f"{url}&q=waiting").content.decode()
    assert "Showing 1 to 20 of 20 overdue reviews" in waiting
    assert "Many risk 01" not in waiting
    rows = _csv(admin.get(f"{url}&q=waiting&sort=-risk_id&format=csv"))
    assert rows[0][:3] == ["risk_id", "org_code", "title"]
    assert [r[0] for r in rows[1:]] == [f"R{100 + i}" for i in range(57, -1, -3)]
    assert len(_csv(admin.get(f"{url}&format=csv"))) == total + 1


def test_overdue_filters_by_organisation_name_and_dates(admin, many):
    url = f"/risks/overdue/?as_at={AS_AT}"
    page = admin.get(f"{url}&org=cambridge&to=2011-04-10").content.decode()
    assert "Many risk 00" in page and "Many risk 10" not in page
    bad = admin.get(f"{url}&from=yesterday").content.decode()
    assert "Review due from must be a real date" in bad


def test_register_filters_by_cell_band_and_downloads_all_pages(admin, many):
    url = f"/risks/C-CAM/?as_at={AS_AT}"
    cell = admin.get(f"{url}&likelihood=2&consequence=1").content.decode()
    assert set(_ids(cell)) == {"R101", "R126", "R151"}
    assert "Show every cell" in cell
    first = admin.get(url).content.decode()
    assert "Showing 1 to 50 of" in first
    rows = _csv(admin.get(f"{url}&category=financial&sort=-current_score&format=csv"))
    ids = [r[0] for r in rows[1:]]
    assert {f"R{100 + i}" for i in range(0, 60, 2)} <= set(ids)
    scores = [int(r[10]) for r in rows[1:]]
    assert scores == sorted(scores, reverse=True)


def test_index_lists_registers_and_frameworks(admin, many):
    page = admin.get(f"/risks/?as_at={AS_AT}").content.decode()
    assert 'href="/risks/C-CAM/"' in page and "/assurance-framework/" in page
    only = admin.get(f"/risks/?as_at={AS_AT}&show=frameworks").content.decode()
    assert 'href="/risks/C-CAM/"' not in only and "/assurance-framework/" in only
    rows = _csv(admin.get(f"/risks/?as_at={AS_AT}&sort=-open&format=csv"))
    assert rows[0][0] == "org_code" and rows[1][0] == "C-CAM" and int(rows[1][2]) >= 60
