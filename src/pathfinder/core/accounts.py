"""The demo accounts: one user per role, on demo organisations, with a documented password.

Created through the audited actions and idempotent: running `pathfinder demo` again
resets each account to its documented role and password (docs/decisions/0052).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from pathfinder.core import actions
from pathfinder.core.models import RoleAssignment
from pathfinder.core.roles import ROLES

# Published in the README and printed by `pathfinder demo`: these accounts exist only
# in the demo database and must never be created in a real deployment.
DEMO_PASSWORD = "pathfinder-demo-2011"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    org_codes: tuple[str, ...]
    about: str
    person_id: str = ""  # the person the account declares for (docs/decisions/0090)


DEMO_ACCOUNTS = (
    DemoAccount("viewer", "viewer", ("C-HUN",), "reads Hunts Health Consortium"),
    DemoAccount("editor", "editor", ("C-CAM",), "keeps Cambridge Health Consortium's records"),
    DemoAccount(
        "governance_lead",
        "governance_lead",
        ("CL-CAP",),
        "governs the cluster, its PCTs, consortia and practices",
    ),
    DemoAccount(
        "administrator",
        "administrator",
        ("CL-CAP", "HUB-CAP"),
        "administers the cluster and its commissioning hub",
    ),
    DemoAccount(
        "member",
        "viewer",
        ("C-PET",),
        "Umar Vance, lay member of the Peterborough Commissioning Group Board",
        person_id="P21",
    ),
)


@transaction.atomic
def ensure_demo_accounts(*, by) -> list[DemoAccount]:
    """Create or reset the demo users and their roles; return the accounts."""
    User = get_user_model()
    # One hash for all: the password is published, and Argon2 is slow on purpose.
    hashed = make_password(DEMO_PASSWORD)
    for account in DEMO_ACCOUNTS:
        assert account.role in ROLES
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = actions.create(
                User,
                by=by,
                username=account.username,
                password=hashed,
                first_name=ROLES[account.role].title,
                last_name="(demo)",
            )
        elif not user.check_password(DEMO_PASSWORD) or not user.is_active:
            actions.update(user, by=by, password=hashed, is_active=True)
        held = {r.org_code: r for r in RoleAssignment.objects.filter(user=user)}
        for code in account.org_codes:
            existing = held.get(code)
            if existing is None:
                actions.create(
                    RoleAssignment,
                    by=by,
                    user=user,
                    role=account.role,
                    org_code=code,
                    person_id=account.person_id,
                )
            elif existing.role != account.role or existing.person_id != account.person_id:
                actions.update(existing, by=by, role=account.role, person_id=account.person_id)
    return list(DEMO_ACCOUNTS)
