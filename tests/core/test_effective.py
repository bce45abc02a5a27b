"""The one in-force rule, for tables whose date fields have their own names: no database."""

import datetime as dt

import pytest
from django.db.models import Q

from pathfinder.core.effective import in_force_q, is_in_force
from pathfinder.governance.models import Membership
from pathfinder.interests.models import Interest
from pathfinder.organisations.models import Organisation
from pathfinder.risks.models import Risk, RiskControl

D = dt.date(2011, 11, 3)
BEFORE, AFTER = D - dt.timedelta(days=1), D + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "end", "inclusive", "exclusive"),
    [
        (BEFORE, None, True, True),
        (D, D, True, False),  # ends on D: still in force, unless the end is exclusive
        (BEFORE, AFTER, True, True),
        (AFTER, None, False, False),
        (BEFORE, BEFORE, False, False),
        (None, None, True, True),  # an empty start means always started
    ],
)
def test_the_rule_in_memory(start, end, inclusive, exclusive):
    assert is_in_force(start, end, D) is inclusive
    assert is_in_force(start, end, D, end_exclusive=True) is exclusive


def test_each_table_applies_the_rule_to_its_own_fields():
    assert Membership.in_force_q(D) == in_force_q(D, "valid_from", "valid_to")
    assert Interest.in_force_q(D) == in_force_q(D, "interest_from", "interest_to")
    assert Risk.in_force_q(D, "risk__") == (
        Q(risk__opened__lte=D) & (Q(risk__closed__isnull=True) | Q(risk__closed__gt=D))
    )
    assert RiskControl.in_force_q(D) == in_force_q(D, "added_on", "ended_on", end_exclusive=True)
    assert Organisation.in_force_q(D) == (
        (Q(opened__lte=D) | Q(opened__isnull=True)) & (Q(closed__isnull=True) | Q(closed__gte=D))
    )


def test_a_row_in_memory_follows_its_table():
    assert Interest(interest_from=BEFORE, interest_to=D).in_force_on(D)
    assert not Interest(interest_from=AFTER).in_force_on(D)
    assert not RiskControl(added_on=BEFORE, ended_on=D).in_force_on(D)
    assert RiskControl(added_on=BEFORE, ended_on=AFTER).in_force_on(D)
    assert Organisation(opened=None, closed=D).open_on(D)
    assert not Organisation(opened=None, closed=BEFORE).open_on(D)
    assert not Risk(opened=BEFORE, closed=D).in_force_on(D)
