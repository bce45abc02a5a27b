"""Monthly ledger totals (LedgerMonth): kept with the ledger, read by the roll-ups.

Spend over a range of days is the range's whole months summed from LedgerMonth, plus
the days of a month the range starts or ends inside, summed from the ledger itself
(through its organisation-and-date index). Every write to the ledger keeps the totals:
the package loader adds the totals of the rows it writes (`Tally`), an upload refreshes
its organisation, and a line saved or deleted through the ORM refreshes its
organisation by signal (docs/decisions/0062).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import BigIntegerField, Count, Sum
from django.db.models.functions import TruncMonth

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


def _pence():
    return Sum("amount", output_field=BigIntegerField())


def spend(start: dt.date, end: dt.date, orgs: set[str] | None = None) -> dict:
    """Spend dated in [start, end], in pence, keyed (organisation, category)."""
    out: dict[tuple[str, str], int] = {}
    parts = split(start, end)
    queries = [_month_rows(parts.months, orgs)] if parts.months else []
    queries += [_day_rows(a, b, orgs) for a, b in parts.days]
    for qs in queries:
        rows = qs.values("org_id", "category").annotate(p=_pence()).order_by()
        for org, category, pence in rows.values_list("org_id", "category", "p"):
            out[org, category] = out.get((org, category), 0) + int(pence)
    return out


def spend_by_month(start: dt.date, end: dt.date, orgs: set[str] | None = None) -> dict:
    """Spend dated in [start, end], in pence, keyed 'YYYY-MM'."""
    out: dict[str, int] = {}
    parts = split(start, end)
    if parts.months:
        rows = _month_rows(parts.months, orgs).values("month").annotate(p=_pence()).order_by()
        for month, pence in rows.values_list("month", "p"):
            out[f"{month:%Y-%m}"] = out.get(f"{month:%Y-%m}", 0) + int(pence)
    for a, b in parts.days:
        pence = _day_rows(a, b, orgs).aggregate(p=_pence())["p"] or 0
        out[f"{a:%Y-%m}"] = out.get(f"{a:%Y-%m}", 0) + int(pence)
    return out


def refresh(orgs: Iterable[str] | None = None) -> None:
    """Sum the ledger again for these organisations (None: every organisation)."""
    months = LedgerMonth.objects.all()
    lines = LedgerEntry.objects.all()
    if orgs is not None:
        orgs = set(orgs)
        months, lines = months.filter(org_id__in=orgs), lines.filter(org_id__in=orgs)
    months.delete()
    rows = (
        lines.annotate(m=TruncMonth("date"))
        .values("org_id", "category", "m")
        .annotate(p=_pence(), n=Count("id"))
        .order_by()
        .values_list("org_id", "category", "m", "p", "n")
    )
    LedgerMonth.objects.bulk_create(
        (
            LedgerMonth(org_id=org, category=cat, month=m, amount=p, lines=n)
            for org, cat, m, p, n in rows.iterator()
        ),
        batch_size=2000,
    )


class Tally:
    """Totals of the ledger rows a load writes, added to LedgerMonth when it ends.

    `columns` names the fields of each row, in order, as the loader writes them; a row's
    date is ISO text or a date, its amount pence.
    """

    def __init__(self, columns: list[str]):
        self.at = [columns.index(c) for c in ("org_id", "category", "date", "amount")]
        self.totals: dict[tuple[str, str, str], list[int]] = {}

    def add(self, rows: list) -> None:
        o, c, d, a = self.at
        totals = self.totals
        for row in rows:
            day = row[d]
            key = (row[o], row[c], (day if day.__class__ is str else day.isoformat())[:7])
            t = totals.get(key)
            if t is None:
                totals[key] = [row[a], 1]
            else:
                t[0] += row[a]
                t[1] += 1

    def merge(self, totals: dict) -> None:
        """Add totals kept by another Tally (of rows loaded elsewhere)."""
        for key, (pence, n) in totals.items():
            t = self.totals.get(key)
            if t is None:
                self.totals[key] = [pence, n]
            else:
                t[0] += pence
                t[1] += n

    def save(self) -> None:
        """Add the totals to LedgerMonth, month by month (an upsert that adds)."""
        if not self.totals:
            return
        table = connection.ops.quote_name(LedgerMonth._meta.db_table)
        sql = (
            f"INSERT INTO {table} (org_id, category, month, amount, lines) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (org_id, category, month) DO UPDATE "
            f"SET amount = {table}.amount + excluded.amount, "
            f"lines = {table}.lines + excluded.lines"
        )
        rows = [
            (org, cat, dt.date.fromisoformat(f"{month}-01"), pence, n)
            for (org, cat, month), (pence, n) in self.totals.items()
        ]
        with connection.cursor() as c:
            if connection.vendor == "postgresql":  # one statement, not one per month
                c.execute(
                    sql.replace(
                        "VALUES (%s, %s, %s, %s, %s)",
                        "SELECT * FROM unnest(%s::varchar[], %s::varchar[], %s::date[], "
                        "%s::bigint[], %s::int[])",
                    ),
                    [list(col) for col in zip(*rows, strict=True)],
                )
            else:
                c.executemany(sql, rows)
        self.totals = {}

    @staticmethod
    def clear() -> None:
        LedgerMonth.objects.all().delete()
