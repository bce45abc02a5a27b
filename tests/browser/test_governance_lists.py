"""Given/When/Then in a real browser: the meetings list and the agendas list sorted,
filtered and paged, with axe on each state."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import fill_date
from tests.browser.test_journeys import given_i_am_signed_in, then_the_page_is_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _more_meetings(n: int) -> None:
    from pathfinder.core import actions
    from pathfinder.governance.models import Meeting

    for i in range(n):
        actions.create(Meeting, by="test:browser", meeting_id=f"M-X{i:03d}", body_id="B-CAM",
                       date=dt.date(2011, 4, 1) + dt.timedelta(days=3 * i))  # fmt: skip


def test_meetings_sorted_filtered_and_paged(page, live_server, demo):
    # Given the cluster's administrator, with more meetings than a page holds
    _more_meetings(60)
    given_i_am_signed_in(page, live_server, "administrator", demo)
    page.goto(f"{live_server.url}/meetings/?as_at=2011-04-01")
    count = page.locator(".pf-count")
    assert "Showing 1 to 50 of" in count.inner_text()
    then_the_page_is_accessible(page)
    # When I sort by body, Then the header says so
    page.get_by_role("link", name="Body").click()
    expect(page.locator('th[aria-sort="ascending"]')).to_have_text(re.compile(r"^\s*Body"))
    then_the_page_is_accessible(page)
    # When I go to the second page, Then the rest are listed
    page.get_by_role("link", name="Page 2").click()
    expect(count).to_contain_text("Showing 51 to")
    then_the_page_is_accessible(page)
    # When I filter by an organisation's name, Then only its meetings are listed
    page.get_by_label("Organisation code or name contains").fill("Hunts")
    page.get_by_role("button", name="Filter").click()
    expect(count).to_contain_text("Showing 1 to")
    bodies = page.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert bodies and all("Hunts" in b for b in bodies)
    then_the_page_is_accessible(page)
    # When I give a date that is not one, Then its field says so
    fill_date(page, "On or after", "30", "2", "2011")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("form.pf-filters")).to_contain_text("On or after must be a real date")
    then_the_page_is_accessible(page)


def test_agendas_sorted_and_filtered(page, live_server, demo):
    # Given the cluster's governance lead
    given_i_am_signed_in(page, live_server, "governance_lead", demo)
    page.goto(f"{live_server.url}/agendas/?as_at=2011-12-01")
    then_the_page_is_accessible(page)
    # When I sort by alignment, Then the header says so
    page.get_by_role("link", name="Alignment (%)").click()
    expect(page.locator('th[aria-sort="ascending"]')).to_have_text(re.compile(r"^\s*Alignment"))
    then_the_page_is_accessible(page)
    # When I keep those where commissioners and providers disagree, Then one is left
    page.get_by_label("Commissioners and providers").select_option("yes")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".pf-count")).to_contain_text("Showing 1 to 1 of 1 proposals")
    then_the_page_is_accessible(page)
