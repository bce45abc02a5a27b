"""Writing audit events; every action calls `record` inside its transaction."""

import datetime as dt
from decimal import Decimal

from django.db import models

from pathfinder.core.models import AuditEvent


def actor_name(by) -> str:
    """`by` is a user, or a string naming a job or command (e.g. 'cli:load')."""
    if by is None:
        raise ValueError("every change needs an actor: pass by=user or by='job:name'")
    if isinstance(by, str):
        return by
    return f"user:{by.get_username()}"


def _plain(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model) -> dict:
    out = {}
    for f in obj._meta.concrete_fields:
        out[f.attname] = _plain(getattr(obj, f.attname))
    return out


def record(
    *, by, operation: str, obj=None, model: str = "", object_id: str = "", before=None, after=None
) -> AuditEvent:
    if obj is not None:
        model = model or obj._meta.label
        object_id = object_id or str(obj.pk)
    return AuditEvent.objects.create(
        actor=actor_name(by),
        operation=operation,
        model=model,
        object_id=object_id,
        before=before,
        after=after,
    )
