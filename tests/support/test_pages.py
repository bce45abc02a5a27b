"""Support pages with the example loaded: what they show, who may book and take the
register, full sessions, and query budgets that do not grow with rows."""

import datetime as dt

import pytest
from django.test import Client

from pathfinder.core.models import AuditEvent
from pathfinder.support import reach
from pathfinder.support.actions import book_place
from pathfinder.support.models import SupportBooking
from tests.web.conftest import signed_in

AS_AT = "2011-10-01"
# The pages of offers and sessions read the last recorded change, and after one the
# serving links (support/access.py); asked again with no change, not the links.
PAGES = [
    (f"/support/?as_at={AS_AT}", 18),  # with the count of the offers listed
    # Without ?as_at, one more: the package's reference date the page opens on.
    ("/support/offers/O-COACH/", 10),  # with the count of the sessions listed
    ("/support/sessions/S7/", 9),
    ("/support/sessions/S7/book/", 10),
    ("/support/sessions/S7/attendance/", 10),  # with the bookings' versions
    (f"/capacity/?as_at={AS_AT}", 15),
    (f"/readiness/?as_at={AS_AT}", 9),
    (f"/readiness/C-CAM/?as_at={AS_AT}", 9),
]


def text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("url, budget", PAGES)
def test_query_budget(lead_client, assert_max_queries, url, budget):
    with assert_max_queries(budget):
        response = lead_client.get(url)
    assert response.status_code == 200


def test_queries_do_not_grow_with_bookings(lead_client, assert_max_queries):
    """Counted once, then again after seven more bookings: the same number."""
    counts = {}
    for url, budget in PAGES:
        with assert_max_queries(budget, url) as ctx:
            lead_client.get(url)
        counts[url] = len(ctx)
    for person in ("P02", "P06", "P17"):
        book_place(session_id="S7", person_id=person, org_code="CL-CAP", by="test")
    for person in ("P03", "P10", "P13", "P20"):
        org = "C-PET" if person == "P20" else "C-CAM"
        book_place(session_id="S7", person_id=person, org_code=org, by="test")
    for url, _ in PAGES:
        with assert_max_queries(counts[url], url) as ctx:
            lead_client.get(url)
        assert len(ctx) == counts[url], url


def test_the_programme_shows_demand_reach_and_who_is_not_reached(lead_client):
    page = text(lead_client.get("/support/?as_at=2011-07-31"))
    result = reach.report(dt.date(2011, 7, 31))
    coaching = next(o for o in result["offers"] if o["kind"] == "coaching")
    assert f"{coaching['reach'] * 100:.0f}%" in page
    # by the end of July only the first coaching session had been held: Peterborough
    # had no one there, so it is named as not reached
    assert "Not reached by any offer" in page
    assert "Peterborough Commissioning Group" in page.split("Not reached by any offer")[1]
    assert "<svg" in page and 'role="img"' in page


def test_an_editor_books_for_their_organisation_and_a_full_session_refuses(client, demo_users):
    editor = signed_in(client, demo_users["editor"])  # editor of C-CAM
    form = text(editor.get("/support/sessions/S1/book/"))
    assert "P13|C-CAM" in form
    assert "P03|C-CAM" not in form  # already booked
    assert "C-HUN" not in form  # another consortium's people
    response = editor.post("/support/sessions/S1/book/", {"attendee": "P13|C-CAM"})
    assert response.status_code == 302
    assert SupportBooking.objects.filter(session_id="S1").count() == 3
    before = (SupportBooking.objects.count(), AuditEvent.objects.count())
    refused = editor.post("/support/sessions/S1/book/", {"attendee": "P07|C-CAM"})
    assert refused.status_code == 400
    assert "is full: all 3 places are booked" in text(refused)
    assert "There is a problem" in text(refused)
    assert (SupportBooking.objects.count(), AuditEvent.objects.count()) == before


def test_booking_for_an_organisation_you_do_not_edit_is_refused(client, demo_users):
    editor = signed_in(client, demo_users["editor"])
    response = editor.post("/support/sessions/S7/book/", {"attendee": "P05|C-HUN"})
    assert response.status_code == 400
    assert not SupportBooking.objects.filter(session_id="S7", person_id="P05").exists()


def test_a_viewer_cannot_book_or_take_the_register(client, demo_users):
    viewer = signed_in(client, demo_users["viewer"])  # viewer of C-HUN
    assert viewer.get("/support/sessions/S7/").status_code == 200
    assert viewer.get("/support/sessions/S7/book/").status_code == 403
    assert viewer.post("/support/sessions/S7/book/", {"attendee": "P05|C-HUN"}).status_code == 403
    assert viewer.get("/support/sessions/S7/attendance/").status_code == 403


def test_the_provider_takes_the_register(admin_client, demo_users):
    lead_client = signed_in(Client(), demo_users["governance_lead"])
    booking = SupportBooking.objects.get(session_id="S5", person_id="P21")
    # the cluster's lead does not edit the hub, which runs the finance workshops
    assert lead_client.get("/support/sessions/S5/attendance/").status_code == 403
    form = {f"attended-{b.pk}": "unknown" for b in SupportBooking.objects.filter(session_id="S5")}
    form[f"attended-{booking.pk}"] = "yes"
    response = admin_client.post("/support/sessions/S5/attendance/", form)
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.attended is True
    assert (
        AuditEvent.objects.filter(model="support.SupportBooking", operation="update").count() == 1
    )


def test_a_session_hides_other_organisations_bookings(client, demo_users):
    viewer = signed_in(client, demo_users["viewer"])  # Hunts
    page = text(viewer.get("/support/sessions/S3/"))
    assert "Hunts Health Consortium" in page
    assert "Cambridge Health Consortium" not in page
    assert "2 places are booked by organisations your role does not cover" in page


def test_capacity_includes_the_hubs_staff(lead_client):
    page = text(lead_client.get("/capacity/?as_at=2011-10-01"))
    result = {c["org"]: c for c in reach.report(dt.date(2011, 10, 1))["capacity"]}
    assert result["org:C-CAM"]["fte_per_100k"] in page
    assigned = page.split("Staff assigned from each PCT", 1)[1]
    cambs = assigned.split("NHS Cambridgeshire</a>")[1].split("</tr>")[0]
    assert ">4<" in cambs and ">3.80<" in cambs
    peterborough = assigned.split("NHS Peterborough</a>")[1].split("</tr>")[0]
    assert ">2<" in peterborough and ">2.00<" in peterborough
    posts = lead_client.get("/capacity/?as_at=2011-10-01&assigned=csv")
    lines = b"".join(posts.streaming_content).decode().splitlines()
    assert sum(",NHS Cambridgeshire," in line for line in lines) == 4


def test_readiness_grid_and_trajectory(client, demo_users):
    viewer = signed_in(client, demo_users["viewer"])  # Hunts only
    page = text(viewer.get("/readiness/?as_at=2011-12-01"))
    assert "Hunts Health Consortium" in page
    assert "Cambridge Health Consortium" not in page
    assert 'aria-labelledby="readiness-grid-t readiness-grid-d"' in page
    assert viewer.get("/readiness/C-CAM/").status_code == 404
    lead = signed_in(Client(), demo_users["governance_lead"])
    detail = text(lead.get("/readiness/C-CAM/?as_at=2011-12-01"))
    assert "Credible QIPP plans" in detail
    assert "1 July 2011" in detail and "1 October 2011" in detail
