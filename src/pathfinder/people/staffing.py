"""A person's posts (with staff assignment: FTE and where they were assigned from) and
the bodies they sit on, shaped for their page; two queries."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PostRow:
    org_code: str
    org_name: str
    org_linked: bool
    title: str
    role: str
    fte: object
    assigned_from_code: str
    assigned_from_name: str
    assigned_from_linked: bool
    valid_from: dt.date
    valid_to: dt.date | None
    in_force: bool


@dataclass(frozen=True)
class SeatRow:
    body_name: str
    body_id: str
    org_code: str
    org_name: str
    org_linked: bool
    capacity: str
    voting: bool
    valid_from: dt.date
    valid_to: dt.date | None
    in_force: bool


def person_posts(person, d: dt.date, codes: set[str]) -> list[PostRow]:
    from pathfinder.people.models import Post

    posts = (
        Post.objects.filter(person=person)
        .select_related("org", "assigned_from")
        .order_by("-valid_from", "org_id")
    )
    return [
        PostRow(
            p.org_id,
            p.org.name,
            p.org_id in codes,
            p.title,
            p.get_role_display(),
            p.fte,
            p.assigned_from_id or "",
            p.assigned_from.name if p.assigned_from else "",
            bool(p.assigned_from_id) and p.assigned_from_id in codes,
            p.valid_from,
            p.valid_to,
            p.in_force_on(d),
        )
        for p in posts
    ]


def person_seats(person, d: dt.date, codes: set[str]) -> list[SeatRow]:
    from pathfinder.governance.models import Membership

    members = (
        Membership.objects.filter(person=person)
        .select_related("body__org")
        .order_by("-valid_from", "body_id")
    )
    return [
        SeatRow(
            m.body.name,
            m.body_id,
            m.body.org_id,
            m.body.org.name,
            m.body.org_id in codes,
            m.get_capacity_display(),
            m.voting,
            m.valid_from,
            m.valid_to,
            m.in_force_on(d),
        )
        for m in members
    ]
