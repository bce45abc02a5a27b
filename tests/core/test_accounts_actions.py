"""Accounts are written through audited actions; an administrator acts only within
their own scope, and a refusal writes nothing (docs/decisions/0143)."""

import json

import pytest
from django.contrib.auth import get_user_model

from pathfinder.core import accounts_actions as accounts
from pathfinder.core.accounts import ensure_demo_accounts
from pathfinder.core.errors import NotFound, UserError
from pathfinder.core.models import AuditEvent, RoleAssignment
from pathfinder.core.roles import Permission
from pathfinder.core.scope import Scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(east):
    """The demo administrator: administers CL-CAP (and what is below it) and HUB-CAP."""
    ensure_demo_accounts(by="test:accounts")
    return get_user_model().objects.get(username="administrator")


@pytest.fixture
def outsider(administrator):
    """A viewer of Peterborough City Council: outside the administrator's scope."""
    return accounts.add_user(
        by="cli:user", username="outsider", email="o@pcc.gov.uk", role="viewer", org_code="LA-PET"
    )


def counts():
    return (
        get_user_model().objects.count(),
        RoleAssignment.objects.count(),
        AuditEvent.objects.count(),
    )


def test_adding_a_user_audits_the_account_and_its_role_without_the_hash(administrator):
    user = accounts.add_user(
        by=administrator, username="nina", email="nina@nhs.net", role="editor", org_code="C-CAM"
    )
    assert not user.has_usable_password()
    assert Scope(user).org_codes(Permission.EDIT) >= {"C-CAM"}
    events = AuditEvent.objects.filter(actor="user:administrator").order_by("id")
    made = {e.model: e for e in events}
    assert made["auth.User"].operation == "create"
    assert made["auth.User"].after["username"] == "nina"
    assert made["auth.User"].after["password_set"] is False
    assert made["core.RoleAssignment"].after["role"] == "editor"
    assert made["core.RoleAssignment"].after["org_code"] == "C-CAM"


def test_no_audit_event_ever_holds_a_password_hash(administrator):
    user = accounts.add_user(
        by="cli:user",
        username="omar",
        email="omar@nhs.net",
        role="viewer",
        org_code="C-HUN",
        password="a long and unusual phrase 42",
    )
    accounts.set_password(by=user, user=user, password="another unusual phrase 43")
    user.refresh_from_db()
    every = json.dumps(list(AuditEvent.objects.values("before", "after")))
    assert "argon2" not in every
    assert user.password.split("$")[0] not in every
    assert '"password"' not in every
    changed = AuditEvent.objects.filter(operation="set_password").get()
    assert changed.actor == "user:omar"
    assert changed.after["password_set"] is True


def test_granting_outside_ones_scope_is_refused_and_writes_nothing(administrator, outsider):
    before = counts()
    with pytest.raises(accounts.NotAllowed, match="LA-PET is not one of them"):
        accounts.add_user(
            by=administrator, username="zed", email="zed@nhs.net", role="viewer", org_code="LA-PET"
        )
    with pytest.raises(accounts.NotAllowed):
        accounts.grant_role(by=administrator, user=outsider, role="editor", org_code="LA-PET")
    with pytest.raises(accounts.NotAllowed):
        accounts.end_role(by=administrator, user=outsider, org_code="LA-PET")
    # The outsider also holds a role where the administrator has none: not theirs to end.
    with pytest.raises(accounts.NotAllowed, match="outside the organisations you administer"):
        accounts.deactivate(by=administrator, user=outsider)
    assert counts() == before
    outsider.refresh_from_db()
    assert outsider.is_active


def test_an_editor_cannot_grant_even_on_their_own_organisation(administrator):
    editor = get_user_model().objects.get(username="editor")  # editor of C-CAM
    viewer = get_user_model().objects.get(username="viewer")
    before = counts()
    with pytest.raises(accounts.NotAllowed):
        accounts.grant_role(by=editor, user=viewer, role="editor", org_code="C-CAM")
    assert counts() == before


def test_no_one_changes_their_own_roles_or_deactivates_themselves(administrator):
    before = counts()
    with pytest.raises(accounts.NotAllowed, match="your own account"):
        accounts.grant_role(
            by=administrator, user=administrator, role="administrator", org_code="C-CAM"
        )
    with pytest.raises(accounts.NotAllowed, match="your own account"):
        accounts.deactivate(by=administrator, user=administrator)
    assert counts() == before


def test_giving_a_role_where_one_is_held_replaces_it_and_ending_keeps_the_row_in_audit(
    administrator,
):
    editor = get_user_model().objects.get(username="editor")
    assert (
        accounts.grant_role(by=administrator, user=editor, role="viewer", org_code="C-CAM")
        == "editor"
    )
    held = RoleAssignment.objects.get(user=editor, org_code="C-CAM")
    changed = AuditEvent.objects.filter(model="core.RoleAssignment", operation="update").latest(
        "id"
    )
    assert (changed.before["role"], changed.after["role"]) == ("editor", "viewer")
    assert accounts.end_role(by=administrator, user=editor, org_code="C-CAM") == "viewer"
    assert not RoleAssignment.objects.filter(user=editor).exists()
    ended = AuditEvent.objects.filter(operation="delete").get()
    assert ended.object_id == str(held.pk)
    assert ended.before["role"] == "viewer" and ended.after is None
    assert not Scope(get_user_model().objects.get(pk=editor.pk)).any(Permission.VIEW)


def test_bad_input_is_refused_with_a_message_and_writes_nothing(administrator):
    before = counts()
    with pytest.raises(UserError, match="No such role"):
        accounts.add_user(
            by="cli:user", username="x1", email="x1@nhs.net", role="chief", org_code="C-CAM"
        )
    with pytest.raises(NotFound, match="no organisation"):
        accounts.add_user(
            by="cli:user", username="x1", email="x1@nhs.net", role="viewer", org_code="NOPE"
        )
    with pytest.raises(UserError, match="already taken"):
        accounts.add_user(
            by="cli:user", username="Editor", email="x2@nhs.net", role="viewer", org_code="C-CAM"
        )
    with pytest.raises(UserError, match="reserved"):
        accounts.add_user(
            by="cli:user", username="Invite", email="x5@nhs.net", role="viewer", org_code="C-CAM"
        )
    with pytest.raises(UserError, match="too short|too common"):
        accounts.add_user(
            by="cli:user",
            username="x3",
            email="x3@nhs.net",
            role="viewer",
            org_code="C-CAM",
            password="password",
        )
    with pytest.raises(UserError, match="email address"):
        accounts.add_user(
            by="cli:user", username="x4", email="not-an-email", role="viewer", org_code="C-CAM"
        )
    assert counts() == before


def test_deactivating_stops_sign_in_and_outstanding_links(administrator):
    from django.contrib.auth.tokens import default_token_generator
    from django.test import Client

    def signs_in() -> bool:
        answer = Client().post(
            "/sign-in/", {"username": "pat", "password": "a long and unusual phrase 42"}
        )
        return answer.status_code == 302

    user = accounts.add_user(
        by=administrator, username="pat", email="pat@nhs.net", role="viewer", org_code="C-CAM"
    )
    token = default_token_generator.make_token(user)
    accounts.set_password(by=user, user=user, password="a long and unusual phrase 42")
    assert signs_in()
    accounts.deactivate(by=administrator, user=user)
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert not signs_in()
    assert not default_token_generator.check_token(user, token)
    assert not Scope(user).any(Permission.VIEW)
    assert RoleAssignment.objects.filter(user=user).exists()  # kept on record
    with pytest.raises(UserError, match="deactivated"):
        accounts.grant_role(by=administrator, user=user, role="editor", org_code="C-CAM")
