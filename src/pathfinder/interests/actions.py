"""Writes to the registers: declaring interests, gifts and hospitality, annual returns,
and recording that an interest ended. All audited, through core.actions."""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from pathfinder.core import actions
from pathfinder.core.errors import UserError
from pathfinder.interests.models import AnnualReturn, Gift, Interest


def declaration_date(as_at: dt.date) -> dt.date:
    """The day a declaration is made: the as-at date being worked at, never a future day
    (docs/decisions/0091)."""
    return min(as_at, timezone.localdate())


def _new_id(model, prefix: str) -> str:
    for _ in range(20):
        candidate = f"{prefix}-{secrets.token_hex(4).upper()}"
        if not model.objects.filter(pk=candidate).exists():
            return candidate
    raise UserError("Could not choose a new reference; try again")


@transaction.atomic
def declare_interest(person, *, by, declared_on: dt.date, **fields) -> Interest:
    if fields.get("interest_from") and fields["interest_from"] > declared_on:
        raise UserError("The interest cannot begin after the day it is declared")
    return actions.create(
        Interest,
        by=by,
        interest_id=_new_id(Interest, "I"),
        person=person,
        declared_on=declared_on,
        **fields,
    )


@transaction.atomic
def end_interest(
    interest: Interest, *, by, on: dt.date, expected_version: int | None = None
) -> Interest:
    interest = actions.current(interest, expected_version, what=f"interest {interest.pk}")
    if interest.interest_to is not None and interest.interest_to <= on:
        raise UserError(f"This interest already ended on {interest.interest_to.isoformat()}")
    if on < interest.interest_from:
        raise UserError("An interest cannot end before it began")
    return actions.update(interest, by=by, interest_to=on)


@transaction.atomic
def declare_gift(person, *, by, declared_on: dt.date, **fields) -> Gift:
    if fields.get("offered_on") and fields["offered_on"] > declared_on:
        raise UserError("A gift cannot be offered after the day it is declared")
    return actions.create(
        Gift, by=by, gift_id=_new_id(Gift, "G"), person=person, declared_on=declared_on, **fields
    )


@transaction.atomic
def make_return(person, *, by, returned_on: dt.date, nil: bool) -> AnnualReturn:
    return actions.create(AnnualReturn, by=by, person=person, returned_on=returned_on, nil=nil)
