"""The conflicts-of-interest facts of many meetings at once, for the pages that look at
several meetings together: the register of procurement decisions of an organisation
and a member's own agenda items.

`conflict_facts.load_meeting_facts` reads one meeting; here the same facts are read for
a set of meetings with eight queries in all, whatever the number of meetings. Each
meeting's facts may hold rows of other dates: the analysis in `conflicts.py` keeps only
what is in force on the meeting's date.
"""

from collections import defaultdict

from django.db.models import Q

from pathfinder.governance.conflict_facts import (
    MEETING_VALUES,
    DecisionFact,
    DelegationRule,
    Link,
    MeetingFacts,
    meeting_facts,
)
from pathfinder.governance.facts import membership_rows_with, post_rows
from pathfinder.interests.facts import interest_rows


def load_meetings_facts(meetings) -> list[MeetingFacts]:
    """Facts for each meeting of the queryset `meetings`, in date then id order."""
    from pathfinder.governance.models import Attendance, Decision, Delegation, Membership
    from pathfinder.interests.models import Interest
    from pathfinder.organisations.models import Relationship
    from pathfinder.people.models import Post

    rows = list(meetings.order_by("date", "meeting_id").values(*MEETING_VALUES))
    if not rows:
        return []
    ids = [r["meeting_id"] for r in rows]
    bodies = sorted({r["body_id"] for r in rows})
    orgs = sorted({r["body__org_id"] for r in rows})
    first = min(r["date"] for r in rows)
    last = max(r["date"] for r in rows)

    decisions = defaultdict(list)
    for meeting, decision_id, kind, amount, cps in Decision.objects.filter(
        meeting_id__in=ids
    ).values_list("meeting_id", "decision_id", "decision_type", "amount", "counterparties"):
        codes = tuple(sorted({c for c in cps.split(";") if c}))
        decisions[meeting].append(DecisionFact(decision_id, kind, amount, codes))

    attendees = defaultdict(set)
    for meeting, person in Attendance.objects.filter(meeting_id__in=ids).values_list(
        "meeting_id", "person_id"
    ):
        attendees[meeting].add(person)

    # Rows overlapping the span of the meetings' dates; each meeting keeps its own day.
    overlapping = Q(valid_from__lte=last) & (Q(valid_to__isnull=True) | Q(valid_to__gte=first))
    members = defaultdict(list)
    professions = {}
    for member, (profession,) in membership_rows_with(
        Membership.objects.filter(overlapping, body_id__in=bodies, voting=True),
        "person__profession",
    ):
        members[member.body].append(member)
        professions[member.person] = profession
    people = sorted(professions)

    posts = defaultdict(list)
    for post in post_rows(Post.objects.filter(overlapping, person_id__in=people)):
        posts[post.person].append(post)
    interests = defaultdict(list)
    for interest in interest_rows(
        Interest.objects.filter(
            Q(interest_from__lte=last) & (Q(interest_to__isnull=True) | Q(interest_to__gte=first)),
            person_id__in=people,
        )
    ):
        interests[interest.person].append(interest)

    counterparties = sorted({c for ds in decisions.values() for x in ds for c in x.counterparties})
    links = [
        Link(*r)
        for r in Relationship.objects.filter(overlapping)
        .filter(Q(parent_id__in=counterparties) | Q(child_id__in=counterparties))
        .values_list("parent_id", "child_id", "valid_from", "valid_to")
    ]
    delegations = [
        DelegationRule(*r)
        for r in Delegation.objects.filter(overlapping, org_id__in=orgs).values_list(
            "org_id", "decision_type", "delegate", "limit", "valid_from", "valid_to"
        )
    ]

    out = []
    for r in rows:
        meeting = r["meeting_id"]
        came = frozenset(attendees.get(meeting, ()))
        body_members = [m for m in members.get(r["body_id"], []) if not came or m.person in came]
        who = {m.person for m in body_members}
        out.append(
            meeting_facts(
                r,
                attendees=came,
                members=body_members,
                professions={p: professions[p] for p in who},
                posts=[p for person in sorted(who) for p in posts.get(person, [])],
                interests=[i for person in sorted(who) for i in interests.get(person, [])],
                links=links,
                delegations=[g for g in delegations if g.org == r["body__org_id"]],
                decisions=decisions.get(meeting, []),
            )
        )
    return out
