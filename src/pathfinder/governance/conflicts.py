"""Conflicts of interest at a decision (RULES.md §2): who takes part, each participant's
conflicts and action, whether the meeting stays quorate after exclusions, and whether
the decision lies within the scheme of delegation.

`conflict_facts.load_meeting_facts` reads the facts, `analyse_decision` is pure over
them, and `report` / `meeting_report` give the CLI.md JSON shape. A meeting's decisions
share one set of facts, so an agenda page costs the same queries for 1 or 20 decisions.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from pathfinder.core.effective import is_in_force
from pathfinder.core.refs import ref
from pathfinder.governance.conflict_facts import (
    DecisionFact,
    MeetingFacts,
    decision_meeting,
    load_meeting_facts,
)
from pathfinder.interests.facts import InterestRow
from pathfinder.people.models import CLINICAL_PROFESSIONS

EXCLUDE, DECLARE, NONE = "exclude", "declare", "none"
STRENGTH = {NONE: 0, DECLARE: 1, EXCLUDE: 2}
ALWAYS_EXCLUDE = frozenset({"financial", "indirect", "post"})
NED_CAPACITIES = frozenset({"ned", "lay"})
NED_POST_ROLES = frozenset({"ned", "lay_member"})


@dataclass(frozen=True)
class Conflict:
    category: str
    counterparty: str
    via: str | None
    interest: str | None
    undeclared: bool
    action: str

    def sort_key(self):
        return (self.category, self.interest or "", self.counterparty, self.via or "")


@dataclass
class Participant:
    person: str
    action: str
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True)
class Quorum:
    present: int
    required: int
    neds: int
    neds_required: int
    clinicians: int
    clinicians_required: int
    fails: tuple[str, ...]

    @property
    def quorate(self) -> bool:
        return not self.fails


@dataclass(frozen=True)
class Authority:
    within_delegation: bool
    can_decide: tuple[str, ...]


@dataclass
class DecisionResult:
    decision: str
    date: dt.date
    body: str
    participants: list[Participant]
    quorum: Quorum
    authority: Authority


def action_for(category: str, direct: bool) -> str:
    """The action table of RULES.md §2."""
    if category in ALWAYS_EXCLUDE:
        return EXCLUDE
    if category == "non_financial_professional":
        return EXCLUDE if direct else DECLARE
    return DECLARE


def strongest(actions) -> str:
    return max(actions, key=STRENGTH.__getitem__, default=NONE)


def participants(facts: MeetingFacts) -> list[str]:
    """Voting members in force on D, limited to those attending when attendance was taken."""
    voting = {m.person for m in facts.members if m.voting and m.in_force_on(facts.date)}
    if facts.attendees:
        voting &= facts.attendees
    return sorted(voting)


def neighbours(facts: MeetingFacts) -> dict[str, set[str]]:
    """Organisations linked directly (one hop, either direction) by a relationship on D."""
    out: dict[str, set[str]] = defaultdict(set)
    for link in facts.links:
        if is_in_force(link.valid_from, link.valid_to, facts.date):
            out[link.a].add(link.b)
            out[link.b].add(link.a)
    return out


def relation(org: str, counterparties, linked: dict[str, set[str]]) -> tuple[bool, str | None]:
    """(direct, via) when `org` is related to a counterparty, else (False, None).

    Direct wins over a hop; among several related counterparties the smallest code is `via`.
    """
    if org in counterparties:
        return True, None
    near = sorted(c for c in counterparties if c in linked.get(org, ()))
    return False, (near[0] if near else None)


def is_declared(interest: InterestRow, d: dt.date) -> bool:
    """On the register by D: a row declared after the meeting was not known at it."""
    return interest.declared_on is None or interest.declared_on <= d


def conflicts_of(
    person: str, decision: DecisionFact, facts: MeetingFacts, linked: dict[str, set[str]]
) -> list[Conflict]:
    d = facts.date
    cps = set(decision.counterparties)
    interests = [i for i in facts.interests if i.person == person and i.in_force_on(d)]
    found = []
    for i in interests:
        if i.org is None:
            continue
        direct, via = relation(i.org, cps, linked)
        if direct or via:
            action = action_for(i.category, direct)
            late = not is_declared(i, d)
            found.append(Conflict(i.category, i.org, via, i.interest, late, action))
    declared = {i.org for i in interests if i.org and is_declared(i, d)}
    post_orgs = {
        p.org
        for p in facts.posts
        if p.person == person and p.org != facts.body_org and p.in_force_on(d)
    }
    for org in sorted(post_orgs):
        direct, via = relation(org, cps, linked)
        if direct or via:
            action = action_for("post", direct)
            found.append(Conflict("post", org, via, None, org not in declared, action))
    return sorted(found, key=Conflict.sort_key)


def counts_as_ned(person: str, facts: MeetingFacts) -> bool:
    """A voting ned/lay member, or a chair with a ned or lay_member post at B's organisation."""
    d = facts.date
    caps = {
        m.capacity for m in facts.members if m.person == person and m.voting and m.in_force_on(d)
    }
    if caps & NED_CAPACITIES:
        return True
    return "chair" in caps and any(
        p.person == person
        and p.org == facts.body_org
        and p.role in NED_POST_ROLES
        and p.in_force_on(d)
        for p in facts.posts
    )


def quorum(remaining: list[str], facts: MeetingFacts) -> Quorum:
    neds = sum(1 for p in remaining if counts_as_ned(p, facts))
    clinicians = sum(1 for p in remaining if facts.professions.get(p) in CLINICAL_PROFESSIONS)
    fails = []
    if len(remaining) < facts.quorum_min:
        fails.append("members")
    if neds < facts.quorum_neds_min:
        fails.append("neds")
    if clinicians < facts.quorum_clinicians_min:
        fails.append("clinicians")
    return Quorum(
        present=len(remaining),
        required=facts.quorum_min,
        neds=neds,
        neds_required=facts.quorum_neds_min,
        clinicians=clinicians,
        clinicians_required=facts.quorum_clinicians_min,
        fails=tuple(fails),
    )


def authority(decision: DecisionFact, facts: MeetingFacts) -> Authority:
    """Covering delegations of B's organisation; within delegation when one names B."""
    covering = [
        g
        for g in facts.delegations
        if g.org == facts.body_org
        and g.decision_type == decision.decision_type
        and is_in_force(g.valid_from, g.valid_to, facts.date)
        and (g.limit is None or decision.amount is None or g.limit >= decision.amount)
    ]
    delegates = tuple(sorted({g.delegate for g in covering}))
    return Authority(ref("body", facts.body) in delegates, delegates)


def analyse_decision(decision: DecisionFact, facts: MeetingFacts) -> DecisionResult:
    linked = neighbours(facts)
    people = []
    for person in participants(facts):
        found = conflicts_of(person, decision, facts, linked)
        people.append(Participant(person, strongest(c.action for c in found), found))
    remaining = [p.person for p in people if p.action != EXCLUDE]
    return DecisionResult(
        decision=decision.decision,
        date=facts.date,
        body=facts.body,
        participants=people,
        quorum=quorum(remaining, facts),
        authority=authority(decision, facts),
    )


def analyse_meeting(facts: MeetingFacts) -> list[DecisionResult]:
    return [analyse_decision(x, facts) for x in sorted(facts.decisions, key=lambda x: x.decision)]


def as_json(r: DecisionResult) -> dict:
    return {
        "decision": r.decision,
        "date": r.date.isoformat(),
        "body": ref("body", r.body),
        "participants": [
            {
                "person": ref("person", p.person),
                "action": p.action,
                "conflicts": [
                    {
                        "category": c.category,
                        "counterparty": ref("org", c.counterparty),
                        "via": ref("org", c.via) if c.via else None,
                        "interest": ref("interest", c.interest) if c.interest else None,
                        "undeclared": c.undeclared,
                        "action": c.action,
                    }
                    for c in p.conflicts
                ],
            }
            for p in r.participants
        ],
        "quorum": {
            "quorate": r.quorum.quorate,
            "present": r.quorum.present,
            "required": r.quorum.required,
            "neds": r.quorum.neds,
            "neds_required": r.quorum.neds_required,
            "clinicians": r.quorum.clinicians,
            "clinicians_required": r.quorum.clinicians_required,
            "fails": list(r.quorum.fails),
        },
        "authority": {
            "within_delegation": r.authority.within_delegation,
            "can_decide": list(r.authority.can_decide),
        },
    }


def report(decision: str) -> dict:
    """The conflicts check for one decision (CLI `conflicts --decision ID`)."""
    facts = load_meeting_facts(decision_meeting(decision), decisions=[decision])
    return as_json(analyse_decision(facts.decisions[0], facts))


def meeting_report(meeting: str) -> list[dict]:
    """The conflicts check for every decision of a meeting, sorted by decision id."""
    return [as_json(r) for r in analyse_meeting(load_meeting_facts(meeting))]
