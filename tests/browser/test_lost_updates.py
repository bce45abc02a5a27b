"""No lost update in a real browser: the same risk open in two pages, both saved; the
second is refused with who changed what, and the first's change is what stays."""

import re

import pytest

from tests.browser.conftest import serious_violations
from tests.browser.test_risks import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_second_of_two_reviews_opened_together_is_refused(page, chromium, live_server, demo):
    # Given the editor and the governance lead both open the review form of risk R01
    editor_context = chromium.new_context(locale="en-GB")
    editor_context.set_default_timeout(30_000)
    first = editor_context.new_page()
    sign_in(first, live_server, "editor", demo)
    sign_in(page, live_server, "governance_lead", demo)
    form = f"{live_server.url}/risk/R01/review/"
    first.goto(form)
    page.goto(form)
    # When the editor records a review at likelihood 3, consequence 4
    first.get_by_label("Current likelihood").select_option("3")
    first.get_by_label("Note").fill("Activity easing")
    first.get_by_role("button", name="Record the review").click()
    first.wait_for_url(re.compile(r"/risk/R01/$"))
    # and the governance lead, on the page opened before, records likelihood 5
    page.get_by_label("Current likelihood").select_option("5")
    page.get_by_label("Note").fill("Winter pressure")
    page.get_by_role("button", name="Record the review").click()
    # Then the lead's save is refused, saying who changed what
    summary = page.locator(".nhsuk-error-summary")
    summary.wait_for()
    text = summary.inner_text()
    assert "was changed after you opened it" in text and "editor" in text
    assert "current likelihood 4 → 3" in text and "Nothing was saved" in text
    assert "likelihood 3, consequence 4" in page.locator(".nhsuk-inset-text").inner_text()
    assert not serious_violations(page)
    # And the risk keeps the editor's scores, with one review recorded
    page.goto(f"{live_server.url}/risk/R01/")
    assert "12" in page.locator("#current-score").inner_text()
    history = page.locator("#score-history-table tbody").inner_text()
    assert "Activity easing" in history and "Winter pressure" not in history
    editor_context.close()
