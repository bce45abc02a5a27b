"""Declared interests as plain rows: the one reading of the register of interests that
the conflicts check (RULES.md §2) and the register checks (§3) share.

The reader takes a queryset, so each analysis chooses which rows it reads (in force
on D, of the people of a meeting, declared by D) and reading them stays one query.
"""

import datetime as dt
from typing import NamedTuple

from pathfinder.core.effective import is_in_force


class InterestRow(NamedTuple):
    """An interest of `person` in organisation `org` (None for no organisation)."""

    interest: str
    person: str
    category: str
    org: str | None
    description: str = ""
    interest_from: dt.date | None = None
    interest_to: dt.date | None = None
    declared_on: dt.date | None = None

    def in_force_on(self, d: dt.date) -> bool:
        return is_in_force(self.interest_from, self.interest_to, d)


INTEREST_VALUES = (
    "interest_id",
    "person_id",
    "category",
    "counterparty_id",
    "description",
    "interest_from",
    "interest_to",
    "declared_on",
)


def interest_rows(interests) -> list[InterestRow]:
    """The interests of the queryset, by id, in one query."""
    return [InterestRow(*r) for r in interests.order_by("pk").values_list(*INTEREST_VALUES)]
