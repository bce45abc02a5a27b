"""Given/When/Then journeys in a real browser, with axe on every page."""

import re

import pytest

from tests.browser.conftest import date_shown, fill_date, serious_violations
from tests.web.pages import ADMINISTRATORS_ONLY, SIGNED_IN_STATUS, all_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def given_i_am_signed_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def then_the_page_is_accessible(page):
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def test_signed_out_pages_are_accessible(page, live_server, demo):
    # Given I am not signed in, When I open the home page
    page.goto(live_server.url + "/")
    # Then it says what Pathfinder is and offers to sign me in
    assert page.get_by_role("heading", level=1).inner_text() == "Pathfinder"
    then_the_page_is_accessible(page)
    # When I try a private page, Then I am asked to sign in
    page.goto(live_server.url + "/organisations/")
    assert re.search(r"/sign-in/\?next=", page.url)
    then_the_page_is_accessible(page)
    # When I sign in with the wrong password, Then the error summary names the problem
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "correct username and password" in summary.inner_text()
    assert page.title().startswith("Error:")
    then_the_page_is_accessible(page)


def test_a_governance_lead_can_use_every_page(page, live_server, demo):
    # Given Cambridge's board has a pack built (pack 1, which the pack pages show)
    from pathfinder.core.worker import run_pending
    from pathfinder.governance.models import Meeting
    from pathfinder.reports.actions import request_build

    meeting = Meeting.objects.select_related("body").get(pk="M-CAM-11")
    request_build(by="test:browser", body=meeting.body, as_at=meeting.date, meeting=meeting)
    run_pending()
    # And I am signed in as the cluster's governance lead
    given_i_am_signed_in(page, live_server, "governance_lead", demo)
    assert "Cambridgeshire and Peterborough PCT Cluster" in page.inner_text("main")
    # When I choose a date with the as-at control, Then later pages keep it
    fill_date(page, "Showing records as at", "1", "10", "2011")
    page.get_by_role("button", name="Show", exact=True).click()
    page.goto(live_server.url + "/people/")
    assert date_shown(page, "Showing records as at") == ("1", "10", "2011")
    # When I visit every page, Then each opens and passes axe
    for p in all_pages():
        if p.name in SIGNED_IN_STATUS or p.name in ADMINISTRATORS_ONLY:
            continue
        answer = page.request.get(live_server.url + p.url)
        assert answer.status == 200, p.url
        if "text/html" not in answer.headers.get("content-type", ""):
            continue  # a download (CSV, XLSX, SVG): its own tests check the content
        response = page.goto(live_server.url + p.url)
        assert response.status == 200, p.url
        then_the_page_is_accessible(page)
    # When I sign out, Then private pages ask me to sign in again
    page.get_by_role("button", name="Sign out").click()
    page.goto(live_server.url + "/people/")
    assert "/sign-in/" in page.url


def test_a_viewer_follows_the_structure_to_an_organisation(page, live_server, demo):
    # Given I am signed in as a viewer of Hunts Health Consortium
    given_i_am_signed_in(page, live_server, "viewer", demo)
    # When I open the structure on 1 October 2011 and choose Hunts in the picture
    page.goto(live_server.url + "/structure/?as_at=2011-10-01")
    svg_link = page.locator("svg a", has_text="Hunts Health Consortium")
    svg_link.click()
    # Then its page lists St Ives, which joined that day, and not Cambridge's practices
    page.wait_for_url(re.compile(r"/organisations/C-HUN/"))
    main = page.inner_text("main")
    assert "St Ives Health Centre" in main
    assert "Mill Road Surgery" not in main
    then_the_page_is_accessible(page)
    # When I filter the organisations list, Then the filter is kept and the list narrows
    page.goto(live_server.url + "/organisations/")
    page.get_by_label("Kind").select_option("practice")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    then_the_page_is_accessible(page)
