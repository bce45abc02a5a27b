"""Field and constraint shapes every app's models share."""

from django.db import models
from django.db.models import Q


def choice_constraint(field: str, choices, name: str) -> models.CheckConstraint:
    """Enums are enforced by the database too, not only by forms and loaders."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": list(choices)}), name=name)


def code_field(**kwargs) -> models.CharField:
    return models.CharField(max_length=32, **kwargs)


def optional_ref(to) -> models.ForeignKey:
    """A reference a row may leave empty, which the referred row never lists back."""
    return models.ForeignKey(to, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
