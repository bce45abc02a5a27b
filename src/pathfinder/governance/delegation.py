"""The scheme of delegation of an organisation: who may decide which decision types up
to which limit, and who may decide a given decision as at D.

`who_may_decide` asks the same question §2 asks of a decision at a meeting (RULES.md,
"Authority"), through `conflicts.authority`, so the page and the conflicts check can
never disagree about what a delegation covers.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from pathfinder.governance.conflict_facts import DecisionFact, DelegationRule, MeetingFacts
from pathfinder.governance.conflicts import authority


@dataclass(frozen=True)
class Answer:
    decision_type: str
    amount: Decimal | None
    as_at: dt.date
    can_decide: tuple[str, ...]  # delegates of every covering delegation, sorted
    covering: tuple[DelegationRule, ...]


def covers(rule: DelegationRule, org: str, decision_type: str, amount, as_at) -> bool:
    """The one rule, asked of a single delegation (for listing which rows cover)."""
    return bool(
        authority(
            DecisionFact("", decision_type, amount, ()),
            MeetingFacts("", as_at, "", org, 0, delegations=[rule]),
        ).can_decide
    )


def who_may_decide(
    rules: list[DelegationRule], org: str, decision_type: str, amount, as_at: dt.date
) -> Answer:
    """Who may decide a `decision_type` of `amount` (None: no amount) at `org` on D."""
    found = authority(
        DecisionFact("", decision_type, amount, ()),
        MeetingFacts("", as_at, "", org, 0, delegations=list(rules)),
    )
    covering = tuple(r for r in rules if covers(r, org, decision_type, amount, as_at))
    return Answer(decision_type, amount, as_at, found.can_decide, covering)


def load_rules(org: str) -> list[DelegationRule]:
    """Every delegation of the organisation, at any date (one query)."""
    from pathfinder.governance.models import Delegation

    return [
        DelegationRule(org, t, delegate, limit, start, end)
        for t, delegate, limit, start, end in Delegation.objects.filter(org_id=org)
        .order_by("decision_type", "delegate", "valid_from")
        .values_list("decision_type", "delegate", "limit", "valid_from", "valid_to")
    ]
