"""Dates on the pages read "3 November 2011" (core/jinja.py `long_date`): no page shows an
ISO date in its visible text. Links, inputs, attributes, scripts and downloads may carry
ISO dates; what a person reads may not."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.web.conftest import signed_in
from tests.web.pages import SIGNED_IN_STATUS, all_pages

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
HIDDEN = {"script", "style", "textarea", "title"}
# Pack 1 of B-CAM: the pages that name one, and the pack as at its meeting.
PACK_AS_AT = "2011-10-15"


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def iso_dates_shown(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    return [text[max(0, m.start() - 60) : m.end() + 20] for m in ISO_DATE.finditer(text)]


def test_the_check_finds_an_iso_date_in_text_and_not_in_markup():
    assert iso_dates_shown("<p>Opened on 2011-11-03.</p>")
    assert not iso_dates_shown(
        '<p data-x="2011-11-03">Opened on 3 November 2011</p>'
        '<a href="?as_at=2011-11-03">see</a><input value="2011-11-03">'
        "<script>let d = '2011-11-03'</script>"
    )


@pytest.mark.django_db
def test_no_page_of_the_example_shows_an_iso_date(east, demo_users):
    from pathfinder.core.worker import run_pending
    from pathfinder.governance.models import Meeting
    from pathfinder.reports.actions import request_build

    meeting = Meeting.objects.select_related("body").get(pk="M-CAM-11")
    request_build(by="test:dates", body=meeting.body, as_at=meeting.date, meeting=meeting)
    run_pending()
    client = signed_in(Client(), demo_users["administrator"])
    shown: dict[str, list[str]] = {}
    read = 0
    for page in all_pages():
        as_at = PACK_AS_AT if "number" in page.kwargs else "2011-11-15"
        client.get(f"/?as_at={as_at}")
        response = client.get(page.url)
        if response.status_code != SIGNED_IN_STATUS.get(page.name, 200):
            shown[page.name] = [f"status {response.status_code}"]
            continue
        if response.streaming or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        if found := iso_dates_shown(response.content.decode()):
            shown[page.url] = [f"{len(found)} like: {found[0]}"]
    assert read > 50, f"only {read} pages were read"
    assert not shown, f"pages showing ISO dates (write them with long_date): {shown}"
