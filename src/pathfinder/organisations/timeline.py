"""The timeline of one organisation: when it opened and closed, and when its
relationships and posts started and ended, from their effective dates."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from pathfinder.organisations.models import Organisation, Relationship, RelKind


@dataclass(frozen=True)
class Event:
    date: dt.date
    change: str  # Opened, Closed, Started, Ended (on its last day in force)
    what: str
    other_code: str = ""
    other_name: str = ""
    person_id: str = ""
    person_name: str = ""


def _rel_text(rel: Relationship, org: Organisation) -> tuple[str, Organisation]:
    kind = RelKind(rel.kind).label.lower() if rel.kind in RelKind.values else rel.kind
    if rel.parent_id == org.code:
        return f"{kind} relationship, below it:", rel.child
    return f"{kind} relationship, above it:", rel.parent


def organisation_timeline(org: Organisation) -> list[Event]:
    """Every dated change touching the organisation, oldest first (three queries)."""
    from pathfinder.people.models import Post

    events: list[Event] = []
    if org.opened:
        events.append(Event(org.opened, "Opened", ""))
    if org.closed:
        events.append(Event(org.closed, "Closed", "its last day open"))
    rels = Relationship.objects.filter(Q(parent=org) | Q(child=org)).select_related(
        "parent", "child"
    )
    for rel in rels:
        text, other = _rel_text(rel, org)
        events.append(Event(rel.valid_from, "Started", text, other.code, other.name))
        if rel.valid_to:
            events.append(Event(rel.valid_to, "Ended", text, other.code, other.name))
    for post in Post.objects.filter(org=org).select_related("person"):
        what = f"post of {post.title}, held by"
        events.append(
            Event(
                post.valid_from,
                "Started",
                what,
                person_id=post.person_id,
                person_name=post.person.name,
            )
        )
        if post.valid_to:
            events.append(
                Event(
                    post.valid_to,
                    "Ended",
                    what,
                    person_id=post.person_id,
                    person_name=post.person.name,
                )
            )
    order = {"Opened": 0, "Started": 1, "Ended": 2, "Closed": 3}
    return sorted(events, key=lambda e: (e.date, order[e.change], e.what, e.other_code))
