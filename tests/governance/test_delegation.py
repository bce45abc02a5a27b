"""Who may decide (the scheme of delegation), over hand-built rules; no database."""

import datetime as dt
from decimal import Decimal

from pathfinder.governance.conflict_facts import DelegationRule
from pathfinder.governance.delegation import who_may_decide

D = dt.date(2011, 10, 1)
START = dt.date(2011, 4, 1)
RULES = [
    DelegationRule("5PP", "contract_award", "role:chief_executive", Decimal("250000"), START),
    DelegationRule("5PP", "contract_award", "body:B-5PP", None, START),
    DelegationRule("5PP", "contract_award", "body:B-OLD", None, START, dt.date(2011, 9, 30)),
    DelegationRule("5PP", "business_case", "body:B-AUD", Decimal("100000"), START),
    DelegationRule("OTHER", "contract_award", "body:B-X", None, START),
]


def test_a_limit_covers_amounts_up_to_it():
    at_limit = who_may_decide(RULES, "5PP", "contract_award", Decimal("250000"), D)
    assert at_limit.can_decide == ("body:B-5PP", "role:chief_executive")
    over = who_may_decide(RULES, "5PP", "contract_award", Decimal("250000.01"), D)
    assert over.can_decide == ("body:B-5PP",)
    assert [r.delegate for r in over.covering] == ["body:B-5PP"]


def test_no_amount_is_covered_by_any_limit():
    answer = who_may_decide(RULES, "5PP", "business_case", None, D)
    assert answer.can_decide == ("body:B-AUD",)


def test_only_delegations_in_force_of_the_organisation_and_type_count():
    assert who_may_decide(
        RULES, "5PP", "contract_award", None, dt.date(2011, 9, 30)
    ).can_decide == (
        "body:B-5PP",
        "body:B-OLD",
        "role:chief_executive",
    )
    assert (
        who_may_decide(RULES, "5PP", "contract_award", None, dt.date(2011, 3, 31)).can_decide == ()
    )
    assert who_may_decide(RULES, "5PP", "grant", Decimal("1"), D).can_decide == ()
    assert who_may_decide(RULES, "OTHER", "contract_award", None, D).can_decide == ("body:B-X",)
