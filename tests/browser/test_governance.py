"""Given/When/Then in a real browser: the accountability map, its findings and the form
that ends a membership, with axe on each page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import fill_date
from tests.browser.test_journeys import given_i_am_signed_in, then_the_page_is_accessible

# A box's accessible name: on its link, or on the box itself when it has no page.
LABELS = (
    "ns => ns.map(n => n.getAttribute('aria-label') || n.parentElement.getAttribute('aria-label'))"
)
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_shows_every_finding_and_a_lead_can_end_a_seat(page, live_server, demo):
    # Given I am the cluster's governance lead, looking at 1 October 2011
    given_i_am_signed_in(page, live_server, "governance_lead", demo)
    page.goto(f"{live_server.url}/accountability/?as_at=2011-10-01&root=CL-CAP")
    # Then the map is drawn and every finding is numbered on a visible box
    svg = page.locator("svg.pf-amap")
    assert svg.is_visible()
    numbers = page.locator("li.pf-finding").count()
    assert numbers == 21
    labels = page.locator("svg.pf-amap .amap-node").evaluate_all(LABELS)
    shown = {
        int(n)
        for label in labels
        for n in re.findall(r"\d+", label.split("findings")[-1])
        if "findings" in label
    }
    assert shown == set(range(1, numbers + 1))
    then_the_page_is_accessible(page)
    # When I follow a box, Then I reach its page
    page.locator('svg.pf-amap a[href="/bodies/B-PET/"]').click()
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Peterborough Commissioning Group Board"
    )
    then_the_page_is_accessible(page)
    # When I open the findings, Then each cause links to the page that changes it
    page.goto(f"{live_server.url}/accountability/findings/?finding=multi_board")
    finding = page.locator("li.pf-finding").filter(has_text="(person:P12)")
    finding.locator("summary").click()
    finding.locator("a", has_text="End this membership").first.click()
    assert "/members/end/" in page.url
    then_the_page_is_accessible(page)
    # When I give no date, Then the error summary names the field
    fill_date(page, "Last day in force", "", "", "")
    page.get_by_role("button", name="End the membership").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the last day in force")
    then_the_page_is_accessible(page)


def test_a_big_area_opens_at_a_summary_and_each_part_drills_down(
    page, live_server, demo, monkeypatch
):
    from pathfinder.governance.accountability import map as accountability_map
    from pathfinder.organisations import structure_summary

    # Given pictures that count as big past a handful of boxes
    monkeypatch.setattr(structure_summary, "SUMMARY_NODES", 4)
    monkeypatch.setattr(accountability_map, "MAX_NODES", 10)
    given_i_am_signed_in(page, live_server, "administrator", demo)
    # When I open the structure, Then it is a summary whose boxes count what is below
    page.goto(f"{live_server.url}/structure/?as_at=2011-10-01")
    assert "too big to draw every organisation" in page.inner_text("main")
    then_the_page_is_accessible(page)
    # When I choose the cluster's box, Then I see its part, with a way back up
    page.locator('svg a[href="/structure/?root=CL-CAP"]').click()
    page.wait_for_url(re.compile(r"root=CL-CAP"))
    assert page.locator("nav.nhsuk-breadcrumb").is_visible()
    then_the_page_is_accessible(page)
    # When I open the accountability map, Then it lists the parts with their findings
    page.goto(f"{live_server.url}/accountability/?as_at=2011-10-01")
    assert page.locator("svg.pf-amap").count() == 0
    then_the_page_is_accessible(page)
    page.get_by_role("link", name=re.compile("draw its map")).first.click()
    page.wait_for_url(re.compile(r"root="))
    assert page.locator("nav.nhsuk-breadcrumb").is_visible()
    then_the_page_is_accessible(page)
