"""Generic audited writes used by the domain actions: create, update, end.

Domain `actions.py` modules call these so every write validates, audits and runs in one
transaction (docs/decisions/0004-audit.md). Nothing here deletes an effective-dated row:
ending sets `valid_to`.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from pathfinder.core.audit import record, snapshot


@transaction.atomic
def create(model, *, by, **fields):
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    record(by=by, operation="create", obj=obj, after=snapshot(obj))
    return obj


@transaction.atomic
def update(obj, *, by, **fields):
    before = snapshot(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    record(by=by, operation="update", obj=obj, before=before, after=snapshot(obj))
    return obj


@transaction.atomic
def end(obj, *, by, on: dt.date):
    """End an effective-dated row on `on` (its last day in force)."""
    if obj.valid_to is not None and obj.valid_to <= on:
        raise ValidationError({"valid_to": f"already ended on {obj.valid_to.isoformat()}"})
    if on < obj.valid_from:
        raise ValidationError(
            {"valid_to": f"cannot end before it started ({obj.valid_from.isoformat()})"}
        )
    return update(obj, by=by, valid_to=on)
