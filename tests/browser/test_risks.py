"""Risk journeys in a real browser, with axe on the register, heat map and forms."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import fill_date, serious_violations

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


def test_a_review_below_the_threshold_takes_a_risk_off_the_baf(page, live_server, demo):
    # Given the governance lead of the cluster, looking at 1 October 2011
    sign_in(page, live_server, "governance_lead", demo)
    page.goto(f"{live_server.url}/risks/5PP/assurance-framework/?as_at=2011-10-01")
    accessible(page)
    assert page.get_by_role("link", name="Acute activity exceeds plan").is_visible()
    # When I open Cambridge's register and heat map, Then both pass axe
    page.goto(f"{live_server.url}/risks/C-CAM/")
    accessible(page)
    for other in ("/risks/", "/risks/overdue/", "/risks/C-CAM/matrix/"):
        page.goto(live_server.url + other)
        accessible(page)
    page.goto(f"{live_server.url}/risks/C-CAM/heat-map/")
    accessible(page)
    # and a cell of the heat map lists its risks in the register
    page.locator("svg a[aria-label^='Likelihood 4, consequence 4']").click()
    page.wait_for_url(re.compile(r"likelihood=4"))
    page.get_by_role("link", name="Acute activity exceeds plan").click()
    expect(page.get_by_role("heading", name="Score over time")).to_be_visible()
    page.wait_for_load_state()
    points_before = page.locator("#score-history-table tbody tr").count()
    # When I record a review that lowers the current score to 8
    page.get_by_role("link", name="Record a review").click()
    accessible(page)
    page.get_by_label("Current likelihood").select_option("2")
    page.get_by_label("Current consequence").select_option("4")
    page.get_by_label("Note").fill("Activity back on plan after the winter scheme")
    page.get_by_role("button", name="Record the review").click()
    # Then the risk's score history gains a point at 8
    page.wait_for_url(re.compile(r"/risk/R01/$"))
    assert "8" in page.locator("#current-score").inner_text()
    rows = page.locator("#score-history-table tbody tr")
    assert rows.count() == points_before + 2  # the loaded scores, then the review
    assert "Activity back on plan" in rows.last.inner_text()
    assert page.locator("#score-history svg").count() == 1
    accessible(page)
    # and it has left the PCT's Board Assurance Framework
    page.goto(f"{live_server.url}/risks/5PP/assurance-framework/")
    assert page.get_by_role("link", name="Acute activity exceeds plan").count() == 0
    assert page.get_by_role("link", name="Loss of commissioning staff in transition").count() == 0
    page.goto(f"{live_server.url}/risks/5PN/assurance-framework/")
    assert page.get_by_role("link", name="Loss of commissioning staff in transition").count() == 1


def test_overdue_reviews_sort_filter_and_page_with_axe(page, live_server, demo):
    import datetime as dt

    from pathfinder.risks.models import Risk

    Risk.objects.bulk_create(
        Risk(
            risk_id=f"R{100 + i}",
            org_id="C-CAM",
            title=f"Many risk {i:02d}" + (" waiting list" if i % 3 == 0 else ""),
            category="clinical",
            inherent_likelihood=5,
            inherent_consequence=5,
            current_likelihood=1 + i % 5,
            current_consequence=1 + (i // 5) % 5,
            opened=dt.date(2011, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(60)
    )
    # Given the governance lead, on the overdue reviews of 1 October 2011
    sign_in(page, live_server, "governance_lead", demo)
    page.goto(f"{live_server.url}/risks/overdue/?as_at=2011-10-01")
    accessible(page)
    assert "Showing 1 to 50 of" in page.locator(".pf-count").inner_text()
    # When I sort by risk, the other way, Then the header says so
    page.get_by_role("link", name=re.compile(r"^Risk \(sort")).click()
    page.get_by_role("link", name=re.compile(r"^Risk \(sort")).click()
    page.wait_for_url(re.compile(r"sort=-risk_id"))
    header = page.locator("th", has_text="Risk").first
    assert header.get_attribute("aria-sort") == "descending"
    accessible(page)
    # When I go to the second page
    page.get_by_role("link", name=re.compile("Next")).first.click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "Showing 51 to" in page.locator(".pf-count").inner_text()
    accessible(page)
    # When I filter on a title
    page.get_by_label("Reference or title contains").fill("waiting")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"q=waiting"))
    assert "of 20 overdue reviews" in page.locator(".pf-count").inner_text()
    accessible(page)
    # and a date that is not one shows its error, accessibly
    fill_date(page, "Review due from", "31", "2", "2011")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".nhsuk-error-message")).to_have_count(1)
    accessible(page)
