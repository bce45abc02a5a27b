"""Effective dating: the one definition of "in force on D" (DATA-PACKAGE.md), for rows
in the database (`Dated`, `in_force_q`) and rows already in memory (`is_in_force`).

Package tables name their dates `valid_from`/`valid_to` (`Effective`); other tables
keep their own names (an interest's `interest_from`, a risk item's `added_on`) and say
which fields they are (docs/decisions/0165).
"""

import datetime as dt

from django.db import models
from django.db.models import Q


def in_force_q(
    d: dt.date,
    start: str = "valid_from",
    end: str = "valid_to",
    *,
    start_optional: bool = False,
    end_exclusive: bool = False,
) -> Q:
    """Rows whose start is on or before D and whose end is empty or on or after D.

    `end_exclusive` when the end is the first day the row no longer holds (a risk's
    closing, an item's ending); `start_optional` when an empty start means always
    started (an organisation's opening)."""
    started = Q(**{f"{start}__lte": d})
    if start_optional:
        started |= Q(**{f"{start}__isnull": True})
    after = "gt" if end_exclusive else "gte"
    return started & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__{after}": d}))


def is_in_force(
    start: dt.date | None, end: dt.date | None, d: dt.date, *, end_exclusive: bool = False
) -> bool:
    """The same rule for a row already in memory; an empty start means always started."""
    not_ended = end is None or (d < end if end_exclusive else d <= end)
    return (start is None or start <= d) and not_ended


class DatedQuerySet(models.QuerySet):
    def in_force(self, d: dt.date):
        return self.filter(self.model.in_force_q(d))


class Dated(models.Model):
    """A row in force from its `START` field to its `END` field (empty: open).

    Subclasses name their own date fields; `END_EXCLUSIVE` when the end is the first
    day no longer in force, `START_OPTIONAL` when an empty start means always started.
    No fields of its own, so subclasses keep their columns."""

    START = "valid_from"
    END = "valid_to"
    END_EXCLUSIVE = False
    START_OPTIONAL = False

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def in_force_q(cls, d: dt.date, prefix: str = "") -> Q:
        """The rule for this table; `prefix` reaches it across a relation (`risk__`)."""
        return in_force_q(
            d,
            prefix + cls.START,
            prefix + cls.END,
            start_optional=cls.START_OPTIONAL,
            end_exclusive=cls.END_EXCLUSIVE,
        )

    def in_force_on(self, d: dt.date) -> bool:
        start, end = getattr(self, self.START), getattr(self, self.END)
        return is_in_force(start, end, d, end_exclusive=self.END_EXCLUSIVE)


class Effective(Dated):
    """A fact with a first and last day in force (inclusive); an empty end is open."""

    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True


def valid_range_constraint(
    name: str, start: str = "valid_from", end: str = "valid_to"
) -> models.CheckConstraint:
    """An end, when given, is on or after the start."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )
