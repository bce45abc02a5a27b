"""The account pages: administrators only, within their own scope; invitations by email
with a one-time link; the user list's filters, download and query budget."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from pathfinder.core import accounts_actions as accounts
from pathfinder.core.models import AuditEvent, RoleAssignment
from tests.web.conftest import signed_in
from tests.web.pages import ADMINISTRATORS_ONLY, all_pages
from tests.web.test_pages import csv_of, text

PASSWORD = "a long and unusual phrase 42"  # noqa: S105 - a test account's
ADMIN_PAGES = [p for p in all_pages() if p.name in ADMINISTRATORS_ONLY]


def counts():
    return (
        get_user_model().objects.count(),
        RoleAssignment.objects.count(),
        # a refusal is itself recorded (docs/security.md, V16); nothing else may be
        AuditEvent.objects.exclude(operation="refused").count(),
        len(mail.outbox),
    )


def link_in(message) -> str:
    return re.search(r"https?://\S+/set-password/\S+/", message.body).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["editor", "governance_lead", "viewer"])
def test_only_administrators_reach_the_account_pages(demo_users, username):
    client = signed_in(Client(), demo_users[username])
    for page in ADMIN_PAGES:
        for answer in (client.get(page.url), client.post(page.url, {"role": "administrator"})):
            assert answer.status_code == 403, page.url
            assert "needs the administrator role" in text(answer)
    assert RoleAssignment.objects.filter(role="administrator").count() == 2


@pytest.mark.django_db
def test_the_list_shows_who_holds_which_role_where_in_scope_only(admin_client, outsider_user):
    page = text(admin_client.get("/users/"))
    for name in ("editor", "governance_lead", "viewer", "member"):
        assert f"/users/{name}/" in page
    assert "outsider" not in page  # a viewer of LA-PET, outside the administrator's scope
    assert admin_client.get("/users/outsider/").status_code == 404
    editors = text(admin_client.get("/users/?role=editor"))
    assert "/users/editor/" in editors and "/users/viewer/" not in editors
    hunts = text(admin_client.get("/users/?org=C-HUN"))
    assert "/users/viewer/" in hunts and "/users/editor/" not in hunts
    outside = text(admin_client.get("/users/?org=LA-PET"))
    assert "outsider" not in outside


@pytest.mark.django_db
def test_the_download_is_safe_to_open_in_a_spreadsheet(admin_client):
    accounts.add_user(
        by="test:web",
        username="mallory",
        email="=1+2@nhs.net",
        role="viewer",
        org_code="C-CAM",
        last_name='=HYPERLINK("http://x","y")',
    )
    rows = {r["username"]: r for r in csv_of(admin_client.get("/users/?format=csv"))}
    assert rows["mallory"]["last_name"] == '\'=HYPERLINK("http://x","y")'
    assert rows["mallory"]["email"] == "'=1+2@nhs.net"
    assert rows["mallory"]["status"] == "Invited: no password yet"
    assert rows["editor"]["organisation"] == "Cambridge Health Consortium"
    assert rows["editor"]["role"] == "editor"


@pytest.mark.django_db
def test_the_list_costs_the_same_for_few_users_and_many(admin_client, assert_max_queries):
    with assert_max_queries(8):
        assert admin_client.get("/users/").status_code == 200
    for n in range(60):
        accounts.add_user(
            by="test:web",
            username=f"user{n}",
            email=f"user{n}@nhs.net",
            role="viewer",
            org_code=("C-CAM", "C-HUN", "C-PET")[n % 3],
        )
    with assert_max_queries(8):
        page = admin_client.get("/users/?page=2")
    assert "Showing 51 to" in text(page)
    assert "/users/user59/" in text(admin_client.get("/users/?q=user59"))
    with assert_max_queries(8):
        assert len(csv_of(admin_client.get("/users/?format=csv"))) > 60


@pytest.mark.django_db
def test_an_invitation_emails_a_link_that_sets_the_password_once(admin_client):
    answer = admin_client.post(
        "/users/invite/", {"email": "Nia@nhs.net", "role": "editor", "org_code": "C-PET"}
    )
    assert answer.status_code == 302
    nia = get_user_model().objects.get(username="nia@nhs.net")
    assert not nia.has_usable_password()
    assert list(nia.roles.values_list("role", "org_code")) == [("editor", "C-PET")]
    (message,) = mail.outbox
    assert message.to == ["Nia@nhs.net"]
    assert "editor of Peterborough" in message.body
    link = link_in(message)
    visitor = Client()
    form = visitor.get(link)
    assert form.status_code == 302  # the token leaves the address before the form shows
    assert "Choose your password" in text(visitor.get(form["Location"]))
    done = visitor.post(
        form["Location"], {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True
    )
    assert "Your password is set" in text(done)
    assert AuditEvent.objects.filter(operation="set_password", actor="user:nia@nhs.net").exists()
    signs_in = Client().post("/sign-in/", {"username": "nia@nhs.net", "password": PASSWORD})
    assert signs_in.status_code == 302
    again = Client().get(link)
    assert again.status_code == 200 and "This link does not work" in text(again)


@pytest.mark.django_db
def test_a_weak_password_is_refused_with_the_reason(admin_client):
    admin_client.post(
        "/users/invite/", {"email": "ola@nhs.net", "role": "viewer", "org_code": "C-CAM"}
    )
    visitor = Client()
    form = visitor.get(link_in(mail.outbox[0]))["Location"]
    answer = visitor.post(form, {"new_password1": "password", "new_password2": "password"})
    assert answer.status_code == 200
    assert "too common" in text(answer)
    assert not get_user_model().objects.get(username="ola@nhs.net").has_usable_password()


@pytest.mark.django_db
def test_an_expired_link_or_one_for_a_deactivated_account_does_not_work(admin_client, settings):
    admin_client.post(
        "/users/invite/", {"email": "pip@nhs.net", "role": "viewer", "org_code": "C-CAM"}
    )
    link = link_in(mail.outbox[0])
    assert settings.PASSWORD_RESET_TIMEOUT == 72 * 3600
    settings.PASSWORD_RESET_TIMEOUT = -1  # every link is past its time
    assert "This link does not work" in text(Client().get(link))
    settings.PASSWORD_RESET_TIMEOUT = 3600
    assert Client().get(link).status_code == 302
    admin_client.post("/users/pip@nhs.net/deactivate/")
    assert "This link does not work" in text(Client().get(link))


@pytest.mark.django_db
def test_inviting_or_granting_outside_ones_scope_is_403_and_writes_nothing(
    admin_client, outsider_user
):
    before = counts()
    answer = admin_client.post(
        "/users/invite/", {"email": "q@nhs.net", "role": "viewer", "org_code": "LA-PET"}
    )
    assert answer.status_code == 403
    assert "LA-PET is not one of them" in text(answer)
    answer = admin_client.post("/users/editor/roles/", {"role": "editor", "org_code": "LA-PET"})
    assert answer.status_code == 403
    assert "LA-PET is not one of them" in text(answer)
    assert counts() == before


@pytest.mark.django_db
def test_bad_invitations_say_what_is_wrong(admin_client, demo_users):
    before = counts()
    answer = admin_client.post("/users/invite/", {"email": "not an email", "role": "viewer"})
    assert answer.status_code == 400
    page = text(answer)
    assert "Enter an email address" in page and "Choose an organisation" in page
    assert "username" not in page.split("Invite a user</h1>")[0]  # it follows the email
    taken = admin_client.post(
        "/users/invite/", {"email": "x@nhs.net", "username": "editor", "role": "viewer",
                           "org_code": "C-CAM"},
    )  # fmt: skip
    assert "already taken" in text(taken)
    assert counts() == before


@pytest.mark.django_db
def test_roles_are_given_and_ended_and_accounts_deactivated(admin_client, demo_users):
    viewer = demo_users["viewer"]  # viewer of C-HUN
    session = signed_in(Client(), viewer)
    assert session.get("/organisations/C-CAM/").status_code == 404
    assert admin_client.post(
        "/users/viewer/roles/", {"role": "editor", "org_code": "C-CAM"}
    ).status_code == 302  # fmt: skip
    assert session.get("/organisations/C-CAM/").status_code == 200
    page = text(admin_client.get("/users/viewer/"))
    assert "Cambridge Health Consortium" in page and "Editor" in page
    assert admin_client.post("/users/viewer/roles/C-CAM/end/").status_code == 302
    assert session.get("/organisations/C-CAM/").status_code == 404
    assert admin_client.post("/users/viewer/deactivate/").status_code == 302
    assert session.get("/organisations/").status_code == 302  # signed out: asked to sign in
    assert "Deactivated" in text(admin_client.get("/users/viewer/"))


@pytest.mark.django_db
def test_an_administrator_does_not_change_their_own_account(admin_client, demo_users):
    before = counts()
    page = text(admin_client.get("/users/administrator/"))
    assert "another administrator changes its roles" in page
    answer = admin_client.post(
        "/users/administrator/roles/", {"role": "administrator", "org_code": "C-CAM"}
    )
    assert answer.status_code == 403 and "your own account" in text(answer)
    assert admin_client.post("/users/administrator/deactivate/").status_code == 403
    assert counts() == before


@pytest.mark.django_db
def test_a_new_link_can_be_sent_to_an_account_with_an_email(admin_client):
    no_email = admin_client.post("/users/editor/send-link/")  # demo accounts have none
    assert no_email.status_code == 400 and "has no email address" in text(no_email)
    accounts.add_user(
        by="test:web", username="rae", email="rae@nhs.net", role="viewer", org_code="C-CAM"
    )
    assert admin_client.post("/users/rae/send-link/").status_code == 302
    (message,) = mail.outbox
    assert message.to == ["rae@nhs.net"]
    assert Client().get(link_in(message)).status_code == 302  # a working link


@pytest.mark.django_db
def test_a_deactivated_accounts_api_token_stops_working(admin_client, demo_users):
    from pathfinder.api.tokens import create_token

    raw = create_token(user=demo_users["viewer"], name="reports", by="test:web")
    bearer = {"Authorization": f"Bearer {raw}"}
    assert Client().get("/api/organisations", headers=bearer).status_code == 200
    admin_client.post("/users/viewer/deactivate/")
    assert Client().get("/api/organisations", headers=bearer).status_code == 401


@pytest.mark.django_db
def test_the_list_filters_by_status_and_sorts(admin_client):
    accounts.add_user(
        by="test:web", username="newcomer", email="n@nhs.net", role="viewer", org_code="C-CAM"
    )
    invited = text(admin_client.get("/users/?status=invited"))
    assert "/users/newcomer/" in invited and "/users/editor/" not in invited
    active = text(admin_client.get("/users/?status=active"))
    assert "/users/editor/" in active and "/users/newcomer/" not in active
    backwards = text(admin_client.get("/users/?sort=-username"))
    assert 'aria-sort="descending"' in backwards
    assert backwards.index("/users/viewer/") < backwards.index("/users/editor/")
    rows = csv_of(admin_client.get("/users/?status=invited&format=csv"))
    assert [r["username"] for r in rows] == ["newcomer"]


def test_a_big_scope_types_the_organisation_code(admin_client, monkeypatch):
    from pathfinder.core import views_users

    assert (
        '<select class="nhsuk-select" id="f-org_code"'
        in admin_client.get("/users/invite/").content.decode()
    )
    monkeypatch.setattr(views_users, "ORGANISATION_CHOICES", 3)
    page = admin_client.get("/users/invite/").content.decode()
    assert 'id="f-org_code" name="org_code" type="text"' in page
    outside = admin_client.post(
        "/users/invite/", {"email": "t@nhs.net", "role": "viewer", "org_code": "LA-PET"}
    )
    assert outside.status_code in (400, 403)
    typed = admin_client.post(
        "/users/invite/", {"email": "t@nhs.net", "role": "viewer", "org_code": "C-HUN"}
    )
    assert typed.status_code == 302
    assert get_user_model().objects.get(email="t@nhs.net").roles.get().org_code == "C-HUN"
