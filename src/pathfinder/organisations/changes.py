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
    of codes); four queries, oldest first."""
    from pathfinder.governance.models import Membership
    from pathfinder.organisations.models import Organisation, Relationship, RelKind
    from pathfinder.people.models import Post

    out: list[Change] = []
    orgs = Organisation.objects.filter(code__in=codes).filter(
        Q(opened__gt=d1, opened__lte=d2) | Q(closed__gte=d1, closed__lt=d2)
    )
    for o in orgs:
        if o.opened and d1 < o.opened <= d2:
            out.append(Change(o.opened, "Opened", "organisation", "opened", o.code, o.name))
        if o.closed and d1 <= o.closed < d2:
            out.append(Change(o.closed, "Closed", "organisation", "closed", o.code, o.name))

    started, ended = _window("valid", d1, d2)
    rels = (
        Relationship.objects.filter(Q(parent_id__in=codes) | Q(child_id__in=codes))
        .filter(started | ended)
        .select_related("parent", "child")
    )
    for r in rels:
        label = RelKind(r.kind).label.lower() if r.kind in RelKind.values else r.kind
        for change, when in _events(r, d1, d2):
            out.append(
                Change(
                    when,
                    change,
                    "relationship",
                    label,
                    r.parent_id,
                    r.parent.name,
                    r.child_id,
                    r.child.name,
                )
            )

    posts = Post.objects.filter(org_id__in=codes).filter(started | ended)
    for p in posts.select_related("org", "person"):
        for change, when in _events(p, d1, d2):
            out.append(
                Change(
                    when,
                    change,
                    "post",
                    p.title,
                    p.org_id,
                    p.org.name,
                    person_id=p.person_id,
                    person_name=p.person.name,
                )
            )

    members = Membership.objects.filter(body__org_id__in=codes).filter(started | ended)
    for m in members.select_related("body__org", "person"):
        for change, when in _events(m, d1, d2):
            out.append(
                Change(
                    when,
                    change,
                    "membership",
                    f"{m.get_capacity_display().lower()} on {m.body.name}",
                    m.body.org_id,
                    m.body.org.name,
                    person_id=m.person_id,
                    person_name=m.person.name,
                )
            )
    return sorted(out, key=lambda c: (c.date, c.category, c.change, c.org_code, c.description))


def _events(row, d1: dt.date, d2: dt.date):
    if d1 < row.valid_from <= d2:
        yield "Started", row.valid_from
    if row.valid_to is not None and d1 <= row.valid_to < d2:
        yield "Ended", row.valid_to
