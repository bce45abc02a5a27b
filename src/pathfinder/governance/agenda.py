"""A meeting's agenda with the conflicts check of each decision, shaped for pages.

`conflicts.analyse_meeting` decides; this module adds the names and titles people read
(decision titles, people's and organisations' names, who may decide instead) with a
fixed number of queries for any number of decisions or meetings.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from pathfinder.governance.conflict_facts import MeetingFacts, load_meeting_facts
from pathfinder.governance.conflicts import (
    DECLARE,
    EXCLUDE,
    DecisionResult,
    Quorum,
    analyse_meeting,
)

QUORUM_PARTS = {
    "members": "too few members",
    "neds": "too few non-executive or lay members",
    "clinicians": "too few clinicians",
}


@dataclass(frozen=True)
class ConflictRow:
    category: str
    counterparty: str
    counterparty_name: str
    via: str | None
    via_name: str
    interest: str | None
    undeclared: bool
    action: str

    @property
    def category_text(self) -> str:
        return (
            self.category.replace("non_financial", "non-financial").replace("_", " ").capitalize()
        )


@dataclass
class ParticipantRow:
    person: str
    name: str
    action: str
    conflicts: list[ConflictRow] = field(default_factory=list)


@dataclass
class AgendaItem:
    decision: str
    title: str
    decision_type: str
    amount: Decimal | None
    outcome: str
    counterparties: list[tuple[str, str]]
    conflicted: list[ParticipantRow]
    participants: int
    quorum: Quorum
    within_delegation: bool
    can_decide: list[str]

    @property
    def excluded(self) -> list[ParticipantRow]:
        return [p for p in self.conflicted if p.action == EXCLUDE]

    @property
    def declaring(self) -> list[ParticipantRow]:
        return [p for p in self.conflicted if p.action == DECLARE]

    @property
    def quorum_failures(self) -> list[str]:
        return [QUORUM_PARTS[f] for f in self.quorum.fails]

    @property
    def type_text(self) -> str:
        return self.decision_type.replace("_", " ").capitalize()


@dataclass
class Agenda:
    meeting: str
    date: dt.date
    body: str
    body_name: str
    org: str
    attendance_taken: bool
    attendees: list[tuple[str, str]]
    items: list[AgendaItem]


@dataclass
class Names:
    people: dict[str, str] = field(default_factory=dict)
    orgs: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)  # decision -> title, outcome

    def delegate(self, reference: str) -> str:
        """`body:B-5PP` -> the body's name; `role:chief_executive` -> 'Chief executive'."""
        kind, _, code = reference.partition(":")
        if kind == "body":
            return self.bodies.get(code, code)
        if kind == "org":
            return self.orgs.get(code, code)
        return code.replace("_", " ").capitalize()


def load_names(facts_list: list[MeetingFacts]) -> Names:
    """Names for everything the meetings mention: four queries."""
    from pathfinder.governance.models import Body, Decision
    from pathfinder.organisations.models import Organisation
    from pathfinder.people.models import Person

    people = set()
    orgs = set()
    bodies = set()
    decisions = []
    for f in facts_list:
        people |= set(f.professions) | set(f.attendees)
        orgs |= {c for x in f.decisions for c in x.counterparties}
        orgs |= {i.org for i in f.interests if i.org} | {p.org for p in f.posts}
        bodies.add(f.body)
        bodies |= {g.delegate.removeprefix("body:") for g in f.delegations}
        decisions += [x.decision for x in f.decisions]
    names = Names()
    names.people = dict(
        Person.objects.filter(person_id__in=sorted(people)).values_list("person_id", "name")
    )
    names.orgs = dict(
        Organisation.objects.filter(code__in=sorted(orgs)).values_list("code", "name")
    )
    names.bodies = dict(
        Body.objects.filter(body_id__in=sorted(bodies)).values_list("body_id", "name")
    )
    names.titles = {
        d: (title, outcome)
        for d, title, outcome in Decision.objects.filter(decision_id__in=decisions).values_list(
            "decision_id", "title", "outcome"
        )
    }
    return names


def item_of(r: DecisionResult, facts: MeetingFacts, names: Names) -> AgendaItem:
    fact = next(x for x in facts.decisions if x.decision == r.decision)
    conflicted = []
    for p in r.participants:
        if not p.conflicts:
            continue
        rows = [
            ConflictRow(
                category=c.category,
                counterparty=c.counterparty,
                counterparty_name=names.orgs.get(c.counterparty, c.counterparty),
                via=c.via,
                via_name=names.orgs.get(c.via, c.via) if c.via else "",
                interest=c.interest,
                undeclared=c.undeclared,
                action=c.action,
            )
            for c in p.conflicts
        ]
        conflicted.append(
            ParticipantRow(p.person, names.people.get(p.person, p.person), p.action, rows)
        )
    title, outcome = names.titles.get(r.decision, (r.decision, ""))
    return AgendaItem(
        decision=r.decision,
        title=title,
        decision_type=fact.decision_type,
        amount=fact.amount,
        outcome=outcome,
        counterparties=[(c, names.orgs.get(c, c)) for c in fact.counterparties],
        conflicted=sorted(conflicted, key=lambda p: (p.name, p.person)),
        participants=len(r.participants),
        quorum=r.quorum,
        within_delegation=r.authority.within_delegation,
        can_decide=[names.delegate(d) for d in r.authority.can_decide],
    )


def agenda_of(facts: MeetingFacts, names: Names) -> Agenda:
    items = [item_of(r, facts, names) for r in analyse_meeting(facts)]
    return Agenda(
        meeting=facts.meeting,
        date=facts.date,
        body=facts.body,
        body_name=names.bodies.get(facts.body, facts.body),
        org=facts.body_org,
        attendance_taken=bool(facts.attendees),
        attendees=sorted(
            ((p, names.people.get(p, p)) for p in facts.attendees), key=lambda a: (a[1], a[0])
        ),
        items=items,
    )


def load_agenda(meeting: str) -> Agenda:
    """One meeting's agenda with every decision checked: twelve queries in all."""
    facts = load_meeting_facts(meeting)
    return agenda_of(facts, load_names([facts]))


def load_agendas(facts_list: list[MeetingFacts]) -> list[Agenda]:
    names = load_names(facts_list)
    return [agenda_of(f, names) for f in facts_list]
