"""What changed between two dates: organisations, relationships, posts and memberships
that started or ended in the window, within a set of organisations.

Started between D1 and D2 means D1 < start <= D2; ended means D1 <= last day < D2,
so each row is one that was not in force on D1 and is on D2, or the other way round
(a row that did both counts twice) (docs/decisions/0050).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

CATEGORIES = {
    "organisation": "Organisation",
    "relationship": "Relationship",
    "post": "Post",
    "membership": "Membership",
}


@dataclass(frozen=True)
class Change:
    date: dt.date
    change: str  # Opened, Closed, Started, Ended
    category: str  # a key of CATEGORIES
    description: str
    org_code: str
    org_name: str
    other_code: str = ""
    other_name: str = ""
    person_id: str = ""
    person_name: str = ""

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]


def _window(field: str, d1: dt.date, d2: dt.date) -> tuple[Q, Q]:
    started = Q(**{f"{field}_from__gt": d1, f"{field}_from__lte": d2})
    ended = Q(**{f"{field}_to__gte": d1, f"{field}_to__lt": d2})
    return started, ended


def changes_between(codes, d1: dt.date, d2: dt.date) -> list[Change]:
    """Changes in the window touching the organisations `codes` (a set or a queryset
    of codes); four queries, oldest first. Rows are read as plain values, not model
    instances: a national window holds tens of thousands of changes."""
    from pathfinder.governance.models import Capacity, Membership
    from pathfinder.organisations.models import Organisation, Relationship, RelKind
    from pathfinder.people.models import Post

    out: list[Change] = []
    orgs = Organisation.objects.filter(code__in=codes).filter(
        Q(opened__gt=d1, opened__lte=d2) | Q(closed__gte=d1, closed__lt=d2)
    )
    for code, name, opened, closed in orgs.values_list("code", "name", "opened", "closed"):
        if opened and d1 < opened <= d2:
            out.append(Change(opened, "Opened", "organisation", "opened", code, name))
        if closed and d1 <= closed < d2:
            out.append(Change(closed, "Closed", "organisation", "closed", code, name))

    started, ended = _window("valid", d1, d2)
    kinds = dict(RelKind.choices)
    rels = (
        Relationship.objects.filter(Q(parent_id__in=codes) | Q(child_id__in=codes))
        .filter(started | ended)
        .values_list(
            "kind", "valid_from", "valid_to", "parent_id", "parent__name", "child_id",
            "child__name",
        )
    )  # fmt: skip
    for kind, start, end, parent, parent_name, child, child_name in rels:
        label = str(kinds[kind]).lower() if kind in kinds else kind
        for change, when in _events(start, end, d1, d2):
            out.append(
                Change(when, change, "relationship", label, parent, parent_name, child, child_name)
            )

    posts = (
        Post.objects.filter(org_id__in=codes)
        .filter(started | ended)
        .values_list("title", "valid_from", "valid_to", "org_id", "org__name", "person_id",
                     "person__name")
    )  # fmt: skip
    for title, start, end, org, org_name, person, person_name in posts:
        for change, when in _events(start, end, d1, d2):
            out.append(
                Change(when, change, "post", title, org, org_name, person_id=person,
                       person_name=person_name)
            )  # fmt: skip

    capacities = {k: str(v).lower() for k, v in Capacity.choices}
    members = (
        Membership.objects.filter(body__org_id__in=codes)
        .filter(started | ended)
        .values_list("capacity", "body__name", "valid_from", "valid_to", "body__org_id",
                     "body__org__name", "person_id", "person__name")
    )  # fmt: skip
    for capacity, body_name, start, end, org, org_name, person, person_name in members:
        description = f"{capacities.get(capacity, capacity)} on {body_name}"
        for change, when in _events(start, end, d1, d2):
            out.append(
                Change(when, change, "membership", description, org, org_name,
                       person_id=person, person_name=person_name)
            )  # fmt: skip
    return sorted(out, key=lambda c: (c.date, c.category, c.change, c.org_code, c.description))


def _events(valid_from, valid_to, d1: dt.date, d2: dt.date):
    if d1 < valid_from <= d2:
        yield "Started", valid_from
    if valid_to is not None and d1 <= valid_to < d2:
        yield "Ended", valid_to
