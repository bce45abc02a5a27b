"""The facts a conflicts-of-interest check at a meeting needs (RULES.md §2), and how
they are read: one meeting at a time, with a fixed number of set-based queries
filtered to the meeting's possible participants and the decisions' counterparties.

Memberships, posts and interests are the shared rows of `governance.facts` and
`interests.facts`; everything is a plain value so the analysis in `conflicts.py` can be
tested with hand-built facts and no database.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from pathfinder.core.errors import NotFound
from pathfinder.governance.facts import MembershipRow, PostRow, membership_rows_with, post_rows
from pathfinder.interests.facts import InterestRow, interest_rows


@dataclass(frozen=True)
class Link:
    """A relationship between two organisations, of any kind and either direction."""

    a: str
    b: str
    valid_from: dt.date
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class DelegationRule:
    org: str
    decision_type: str
    delegate: str
    limit: Decimal | None
    valid_from: dt.date
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class DecisionFact:
    decision: str
    decision_type: str
    amount: Decimal | None
    counterparties: tuple[str, ...]


@dataclass
class MeetingFacts:
    """Everything about one meeting on date D of body B that §2 looks at."""

    meeting: str
    date: dt.date
    body: str
    body_org: str
    quorum_min: int
    quorum_neds_min: int = 0
    quorum_clinicians_min: int = 0
    attendees: frozenset[str] = frozenset()
    members: list[MembershipRow] = field(default_factory=list)
    professions: dict[str, str] = field(default_factory=dict)
    posts: list[PostRow] = field(default_factory=list)
    interests: list[InterestRow] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    delegations: list[DelegationRule] = field(default_factory=list)
    decisions: list[DecisionFact] = field(default_factory=list)


MEETING_VALUES = (
    "meeting_id",
    "date",
    "body_id",
    "body__org_id",
    "body__quorum_min",
    "body__quorum_neds_min",
    "body__quorum_clinicians_min",
)


def meeting_facts(row: dict, **found) -> MeetingFacts:
    """A meeting's facts from its row of `MEETING_VALUES` and what else was `found`."""
    return MeetingFacts(
        meeting=row["meeting_id"],
        date=row["date"],
        body=row["body_id"],
        body_org=row["body__org_id"],
        quorum_min=row["body__quorum_min"],
        quorum_neds_min=row["body__quorum_neds_min"],
        quorum_clinicians_min=row["body__quorum_clinicians_min"],
        **found,
    )


def decision_meeting(decision: str) -> str:
    """The meeting a decision was taken at; NotFound names the unknown id."""
    from pathfinder.governance.models import Decision

    meeting = Decision.objects.filter(pk=decision).values_list("meeting_id", flat=True).first()
    if meeting is None:
        raise NotFound(f"no decision with id {decision!r}")
    return meeting


def load_meeting_facts(meeting: str, decisions: list[str] | None = None) -> MeetingFacts:
    """Facts for a meeting and its decisions (all of them, or only those named).

    Eight queries whatever the number of decisions, members or interests.
    """
    from pathfinder.governance.models import Attendance, Decision, Delegation, Meeting, Membership
    from pathfinder.interests.models import Interest
    from pathfinder.organisations.models import Relationship
    from pathfinder.people.models import Post

    row = Meeting.objects.filter(pk=meeting).values(*MEETING_VALUES).first()
    if row is None:
        raise NotFound(f"no meeting with id {meeting!r}")
    d = row["date"]
    facts = meeting_facts(row)

    dq = Decision.objects.filter(meeting_id=meeting)
    if decisions is not None:
        dq = dq.filter(pk__in=decisions)
    for decision_id, kind, amount, cps in dq.values_list(
        "decision_id", "decision_type", "amount", "counterparties"
    ):
        codes = tuple(sorted({c for c in cps.split(";") if c}))
        facts.decisions.append(DecisionFact(decision_id, kind, amount, codes))

    facts.attendees = frozenset(
        Attendance.objects.filter(meeting_id=meeting).values_list("person_id", flat=True)
    )

    members = Membership.objects.in_force(d).filter(body_id=facts.body, voting=True)
    if facts.attendees:
        members = members.filter(person_id__in=facts.attendees)
    for member, (profession,) in membership_rows_with(members, "person__profession"):
        facts.members.append(member)
        facts.professions[member.person] = profession
    people = sorted(facts.professions)

    facts.posts = post_rows(Post.objects.in_force(d).filter(person_id__in=people))
    facts.interests = interest_rows(Interest.objects.in_force(d).filter(person_id__in=people))

    counterparties = sorted({c for x in facts.decisions for c in x.counterparties})
    facts.links = [
        Link(*r)
        for r in Relationship.objects.in_force(d)
        .filter(Q(parent_id__in=counterparties) | Q(child_id__in=counterparties))
        .values_list("parent_id", "child_id", "valid_from", "valid_to")
    ]

    types = sorted({x.decision_type for x in facts.decisions})
    facts.delegations = [
        DelegationRule(*r)
        for r in Delegation.objects.in_force(d)
        .filter(org_id=facts.body_org, decision_type__in=types)
        .values_list("org_id", "decision_type", "delegate", "limit", "valid_from", "valid_to")
    ]
    return facts
