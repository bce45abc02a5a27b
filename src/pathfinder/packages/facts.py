"""Reading what the loaded package says of itself."""

import datetime as dt

from pathfinder.core.iso_dates import parse_date
from pathfinder.packages.models import REFERENCE_DATE, PackageFact


def reference_date() -> dt.date | None:
    """The date the loaded package names to be seen on, if it names one."""
    value = PackageFact.objects.filter(key=REFERENCE_DATE).values_list("value", flat=True).first()
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None
