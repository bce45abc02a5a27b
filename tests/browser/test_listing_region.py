"""A list at region scale in a real browser: sorted by a column, filtered, paged to page
3, each state passing axe, and its CSV holding exactly the filtered rows of every page."""

import csv
import datetime as dt
import io
import re

import pytest

from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AS_AT = "2012-06-30"
PASSWORD = "region-administrator-2012"  # noqa: S105 - a test account


@pytest.fixture
def region(tmp_path):
    """The region-sized synthetic package, and an administrator over all of it."""
    from pathfinder.core import accounts_actions
    from pathfinder.organisations.models import Organisation
    from pathfinder.packages.loader import load_package
    from pathfinder.packages.synth import write_synthetic

    write_synthetic(tmp_path / "region", scale="region", seed=3)
    result = load_package(tmp_path / "region", by="test:region")
    assert result.ok, [str(p) for p in result.errors][:5]
    roots = Organisation.objects.filter(parent_links__isnull=True).order_by("code")
    first, *rest = [o.code for o in roots]
    user = accounts_actions.add_user(
        by="test:region", username="region-admin", email="admin@example.org",
        role="administrator", org_code=first, password=PASSWORD,
    )  # fmt: skip
    for code in rest:
        accounts_actions.grant_role(
            by="test:region", user=user, role="administrator", org_code=code
        )
    return user


def accessible(page):
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def table_codes(page) -> list[str]:
    return page.locator("table tbody tr td:first-child").all_inner_texts()


def test_sort_filter_page_three_and_download_the_filtered_rows(page, live_server, region):
    from pathfinder.core.scope import Scope

    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("region-admin")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/organisations/?as_at={AS_AT}")
    accessible(page)
    # When I sort by name, the other way (the list opens sorted by name)
    assert page.locator("th[aria-sort='ascending']").inner_text().startswith("Name")
    page.get_by_role("link", name=re.compile(r"^Name")).click()
    page.wait_for_url(re.compile(r"sort=-name"))
    assert page.locator("th[aria-sort='descending']").inner_text().startswith("Name")
    accessible(page)
    # and keep only practices
    page.get_by_label("Kind").select_option("practice")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"kind=practice"))
    accessible(page)
    # and go on to page 3
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator(".nhsuk-pagination [aria-current='page']").inner_text().strip() == "2"
    page.get_by_role("link", name="Page 3", exact=True).click()
    page.wait_for_url(re.compile(r"page=3"))
    accessible(page)
    on = dt.date.fromisoformat(AS_AT)
    expected = Scope(region).organisations().filter(kind="practice").open_on(on)
    expected = expected.order_by("-name", "-code")
    codes = [o.code for o in expected]
    assert len(codes) > 100  # three pages of 50 at least
    assert table_codes(page) == codes[100:150]
    count = page.locator(".pf-count").inner_text()
    assert f"Showing 101 to {min(150, len(codes))} of {len(codes):,} organisations" in count
    # Then the CSV holds every practice the filter keeps, in the page's order
    href = page.get_by_role("link", name=re.compile(r"^CSV")).get_attribute("href")
    assert "page=" not in href
    response = page.request.get(f"{live_server.url}/organisations/{href}")
    assert response.ok
    lines = list(csv.DictReader(io.StringIO(response.text())))
    assert [r["code"] for r in lines] == codes
    assert {r["kind"] for r in lines} == {"practice"}
