"""Effective dating: the one definition of "in force on D" (DATA-PACKAGE.md)."""

import datetime as dt

from django.db import models
from django.db.models import Q

from pathfinder.core.dates import parse_date  # noqa: F401 - re-exported


def in_force_q(d: dt.date, start: str = "valid_from", end: str = "valid_to") -> Q:
    """Rows whose start is on or before D and whose end is empty or on or after D."""
    return Q(**{f"{start}__lte": d}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": d}))


def is_in_force(start: dt.date | None, end: dt.date | None, d: dt.date) -> bool:
    """The same rule for a row already in memory; an empty start means always started."""
    return (start is None or start <= d) and (end is None or d <= end)


def in_effect_q(d: dt.date, start: str, end: str) -> Q:
    """Rows started on or before D and not ended by D, where the end is the first day
    the row no longer holds (a risk's closing, an item's ending)."""
    return Q(**{f"{start}__lte": d}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": d}))


def open_q(d: dt.date) -> Q:
    """Organisations open on D: `opened` and `closed` are optional, `closed` inclusive."""
    return (Q(opened__isnull=True) | Q(opened__lte=d)) & (Q(closed__isnull=True) | Q(closed__gte=d))


class EffectiveQuerySet(models.QuerySet):
    def in_force(self, d: dt.date):
        return self.filter(in_force_q(d))


class Effective(models.Model):
    """A fact with a first and last day in force (inclusive); an empty end is open."""

    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    objects = EffectiveQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = []

    def in_force_on(self, d: dt.date) -> bool:
        return is_in_force(self.valid_from, self.valid_to, d)


def valid_range_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
        name=name,
    )


def choice_constraint(field: str, choices, name: str) -> models.CheckConstraint:
    """Enums are enforced by the database too, not only by forms and loaders."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": list(choices)}), name=name)


def code_field(**kwargs) -> models.CharField:
    return models.CharField(max_length=32, **kwargs)
