"""Roles as classes with plain-English descriptions; permissions as an enum."""

import enum
from dataclasses import dataclass


class Permission(enum.Enum):
    VIEW = "view"  # read the organisation's records
    EDIT = "edit"  # change its operational records (posts, budgets, risks, bookings…)
    GOVERN = "govern"  # change its governance (bodies, memberships, lines, delegations, registers)
    ADMINISTER = "administer"  # manage users, roles and settings such as the risk matrix


@dataclass(frozen=True)
class Role:
    name: str
    title: str
    description: str
    permissions: frozenset[Permission]


VIEWER = Role(
    "viewer",
    "Viewer",
    "Reads every record of their organisation and of the organisations below it.",
    frozenset({Permission.VIEW}),
)
EDITOR = Role(
    "editor",
    "Editor",
    "Reads, and keeps the operational records (staff, money, risks, support) of their "
    "organisation and those below it.",
    frozenset({Permission.VIEW, Permission.EDIT}),
)
GOVERNANCE_LEAD = Role(
    "governance_lead",
    "Governance lead",
    "Also keeps the structure, bodies, memberships, scheme of delegation and registers, "
    "and sees the reminders of what is missing or late.",
    frozenset({Permission.VIEW, Permission.EDIT, Permission.GOVERN}),
)
ADMINISTRATOR = Role(
    "administrator",
    "Administrator",
    "Everything a governance lead does, and manages users, roles and settings.",
    frozenset(Permission),
)

ROLES = {r.name: r for r in (VIEWER, EDITOR, GOVERNANCE_LEAD, ADMINISTRATOR)}
