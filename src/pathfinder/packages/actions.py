"""Writes of what a loaded package says of itself: its reference date."""

import datetime as dt

from django.db import transaction

from pathfinder.core import actions
from pathfinder.packages.models import REFERENCE_DATE, PackageFact


@transaction.atomic
def keep_reference_date(day: dt.date | None, *, by, replace: bool) -> None:
    """Keep the date a package names. A package that names none leaves an added-to
    database as it was, and a replaced one without a date (it then opens on today)."""
    if day is None and not replace:
        return
    old = PackageFact.objects.filter(key=REFERENCE_DATE).first()
    if day is None:
        if old is not None:
            actions.remove(old, by=by)
    elif old is None:
        actions.create(PackageFact, by=by, key=REFERENCE_DATE, value=day.isoformat())
    elif old.value != day.isoformat():
        actions.update(old, by=by, value=day.isoformat())
