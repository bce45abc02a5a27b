"""The board pack page in a real browser: reached from the body page, it passes axe,
and its contents link to each section."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def accessible(page):
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


@pytest.mark.parametrize("body", ["B-5PP", "B-CLB", "B-CAM"])
def test_the_pack_page_reads_well_and_passes_axe(page, live_server, demo, body):
    # Given the cluster's governance lead on a body's page as at 15 October 2011
    sign_in(page, live_server, "governance_lead", demo)
    page.goto(f"{live_server.url}/bodies/{body}/?as_at=2011-10-15")
    # When they follow the link to the board pack
    page.get_by_role("link", name="Read the board pack").click()
    page.wait_for_url(f"**/bodies/{body}/pack/?as_at=2011-10-15")
    # Then the pack's contents list each section and lead to it, and axe finds nothing
    contents = page.get_by_role("navigation", name="Contents")
    assert contents.get_by_role("link").count() >= 9
    contents.get_by_role("link", name="Risk").click()
    expect(page.get_by_role("heading", name="Heat map")).to_be_visible()
    accessible(page)
