"""Given/When/Then journeys through the money pages, with axe on each page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_journeys import given_i_am_signed_in, then_the_page_is_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_governance_lead_drills_from_a_pct_to_payments(page, live_server, demo):
    # Given I am the cluster's governance lead, looking at 31 October 2011
    given_i_am_signed_in(page, live_server, "governance_lead", demo)
    page.goto(live_server.url + "/finance/?as_at=2011-10-31")
    # When I roll the money up to statutory bodies for 2011-12
    page.get_by_label("Financial year").fill("2011-12")
    page.get_by_label("Roll up to").select_option("statutory")
    page.get_by_role("button", name="Show", exact=True).last.click()
    # Then each PCT has a row, and the chart of cumulative spend is shown
    table = page.locator("table", has_text="By statutory accountable body")
    expect(table.locator("tbody tr").nth(1)).to_be_attached()
    # (the chart is its own request: wait for it to arrive and decode, at most 30 s)
    page.wait_for_function(
        "() => { const i = document.querySelector(\"img[src*='chart.svg']\");"
        " return i !== null && i.complete && i.naturalWidth > 0 }"
    )
    then_the_page_is_accessible(page)
    # When I open Cambridgeshire PCT, Then its consortia's money is listed
    table.get_by_role("link", name="NHS Cambridgeshire").click()
    expect(page.locator("main")).to_contain_text("Cambridge Health Consortium")
    then_the_page_is_accessible(page)
    # When I follow Cambridge's budget lines to acute spend and a supplier
    page.get_by_role("link", name="Cambridge Health Consortium").click()
    page.get_by_role("link", name="acute").click()
    expect(page.locator("h1")).to_contain_text("by supplier")
    then_the_page_is_accessible(page)
    page.locator("tbody a").first.click()
    # Then I see the payments, each with its date and amount
    expect(page.locator("main")).to_contain_text(re.compile(r"Showing 1 to \d+ of \d+ payments"))
    then_the_page_is_accessible(page)


def test_an_editor_uploads_a_ledger_and_sees_every_problem(page, live_server, demo, tmp_path):
    # Given I keep Cambridge Health Consortium's records
    given_i_am_signed_in(page, live_server, "editor", demo)
    page.goto(live_server.url + "/finance/organisations/C-CAM/uploads/")
    then_the_page_is_accessible(page)
    # When I upload a file with a bad date and another body's row
    bad = tmp_path / "october.csv"
    bad.write_text(
        "date,org_code,category,supplier,amount,reference\n"
        "2011-10-32,C-CAM,acute,A,10.00,X1\n"
        "2011-10-01,C-HUN,acute,B,10.00,X2\n"
    )
    page.get_by_label("Ledger file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and check").click()
    # Then nothing is written, and each problem names its row and column
    main = page.inner_text("main")
    assert "nothing was written" in main
    problems = page.locator("table", has_text="Problems found")
    assert problems.locator("tbody tr").count() == 2
    then_the_page_is_accessible(page)
    # When I correct it and upload it, Then it is loaded
    good = tmp_path / "october-fixed.csv"
    good.write_text(
        "date,org_code,category,supplier,amount,reference\n2011-10-31,C-CAM,acute,A,10.00,X1\n"
    )
    page.get_by_label("Ledger file").set_input_files(str(good))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator("main")).to_contain_text("1 ledger lines added")
    # When I upload the same file again, Then it is refused
    page.get_by_label("Ledger file").set_input_files(str(good))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("already uploaded")
    assert page.title().startswith("Error:")
    then_the_page_is_accessible(page)


def test_qipp_calls_out_schemes_not_owned(page, live_server, demo):
    # Given I am the cluster's governance lead on 30 November 2011
    given_i_am_signed_in(page, live_server, "governance_lead", demo)
    # When I open the QIPP page for 2011-12
    page.goto(live_server.url + "/qipp/?year=2011-12&as_at=2011-11-30")
    # Then schemes not signed off by their own consortium are called out
    callout = page.locator(".nhsuk-warning-callout")
    assert "Falls prevention" in callout.inner_text()
    then_the_page_is_accessible(page)
