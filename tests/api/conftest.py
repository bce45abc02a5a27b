"""API fixtures: users with roles and tokens made through the actions, and an oracle
that reads the east-2011 package's CSV files directly."""

import csv
import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from pathfinder.api.tokens import create_token
from pathfinder.core import actions
from pathfinder.core.models import RoleAssignment
from tests.conftest import EAST

AS_AT = "2011-10-01"
BELOW = {"cluster_member", "delegates_budget", "member_practice", "hosts"}


def make_user(username: str, role: str | None = None, org_code: str | None = None):
    user = actions.create(
        get_user_model(), by="test:api", username=username, password=make_password("x" * 12)
    )
    if role:
        actions.create(RoleAssignment, by="test:api", user=user, role=role, org_code=org_code)
    return user


class Caller:
    """Calls the API as one user through a bearer token (or as nobody)."""

    def __init__(self, client, token: str | None):
        self.client = client
        self.token = token

    def get(self, url: str, **params):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return self.client.get(url, params, headers=headers)


@pytest.fixture
def owner_user(east):
    """The cluster's governance lead: the cluster, its PCTs, consortia and practices."""
    return make_user("owner", "governance_lead", "CL-CAP")


@pytest.fixture
def owner(client, owner_user):
    return Caller(client, create_token(user=owner_user, name="tests", by="test:api"))


@pytest.fixture
def outsider(client, east):
    """A viewer of another organisation (a trust with nothing below it)."""
    user = make_user("outsider", "viewer", "RGN")
    return Caller(client, create_token(user=user, name="tests", by="test:api"))


@pytest.fixture
def roleless(client, east):
    user = make_user("roleless")
    return Caller(client, create_token(user=user, name="tests", by="test:api"))


@pytest.fixture
def anonymous(client, east):
    return Caller(client, None)


# The oracle: the package's own CSV files and the "in force on D" rule of DATA-PACKAGE.md.


def rows(table: str) -> list[dict]:
    with (EAST / f"{table}.csv").open(newline="") as f:
        return list(csv.DictReader(f))


def in_force(row: dict, d: str, start: str = "valid_from", end: str = "valid_to") -> bool:
    day = dt.date.fromisoformat(d)
    first = row.get(start) or ""
    last = row.get(end) or ""
    return (not first or dt.date.fromisoformat(first) <= day) and (
        not last or day <= dt.date.fromisoformat(last)
    )


def below(code: str) -> set[str]:
    """The organisation and all those below it at any date."""
    children: dict[str, set[str]] = {}
    for r in rows("relationships"):
        if r["kind"] in BELOW:
            children.setdefault(r["parent_code"], set()).add(r["child_code"])
    seen, stack = {code}, [code]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen
