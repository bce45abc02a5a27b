"""Writing audit events; every action calls `record` inside its transaction."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
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


# A password hash is still a secret: the trail records whether one is set, never the hash.
SECRET_FIELDS = ("password",)


def snapshot(obj: models.Model) -> dict:
    out = {}
    for f in obj._meta.concrete_fields:
        value = getattr(obj, f.attname)
        if f.attname in SECRET_FIELDS:
            out[f"{f.attname}_set"] = bool(value) and not value.startswith(UNUSABLE_PASSWORD_PREFIX)
            continue
        out[f.attname] = _plain(value)
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


def last_change() -> tuple:
    """The newest recorded change (its id and time), or () for none: every change is
    recorded, so what was worked out from the data at the same `last_change` still
    holds. The time is part of it because a rolled-back change's id is used again."""
    row = AuditEvent.objects.order_by("-id").values_list("id", "at").first()
    return tuple(row) if row else ()
