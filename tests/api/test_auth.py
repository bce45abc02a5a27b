"""Authentication: bearer tokens (only their digest stored), the web session, and the
audited ways of creating a token."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from pathfinder.api.tokens import create_token
from pathfinder.core import actions
from pathfinder.core.errors import UserError
from pathfinder.core.models import ApiToken, AuditEvent, hash_token
from tests.api.conftest import AS_AT, Caller, make_user

URL = "/api/organisations/C-CAM"


def test_a_token_authenticates_as_its_user(owner):
    response = owner.get(URL, as_at=AS_AT)
    assert response.status_code == 200
    assert response.json()["code"] == "C-CAM"


@pytest.mark.parametrize("token", ["pf_wrong", "", " "])
def test_a_wrong_token_is_refused(client, owner, token):
    response = client.get(URL, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_a_wrong_token_is_refused_even_with_a_session(client, owner_user):
    client.force_login(owner_user)
    response = client.get(URL, headers={"Authorization": "Bearer pf_wrong"})
    assert response.status_code == 401
    assert "token" in response.json()["detail"]


def test_another_scheme_is_not_a_token(client, owner):
    response = client.get(URL, headers={"Authorization": f"Token {owner.token}"})
    assert response.status_code == 401


def test_an_inactive_users_token_is_refused(client, owner, owner_user):
    actions.update(owner_user, by="test:api", is_active=False)
    assert owner.get(URL).status_code == 401


def test_the_web_session_may_call_the_api(client, owner_user):
    client.force_login(owner_user)
    response = client.get(URL, {"as_at": AS_AT})
    assert response.status_code == 200


def test_the_scope_is_the_tokens_user(client, east):
    hun = make_user("hun", "viewer", "C-HUN")
    caller = Caller(client, create_token(user=hun, name="t", by="test:api"))
    assert caller.get("/api/organisations/C-HUN").status_code == 200
    assert caller.get("/api/organisations/C-CAM").status_code == 404


def test_only_the_digest_is_stored_and_creation_is_audited(east):
    user = make_user("someone", "viewer", "C-HUN")
    raw = create_token(user=user, name="  dashboard ", by="test:api")
    token = ApiToken.objects.get(user=user)
    assert token.name == "dashboard"
    assert token.digest == hash_token(raw) != raw
    event = AuditEvent.objects.get(model="core.ApiToken", object_id=str(token.pk))
    assert event.actor == "test:api" and event.operation == "create"
    assert raw not in str(event.after)


def test_bad_token_requests_are_user_errors(east):
    user = make_user("someone")
    with pytest.raises(UserError, match="name"):
        create_token(user=user, name=" ", by="test:api")
    with pytest.raises(UserError, match="at most"):
        create_token(user=user, name="x" * 101, by="test:api")
    actions.update(user, by="test:api", is_active=False)
    with pytest.raises(UserError, match="not active"):
        create_token(user=user, name="ok", by="test:api")
    assert not ApiToken.objects.exists()


def test_the_command_prints_the_token_once(client, east):
    make_user("lead", "governance_lead", "CL-CAP")
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", "lead", "nightly report", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert raw.startswith("pf_") and "\n" not in raw
    assert raw not in err.getvalue()
    token = ApiToken.objects.get(digest=hash_token(raw))
    assert token.user.username == "lead" and token.name == "nightly report"
    assert AuditEvent.objects.filter(model="core.ApiToken", actor="cli:create_api_token").exists()
    assert Caller(client, raw).get(URL).status_code == 200


def test_the_command_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="no user called 'ghost'"):
        call_command("create_api_token", "ghost", "x", stdout=io.StringIO())
    assert not get_user_model().objects.exists()
