"""Given/When/Then in a real browser: booking the last place of a support session, and
the support, readiness and agenda pages passing axe."""

import pytest

from pathfinder.core.models import AuditEvent
from pathfinder.support.models import SupportBooking
from tests.browser.test_journeys import given_i_am_signed_in, then_the_page_is_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_last_place_is_booked_once(page, live_server, demo):
    # Given the first coaching session has one of its 3 places left
    assert SupportBooking.objects.filter(session_id="S1").count() == 2
    # And I am signed in as the editor of Cambridge Health Consortium
    given_i_am_signed_in(page, live_server, "editor", demo)
    page.goto(f"{live_server.url}/support/sessions/S1/?as_at=2011-07-01")
    then_the_page_is_accessible(page)
    # When I book the last place for the consortium's nurse member
    page.get_by_role("button", name="Book a place").click()
    then_the_page_is_accessible(page)
    page.get_by_label("Who will take the place").select_option("P13|C-CAM")
    page.get_by_role("button", name="Book the place").click()
    # Then the session shows the booking and no places left
    assert "Place booked." in page.inner_text("main")
    assert "None: this session is full" in page.inner_text("main")
    assert page.get_by_role("button", name="Book a place").count() == 0
    then_the_page_is_accessible(page)
    assert SupportBooking.objects.filter(session_id="S1").count() == 3

    # Given someone else opened the booking form before the last place went
    page.goto(f"{live_server.url}/support/sessions/S1/book/")
    bookings = SupportBooking.objects.count()
    audits = AuditEvent.objects.count()
    # When I open the booking form again, Then it says the session is full, with no form
    assert "is full: all 3 places are booked" in page.inner_text("main")
    assert page.get_by_role("button", name="Book the place").count() == 0
    # When a second booking is posted anyway (a form opened before the place went)
    response = page.request.post(
        f"{live_server.url}/support/sessions/S1/book/",
        form={"attendee": "P07|C-CAM", "csrfmiddlewaretoken": csrf_token(page)},
        headers={"Referer": f"{live_server.url}/support/sessions/S1/book/"},
    )
    # Then it is refused with a clear message, and nothing is written
    assert response.status == 400
    assert "is full: all 3 places are booked" in response.text()
    assert SupportBooking.objects.count() == bookings
    assert not SupportBooking.objects.filter(session_id="S1", person_id="P07").exists()
    assert AuditEvent.objects.count() == audits


def csrf_token(page) -> str:
    for cookie in page.context.cookies():
        if cookie["name"] == "csrftoken":
            return cookie["value"]
    raise AssertionError("no CSRF cookie")


def test_a_refused_booking_shows_the_error_summary(page, live_server, demo):
    # Given I am the editor of Cambridge on the booking form of a session with room
    given_i_am_signed_in(page, live_server, "editor", demo)
    page.goto(f"{live_server.url}/support/sessions/S7/book/")
    # When I submit without choosing anyone
    page.get_by_role("button", name="Book the place").click()
    # Then the error summary names the problem and the page passes axe
    summary = page.locator(".nhsuk-error-summary")
    assert "Choose who will take the place" in summary.inner_text()
    assert page.title().startswith("Error:")
    then_the_page_is_accessible(page)


def test_the_hub_takes_the_register_and_reads_the_senate_advice(page, live_server, demo):
    # Given I am the administrator of the cluster and its hub
    given_i_am_signed_in(page, live_server, "administrator", demo)
    # (test_journeys walks every page with axe as the governance lead; these are the
    # pages only the hub's editors reach, and the proposal with the senate's advice)
    # When I take the register of a finance workshop the hub runs
    page.goto(live_server.url + "/support/sessions/S5/attendance/")
    then_the_page_is_accessible(page)
    page.get_by_label("Attended").first.check()
    page.get_by_role("button", name="Save attendance").click()
    # Then the session shows who attended
    assert "Attendance saved: 1 changed." in page.inner_text("main")
    assert SupportBooking.objects.filter(session_id="S5", attended=True).count() == 1
    # When I open the stroke proposal, Then the senate's advice is shown with it
    page.goto(live_server.url + "/agendas/PR-STROKE/?as_at=2011-12-01")
    main = page.inner_text("main")
    assert "Clinical senate advice" in main
    assert "outcomes evidence" in main
    then_the_page_is_accessible(page)
