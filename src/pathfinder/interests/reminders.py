"""The governance lead's reminders: the register checks of RULES.md §3 (late
declarations, gifts over the limits, missing returns, undeclared posts) for the people
who sit on bodies of, or hold posts at, the organisations the lead governs."""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from pathfinder.interests.register import Limits, analyse, load_facts

LABELS = {
    "late_declaration": "Late declaration",
    "gift_over_limit": "Gift or hospitality over the limit",
    "missing_return": "Missing annual return",
    "undeclared_post": "Post not declared",
}


@dataclass(frozen=True)
class Reminder:
    finding: str
    label: str
    subject: str
    person: str
    name: str
    detail: str


def load_reminders(as_at: dt.date, codes: set[str]) -> list[Reminder]:
    from pathfinder.core.audit import last_change
    from pathfinder.governance.models import Membership
    from pathfinder.people.models import Person

    facts, findings = _register_checked(last_change(), as_at, Limits.from_settings())
    mine = {m.person for m in facts.members if m.body_org in codes and m.in_force_on(as_at)} | {
        p.person for p in facts.posts if p.org in codes
    }
    wanted = [f for f in findings if f.person in mine]
    # Whoever is in `mine` sits on a body on D: their names come by a subquery, not as a
    # list of thousands of ids.
    sitting = Membership.objects.in_force(as_at).values("person_id")
    names = dict(Person.objects.filter(person_id__in=sitting).values_list("person_id", "name"))
    return [
        Reminder(
            f.finding, LABELS[f.finding], f.subject, f.person, names.get(f.person, ""), f.detail
        )
        for f in wanted
    ]


@lru_cache(maxsize=2)
def _register_checked(change, as_at: dt.date, limits: Limits):
    """The register's facts and checks on D, kept while no change is recorded (the same
    reasoning as an area's accountability: docs/decisions/0177)."""
    facts = load_facts(as_at)
    return facts, tuple(analyse(facts, as_at, limits))
