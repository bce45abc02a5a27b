"""`pathfinder user add|role|deactivate|link`: accounts for a real deployment, with exit
status 1 for what the database refuses and 2 for wrong usage (CLI.md)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pathfinder import cli
from pathfinder.core.models import AuditEvent, RoleAssignment
from pathfinder.core.roles import Permission
from pathfinder.core.scope import Scope
from tests.conftest import EAST

PATHFINDER = str(Path(sys.executable).parent / "pathfinder")
PASSWORD = "a long and unusual phrase 42"  # noqa: S105 - a test account's


def run(capsys, *argv) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        cli.main(list(argv))
    out, err = capsys.readouterr()
    return done.value.code, out, err


@pytest.fixture
def on_a_terminal(monkeypatch):
    """Standard input is a terminal, and the operator types the password twice."""
    import getpass

    typed = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(typed))


@pytest.mark.django_db
def test_the_first_administrator_is_added_on_a_terminal_and_can_sign_in(
    east, capsys, on_a_terminal
):
    code, out, err = run(
        capsys, "user", "add", "ada", "--email", "ada@nhs.net", "--role", "administrator",
        "--org", "CL-CAP",
    )  # fmt: skip
    assert code == 0, err
    assert out == ""  # no link: the password was typed
    ada = get_user_model().objects.get(username="ada")
    assert Scope(ada).can(Permission.ADMINISTER, "C-CAM")
    signed_in = Client().post("/sign-in/", {"username": "ada", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert set(AuditEvent.objects.filter(actor="cli:user").values_list("model", flat=True)) == {
        "auth.User",
        "core.RoleAssignment",
    }


@pytest.mark.django_db
def test_with_link_the_account_gets_a_one_time_set_password_link(east, capsys, settings):
    settings.PATHFINDER_SITE_URL = "https://pathfinder.example.nhs.uk"
    code, out, err = run(
        capsys, "user", "add", "bea", "--email", "bea@nhs.net", "--role", "editor",
        "--org", "C-CAM", "--link",
    )  # fmt: skip
    assert code == 0, err
    link = out.strip()
    assert link.startswith("https://pathfinder.example.nhs.uk/set-password/")
    assert "works once" in err
    assert not get_user_model().objects.get(username="bea").has_usable_password()
    client = Client()
    form = client.get(link.removeprefix("https://pathfinder.example.nhs.uk"), follow=True)
    assert "Choose your password" in form.content.decode()


@pytest.mark.django_db
def test_roles_are_given_changed_and_ended(east, capsys):
    run(capsys, "user", "add", "cy", "--email", "cy@nhs.net", "--role", "viewer", "--org", "C-HUN")
    code, _, err = run(capsys, "user", "role", "cy", "--role", "editor", "--org", "C-CAM")
    assert code == 0 and "cy is editor of C-CAM" in err
    code, _, err = run(capsys, "user", "role", "cy", "--role", "viewer", "--org", "C-CAM")
    assert code == 0 and "(was editor)" in err
    code, _, err = run(capsys, "user", "role", "cy", "--org", "C-CAM", "--end")
    assert code == 0, err
    held = RoleAssignment.objects.filter(user__username="cy")
    assert list(held.values_list("role", "org_code")) == [("viewer", "C-HUN")]
    code, _, err = run(capsys, "user", "deactivate", "cy")
    assert code == 0 and not get_user_model().objects.get(username="cy").is_active


@pytest.mark.django_db
@pytest.mark.parametrize(
    "argv, message",
    [
        (["add", "dee", "--email", "d@nhs.net", "--role", "chief", "--org", "C-CAM"], "chief"),
        (["add", "dee", "--email", "d@nhs.net", "--role", "viewer", "--org", "X-1"], "X-1"),
        (["add", "dee", "--email", "nope", "--role", "viewer", "--org", "C-CAM"], "email"),
        (["role", "nobody", "--role", "viewer", "--org", "C-CAM"], "no user named 'nobody'"),
        (["role", "eve", "--role", "boss", "--org", "C-CAM"], "boss"),
        (["role", "eve", "--role", "viewer", "--org", "X-1"], "X-1"),
        (["role", "eve", "--org", "C-CAM", "--end"], "holds no role on C-CAM"),
        (["role", "eve", "--role", "editor", "--org", "C-HUN", "--end"], "not editor"),
        (["deactivate", "nobody"], "no user named"),
        (["link", "nobody"], "no user named"),
    ],
)
def test_what_the_database_refuses_exits_1_with_a_message(east, capsys, argv, message):
    run(capsys, "user", "add", "eve", "--email", "e@nhs.net", "--role", "viewer", "--org", "C-HUN")
    before = (get_user_model().objects.count(), AuditEvent.objects.count())
    code, _, err = run(capsys, "user", *argv)
    assert code == 1
    assert message in err and "Traceback" not in err
    assert (get_user_model().objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["user"],
        ["user", "add", "fay", "--email", "f@nhs.net", "--role", "viewer"],
        ["user", "role", "fay", "--org", "C-CAM"],
        ["user", "remove", "fay"],
    ],
)
def test_wrong_usage_exits_2(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "usage:" in err


def test_the_program_prints_a_link_when_not_on_a_terminal(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    loaded = subprocess.run([PATHFINDER, "load", str(EAST)], env=env, capture_output=True)
    assert loaded.returncode == 0
    added = subprocess.run(
        [PATHFINDER, "user", "add", "gil", "--email", "g@nhs.net", "--role", "editor",
         "--org", "C-CAM"],
        env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "/set-password/" in added.stdout
    unknown = subprocess.run(
        [PATHFINDER, "user", "role", "gil", "--role", "editor", "--org", "NOPE"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert unknown.returncode == 1
    assert "NOPE" in unknown.stderr and "Traceback" not in unknown.stderr
