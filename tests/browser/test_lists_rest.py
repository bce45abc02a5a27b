"""People, users, changes, money, QIPP, support and board pack lists in a browser:
sorted by a header, filtered through the form and paged, with axe on every state."""

import pytest

from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.browser


def then_the_page_is_accessible(page):
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


@pytest.fixture
def grown_demo(demo, grow_east):
    from pathfinder.core.accounts import ensure_demo_accounts

    grow_east(600)
    ensure_demo_accounts(by="test:browser")
    return demo


def sign_in(page, base, password):
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill("administrator")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/?as_at=2011-10-01")


def sort_by(page, header: str):
    page.get_by_role("columnheader", name=header).get_by_role("link").click()
    page.wait_for_load_state()


def search(page, label: str, text: str):
    page.get_by_label(label).fill(text)
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()


def next_page(page):
    page.locator(".nhsuk-pagination__next").click()
    page.wait_for_load_state()


def test_people_and_changes_sort_filter_and_page(page, live_server, grown_demo):
    base = live_server.url
    sign_in(page, base, grown_demo)
    page.goto(f"{base}/people/")
    then_the_page_is_accessible(page)
    sort_by(page, "ID")
    assert page.locator('th[aria-sort="ascending"]').inner_text().startswith("ID")
    next_page(page)
    assert "Showing 51 to" in page.locator(".pf-count").inner_text()
    then_the_page_is_accessible(page)
    search(page, "Name or ID contains", "Grown Person 7")
    assert "Grown Person 7" in page.locator("table").first.inner_text()
    then_the_page_is_accessible(page)

    page.goto(f"{base}/changes/?from=2011-03-01&to=2011-10-01")
    sort_by(page, "Date")
    assert page.locator('th[aria-sort="descending"]').count() == 1
    next_page(page)
    then_the_page_is_accessible(page)
    page.locator("#filter-what").select_option("post")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    assert "Grown officer" in page.locator("table").first.inner_text()
    then_the_page_is_accessible(page)


def test_users_money_and_qipp_sort_filter_and_page(page, live_server, grown_demo):
    base = live_server.url
    sign_in(page, base, grown_demo)
    page.goto(f"{base}/users/")
    sort_by(page, "Role")
    search(page, "Organisation code contains", "C-CAM")
    assert "editor" in page.locator("table").first.inner_text()
    then_the_page_is_accessible(page)

    page.goto(f"{base}/finance/?year=2011-12&by=organisation")
    sort_by(page, "Spend to date")
    search(page, "Group code or name contains", "C-")
    assert (
        page.locator('form:has(#filter-q) input[name="year"]').get_attribute("value") == "2011-12"
    )
    then_the_page_is_accessible(page)

    page.goto(f"{base}/qipp/?year=2011-12")
    sort_by(page, "Planned to date")
    next_page(page)
    assert "Showing 51 to" in page.locator(".pf-count").inner_text()
    then_the_page_is_accessible(page)
    page.locator("#filter-owned").select_option("no")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    assert "Not owned" in page.locator("table").first.inner_text()
    then_the_page_is_accessible(page)


def test_support_and_pack_lists_sort_and_filter(page, live_server, grown_demo):
    base = live_server.url
    sign_in(page, base, grown_demo)
    page.goto(f"{base}/capacity/")
    sort_by(page, "Total FTE")
    then_the_page_is_accessible(page)
    search(page, "Consortium code or name contains", "hunts")
    assert "Hunts Health Consortium" in page.locator("table").first.inner_text()
    then_the_page_is_accessible(page)

    page.goto(f"{base}/readiness/?as_at=2011-12-01")
    sort_by(page, "Last assessed")
    then_the_page_is_accessible(page)

    page.goto(f"{base}/support/")
    sort_by(page, "Places booked")
    page.locator("#filter-kind").select_option("coaching")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    then_the_page_is_accessible(page)

    page.goto(f"{base}/bodies/B-CAM/packs/")
    then_the_page_is_accessible(page)
