"""Given/When/Then: the home page shows a member their own work and a lead their area,
and passes axe."""

import pytest

from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, username, password):
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def then_the_page_is_accessible(page):
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def test_the_home_page_shows_your_work_and_your_area(page, live_server, demo):
    base = live_server.url
    # Given I am Umar Vance, a lay member of the Peterborough board, signed in
    sign_in(page, base, "member", demo)
    # When I open the home page as at 15 November 2011
    page.goto(f"{base}/?as_at=2011-11-15")
    # Then my next meeting is the Peterborough board's on 17 November
    meetings = page.locator(".nhsuk-card", has_text="Your next meetings")
    assert "17 November 2011" in meetings.inner_text()
    # And my area's risks link to the overdue reviews of the risk registers
    risks = page.locator(".nhsuk-card", has_text="Open risks")
    assert risks.get_by_role("link", name="Reviews overdue").count() == 1
    then_the_page_is_accessible(page)
    # When I sign out and sign in as the cluster's governance lead
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, base, "governance_lead", demo)
    page.goto(f"{base}/?as_at=2011-11-15")
    # Then I see my area's organisations by kind, each linked to its list
    page.get_by_role("link", name="GP practice").first.click()
    assert "kind=practice" in page.url
    page.goto(f"{base}/")
    then_the_page_is_accessible(page)
