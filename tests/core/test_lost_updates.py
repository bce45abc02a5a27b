# ruff: noqa: F811 - the web fixtures are imported by name
"""No lost updates: for each row people edit, a save made from a page (or API read)
that is older than the row's last change is refused, says who changed what, and writes
nothing — neither the row nor an audit event."""

import datetime as dt
import json
import re
from contextlib import contextmanager

import pytest
from django.test import Client

from pathfinder.api.tokens import create_token
from pathfinder.core import versions
from pathfinder.core.models import AuditEvent
from pathfinder.governance import actions as governance
from pathfinder.governance.models import AccountabilityLine, Delegation, Membership
from pathfinder.interests import actions as interests
from pathfinder.interests.models import Interest
from pathfinder.risks import actions as risks
from pathfinder.risks.models import (
    Risk,
    RiskAction,
    RiskAssurance,
    RiskControl,
    RiskGap,
    RiskReview,
)
from pathfinder.support.models import SupportBooking
from tests.web.conftest import demo_users, lead_client, signed_in  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db
TODAY = dt.date(2011, 10, 1)


@contextmanager
def nothing_written(*models):
    """Assert that no row of `models` and no audit event is added or changed inside."""

    def state():
        rows = {m.__name__: sorted(m.objects.values_list()) for m in models}
        return rows, AuditEvent.objects.count()

    before = state()
    yield
    after = state()
    assert after[1] == before[1], "an audit event was written"
    assert after[0] == before[0], "a row was written"


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" value="(\d+)"', html)
    assert found, f"no hidden {name} on the page"
    return found.group(1)


@pytest.fixture
def other(demo_users):
    """A second person editing the same records: the administrator."""
    return demo_users["administrator"]


# Risks: the review form, and the entries on the risk's page


def test_a_stale_review_of_a_risk_is_refused(lead_client, other):
    risk = Risk.objects.get(pk="R01")
    page = lead_client.get("/risk/R01/review/").content.decode()
    read_at = hidden(page, "version")
    assert int(read_at) == versions.version_of(risk)
    # Someone else reviews the risk after the page was opened
    risks.record_review(
        risk, by=other, reviewed_on=TODAY, likelihood=3, consequence=3, note="Lower"
    )
    post = {"reviewed_on": TODAY.isoformat(), "likelihood": "5", "consequence": "5"}
    with nothing_written(Risk, RiskReview):
        response = lead_client.post("/risk/R01/review/", {**post, "version": read_at})
    html = response.content.decode()
    assert response.status_code == 400
    assert "was changed after you opened it" in html and "administrator" in html
    assert "current likelihood 4 → 3" in html and "Nothing was saved" in html
    risk.refresh_from_db()
    assert (risk.current_likelihood, risk.current_consequence) == (3, 3)
    # Saving again from the refreshed form is a choice made knowing the change
    again = lead_client.post("/risk/R01/review/", {**post, "version": hidden(html, "version")})
    assert again.status_code == 302
    risk.refresh_from_db()
    assert (risk.current_likelihood, risk.current_consequence) == (5, 5)


@pytest.mark.parametrize(
    "kind, model, data",
    [
        ("control", RiskControl, {}),
        ("assurance", RiskAssurance, {"level": "second", "positive": "yes"}),
        ("gap", RiskGap, {"kind": "assurance"}),
        ("action", RiskAction, {"due": "2011-12-01"}),
    ],
)
def test_a_stale_end_of_a_risk_entry_is_refused(lead_client, other, kind, model, data):
    risk = Risk.objects.get(pk="R01")
    item = risks.add_item(
        kind, risk, by=other, description=f"A {kind}", added_on="2011-09-01", **data
    )
    page = lead_client.get("/risk/R01/").content.decode()
    read_at = int(
        re.search(
            rf'name="item" value="{item.pk}"><input type="hidden" '
            r'name="version" value="(\d+)"',
            page,
        ).group(1)
    )
    assert read_at == versions.version_of(item)
    # the other editor ends it (or marks it done) on 1 November first
    if kind == "action":
        risks.complete_action(item, by=other, on=dt.date(2011, 11, 1), expected_version=read_at)
    else:
        risks.end_item(item, by=other, on=dt.date(2011, 11, 1), expected_version=read_at)
    post = {"kind": kind, "item": item.pk, "on": "2011-10-15", "version": read_at}
    with nothing_written(model):
        response = lead_client.post("/risk/R01/", post, follow=True)
    html = response.content.decode()
    assert "Not saved" in html and "was changed after you opened it" in html
    assert "2011-11-01" in html and "administrator" in html
    item.refresh_from_db()
    assert (item.done_on if kind == "action" else item.ended_on) == dt.date(2011, 11, 1)


def test_the_api_review_needs_the_risks_etag_and_refuses_a_stale_one(client, demo_users, other):
    token = create_token(user=demo_users["governance_lead"], name="t", by="test")
    auth = {"Authorization": f"Bearer {token}"}
    tag = client.get("/api/risks/R01", {"as_at": "2011-10-01"}, headers=auth)["ETag"]
    risks.record_review(
        Risk.objects.get(pk="R01"), by=other, reviewed_on=TODAY, likelihood=2, consequence=2
    )
    body = json.dumps({"reviewed_on": "2011-10-01", "likelihood": 5, "consequence": 5})
    with nothing_written(Risk, RiskReview):
        stale = client.post(
            "/api/risks/R01/reviews",
            body,
            content_type="application/json",
            headers={**auth, "If-Match": tag},
        )
        missing = client.post(
            "/api/risks/R01/reviews", body, content_type="application/json", headers=auth
        )
    assert stale.status_code == 412
    assert "administrator" in stale.json()["detail"]
    assert missing.status_code == 428
    fresh = client.get("/api/risks/R01", {"as_at": "2011-10-01"}, headers=auth)["ETag"]
    assert fresh != tag
    ok = client.post(
        "/api/risks/R01/reviews",
        body,
        content_type="application/json",
        headers={**auth, "If-Match": fresh},
    )
    assert ok.status_code == 201


# Interests: ended through the action (no page edits an interest yet)


def test_a_stale_end_of_an_interest_is_refused(other, demo_users):
    interest = Interest.objects.get(pk="I01")
    read_at = versions.version_of(interest)
    interests.end_interest(interest, by=other, on=dt.date(2011, 12, 31), expected_version=read_at)
    with nothing_written(Interest), pytest.raises(versions.StaleVersion) as refused:
        interests.end_interest(
            Interest.objects.get(pk="I01"),
            by=demo_users["governance_lead"],
            on=dt.date(2011, 10, 31),
            expected_version=read_at,
        )
    assert "Interest I01 was changed" in str(refused.value)
    assert "interest to empty → 2011-12-31" in str(refused.value)
    assert Interest.objects.get(pk="I01").interest_to == dt.date(2011, 12, 31)


# Governance: the end forms of memberships, lines of accountability and delegations


def _line():
    return AccountabilityLine.objects.filter(subject="org:C-CAM", valid_to__isnull=True).first()


@pytest.mark.parametrize(
    "model, url, noun, row",
    [
        (
            Membership,
            "/bodies/B-PET/members/end/",
            "membership",
            lambda: Membership.objects.get(body_id="B-PET", person_id="P12"),
        ),
        (AccountabilityLine, "/organisations/C-CAM/accountability/end/", "line", _line),
        (
            Delegation,
            "/organisations/5PP/delegation/end/",
            "delegation",
            lambda: Delegation.objects.filter(org_id="5PP", valid_to__isnull=True).first(),
        ),
    ],
)
def test_a_stale_end_of_a_governance_record_is_refused(lead_client, other, model, url, noun, row):
    record = row()
    assert record is not None
    url += "?as_at=2011-10-01"  # so a record ended in December is still offered
    page = lead_client.get(url + f"&{noun}={record.pk}").content.decode()
    read_at = hidden(page, f"version-{record.pk}")
    governance.end_row(record, by=other, on=dt.date(2011, 12, 31), expected_version=int(read_at))
    post = {"record": record.pk, "valid_to": "2011-10-31", f"version-{record.pk}": read_at}
    with nothing_written(model):
        response = lead_client.post(url, post)
    html = response.content.decode()
    assert response.status_code == 200 and "nhsuk-error-summary" in html
    assert "was changed after you opened it" in html and "2011-12-31" in html
    record.refresh_from_db()
    assert record.valid_to == dt.date(2011, 12, 31)


# Support: the register of who attended a session


def test_a_stale_attendance_register_is_refused(demo_users, other):
    taker = signed_in(Client(), demo_users["administrator"])
    bookings = list(SupportBooking.objects.filter(session_id="S5").order_by("pk"))
    page = taker.get("/support/sessions/S5/attendance/").content.decode()
    form = {f"version-{b.pk}": hidden(page, f"version-{b.pk}") for b in bookings}
    form.update({f"attended-{b.pk}": "unknown" for b in bookings})
    first = bookings[0]
    # another register-taker marks the first booking as did-not-attend meanwhile
    from pathfinder.support import actions as support

    support.mark_attendance(
        session_id="S5",
        attended={first.pk: False},
        by="user:provider_clerk",
        expected_versions={first.pk: int(form[f"version-{first.pk}"])},
    )
    with nothing_written(SupportBooking):
        response = taker.post("/support/sessions/S5/attendance/", form)
    html = response.content.decode()
    assert response.status_code == 409
    assert "provider_clerk" in html and "attended empty → no" in html
    first.refresh_from_db()
    assert first.attended is False
