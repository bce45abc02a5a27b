"""The API's interactive docs: the site's own frame and heading, accessible, and working."""

from tests.browser.conftest import serious_violations


def test_the_api_docs_have_the_sites_look_a_heading_and_pass_axe(page, live_server, demo):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password", exact=True).fill(demo)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/api/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.get_by_role("heading", level=1).all_inner_texts() == ["Pathfinder API"]
    assert page.locator("header.nhsuk-header").count() == 1
    assert page.locator("footer .nhsuk-footer, footer.nhsuk-footer").count() >= 1
    assert page.get_by_role("link", name="Skip to main content").count() == 1
    assert serious_violations(page) == []

    # The interactive part still answers a request with the session's CSRF token.
    page.locator(".opblock-summary", has_text="/api/organisations").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    page.locator(".responses-table .response-col_status", has_text="200").first.wait_for()
