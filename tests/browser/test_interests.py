"""Given/When/Then: a board member declares an interest and the agenda excludes them."""

import pytest

from tests.browser.conftest import fill_date, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def then_the_page_is_accessible(page):
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def test_a_member_declares_an_interest_and_the_agenda_excludes_them(page, live_server, demo):
    base = live_server.url
    # Given I am Umar Vance, a lay member of the Peterborough board, signed in
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password", exact=True).fill(demo)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    # And I work as at 1 November 2011, before the board meets on 17 November
    page.goto(f"{base}/meetings/M-PET-11/?as_at=2011-11-01")
    item = page.locator("#decision-D-PET-1")
    assert "Quorate" in item.get_by_test_id("quorum-D-PET-1").inner_text()
    assert item.get_by_test_id("conflict-D-PET-1-P21").count() == 0
    then_the_page_is_accessible(page)
    # When I declare a financial interest in Peterborough and Stamford Hospitals (RGN)
    page.goto(f"{base}/declarations/")
    then_the_page_is_accessible(page)
    page.get_by_role("link", name="Declare an interest").click()
    page.get_by_label("Financial", exact=True).check()
    page.get_by_label("Organisation code").fill("RGN")
    page.get_by_label("Describe the interest").fill("Shares in a hospital supplier")
    fill_date(page, "When did the interest begin?", "20", "10", "2011")
    then_the_page_is_accessible(page)
    page.get_by_role("button", name="Declare this interest").click()
    # Then my declarations list the upcoming decision on which I am conflicted
    page.wait_for_url(f"{base}/declarations/?declared=interest")
    assert "Peterborough urgent care centre" in page.inner_text("main")
    then_the_page_is_accessible(page)
    # And the agenda shows me excluded and the quorum recomputed without me
    page.goto(f"{base}/meetings/M-PET-11/")
    item = page.locator("#decision-D-PET-1")
    row = item.get_by_test_id("conflict-D-PET-1-P21")
    assert "Umar Vance" in row.inner_text() and "Exclude" in row.inner_text()
    quorum = item.get_by_test_id("quorum-D-PET-1").inner_text()
    assert "Not quorate" in quorum and "2 of 3 taking part" in quorum
    then_the_page_is_accessible(page)


def test_the_public_register_is_accessible_signed_out(page, live_server, demo):
    page.goto(f"{live_server.url}/registers/C-CAM/?as_at=2011-11-01")
    assert "Register of interests of decision-makers" in page.inner_text("main")
    assert "Sign in" in page.inner_text("header")
    then_the_page_is_accessible(page)


def test_register_reminders_sort_filter_and_page_with_axe(page, live_server, demo):
    import datetime as dt
    import re
    from decimal import Decimal

    from pathfinder.interests.models import Gift

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
    # Given the governance lead on the reminders of the last day of 2011
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("governance_lead")
    page.get_by_label("Password", exact=True).fill(demo)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/registers/reminders/?as_at=2011-12-31")
    then_the_page_is_accessible(page)
    # When I sort by record, Then the header says so
    page.get_by_role("link", name=re.compile(r"^Record \(sort")).click()
    page.wait_for_url(re.compile(r"sort=subject"))
    assert page.locator("th", has_text="Record").first.get_attribute("aria-sort") == "ascending"
    then_the_page_is_accessible(page)
    # When I go to the second page
    page.get_by_role("link", name=re.compile("Next")).first.click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "Showing 51 to" in page.locator(".pf-count").inner_text()
    then_the_page_is_accessible(page)
    # When I show only the gifts over the limits
    page.get_by_label("Show", exact=True).select_option("gift_over_limit")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"finding=gift_over_limit"))
    assert "Missing annual return" not in page.locator("table").inner_text()
    then_the_page_is_accessible(page)
