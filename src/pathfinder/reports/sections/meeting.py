"""The meeting's own sections: attendance and the quorum rule, declarations of interest
for the meeting, the agenda with each decision's authority (RULES.md §2, through
`governance.agenda`), and the decisions log since the last meeting."""

import datetime as dt
from dataclasses import dataclass

from pathfinder.governance.agenda import Agenda, load_agendas
from pathfinder.interests.facts import InterestRow
from pathfinder.interests.register import interests_in_force
from pathfinder.reports.sections import Context, Section


@dataclass(frozen=True)
class Seat:
    person: str
    name: str
    capacity: str
    voting: bool
    present: bool | None  # None: no attendance recorded


@dataclass(frozen=True)
class Attendance:
    on: dt.date
    seats: list[Seat]
    recorded: bool
    quorum_min: int
    quorum_neds_min: int
    quorum_clinicians_min: int


@dataclass(frozen=True)
class MemberInterests:
    person: str
    name: str
    interests: list[InterestRow]


@dataclass(frozen=True)
class Declarations:
    on: dt.date
    members: list[MemberInterests]
    agenda: Agenda | None
    names: dict[str, str]  # organisation code -> name, for the counterparties


def _agenda(ctx: Context) -> Agenda | None:
    """The meeting's agenda checked by the one conflicts analysis, read once per pack."""
    from pathfinder.governance.conflict_facts import load_meeting_facts

    if ctx.meeting is None:
        return None
    if "agenda" not in ctx.cache:
        ctx.cache["agenda"] = load_agendas([load_meeting_facts(ctx.meeting.meeting)])[0]
    return ctx.cache["agenda"]


def attendance(ctx: Context) -> Section:
    from pathfinder.governance.models import Attendance as AttendanceRow
    from pathfinder.governance.models import Body, Capacity, Membership

    on = ctx.meeting_date
    present = set()
    if ctx.meeting:
        present = set(
            AttendanceRow.objects.filter(meeting_id=ctx.meeting.meeting).values_list(
                "person_id", flat=True
            )
        )
    labels = dict(Capacity.choices)
    seats = [
        Seat(p, name, labels.get(c, c), voting, (p in present) if present else None)
        for p, name, c, voting in Membership.objects.in_force(on)
        .filter(body_id=ctx.body)
        .order_by("-voting", "person__name", "person_id")
        .values_list("person_id", "person__name", "capacity", "voting")
    ]
    q = Body.objects.filter(pk=ctx.body).values_list(
        "quorum_min", "quorum_neds_min", "quorum_clinicians_min"
    )[0]
    return Section("attendance", "Attendance and quorum", Attendance(on, seats, bool(present), *q))


def declarations(ctx: Context) -> Section:
    """Every voting member's interests in force and declared on D, and the conflicts of
    each agenda item on the meeting's day."""
    on = ctx.meeting_date
    facts = ctx.register_facts()
    by_person: dict[str, list[InterestRow]] = {}
    for i in interests_in_force(facts, ctx.as_at):
        by_person.setdefault(i.person, []).append(i)
    members = [
        MemberInterests(p, ctx.people.get(p, p), sorted(by_person.get(p, []), key=_key))
        for p in sorted(ctx.voting, key=lambda p: (ctx.people.get(p, p), p))
    ]
    agenda = _agenda(ctx)
    orgs = {i.org for i in facts.interests if i.org}
    return Section(
        "declarations",
        "Declarations of interest",
        Declarations(on, members, agenda, ctx.org_names(orgs)),
    )


def _key(i: InterestRow):
    return (i.interest_from, i.interest)


def agenda(ctx: Context) -> Section:
    return Section("agenda", "Agenda", _agenda(ctx))
