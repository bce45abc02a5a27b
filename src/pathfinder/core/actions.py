"""Generic audited writes used by the domain actions: create, update, end, remove.

Domain `actions.py` modules call these so every write validates, audits and runs in one
transaction (docs/decisions/0004-audit.md). Nothing here deletes an effective-dated row:
ending sets `valid_to`; only a row with no dates of its own is removed. A person's edit
passes `expected_version`, the version the page or API client read the row at: a stale
one is refused and nothing is written (`core/versions.py`, docs/decisions/0144-no-lost-updates.md).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from pathfinder.core import versions
from pathfinder.core.audit import record, snapshot


@transaction.atomic
def create(model, *, by, **fields):
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    record(by=by, operation="create", obj=obj, after=snapshot(obj))
    return obj


def current(obj, expected_version: int | None, *, what: str = ""):
    """`obj` as it is now, locked for the rest of the transaction; StaleVersion when it
    changed after `expected_version` (None: not a person's edit, nothing to check).
    A domain action calls this first, so its own checks see the row as it is."""
    if expected_version is None:
        return obj
    fresh = versions.lock(obj)
    versions.check(fresh, expected_version, what=what)
    return fresh


@transaction.atomic
def update(obj, *, by, expected_version: int | None = None, what: str = "", **fields):
    """Change `fields` of `obj`; with `expected_version`, only if nobody has changed it
    since that version was read (else StaleVersion, nothing written)."""
    current(obj, expected_version, what=what)
    before = snapshot(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    record(by=by, operation="update", obj=obj, before=before, after=snapshot(obj))
    return obj


@transaction.atomic
def end(obj, *, by, on: dt.date, expected_version: int | None = None, what: str = ""):
    """End an effective-dated row on `on` (its last day in force)."""
    obj = current(obj, expected_version, what=what)
    if obj.valid_to is not None and obj.valid_to <= on:
        raise ValidationError({"valid_to": f"already ended on {obj.valid_to.isoformat()}"})
    if on < obj.valid_from:
        raise ValidationError(
            {"valid_to": f"cannot end before it started ({obj.valid_from.isoformat()})"}
        )
    return update(obj, by=by, valid_to=on)


@transaction.atomic
def remove(obj, *, by):
    """Delete a row that carries no dates of its own (a record made by mistake); the
    audit keeps it as it was. An effective-dated row is ended instead."""
    if any(f.name == "valid_from" for f in obj._meta.concrete_fields):
        raise ValueError(f"{obj._meta.label} is effective-dated: end it, do not delete it")
    before = snapshot(obj)
    label, pk = obj._meta.label, str(obj.pk)
    obj.delete()
    record(by=by, operation="delete", model=label, object_id=pk, before=before)
