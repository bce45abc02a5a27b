# ruff: noqa: F811 - the web fixtures are imported by name
"""The governance forms: adding and ending memberships, lines and delegations through
the web app, audited, with messages on the fields, and only for governance leads."""

import datetime as dt
import re

import pytest
from django.test import Client

from pathfinder.core.models import AuditEvent
from pathfinder.governance import accountability
from pathfinder.governance.models import AccountabilityLine, Delegation, Membership
from tests.web.conftest import demo_users, lead_client, signed_in  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def findings_about(subject: str, d: str) -> set[str]:
    answer = accountability.report(dt.date.fromisoformat(d))
    return {f["finding"] for f in answer["findings"] if f["subject"] == subject}


def test_ending_a_membership_clears_its_finding_later_and_keeps_it_earlier(lead_client):
    # Given P12 chairs the Peterborough consortium board and sits on the PCT board
    assert {"multi_board", "dual_role"} <= findings_about("person:P12", "2011-10-01")
    seat = Membership.objects.get(body_id="B-PET", person_id="P12")
    # When the governance lead ends the consortium seat on 31 October 2011
    form = lead_client.get(f"/bodies/B-PET/members/end/?membership={seat.pk}")
    assert f'value="{seat.pk}" checked' in form.content.decode()
    response = lead_client.post(
        "/bodies/B-PET/members/end/", {"record": seat.pk, "valid_to": "2011-10-31"}
    )
    assert response.status_code == 302 and response["Location"] == "/bodies/B-PET/"
    # Then the findings go as at a later date and stay as at an earlier one
    assert "multi_board" not in findings_about("person:P12", "2011-11-15")
    assert "multi_board" in findings_about("person:P12", "2011-10-01")
    # (their transition group seat still puts them on both sides of a line)
    assert "dual_role" in findings_about("person:P12", "2011-11-15")
    # And the row is kept, ended, with an audit record naming the lead
    seat.refresh_from_db()
    assert seat.valid_to == dt.date(2011, 10, 31)
    event = AuditEvent.objects.filter(model="governance.Membership", object_id=str(seat.pk)).get()
    assert event.actor == "user:governance_lead" and event.after["valid_to"] == "2011-10-31"
    page = lead_client.get(
        "/accountability/findings/", {"as_at": "2011-11-15", "finding": "multi_board"}
    )
    assert "(person:P12)" not in page.content.decode()
    page = lead_client.get(
        "/accountability/findings/", {"as_at": "2011-10-01", "finding": "multi_board"}
    )
    assert "(person:P12)" in page.content.decode()


def test_ending_before_the_start_is_refused_beside_the_date(lead_client):
    seat = Membership.objects.get(body_id="B-PET", person_id="P12")
    response = lead_client.post(
        "/bodies/B-PET/members/end/", {"record": seat.pk, "valid_to": "2010-01-01"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cannot end before it started (2011-04-01)" in html
    assert 'href="#field-valid_to"' in html and "nhsuk-error-summary" in html
    seat.refresh_from_db()
    assert seat.valid_to is None


def test_adding_a_member_checks_each_field(lead_client):
    response = lead_client.post(
        "/bodies/B-CAM/members/add/",
        {
            "person_id": "NOBODY",
            "capacity": "boss",
            "voting": "",
            "valid_from-day": "1",
            "valid_from-month": "",
            "valid_from-year": "2011",
        },
    )
    html = response.content.decode()
    assert "Select a valid choice" in html or "capacity" in html
    assert "Say whether they may vote" in html
    assert "Start date must include a month" in html
    response = lead_client.post(
        "/bodies/B-CAM/members/add/",
        {"person_id": "NOBODY", "capacity": "ned", "voting": "yes", "valid_from": "2011-10-01"},
    )
    assert "There is no person with the ID NOBODY" in response.content.decode()
    response = lead_client.post(
        "/bodies/B-CAM/members/add/",
        {"person_id": "P15", "capacity": "ned", "voting": "yes", "valid_from": "2011-10-01"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(body_id="B-CAM", person_id="P15").exists()


def test_a_line_added_and_ended_changes_the_chain(lead_client):
    assert findings_about("function:F-PRESC", "2011-10-01") == {"no_accountability"}
    response = lead_client.post(
        "/organisations/CL-CAP/accountability/add/",
        {
            "subject": "function:F-PRESC",
            "holder": "body:B-CLX",
            "kind": "delegated",
            "valid_from": "2011-10-01",
        },
    )
    assert response.status_code == 302
    assert findings_about("function:F-PRESC", "2011-10-01") == set()
    line = AccountabilityLine.objects.get(subject="function:F-PRESC")
    # the end form carries the version the line was read at (0144), as a browser would
    form = lead_client.get("/organisations/CL-CAP/accountability/end/").content.decode()
    version = re.search(rf'name="version-{line.pk}" value="(\d+)"', form).group(1)
    lead_client.post(
        "/organisations/CL-CAP/accountability/end/",
        {"record": line.pk, "valid_to": "2011-12-31", f"version-{line.pk}": version},
    )
    assert findings_about("function:F-PRESC", "2012-01-15") == {"no_accountability"}
    bad = lead_client.post(
        "/organisations/CL-CAP/accountability/add/",
        {"subject": "org:5PP", "holder": "board", "kind": "accountable", "valid_from": "x"},
    )
    html = bad.content.decode()
    assert "Choose one of this organisation" in html
    assert "Start date must be a real date" in html
    bad = lead_client.post(
        "/organisations/CL-CAP/accountability/add/",
        {
            "subject": "body:B-PMO",
            "holder": "board",
            "kind": "accountable",
            "valid_from": "2011-10-01",
        },
    )
    assert "Enter a reference like org:CODE" in bad.content.decode()


def test_a_delegation_added_answers_who_may_decide(lead_client):
    response = lead_client.post(
        "/organisations/C-HUN/delegation/add/",
        {
            "decision_type": "business_case",
            "delegate": "body:B-HUN",
            "limit": "50000",
            "valid_from": "2011-10-01",
        },
    )
    assert response.status_code == 302
    assert Delegation.objects.filter(org_id="C-HUN", decision_type="business_case").exists()
    page = lead_client.get(
        "/organisations/C-HUN/delegation/",
        {"as_at": "2011-10-01", "decision_type": "business_case", "amount": "40000"},
    )
    assert "May be decided by: <strong>body:B-HUN</strong>" in page.content.decode()
    bad = lead_client.post(
        "/organisations/C-HUN/delegation/add/",
        {"decision_type": "x", "delegate": "nobody", "limit": "-1", "valid_from": "2011-10-01"},
    )
    html = bad.content.decode()
    assert "The limit must be £0 or more" in html


def test_viewers_and_editors_cannot_change_governance(demo_users):
    for name in ("viewer", "editor"):
        client = signed_in(Client(), demo_users[name])
        code = "C-HUN" if name == "viewer" else "C-CAM"
        body = "B-HUN" if name == "viewer" else "B-CAM"
        assert client.get(f"/bodies/{body}/").status_code == 200
        for url in (
            f"/bodies/{body}/members/add/",
            f"/bodies/{body}/members/end/",
            f"/organisations/{code}/accountability/add/",
            f"/organisations/{code}/delegation/end/",
        ):
            assert client.get(url).status_code == 403, (name, url)
            assert client.post(url, {}).status_code == 403, (name, url)
    assert not AuditEvent.objects.filter(model="governance.Membership").exists()
