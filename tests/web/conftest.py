"""Web fixtures: the demo accounts and an outsider, made through the actions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from pathfinder.core import actions
from pathfinder.core.accounts import ensure_demo_accounts
from pathfinder.core.models import RoleAssignment

BACKEND = "django.contrib.auth.backends.ModelBackend"
OWNER_ORG_NAME = "Cambridge Health Consortium"  # C-CAM: the owner's, not the outsider's


@pytest.fixture
def demo_users(east):
    ensure_demo_accounts(by="test:web")
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def outsider_user(east):
    """A viewer of Peterborough City Council only: outside the cluster's scope."""
    user = actions.create(
        get_user_model(), by="test:web", username="outsider", password=make_password(None)
    )
    actions.create(RoleAssignment, by="test:web", user=user, role="viewer", org_code="LA-PET")
    return user


def signed_in(client, user):
    client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def admin_client(client, demo_users):
    return signed_in(client, demo_users["administrator"])


@pytest.fixture
def lead_client(client, demo_users):
    return signed_in(client, demo_users["governance_lead"])
