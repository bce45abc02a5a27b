"""The published register of interests (RULES.md §3): for members of decision-making
bodies only, the interests in force on D and those ended within the last months
(`published_ended_months`); never an email address. The web page and the CSV/XLSX
downloads all use `published_register`.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from pathfinder.core.refs import ref
from pathfinder.interests.register import Facts, Limits, load_facts, voting_members

# Bodies that take decisions; senates and partnerships advise (docs/decisions/0021).
DECISION_BODY_KINDS = frozenset({"board", "committee", "executive"})


def months_before(d: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier, clamped to the month's last day."""
    total = d.year * 12 + d.month - 1 - months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(d.day, last))


@dataclass(frozen=True)
class PublishedEntry:
    """One line of the published register: never an email address."""

    person: str
    name: str
    bodies: tuple[str, ...]
    interest: str
    category: str
    counterparty: str | None
    description: str
    interest_from: dt.date
    interest_to: dt.date | None
    declared_on: dt.date


def decision_makers(facts: Facts, as_at: dt.date) -> dict[str, tuple[str, ...]]:
    """person -> the decision-making bodies they are a voting member of on D."""
    out: dict[str, set[str]] = {}
    for m in voting_members(facts, as_at):
        if m.body_kind in DECISION_BODY_KINDS or m.body in facts.delegated_bodies:
            out.setdefault(m.person, set()).add(m.body)
    return {p: tuple(sorted(bodies)) for p, bodies in out.items()}


def published_entries(
    facts: Facts, as_at: dt.date, limits: Limits | None = None
) -> list[PublishedEntry]:
    """Interests of decision makers in force on D or ended within the last months."""
    limits = limits or Limits()
    since = months_before(as_at, limits.published_ended_months)
    makers = decision_makers(facts, as_at)
    out = []
    for i in facts.interests:
        if i.person not in makers or i.declared_on > as_at or i.interest_from > as_at:
            continue
        if i.interest_to is not None and i.interest_to < since:
            continue
        out.append(
            PublishedEntry(
                person=i.person,
                name=facts.names.get(i.person, ""),
                bodies=makers[i.person],
                interest=i.interest,
                category=i.category,
                counterparty=i.org,
                description=i.description,
                interest_from=i.interest_from,
                interest_to=i.interest_to,
                declared_on=i.declared_on,
            )
        )
    return sorted(out, key=lambda e: (e.person, e.interest))


def declared_json(interest, counterparty: str | None) -> dict:
    """What an interest says as declared, as the register and the API give it: `interest`
    has the declaration's category, description and dates."""
    return {
        "category": interest.category,
        "counterparty": ref("org", counterparty) if counterparty else None,
        "description": interest.description,
        "interest_from": interest.interest_from.isoformat(),
        "interest_to": interest.interest_to.isoformat() if interest.interest_to else None,
        "declared_on": interest.declared_on.isoformat(),
    }


def entry_json(e: PublishedEntry) -> dict:
    return {
        "person": ref("person", e.person),
        "name": e.name,
        "bodies": [ref("body", b) for b in e.bodies],
        "interest": ref("interest", e.interest),
        **declared_json(e, e.counterparty),
    }


def published_register(as_at: dt.date) -> list[dict]:
    """The register as published on D (web page and CSV/XLSX download)."""
    limits = Limits.from_settings()
    return [
        entry_json(e) for e in published_entries(load_facts(as_at, published=True), as_at, limits)
    ]
