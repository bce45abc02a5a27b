"""The audit trail records failed sign-ins, lockouts and refusals (403s), never a password."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pathfinder.api.tokens import create_token
from pathfinder.core.accounts import DEMO_PASSWORD, ensure_demo_accounts
from pathfinder.core.models import AuditEvent

GOVERN_PAGE = "/organisations/C-CAM/accountability/add/"


@pytest.fixture
def users(east):
    ensure_demo_accounts(by="test:audit")
    return {u.username: u for u in get_user_model().objects.all()}


def trail() -> str:
    return json.dumps(list(AuditEvent.objects.values()), default=str)


def test_a_failed_sign_in_is_recorded_without_the_password(client, users):
    client.post("/sign-in/", {"username": "editor", "password": "Secret-Guess-42"})
    event = AuditEvent.objects.get(operation="sign_in_failed")
    assert event.actor == "anonymous" and event.model == "auth.User"
    assert event.object_id == str(users["editor"].pk)
    assert event.after == {
        "username": "editor",
        "reason": "wrong password",
        "address": "127.0.0.1",
        "path": "/sign-in/",
    }
    assert "Secret-Guess-42" not in trail()


def test_a_sign_in_for_no_such_account_is_recorded_too(client, users):
    client.post("/sign-in/", {"username": "nobody-here", "password": "x"})
    event = AuditEvent.objects.get(operation="sign_in_failed")
    assert event.object_id == "" and event.after["username"] == "nobody-here"


def test_a_lockout_is_recorded(client, users, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": "viewer", "password": f"wrong-{attempt}"})
    client.post("/sign-in/", {"username": "viewer", "password": DEMO_PASSWORD})
    assert AuditEvent.objects.filter(operation="locked_out", after__username="viewer").exists()
    # The attempt while locked is a failure too, however right its password.
    reasons = list(
        AuditEvent.objects.filter(operation="sign_in_failed").values_list("after", flat=True)
    )
    assert len(reasons) == settings.AXES_FAILURE_LIMIT + 1
    assert DEMO_PASSWORD not in trail()


def test_a_successful_sign_in_is_recorded(client, users):
    client.post("/sign-in/", {"username": "editor", "password": DEMO_PASSWORD})
    event = AuditEvent.objects.get(operation="sign_in")
    assert event.actor == "user:editor" and event.after["how"] == "password"


def test_a_page_refusal_records_who_where_and_which_permission(client, users):
    client.force_login(users["editor"])  # an editor of C-CAM: may edit, may not govern
    assert client.get(GOVERN_PAGE).status_code == 403
    event = AuditEvent.objects.get(operation="refused")
    assert event.actor == "user:editor" and event.object_id == GOVERN_PAGE
    assert event.after["permission"] == "govern" and event.after["org"] == "C-CAM"
    assert event.after["method"] == "GET" and event.after["status"] == 403
    assert "governance lead role" in event.after["reason"]


def test_an_api_refusal_is_recorded(client, users):
    raw = create_token(user=users["viewer"], name="audit test", by="test:audit")
    response = client.post(
        "/api/risks/R07/reviews",
        {"reviewed_on": "2011-09-01", "likelihood": 1, "consequence": 1},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 403
    event = AuditEvent.objects.get(operation="refused")
    assert event.actor == "user:viewer" and event.object_id == "/api/risks/R07/reviews"
    assert event.after["method"] == "POST" and event.after["permission"] == "edit"
    assert raw not in trail()


def test_a_failed_csrf_check_is_recorded(users):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["editor"])
    assert strict.post("/sign-out/").status_code == 403
    event = AuditEvent.objects.get(operation="refused")
    assert event.actor == "user:editor" and event.after["path"] == "/sign-out/"


def test_a_page_that_is_allowed_records_no_refusal(client, users):
    client.force_login(users["governance_lead"])
    assert client.get(GOVERN_PAGE).status_code == 200
    assert not AuditEvent.objects.filter(operation="refused").exists()
