"""Two-factor sign-in: leads and administrators need it when the deployment asks
(PATHFINDER_REQUIRE_2FA), others may add it; governance is withheld until it is passed."""

import json
import re
import time
from binascii import unhexlify
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pathfinder.core import accounts_actions, two_factor
from pathfinder.core.accounts import DEMO_PASSWORD, ensure_demo_accounts
from pathfinder.core.models import AuditEvent
from pathfinder.core.roles import Permission
from pathfinder.core.scope import Scope

GOVERN_PAGE = "/organisations/C-CAM/accountability/add/"  # needs Permission.GOVERN


@pytest.fixture
def users(east):
    ensure_demo_accounts(by="test:2fa")
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def required(settings):
    settings.PATHFINDER_REQUIRE_2FA = True
    return settings


def sign_in(client, username, next_url=""):
    data = {"username": username, "password": DEMO_PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/sign-in/", data)


def code_for(key_hex: str, offset: int = 0) -> str:
    totp = TOTP(unhexlify(key_hex), step=30, digits=6)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def text(response) -> str:
    return response.content.decode()


def test_a_lead_without_an_authenticator_sets_one_up_before_governing(client, users, required):
    response = sign_in(client, "governance_lead", GOVERN_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/set-up/?next=")
    # Every page sends the lead back to the set-up until it is done.
    held = client.get(GOVERN_PAGE)
    assert held.status_code == 302 and held["Location"].startswith("/sign-in/set-up/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = text(page)
    assert 'src="data:image/svg+xml' in body, "the QR code is an SVG image"
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', body).group(1)
    key_hex = client.session[two_factor.NEW_KEY]
    assert two_factor.secret_text(key_hex) == secret
    wrong = client.post("/sign-in/set-up/", {"code": "000000", "next": GOVERN_PAGE})
    assert wrong.status_code == 200 and "The code does not match" in text(wrong)
    assert not TOTPDevice.objects.filter(user=users["governance_lead"]).exists()
    done = client.post("/sign-in/set-up/", {"code": code_for(key_hex), "next": GOVERN_PAGE})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", text(done))
    assert len(codes) == two_factor.RECOVERY_CODES
    assert StaticToken.objects.filter(device__user=users["governance_lead"]).count() == 10
    assert client.get(GOVERN_PAGE).status_code == 200
    # The audit names the devices, never the secret or the codes.
    trail = json.dumps(list(AuditEvent.objects.values("before", "after", "object_id")))
    assert key_hex not in trail and secret not in trail
    assert not any(c in trail for c in codes)
    assert AuditEvent.objects.filter(model="otp_totp.TOTPDevice", operation="create").exists()


def test_a_lead_with_an_authenticator_gives_the_code(client, users, required):
    lead = users["governance_lead"]
    device, _ = accounts_actions.add_authenticator(user=lead, key_hex=two_factor.new_key(), by=lead)
    response = sign_in(client, "governance_lead", GOVERN_PAGE)
    assert response["Location"].startswith("/sign-in/code/?next=")
    assert client.get(GOVERN_PAGE)["Location"].startswith("/sign-in/code/")
    passed = client.post("/sign-in/code/", {"code": code_for(device.key), "next": GOVERN_PAGE})
    assert passed.status_code == 302 and passed["Location"] == GOVERN_PAGE
    assert client.get(GOVERN_PAGE).status_code == 200
    assert AuditEvent.objects.filter(actor="user:governance_lead", operation="second_factor")


def test_a_wrong_code_is_refused_recorded_and_throttled(client, users, required):
    lead = users["governance_lead"]
    device, _ = accounts_actions.add_authenticator(user=lead, key_hex=two_factor.new_key(), by=lead)
    sign_in(client, "governance_lead")
    wrong = client.post("/sign-in/code/", {"code": "123456"})
    assert wrong.status_code == 200 and "The code is wrong" in text(wrong)
    assert client.get(GOVERN_PAGE).status_code == 302
    assert AuditEvent.objects.filter(
        actor="user:governance_lead", operation="second_factor_failed"
    ).exists()
    # Straight after a wrong guess even the right code waits: guessing is slowed down.
    too_soon = client.post("/sign-in/code/", {"code": code_for(device.key)})
    assert too_soon.status_code == 200 and client.get(GOVERN_PAGE).status_code == 302
    time.sleep(1.1)  # one failure: one second (each further failure doubles the wait)
    later = client.post("/sign-in/code/", {"code": code_for(device.key)})
    assert later.status_code == 302 and client.get(GOVERN_PAGE).status_code == 200


def test_a_recovery_code_works_once(users, required):
    lead = users["governance_lead"]
    _, codes = accounts_actions.add_authenticator(user=lead, key_hex=two_factor.new_key(), by=lead)
    first = Client()
    sign_in(first, "governance_lead")
    assert first.post("/sign-in/code/", {"code": codes[0]}).status_code == 302
    assert first.get(GOVERN_PAGE).status_code == 200
    again = Client()
    sign_in(again, "governance_lead")
    assert again.post("/sign-in/code/", {"code": codes[0]}).status_code == 200
    assert again.get(GOVERN_PAGE).status_code == 302


def test_an_unverified_lead_reads_and_edits_but_does_not_govern(users, required):
    lead = users["governance_lead"]
    waiting = SimpleNamespace(**{a: getattr(lead, a) for a in ("is_authenticated", "is_active")})
    waiting.roles, waiting.is_verified = lead.roles, lambda: False
    scope = Scope(waiting)
    assert scope.awaits_second_factor
    assert scope.can(Permission.VIEW, "C-CAM") and scope.can(Permission.EDIT, "C-CAM")
    assert not scope.any(Permission.GOVERN) and not scope.any(Permission.ADMINISTER)
    waiting.is_verified = lambda: True
    assert Scope(waiting).can(Permission.GOVERN, "C-CAM")
    # An API token is its own credential: the token's user has no session to verify.
    assert Scope(lead).can(Permission.GOVERN, "C-CAM")


def test_an_editor_needs_no_second_factor_but_may_add_one(client, users, required):
    response = sign_in(client, "editor")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/organisations/").status_code == 200
    assert client.get("/sign-in/set-up/").status_code == 200  # offered, not forced
    editor = users["editor"]
    device, _ = accounts_actions.add_authenticator(
        user=editor, key_hex=two_factor.new_key(), by=editor
    )
    later = Client()
    assert sign_in(later, "editor")["Location"].startswith("/sign-in/code/")
    assert later.get("/organisations/").status_code == 302


def test_without_the_setting_the_demo_lead_signs_in_with_the_password(client, users, settings):
    assert settings.PATHFINDER_REQUIRE_2FA is False  # the demo and the tests
    response = sign_in(client, "governance_lead", GOVERN_PAGE)
    assert response.status_code == 302 and response["Location"] == GOVERN_PAGE
    assert client.get(GOVERN_PAGE).status_code == 200


def test_an_authenticator_cannot_be_replaced_without_the_code(client, users):
    editor = users["editor"]
    accounts_actions.add_authenticator(user=editor, key_hex=two_factor.new_key(), by=editor)
    sign_in(client, "editor")
    response = client.get("/sign-in/set-up/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/code/")
    forged = client.post("/sign-in/set-up/", {"code": "000000"})
    assert forged.status_code == 302
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_the_next_address_never_leaves_the_site(client, users):
    editor = users["editor"]
    device, _ = accounts_actions.add_authenticator(
        user=editor, key_hex=two_factor.new_key(), by=editor
    )
    sign_in(client, "editor")
    out = client.post(
        "/sign-in/code/", {"code": code_for(device.key), "next": "https://evil.example/"}
    )
    assert out.status_code == 302 and out["Location"] == "/"
