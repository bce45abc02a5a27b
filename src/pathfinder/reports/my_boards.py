"""A board member's own view: the meetings coming up of the bodies they sit on, the
items they are conflicted on and what they must do, their declarations due or late
(RULES.md §3, the checks the governance lead's reminders use) and the issued packs of
their bodies. A fixed number of queries, whatever the number of bodies or packs."""

import datetime as dt
from dataclasses import dataclass

from pathfinder.core.roles import Permission
from pathfinder.interests.my_agenda import MyItem, my_conflicted_items
from pathfinder.interests.register import Finding, Limits, analyse, load_facts
from pathfinder.interests.reminders import LABELS

NEXT_MEETINGS = 10


@dataclass(frozen=True)
class Due:
    label: str
    finding: Finding


@dataclass
class MyBoards:
    seats: list
    meetings: list
    items: list[MyItem]
    due: list[Due]
    packs: list


def my_boards(person_id: str, as_at: dt.date, scope) -> MyBoards:
    from pathfinder.governance.models import Meeting, Membership
    from pathfinder.reports.models import BoardPack

    seats = list(
        Membership.objects.in_force(as_at)
        .filter(person_id=person_id)
        .select_related("body__org")
        .order_by("body__org__name", "body__name")
    )
    bodies = {m.body_id for m in seats}
    meetings = list(
        Meeting.objects.filter(body_id__in=bodies, date__gte=as_at)
        .select_related("body")
        .order_by("date", "meeting_id")[:NEXT_MEETINGS]
    )
    facts = load_facts(as_at)
    due = [
        Due(LABELS[f.finding], f)
        for f in analyse(facts, as_at, Limits.from_settings())
        if f.person == person_id
    ]
    # Packs the member can open: their organisation's, or published to anyone.
    packs = [
        p
        for p in BoardPack.objects.filter(body_id__in=bodies, issued_at__isnull=False)
        .select_related("body", "meeting")
        .order_by("-issued_at", "-number")
        if p.public or scope.can(Permission.VIEW, p.body.org_id)
    ]
    return MyBoards(seats, meetings, my_conflicted_items(person_id, as_at), due, packs)
