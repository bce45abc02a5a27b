"""Signing in with a second factor in a real browser, under the Content-Security-Policy."""

import time
from binascii import unhexlify

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from pathfinder.core import two_factor
from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOVERN_PAGE = "/organisations/C-CAM/accountability/add/"


def code_from_secret(secret: str) -> str:
    from base64 import b32decode

    padded = secret + "=" * (-len(secret) % 8)
    totp = TOTP(b32decode(padded), step=30, digits=6)
    totp.time = time.time()
    return f"{totp.token():06d}"


def then_the_page_is_accessible(page):
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def when_i_sign_in(page, live_server, username, password, next_url=""):
    page.goto(f"{live_server.url}/sign-in/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_lead_sets_up_two_factor_then_signs_in_with_a_code(page, live_server, demo, settings):
    settings.PATHFINDER_REQUIRE_2FA = True
    # Given I am the governance lead, When I sign in with my password
    when_i_sign_in(page, live_server, "governance_lead", demo, GOVERN_PAGE)
    # Then I am asked to set up an authenticator, with a QR code and the key as text
    page.wait_for_url("**/sign-in/set-up/**")
    assert page.get_by_role("img", name="QR code").is_visible()
    then_the_page_is_accessible(page)
    secret = page.locator("#totp-secret").inner_text()
    # When I enter a wrong code, Then the error summary says so
    page.get_by_label("Code from the app").fill("000000")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The code does not match")
    then_the_page_is_accessible(page)
    # When I enter the code the app shows, Then I see my recovery codes once
    page.get_by_label("Code from the app").fill(code_from_secret(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator("#recovery-codes li")).to_have_count(two_factor.RECOVERY_CODES)
    then_the_page_is_accessible(page)
    # And I can change governance records
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{GOVERN_PAGE}")
    assert page.get_by_role("heading", level=1).is_visible()
    # When I sign out and in again, Then I am asked for the code
    page.get_by_role("button", name="Sign out").first.click()
    when_i_sign_in(page, live_server, "governance_lead", demo, GOVERN_PAGE)
    page.wait_for_url("**/sign-in/code/**")
    then_the_page_is_accessible(page)
    device = TOTPDevice.objects.get(user__username="governance_lead")
    totp = TOTP(unhexlify(device.key), step=30, digits=6)
    totp.time = time.time() + 30  # the next code: the one just used is not taken twice
    page.get_by_label("Security code").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{GOVERN_PAGE}")
    assert page.csp_violations == []


def test_the_policy_blocks_inline_scripts_and_the_pages_still_work(page, live_server, demo):
    when_i_sign_in(page, live_server, "editor", demo)
    page.wait_for_url(f"{live_server.url}/")
    # The NHS.UK template's inline script ran (it carries the nonce) and so did the
    # components' start, from a static file.
    classes = page.evaluate("document.body.className")
    assert "js-enabled" in classes and "nhsuk-frontend-supported" in classes
    # A script injected without the nonce does not run, and the browser says why.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )
    assert page.evaluate("window.injected === undefined")
    assert any("script-src" in v for v in page.csp_violations)
    page.csp_violations.clear()


def test_the_api_docs_work_under_the_policy(page, live_server, demo):
    when_i_sign_in(page, live_server, "editor", demo)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/api/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.csp_violations == []
