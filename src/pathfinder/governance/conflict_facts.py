"""The facts a conflicts-of-interest check at a meeting needs (RULES.md §2), and how
they are read: one meeting at a time, with a fixed number of set-based queries
filtered to the meeting's possible participants and the decisions' counterparties.

The dataclasses are plain values so the analysis in `conflicts.py` can be tested with
hand-built facts and no database.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from pathfinder.core.effective import in_force_q
from pathfinder.core.errors import NotFound


@dataclass(frozen=True)
class Member:
    """A membership row of the meeting's body."""

    person: str
    capacity: str
    voting: bool
    valid_from: dt.date
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class PostHeld:
    person: str
    org: str
    role: str
    valid_from: dt.date
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class InterestHeld:
    interest: str
    person: str
    category: str
    org: str | None
    interest_from: dt.date
    interest_to: dt.date | None = None
    declared_on: dt.date | None = None


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
    members: list[Member] = field(default_factory=list)
    professions: dict[str, str] = field(default_factory=dict)
    posts: list[PostHeld] = field(default_factory=list)
    interests: list[InterestHeld] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    delegations: list[DelegationRule] = field(default_factory=list)
    decisions: list[DecisionFact] = field(default_factory=list)


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

    row = (
        Meeting.objects.filter(pk=meeting)
        .values(
            "date",
            "body_id",
            "body__org_id",
            "body__quorum_min",
            "body__quorum_neds_min",
            "body__quorum_clinicians_min",
        )
        .first()
    )
    if row is None:
        raise NotFound(f"no meeting with id {meeting!r}")
    d = row["date"]
    facts = MeetingFacts(
        meeting=meeting,
        date=d,
        body=row["body_id"],
        body_org=row["body__org_id"],
        quorum_min=row["body__quorum_min"],
        quorum_neds_min=row["body__quorum_neds_min"],
        quorum_clinicians_min=row["body__quorum_clinicians_min"],
    )

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

    members = Membership.objects.filter(in_force_q(d), body_id=facts.body, voting=True)
    if facts.attendees:
        members = members.filter(person_id__in=facts.attendees)
    for person, capacity, voting, vf, vt, profession in members.values_list(
        "person_id", "capacity", "voting", "valid_from", "valid_to", "person__profession"
    ):
        facts.members.append(Member(person, capacity, voting, vf, vt))
        facts.professions[person] = profession
    people = sorted(facts.professions)

    facts.posts = [
        PostHeld(*r)
        for r in Post.objects.filter(in_force_q(d), person_id__in=people).values_list(
            "person_id", "org_id", "role", "valid_from", "valid_to"
        )
    ]
    facts.interests = [
        InterestHeld(*r)
        for r in Interest.objects.filter(
            in_force_q(d, "interest_from", "interest_to"), person_id__in=people
        ).values_list(
            "interest_id",
            "person_id",
            "category",
            "counterparty_id",
            "interest_from",
            "interest_to",
            "declared_on",
        )
    ]

    counterparties = sorted({c for x in facts.decisions for c in x.counterparties})
    facts.links = [
        Link(*r)
        for r in Relationship.objects.filter(in_force_q(d))
        .filter(Q(parent_id__in=counterparties) | Q(child_id__in=counterparties))
        .values_list("parent_id", "child_id", "valid_from", "valid_to")
    ]

    types = sorted({x.decision_type for x in facts.decisions})
    facts.delegations = [
        DelegationRule(*r)
        for r in Delegation.objects.filter(
            in_force_q(d), org_id=facts.body_org, decision_type__in=types
        ).values_list("org_id", "decision_type", "delegate", "limit", "valid_from", "valid_to")
    ]
    return facts
