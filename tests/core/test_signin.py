"""Signing in with a password: the lockout after repeated failures and its cool-off, the
session's lifetime, and a new session key at sign-in."""

import datetime as dt
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone

from pathfinder.core.accounts import DEMO_PASSWORD, ensure_demo_accounts


@pytest.fixture
def accounts(east):
    ensure_demo_accounts(by="test:signin")


def sign_in(client, username, password):
    return client.post("/sign-in/", {"username": username, "password": password})


def signed_in_as(client) -> str:
    return client.session.get("_auth_user_id", "")


def test_the_lockout_is_five_failures_and_an_hour(settings):
    # The figures the decision record and the README state.
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == 1


def test_the_failure_after_the_limit_is_refused_even_with_the_right_password(
    client, accounts, settings
):
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(1, limit):
        wrong = sign_in(client, "viewer", f"wrong-{attempt}")
        assert wrong.status_code == 200, f"attempt {attempt} of {limit} is not yet locked"
    locking = sign_in(client, "viewer", "wrong-again")
    assert locking.status_code == 429
    # The next attempt, with the right password, is refused and signs nobody in.
    refused = sign_in(client, "viewer", DEMO_PASSWORD)
    assert refused.status_code == 429
    assert "Too many attempts to sign in" in refused.content.decode()
    assert signed_in_as(client) == ""


def test_fewer_failures_than_the_limit_do_not_lock(client, accounts, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "viewer", f"wrong-{attempt}")
    assert sign_in(client, "viewer", DEMO_PASSWORD).status_code == 302
    assert signed_in_as(client) != ""


def test_the_lock_holds_for_an_hour_after_the_last_attempt(client, accounts, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "viewer", f"wrong-{attempt}")
    start = timezone.now()

    def sign_in_after(delta):
        later = start + delta
        # django-axes' clock moved on; the attempts stay as written.
        with (
            mock.patch("axes.handlers.proxy.now", lambda: later),
            mock.patch("axes.attempts.now", lambda: later),
        ):
            return sign_in(client, "viewer", DEMO_PASSWORD).status_code

    assert sign_in_after(dt.timedelta(minutes=59)) == 429
    # That refused attempt counts as the last: the hour runs again from it.
    assert sign_in_after(dt.timedelta(minutes=59 + 59)) == 429
    assert sign_in_after(dt.timedelta(minutes=59 + 59 + 61)) == 302
    assert signed_in_as(client) != ""


def test_the_lock_is_per_username_and_address(client, accounts, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "viewer", f"wrong-{attempt}")
    # Another account from the same address is not locked out by someone else's guesses.
    assert sign_in(Client(), "editor", DEMO_PASSWORD).status_code == 302
    # The same account from another address is not either.
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert sign_in(elsewhere, "viewer", DEMO_PASSWORD).status_code == 302


def test_signing_in_gives_the_session_a_new_key(client, accounts):
    # An anonymous session exists first (the date control remembers a date).
    client.get("/?as_at=2011-10-01")
    before = client.cookies["sessionid"].value
    assert SessionStore().exists(before)
    assert sign_in(client, "editor", DEMO_PASSWORD).status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert not SessionStore().exists(before), "the pre-sign-in session must be gone"
    assert client.session.get("as_at") == "2011-10-01"  # its contents carried over


def test_the_session_lasts_a_working_day_and_ends_with_the_browser(client, accounts, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    response = sign_in(client, "editor", DEMO_PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["expires"] == "" and cookie["max-age"] == "", "a browser-session cookie"
    store = SessionStore(session_key=cookie.value)
    left = store.get_expiry_date() - timezone.now()
    assert dt.timedelta(hours=7, minutes=59) < left <= dt.timedelta(hours=8)


def test_signing_out_ends_the_session_on_the_server(client, accounts):
    sign_in(client, "editor", DEMO_PASSWORD)
    key = client.cookies["sessionid"].value
    client.post("/sign-out/")
    assert not SessionStore().exists(key)
    assert client.get("/organisations/").status_code == 302
