"""Signing in with the organisation's OpenID Connect provider, against a real provider
on loopback (tests/core/oidc_provider.py): every call between Pathfinder and the provider
goes over HTTP; the browser's part is played by the test client and `requests`."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model

from pathfinder.core import actions
from pathfinder.core.accounts import ensure_demo_accounts
from pathfinder.core.models import AuditEvent, RoleAssignment
from tests.core.oidc_provider import CLIENT_ID, Provider, serve

GOVERN_PAGE = "/organisations/C-CAM/accountability/add/"
LEAD_EMAIL = "lead@cambridgeshire.nhs.example"


@pytest.fixture
def provider():
    p = Provider()
    server = serve(p)
    yield p
    server.shutdown()
    server.server_close()


@pytest.fixture
def oidc(settings, provider, east):
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, settings.OIDC_BACKEND]
    ensure_demo_accounts(by="test:oidc")
    lead = get_user_model().objects.get(username="governance_lead")
    actions.update(lead, by="test:oidc", email=LEAD_EMAIL)
    return provider


def sign_in_with_provider(client, provider, email, next_url=GOVERN_PAGE):
    provider.claims = {"email": email, "sub": f"sub-{email}", "email_verified": True}
    start = client.get("/sign-in/organisation/", {"next": next_url})
    assert start.status_code == 302
    to_provider = urlsplit(start["Location"])
    assert f"{to_provider.scheme}://{to_provider.netloc}" == provider.issuer
    asked = parse_qs(to_provider.query)
    assert asked["client_id"] == [CLIENT_ID] and asked["code_challenge_method"] == ["S256"]
    assert asked["nonce"] and asked["state"]
    back = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302
    callback = urlsplit(back.headers["Location"])
    assert callback.path == "/sign-in/organisation/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def test_it_is_off_unless_configured(client, east, settings):
    assert settings.PATHFINDER_OIDC is False
    assert client.get("/sign-in/organisation/").status_code == 404
    assert client.get("/sign-in/organisation/callback/").status_code == 404
    assert "Sign in with" not in client.get("/sign-in/").content.decode()


def test_the_sign_in_page_offers_the_organisation_button(client, oidc):
    page = client.get("/sign-in/?next=/risks/").content.decode()
    assert "Sign in with NHS Test Identity" in page
    assert 'href="/sign-in/organisation/?next=%2Frisks%2F"' in page


def test_a_known_email_signs_in_with_pathfinder_roles(client, oidc):
    response = sign_in_with_provider(client, oidc, LEAD_EMAIL.upper())
    assert response.status_code == 302 and response["Location"] == GOVERN_PAGE
    lead = get_user_model().objects.get(username="governance_lead")
    assert client.session["_auth_user_id"] == str(lead.pk)
    assert oidc.calls == ["/authorize", "/token", "/jwks", "/userinfo"]
    # The role is Pathfinder's own: the governance lead of the cluster may govern C-CAM.
    assert client.get(GOVERN_PAGE).status_code == 200
    event = AuditEvent.objects.filter(operation="sign_in", actor="user:governance_lead").last()
    assert event.after["how"] == "organisation"


def test_an_unknown_email_makes_no_account(client, oidc):
    users = get_user_model().objects.count()
    response = sign_in_with_provider(client, oidc, "stranger@elsewhere.example")
    assert response.status_code == 302 and response["Location"] == "/sign-in/?organisation=failed"
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users
    page = client.get(response["Location"]).content.decode()
    assert "did not work" in page and "There is a problem" in page
    assert AuditEvent.objects.filter(operation="sign_in_failed").exists()


def test_with_the_setting_a_first_sign_in_makes_an_account_without_roles(client, oidc, settings):
    settings.OIDC_CREATE_USER = True
    response = sign_in_with_provider(client, oidc, "new.starter@cambridgeshire.nhs.example")
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.starter@cambridgeshire.nhs.example")
    assert not user.has_usable_password()
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert client.get(GOVERN_PAGE).status_code == 404  # no role, so nothing in scope
    assert AuditEvent.objects.filter(
        actor="oidc:first-sign-in", model="auth.User", object_id=str(user.pk)
    ).exists()


@pytest.mark.parametrize("tamper", ["issuer", "audience"])
def test_an_id_token_for_another_issuer_or_client_is_refused(client, oidc, tamper):
    if tamper == "issuer":
        oidc.sign_as_issuer = "https://login.evil.example"
    else:
        oidc.audience = "another-client"
    response = sign_in_with_provider(client, oidc, LEAD_EMAIL)
    assert response.status_code == 302 and response["Location"] == "/sign-in/?organisation=failed"
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.filter(operation="sign_in_failed").last()
    assert "another" in failed.after["reason"]


def test_a_replayed_callback_is_refused(client, oidc):
    oidc.claims = {"email": LEAD_EMAIL}
    start = client.get("/sign-in/organisation/")
    back = requests.get(start["Location"], allow_redirects=False, timeout=10)
    callback = urlsplit(back.headers["Location"])
    first = client.get(f"{callback.path}?{callback.query}")
    assert first.status_code == 302 and first["Location"] != "/sign-in/?organisation=failed"
    client.post("/sign-out/")
    again = client.get(f"{callback.path}?{callback.query}")
    assert again["Location"] == "/sign-in/?organisation=failed"
    assert "_auth_user_id" not in client.session


def test_a_lead_signed_in_by_the_provider_still_gives_a_second_factor(client, oidc, settings):
    settings.PATHFINDER_REQUIRE_2FA = True
    response = sign_in_with_provider(client, oidc, LEAD_EMAIL)
    assert response.status_code == 302
    held = client.get(GOVERN_PAGE)
    assert held.status_code == 302 and held["Location"].startswith("/sign-in/set-up/")
