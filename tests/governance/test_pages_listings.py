"""The governance lists on the one listing component: each filters, sorts, pages and
downloads every filtered row, on the example grown past a page."""

import csv
import io
import re

import pytest

from pathfinder.governance.models import Meeting
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, grow_east):
    from django.contrib.auth import get_user_model

    from pathfinder.core.accounts import ensure_demo_accounts

    grow_east(6000)  # 60 more meetings of B-CAM, 600 more members of it
    ensure_demo_accounts(by="test:listings")
    return signed_in(client, get_user_model().objects.get(username="administrator"))


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def _meeting_ids(page: str) -> list[str]:
    return re.findall(r'href="/meetings/([^/"]+)/"', page)


def test_meetings_page_sort_filter_and_download(admin):
    everything = Meeting.objects.count()
    assert everything > 60
    first = admin.get("/meetings/?when=all&as_at=2011-04-01").content.decode()
    assert f"Showing 1 to 50 of {everything:,} meetings" in first
    assert 'aria-sort="ascending"' in first
    second = admin.get("/meetings/?when=all&page=2").content.decode()
    assert f"Showing 51 to {min(100, everything)} of {everything:,}" in second
    shown = _meeting_ids(first) + _meeting_ids(second)
    in_order = list(Meeting.objects.order_by("date", "meeting_id").values_list("pk", flat=True))
    assert shown == in_order[:100]

    latest = admin.get("/meetings/?when=all&sort=-date").content.decode()
    assert _meeting_ids(latest)[0] == in_order[-1]
    assert 'aria-sort="descending"' in latest

    upcoming = admin.get("/meetings/?as_at=2011-09-01").content.decode()
    soon = Meeting.objects.filter(date__gte="2011-09-01").count()
    assert 0 < soon < everything
    assert f"of {soon:,} meetings" in upcoming

    hun = admin.get("/meetings/?when=all&org=hunts").content.decode()
    want = Meeting.objects.filter(body__org__name__icontains="hunts").count()
    assert 0 < want < everything
    assert f"of {want:,} meetings" in hun
    assert "/meetings/M-CAM-11/" not in hun

    rows = _csv(admin.get("/meetings/?when=all&sort=-date&format=csv"))
    assert rows[0][:2] == ["meeting", "date"]
    assert len(rows) - 1 == everything
    assert {r[0] for r in rows[1:]} == set(in_order)
    dates = [r[1] for r in rows[1:]]
    assert dates == sorted(dates, reverse=True)


def test_a_bodys_meetings_are_the_same_listing_with_a_bad_date_named(admin):
    page = admin.get("/bodies/B-CAM/meetings/?when=all&as_at=2011-04-01&from=2011-13-01")
    text = page.content.decode()
    assert page.status_code == 200
    assert "On or after must be a real date" in text
    total = Meeting.objects.filter(body_id="B-CAM").count()
    assert f"of {total:,} meetings" in text
    narrowed = admin.get("/bodies/B-CAM/meetings/?when=all&from=2011-11-01").content.decode()
    later = Meeting.objects.filter(body_id="B-CAM", date__gte="2011-11-01").count()
    assert 0 < later < total
    assert f"of {later:,} meetings" in narrowed


def _add_bodies(n: int) -> None:
    from pathfinder.core import actions
    from pathfinder.governance.models import Body

    for i in range(n):
        kind = "committee" if i % 2 else "board"
        actions.create(Body, by="test:listings", body_id=f"B-X{i:03d}", org_id="C-CAM",
                       name=f"Extra body {i:03d}", kind=kind, quorum_min=3)  # fmt: skip


def _body_ids(page: str) -> list[str]:
    return re.findall(r'href="/bodies/([^/"]+)/"', page)


def test_an_organisations_bodies_sort_filter_page_and_download(admin):
    from pathfinder.governance.models import Body

    _add_bodies(60)
    total = Body.objects.filter(org_id="C-CAM").count()
    first = admin.get("/organisations/C-CAM/bodies/?sort=name").content.decode()
    assert f"Showing 1 to 50 of {total} bodies" in first
    names = list(
        Body.objects.filter(org_id="C-CAM").order_by("name", "body_id").values_list("pk", flat=True)
    )
    second = admin.get("/organisations/C-CAM/bodies/?sort=name&page=2").content.decode()
    assert _body_ids(first) + _body_ids(second) == names
    backwards = admin.get("/organisations/C-CAM/bodies/?sort=-name").content.decode()
    assert _body_ids(backwards)[0] == names[-1]
    assert 'aria-sort="descending"' in backwards
    boards = admin.get("/organisations/C-CAM/bodies/?kind=board&q=extra").content.decode()
    assert "of 30 bodies" in boards
    rows = _csv(admin.get("/organisations/C-CAM/bodies/?kind=committee&format=csv"))
    assert rows[0][:3] == ["body", "name", "kind"]
    assert {r[2] for r in rows[1:]} == {"committee"}
    assert len(rows) - 1 == Body.objects.filter(org_id="C-CAM", kind="committee").count() > 50 // 2
    cam = _csv(admin.get("/organisations/C-CAM/bodies/?q=B-CAM&format=csv&as_at=2011-10-01"))
    assert cam[1][0] == "B-CAM" and cam[1][7] == "4"  # voting members on the as-at date


def test_the_scheme_of_delegation_sorts_filters_pages_and_downloads(admin):
    import datetime as dt
    from decimal import Decimal

    from pathfinder.core import actions
    from pathfinder.governance.models import Delegation

    for i in range(55):
        actions.create(Delegation, by="test:listings", org_id="C-CAM",
                       decision_type="grant" if i % 2 else "contract_award",
                       delegate=f"person:PX{i:05d}", limit=Decimal(1000 + i),
                       valid_from=dt.date(2011, 4, 1))  # fmt: skip
    in_force = Delegation.objects.in_force(dt.date(2011, 10, 1)).filter(org_id="C-CAM")
    total = in_force.count()
    url = "/organisations/C-CAM/delegation/?as_at=2011-10-01&sort=-limit"
    first = admin.get(url).content.decode()
    assert f"Showing 1 to 50 of {total} delegations" in first
    top = in_force.order_by("-limit", "-decision_type", "-id").first()
    assert f'?delegation={top.pk}"' in first.split("<tbody")[1].split("</tr>")[0]
    second = admin.get(url + "&page=2").content.decode()
    assert f"Showing 51 to {total} of {total}" in second
    grants = admin.get("/organisations/C-CAM/delegation/?type=grant").content.decode()
    assert f"of {in_force.filter(decision_type='grant').count()} delegations" in grants
    rows = _csv(admin.get("/organisations/C-CAM/delegation/?delegate=PX0000&format=csv"))
    assert rows[0] == ["decision_type", "delegate", "limit", "valid_from", "valid_to"]
    assert sorted(r[1] for r in rows[1:]) == [f"person:PX{i:05d}" for i in range(10)]


def test_lines_of_accountability_both_ways_filter_sort_and_download(admin):
    url = "/organisations/C-CAM/accountability/?as_at=2011-10-01"
    both = admin.get(url).content.decode()
    answers = admin.get(url + "&direction=Answers+to").content.decode()
    holds = admin.get(url + "&direction=Holds+to+account").content.decode()
    count = re.compile(r"of (\d+) lines")
    (n_both,), (n_answers,), (n_holds,) = (count.findall(p) for p in (both, answers, holds))
    assert int(n_answers) > 0 and int(n_holds) > 0
    assert int(n_both) == int(n_answers) + int(n_holds)
    rows = _csv(admin.get(url + "&sort=-holder&format=csv"))
    assert rows[0] == ["direction", "subject", "kind", "holder", "scope", "valid_from"]
    assert len(rows) - 1 == int(n_both)
    holders = [r[3] for r in rows[1:]]
    assert holders == sorted(holders, reverse=True)
