"""A set of organisation codes as a one-column subquery read from one bound parameter,
for `__in` lookups over a scope of thousands of organisations (docs/decisions/0197).

`Q(org_id__in=codes_table(scope.org_codes()))` sends the database one statement of
fixed text and one parameter, whatever the scope's size: not thousands of literals,
and not the scope's recursive query run again inside every statement that needs it.
"""

import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL


def codes_table(codes):
    """The codes as `SELECT code` rows: a scope's own subquery of the closure table
    (core/scope.py `ScopeCodes`), else an array on PostgreSQL, a JSON array on SQLite."""
    if hasattr(codes, "subquery"):
        return codes.subquery()
    ordered = sorted(codes)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::varchar[])", (ordered,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ordered),))


def in_value(codes):
    """What an `__in` lookup is given for `codes`: a subquery as it is, any other
    collection as a sorted list (the same statement for the same codes)."""
    return codes if hasattr(codes, "resolve_expression") else sorted(codes)


@dataclass(frozen=True)
class CodesFilter:
    """A scope's organisations as a filter: their subquery, or nothing at all when they
    are every organisation in the register (a national administrator's)."""

    table: RawSQL | None

    @property
    def everything(self) -> bool:
        return self.table is None

    def q(self, field: str) -> Q:
        """Rows whose `field` is one of the codes; an empty Q (every row) for everything."""
        return Q() if self.table is None else Q(**{f"{field}__in": self.table})


def codes_filter(codes) -> CodesFilter:
    """One query: how many organisations there are, and how many of them are in `codes`."""
    from django.db.models import Count

    from pathfinder.organisations.models import Organisation

    table = codes_table(codes)
    n = Organisation.objects.aggregate(
        every=Count("code"), mine=Count("code", filter=Q(code__in=table))
    )
    return CodesFilter(None if n["mine"] == n["every"] else table)
