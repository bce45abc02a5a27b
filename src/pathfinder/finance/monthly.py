"""Reading spend through the monthly ledger totals (LedgerMonth).

Spend over a range of days is the range's whole months summed from LedgerMonth, plus
the days of a month the range starts or ends inside, summed from the ledger itself
(through its organisation-and-date index). The totals are a derived table written only
by the ledger's actions (finance/actions.py: `refresh_months`, `Tally`;
docs/decisions/0062, 0161).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BigIntegerField, Sum

from pathfinder.finance.models import LedgerEntry, LedgerMonth


def first_of_month(d: dt.date) -> dt.date:
    return d.replace(day=1)


def last_of_month(d: dt.date) -> dt.date:
    return dt.date(d.year + d.month // 12, d.month % 12 + 1, 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Split:
    """A range of days as whole months (first days of the first and last, or None) and
    the stretches of days outside them."""

    months: tuple[dt.date, dt.date] | None
    days: tuple[tuple[dt.date, dt.date], ...]


def split(start: dt.date, end: dt.date) -> Split:
    """The whole months of [start, end] and the stretches of days left over."""
    if end < start:
        return Split(None, ())
    if first_of_month(start) == first_of_month(end):
        whole = start.day == 1 and end == last_of_month(end)
        return Split((start, start), ()) if whole else Split(None, ((start, end),))
    days = []
    first = start
    if start.day != 1:
        days.append((start, last_of_month(start)))
        first = last_of_month(start) + dt.timedelta(days=1)
    last = first_of_month(end)
    if end != last_of_month(end):
        days.append((last, end))
        last = first_of_month(last - dt.timedelta(days=1))
    months = (first, last) if first <= last else None
    return Split(months, tuple(days))


def _month_rows(months: tuple[dt.date, dt.date], orgs: set[str] | None):
    qs = LedgerMonth.objects.filter(month__gte=months[0], month__lte=months[1])
    return qs.filter(org_id__in=orgs) if orgs is not None else qs


def _day_rows(start: dt.date, end: dt.date, orgs: set[str] | None):
    qs = LedgerEntry.objects.filter(date__gte=start, date__lte=end)
    if orgs is None:
        # Naming the organisations with spend that month lets the database seek each
        # in the ledger's index rather than read every line.
        orgs = set(
            LedgerMonth.objects.filter(month=first_of_month(start))
            .order_by()
            .values_list("org_id", flat=True)
            .distinct()
        )
    return qs.filter(org_id__in=orgs)


def pence_sum():
    return Sum("amount", output_field=BigIntegerField())


def spend(start: dt.date, end: dt.date, orgs: set[str] | None = None) -> dict:
    """Spend dated in [start, end], in pence, keyed (organisation, category)."""
    out: dict[tuple[str, str], int] = {}
    parts = split(start, end)
    queries = [_month_rows(parts.months, orgs)] if parts.months else []
    queries += [_day_rows(a, b, orgs) for a, b in parts.days]
    for qs in queries:
        rows = qs.values("org_id", "category").annotate(p=pence_sum()).order_by()
        for org, category, pence in rows.values_list("org_id", "category", "p"):
            out[org, category] = out.get((org, category), 0) + int(pence)
    return out


def spend_by_month(start: dt.date, end: dt.date, orgs: set[str] | None = None) -> dict:
    """Spend dated in [start, end], in pence, keyed 'YYYY-MM'."""
    out: dict[str, int] = {}
    parts = split(start, end)
    if parts.months:
        rows = _month_rows(parts.months, orgs).values("month").annotate(p=pence_sum()).order_by()
        for month, pence in rows.values_list("month", "p"):
            out[f"{month:%Y-%m}"] = out.get(f"{month:%Y-%m}", 0) + int(pence)
    for a, b in parts.days:
        pence = _day_rows(a, b, orgs).aggregate(p=pence_sum())["p"] or 0
        out[f"{a:%Y-%m}"] = out.get(f"{a:%Y-%m}", 0) + int(pence)
    return out
