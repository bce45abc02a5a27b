"""An organisation's public registers as at a date: the register of interests of its
decision-makers (RULES.md §3, through `published.py`), their gifts and hospitality, and
the register of procurement decisions with the conflicts declared and how each was
managed. No email address is ever read."""

import datetime as dt
from dataclasses import dataclass

from pathfinder.governance.agenda import load_agendas
from pathfinder.governance.meeting_batch import load_meetings_facts
from pathfinder.interests.published import (
    DECISION_BODY_KINDS,
    PublishedEntry,
    published_entries,
)
from pathfinder.interests.register import Limits, load_facts, voting_members

GIFT_MONTHS = 12


@dataclass(frozen=True)
class GiftEntry:
    name: str
    kind: str
    offered_by: str
    description: str
    value: object
    offered_on: dt.date
    accepted: bool
    declared_on: dt.date
    over_limit: bool


@dataclass(frozen=True)
class DecisionEntry:
    date: dt.date
    body: str
    decision: str
    title: str
    decision_type: str
    amount: object
    counterparties: str
    outcome: str
    declarations: str
    managed: str
    quorate: bool
    within_delegation: bool
    conflicted: tuple[tuple[str, str, str], ...] = ()  # (name, interests, how managed)


@dataclass
class Registers:
    as_at: dt.date
    interests: list[PublishedEntry]
    counterparty_names: dict[str, str]
    gifts: list[GiftEntry]
    decisions: list[DecisionEntry]


def _makers_of(facts, as_at, org_bodies: set[str]) -> set[str]:
    return {
        m.person
        for m in voting_members(facts, as_at)
        if m.body in org_bodies
        and (m.body_kind in DECISION_BODY_KINDS or m.body in facts.delegated_bodies)
    }


def gift_entries(people, names, as_at: dt.date, limits: Limits) -> list[GiftEntry]:
    from pathfinder.interests.models import Gift

    since = as_at - dt.timedelta(days=365 * GIFT_MONTHS // 12)
    out = []
    for g in Gift.objects.filter(
        person_id__in=sorted(people),
        offered_on__gt=since,
        offered_on__lte=as_at,
        declared_on__lte=as_at,
    ).order_by("offered_on", "gift_id"):
        limit = limits.hospitality_limit if g.kind == "hospitality" else limits.gift_limit
        out.append(
            GiftEntry(
                name=names.get(g.person_id, ""),
                kind=g.get_kind_display(),
                offered_by=g.offered_by,
                description=g.description,
                value=g.value,
                offered_on=g.offered_on,
                accepted=g.accepted,
                declared_on=g.declared_on,
                over_limit=g.value > limit,
            )
        )
    return out


def decision_entries(org_code: str, as_at: dt.date) -> list[DecisionEntry]:
    from pathfinder.governance.models import Meeting

    meetings = Meeting.objects.filter(body__org_id=org_code, date__lte=as_at)
    out = []
    for agenda in load_agendas(load_meetings_facts(meetings)):
        for item in agenda.items:
            declared = []
            managed = []
            rows = []
            for p in item.conflicted:
                what = "; ".join(
                    f"{c.category_text} interest in {c.counterparty_name}" for c in p.conflicts
                )
                declared.append(f"{p.name}: {what}")
                how = "left the meeting for the item" if p.action == "exclude" else "declared"
                rows.append((p.name, what, how))
                managed.append(
                    f"{p.name}: "
                    + (
                        "left the meeting for the item"
                        if p.action == "exclude"
                        else "declared, took part"
                    )
                )
            out.append(
                DecisionEntry(
                    date=agenda.date,
                    body=agenda.body_name,
                    decision=item.decision,
                    title=item.title,
                    decision_type=item.type_text,
                    amount=item.amount,
                    counterparties="; ".join(f"{n} ({c})" for c, n in item.counterparties),
                    outcome=item.outcome.capitalize() if item.outcome else "Not recorded",
                    declarations=" | ".join(declared) or "None",
                    managed=" | ".join(managed) or "Not needed",
                    quorate=item.quorum.quorate,
                    within_delegation=item.within_delegation,
                    conflicted=tuple(rows),
                )
            )
    return sorted(out, key=lambda e: (e.date, e.decision), reverse=True)


def load_registers(org, as_at: dt.date) -> Registers:
    from pathfinder.core.effective import in_force_q
    from pathfinder.governance.models import Body, Membership
    from pathfinder.organisations.models import Organisation

    limits = Limits.from_settings()
    org_bodies = set(Body.objects.filter(org=org).values_list("body_id", flat=True))
    # Only the rows of those who sit on its bodies: each entry is about one person's own
    # rows, so theirs are as in the whole register, without reading the nation's.
    seated = Membership.objects.filter(in_force_q(as_at), voting=True, body_id__in=org_bodies)
    facts = load_facts(
        as_at, published=True, people=set(seated.values_list("person_id", flat=True))
    )
    makers = _makers_of(facts, as_at, org_bodies)
    interests = []
    for e in published_entries(facts, as_at, limits):
        if e.person in makers:
            bodies = tuple(b for b in e.bodies if b in org_bodies)
            interests.append(PublishedEntry(**{**e.__dict__, "bodies": bodies}))
    codes = sorted({e.counterparty for e in interests if e.counterparty})
    return Registers(
        as_at=as_at,
        interests=sorted(interests, key=lambda e: (e.name, e.interest)),
        counterparty_names=dict(
            Organisation.objects.filter(code__in=codes).values_list("code", "name")
        ),
        gifts=gift_entries(makers, facts.names, as_at, limits),
        decisions=decision_entries(org.code, as_at),
    )


def interest_table(r: Registers) -> tuple[list[str], list[list]]:
    header = [
        "name",
        "bodies",
        "category",
        "organisation",
        "description",
        "from",
        "to",
        "declared_on",
    ]
    rows = [
        [
            e.name,
            "; ".join(e.bodies),
            e.category.replace("_", " "),
            r.counterparty_names.get(e.counterparty, e.counterparty) if e.counterparty else "",
            e.description,
            e.interest_from,
            e.interest_to,
            e.declared_on,
        ]
        for e in r.interests
    ]
    return header, rows


def gift_table(r: Registers) -> tuple[list[str], list[list]]:
    header = [
        "name",
        "kind",
        "offered_by",
        "description",
        "value",
        "offered_on",
        "accepted",
        "declared_on",
        "over_limit",
    ]
    rows = [
        [
            g.name,
            g.kind,
            g.offered_by,
            g.description,
            g.value,
            g.offered_on,
            g.accepted,
            g.declared_on,
            g.over_limit,
        ]
        for g in r.gifts
    ]
    return header, rows


def decision_table(r: Registers) -> tuple[list[str], list[list]]:
    header = [
        "date",
        "body",
        "decision",
        "title",
        "type",
        "value",
        "counterparties",
        "outcome",
        "interests_declared",
        "how_managed",
        "quorate_after_exclusions",
        "within_delegation",
    ]
    rows = [
        [
            d.date,
            d.body,
            d.decision,
            d.title,
            d.decision_type,
            d.amount,
            d.counterparties,
            d.outcome,
            d.declarations,
            d.managed,
            d.quorate,
            d.within_delegation,
        ]
        for d in r.decisions
    ]
    return header, rows


TABLES = {"interests": interest_table, "gifts": gift_table, "decisions": decision_table}
