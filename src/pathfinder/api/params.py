"""Query parameters shared by the routes (the "as at" date, other dates, financial years
and paging), and the paged answer of a list route.

Dates and years stay text to the validator so a bad one gets our own message, but the
document declares what is accepted (`format: date`, the financial year's pattern), and
the reading here accepts exactly that and nothing else (docs/decisions/0140).
"""

import datetime as dt
import re
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Query
from ninja.parser import Parser
from pydantic import BeforeValidator, StringConstraints, WithJsonSchema

from pathfinder.api.errors import NO_NUL, Invalid
from pathfinder.api.filters import text_param
from pathfinder.core.iso_dates import parse_date
from pathfinder.core.listing import Column, Listing, ListingError
from pathfinder.core.money import FinancialYear

# YYYY-YY from 1900-01 to 2099-00, YY the year after YYYY's last two digits: a regular
# expression cannot add one, so the hundred endings are spelled out (never 2011-13).
# The centuries are bounded so every year's first and last days are dates.
_ENDINGS = "|".join(f"{i:02d}-{(i + 1) % 100:02d}" for i in range(100))
FY_PATTERN = f"^(?:19|20)(?:{_ENDINGS})$"
_FY = re.compile(FY_PATTERN)

Text = Annotated[str, StringConstraints(pattern=NO_NUL)]  # a body's text field


def _iso_date(value):
    """A body's date as the document says: YYYY-MM-DD text, not a number or a timestamp."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError("not a date (YYYY-MM-DD)")
    return parse_date(value)


BodyDate = Annotated[dt.date, BeforeValidator(_iso_date)]
DateText = Annotated[str | None, WithJsonSchema({"type": "string", "format": "date"})]
YearText = Annotated[str | None, WithJsonSchema({"type": "string", "pattern": FY_PATTERN})]
RequiredYearText = Annotated[str, WithJsonSchema({"type": "string", "pattern": FY_PATTERN})]

AS_AT = Query(
    None,
    description="The date the answer is as at, YYYY-MM-DD (default: today).",
    example="2011-10-01",
)
YEAR_HELP = (
    "NHS financial year, YYYY-YY: the second year the one after the first, 1900-01 to 2099-00."
)
YEAR = Query(None, description=YEAR_HELP, example="2011-12")
DATE_FROM = Query(None, alias="from", description="On or after, YYYY-MM-DD.")
DATE_TO = Query(None, alias="to", description="On or before, YYYY-MM-DD.")
LIMIT_MAX = 1000
# Beyond any register's length, and small enough for every database's OFFSET.
OFFSET_MAX = 1_000_000_000
LIMIT = Query(100, ge=1, le=LIMIT_MAX, description=f"Items per page (1 to {LIMIT_MAX}).")
OFFSET = Query(
    0,
    ge=0,
    le=OFFSET_MAX,
    description=f"Items to skip before the page starts (at most {OFFSET_MAX:,}).",
)


class QueryParser(Parser):
    """Reads the query string as the document declares it: a parameter that takes one
    value but is given several is passed on as the list, which the validator refuses
    (422), instead of being read silently as its last value."""

    def parse_querydict(self, data, list_fields, request) -> dict:
        return {
            key: data.getlist(key)
            if key in list_fields or len(data.getlist(key)) > 1
            else data[key]
            for key in data
        }


def date_param(name: str, raw: str | None, default: dt.date | None = None) -> dt.date | None:
    """A strict ISO date from the query string (absent: the default); anything else is a
    422 naming the parameter."""
    if raw is None:
        return default
    try:
        return parse_date(raw)
    except ValueError as e:
        raise Invalid(name, str(e)) from None


def as_at_param(raw: str | None) -> dt.date:
    return date_param("as_at", raw, timezone.localdate())


def year_param(raw: str | None, name: str = "year") -> FinancialYear | None:
    """A financial year from the query string (absent: None); the pattern is the rule."""
    if raw is None:
        return None
    if not _FY.fullmatch(raw):
        raise Invalid(name, f"not a financial year (YYYY-YY, e.g. 2011-12): {raw!r}")
    return FinancialYear.parse(raw)


SORT = Query(
    None,
    description="Sort by this field; `-field` the other way. The fields a list sorts by are "
    "named in its description; ties keep the list's own order.",
)


class Sorts(list):
    """The fields a list route sorts by, as the listing component's columns; `type` is
    the `sort` parameter's, so the document names every value it takes."""

    def __init__(self, *keys: str):
        super().__init__(Column(k, k, (k,)) for k in keys)
        self.type = Literal[(*keys, *(f"-{k}" for k in keys))] | None


def sorts(*keys: str) -> Sorts:
    return Sorts(*keys)


def paged(
    queryset,
    shape,
    limit: int,
    offset: int,
    as_at: dt.date | None = None,
    *,
    request=None,
    sort_by: list[Column] = (),
    keys_first: bool = False,
) -> dict:
    """One page of an ordered queryset as a list route answers it (`schemas.Paged`), each
    item made by `shape`. A list that is not read as at a date (the registers, the
    ledger, QIPP schemes, meetings) gives no `as_at` and its answer has none. Given
    `sort_by`, `?sort=` orders it through the listing component (core/listing.py), the
    route's own order breaking ties; a key it does not offer is a 422.

    `keys_first` is for a big table whose route's order ends in its primary key and has
    a covering index: the page's keys are chosen from the index alone, then only those
    rows are read (docs/decisions/0217)."""
    if sort_by and request is not None and request.GET.get("sort"):
        try:
            listing = Listing(request, list(sort_by), sort_by[0].key, strict=True)
        except ListingError as e:
            raise Invalid(e.param, str(e)) from None
        queryset = listing.order(queryset, then=queryset.query.order_by)
    if keys_first:
        keys = queryset.values("pk")[offset : offset + limit]
        count = queryset.count()
        items = list(queryset.model.objects.filter(pk__in=keys).order_by(*queryset.query.order_by))
    else:
        count, items = Listing.window(queryset, limit, offset)
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
    if (text := text_param(text)) is None:
        return None
    return text.removeprefix(f"{kind}:")
