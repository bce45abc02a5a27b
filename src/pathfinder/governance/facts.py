"""Who sits where, and who holds which post, as plain rows: the one reading of
memberships, posts and bodies that every governance analysis shares (§1 accountability,
§2 conflicts, §3 registers).

Each reader takes a queryset, so an analysis chooses which rows it reads (in force on
D, of one body, of the people of a subquery) and reading them stays one query. The
`*_with` readers also read values across a relation in that same query (a person's
name or profession), returned beside each row.
"""

import datetime as dt
from typing import NamedTuple

from pathfinder.core.effective import is_in_force
from pathfinder.governance.models import Body


class BodyRow(NamedTuple):
    body_id: str
    org: str
    kind: str
    name: str = ""


class MembershipRow(NamedTuple):
    """A membership: `person` sits on `body` (of organisation `body_org`)."""

    id: int
    body: str
    person: str
    capacity: str
    voting: bool = True
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    body_org: str = ""
    body_kind: str = ""

    @property
    def row(self) -> str:
        return f"membership:{self.id}"

    def in_force_on(self, d: dt.date) -> bool:
        return is_in_force(self.valid_from, self.valid_to, d)


class PostRow(NamedTuple):
    """A post: `person` holds `title` (of kind `role`) at organisation `org`."""

    id: int
    person: str
    org: str
    role: str = "staff"
    title: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @property
    def row(self) -> str:
        return f"post:{self.id}"

    def in_force_on(self, d: dt.date) -> bool:
        return is_in_force(self.valid_from, self.valid_to, d)


MEMBERSHIP_VALUES = (
    "id",
    "body_id",
    "person_id",
    "capacity",
    "voting",
    "valid_from",
    "valid_to",
    "body__org_id",
    "body__kind",
)
POST_VALUES = ("id", "person_id", "org_id", "role", "title", "valid_from", "valid_to")
BODY_VALUES = ("body_id", "org_id", "kind", "name")


def rows_with(rows, row_type, values: tuple[str, ...], also: tuple[str, ...]) -> list[tuple]:
    """`(row, (also values...))` for each row of the queryset, by id, in one query."""
    width = len(values)
    return [
        (row_type(*r[:width]), r[width:]) for r in rows.order_by("pk").values_list(*values, *also)
    ]


def membership_rows(memberships) -> list[MembershipRow]:
    return [MembershipRow(*r) for r in memberships.order_by("pk").values_list(*MEMBERSHIP_VALUES)]


def membership_rows_with(memberships, *also: str) -> list[tuple[MembershipRow, tuple]]:
    return rows_with(memberships, MembershipRow, MEMBERSHIP_VALUES, also)


def post_rows(posts) -> list[PostRow]:
    return [PostRow(*r) for r in posts.order_by("pk").values_list(*POST_VALUES)]


def post_rows_with(posts, *also: str) -> list[tuple[PostRow, tuple]]:
    return rows_with(posts, PostRow, POST_VALUES, also)


def body_rows(bodies=None) -> dict[str, BodyRow]:
    """The bodies of the queryset (all of them by default), by id."""
    rows = Body.objects.all() if bodies is None else bodies
    return {r[0]: BodyRow(*r) for r in rows.order_by("pk").values_list(*BODY_VALUES)}
