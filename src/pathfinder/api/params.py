"""Query parameters shared by the routes (the "as at" date and paging), and the paged
answer of a list route."""

import datetime as dt

from django.utils import timezone
from ninja import Query
from ninja.errors import HttpError

from pathfinder.core.dates import parse_date

AS_AT = Query(
    None,
    description="The date the answer is as at, YYYY-MM-DD (default: today).",
    example="2011-10-01",
)
LIMIT_MAX = 1000
LIMIT = Query(100, ge=1, le=LIMIT_MAX, description=f"Items per page (1 to {LIMIT_MAX}).")
OFFSET = Query(0, ge=0, description="Items to skip before the page starts.")


def date_param(name: str, raw: str | None, default: dt.date | None = None) -> dt.date | None:
    """A strict ISO date from the query string; a bad one is a 422 naming the parameter."""
    if raw is None or raw.strip() == "":
        return default
    try:
        return parse_date(raw.strip())
    except ValueError as e:
        raise HttpError(422, f"{name}: {e}") from None


def as_at_param(raw: str | None) -> dt.date:
    return date_param("as_at", raw, timezone.localdate())


def page(queryset, limit: int, offset: int) -> tuple[int, list]:
    """The total count and one page of an ordered queryset: two queries at most."""
    return queryset.count(), list(queryset[offset : offset + limit])


def paged(queryset, shape, limit: int, offset: int, as_at: dt.date | None = None) -> dict:
    """One page of an ordered queryset as a list route answers it (`schemas.Paged`), each
    item made by `shape`. A list that is not read as at a date (the registers, the
    ledger, QIPP schemes, meetings) gives no `as_at` and its answer has none."""
    count, items = page(queryset, limit, offset)
    head = {} if as_at is None else {"as_at": as_at}
    return {
        **head,
        "count": count,
        "limit": limit,
        "offset": offset,
        "items": [shape(x) for x in items],
    }


def code_param(text: str | None, kind: str) -> str | None:
    """A code given bare (`5PP`) or as a reference (`org:5PP`); empty means no filter."""
    if text is None or not text.strip():
        return None
    return text.strip().removeprefix(f"{kind}:")
