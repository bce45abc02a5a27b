"""What the finance pages show: the roll-up restricted to the user's scope, the monthly
cumulative spend for the chart, and the drill-down from a group to single transactions.

The figures of every row come from `rollup.analyse` over `rollup.load_facts`, the same
functions the CLI and the API call; this module only chooses which rows a user sees and
adds the set-based drill-down queries (one GROUP BY or one page per view, never a query
per row).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BigIntegerField, Count, Q, Sum

from pathfinder.core.money import FinancialYear, from_pence, to_pence
from pathfinder.finance import monthly as ledger_months
from pathfinder.finance import rollup
from pathfinder.finance.models import Budget, LedgerEntry


@dataclass(frozen=True)
class Line:
    """One line of a drill-down table: a category or a supplier, with its figures."""

    key: str
    budget: Decimal | None
    actual: Decimal
    forecast: Decimal | None
    variance: Decimal | None
    overspend_risk: bool
    lines: int = 0


@dataclass(frozen=True)
class Overview:
    result: rollup.Result
    rows: list[rollup.Row]  # the groups the user may see
    budget: Decimal
    actual: Decimal
    forecast: Decimal

    @property
    def overspend_risks(self) -> int:
        return sum(1 for r in self.rows if r.overspend_risk)


@dataclass(frozen=True)
class OrganisationMoney:
    """An organisation's page: its group row at the level, the rows of the organisations
    attributed to it (none when only itself), and its own lines by category."""

    orgs: set[str]
    group: list[rollup.Row]
    members: list[rollup.Row]
    categories: list[Line]
    months: int


@dataclass(frozen=True)
class Monthly:
    months: list[str]
    cumulative: list[Decimal | None]  # spend to each month's end (or D); None after D
    budget: Decimal


def choose_year(text: str | None, as_at: dt.date) -> FinancialYear:
    """The year asked for, or the one containing the as-at date."""
    if text:
        return rollup.parse_year(text)
    return FinancialYear.containing(as_at)


def known_years() -> list[str]:
    return sorted(Budget.objects.order_by().values_list("financial_year", flat=True).distinct())


def overview(
    year: FinancialYear,
    by: str,
    as_at: dt.date,
    restate_as_at: dt.date | None,
    codes: set[str],
) -> tuple[Overview, rollup.Facts]:
    """The roll-up at a level, keeping the rows of groups in `codes` whole."""
    facts = rollup.load_facts(year, as_at, restate_as_at)
    result = rollup.analyse(facts, by)
    rows = [r for r in result.rows if r.group in codes]
    budget = sum((r.budget for r in rows), Decimal("0.00"))
    actual = sum((r.actual for r in rows), Decimal("0.00"))
    forecast = sum((r.forecast for r in rows), Decimal("0.00"))
    return Overview(result, rows, budget, actual, forecast), facts


def members(facts: rollup.Facts, group: str, by: str) -> set[str]:
    """The organisations whose money is attributed to `group` at the level."""
    orgs = {org for org, _ in facts.budgets} | {org for org, _ in facts.actuals}
    return {org for org in orgs if facts.structure.group(org, by) == group}


def organisation_money(
    year: FinancialYear, as_at: dt.date, restate_as_at: dt.date | None, org: str, by: str
) -> OrganisationMoney:
    facts = rollup.load_facts(year, as_at, restate_as_at)
    months = rollup.months_elapsed(year, as_at)
    orgs = members(facts, org, by)
    mine = restricted(facts, orgs)
    return OrganisationMoney(
        orgs=orgs,
        group=rollup.analyse(mine, by).rows,
        members=rollup.analyse(mine, "organisation").rows if orgs - {org} else [],
        categories=categories(facts, org, months),
        months=months,
    )


def restricted(facts: rollup.Facts, orgs: set[str]) -> rollup.Facts:
    """The same facts with only the given organisations' lines."""
    return rollup.Facts(
        year=facts.year,
        as_at=facts.as_at,
        budgets={k: v for k, v in facts.budgets.items() if k[0] in orgs},
        actuals={k: v for k, v in facts.actuals.items() if k[0] in orgs},
        structure=facts.structure,
    )


def categories(facts: rollup.Facts, org: str, months: int) -> list[Line]:
    """One organisation's budget lines and spend by category, forecast as the rules say."""
    keys = {c for o, c in facts.budgets if o == org} | {c for o, c in facts.actuals if o == org}
    return [
        Line(
            key=category,
            **rollup.figures(
                facts.budgets.get((org, category), 0), facts.actuals.get((org, category), 0), months
            ),
        )
        for category in sorted(keys)
    ]


def _spend_end(year: FinancialYear, as_at: dt.date) -> dt.date:
    return min(as_at, year.end)


def ledger_in_year(year: FinancialYear, as_at: dt.date):
    """Ledger lines dated in the year up to D, as the roll-up counts them."""
    return LedgerEntry.objects.filter(date__gte=year.start, date__lte=_spend_end(year, as_at))


def suppliers(org: str, category: str, year: FinancialYear, as_at: dt.date):
    """Spend of one organisation and category by supplier, largest first (one query)."""
    return (
        ledger_in_year(year, as_at)
        .filter(org_id=org, category=category)
        .values("supplier")
        .annotate(
            pence=Sum("amount", output_field=BigIntegerField()),
            lines=Count("id"),
        )
        .order_by("-pence", "supplier")
    )


def category_spend(org: str, year: FinancialYear, as_at: dt.date) -> list[tuple]:
    """(category, spend, lines) of one organisation in the year to D (one query)."""
    rows = (
        ledger_in_year(year, as_at)
        .filter(org_id=org)
        .values("category")
        .annotate(pence=Sum("amount", output_field=BigIntegerField()), lines=Count("id"))
        .order_by("category")
    )
    return [(c["category"], from_pence(c["pence"]), c["lines"]) for c in rows]


def transactions(org: str, category: str, supplier: str, year: FinancialYear, as_at: dt.date):
    return (
        ledger_in_year(year, as_at)
        .filter(org_id=org, category=category, supplier=supplier)
        .order_by("date", "id")
    )


def _month_expression():
    """The 'YYYY-MM' of a ledger date: SQLite keeps dates as ISO text already."""
    from django.db import connection
    from django.db.models import CharField
    from django.db.models.functions import Cast, Substr

    if connection.vendor == "sqlite":
        return Substr("date", 1, 7)
    return Substr(Cast("date", output_field=CharField()), 1, 7)


def monthly(year: FinancialYear, as_at: dt.date, orgs: set[str] | None, budget: Decimal):
    """Cumulative spend at the end of each month of the year (to D in D's month);
    `orgs` None means every organisation."""
    end = _spend_end(year, as_at)
    per_month = ledger_months.spend_by_month(year.start, end, orgs)
    last = f"{end.year:04d}-{end.month:02d}" if end >= year.start else ""
    running, cumulative = 0, []
    for m in year.months():
        if m > last:
            cumulative.append(None)
            continue
        running += per_month.get(m, 0)
        cumulative.append(from_pence(running))
    return Monthly(year.months(), cumulative, budget)


def budget_total(year: FinancialYear, orgs: set[str]) -> Decimal:
    """The year's budget of the organisations, summed in the database (one query)."""
    pence = Budget.objects.filter(financial_year=str(year), org_id__in=sorted(orgs)).aggregate(
        p=Sum("amount", output_field=BigIntegerField())
    )["p"]
    return from_pence(pence or 0)


def monthly_of(year: FinancialYear, as_at: dt.date, orgs: set[str]) -> Monthly:
    """The chart's figures for a set of organisations: their cumulative spend by month
    against their budget for the year. The finance pages and the board pack call this."""
    return monthly(year, as_at, orgs, budget_total(year, orgs))


def spend_orgs(by: str, on: dt.date, visible: set[str], group: str | None = None) -> set[str]:
    """Organisations whose spend a chart adds up: those of `visible` attributed, on the
    structure of `on`, to a group in `visible` (or to the one group asked for)."""
    structure = rollup.load_structure(on)
    if group:
        return {o for o in visible if structure.group(o, by) == group}
    return {o for o in visible if structure.group(o, by) in visible}


def monthly_seen(
    year: FinancialYear,
    as_at: dt.date,
    by: str,
    restate_as_at: dt.date | None,
    visible: set[str],
    group: str | None = None,
) -> Monthly:
    """The monthly chart of the finance pages: the spend of `spend_orgs`."""
    return monthly_of(year, as_at, spend_orgs(by, restate_as_at or as_at, visible, group))


def budget_of(facts: rollup.Facts, orgs: set[str]) -> Decimal:
    return from_pence(sum(p for (org, _), p in facts.budgets.items() if org in orgs))


def pence(value: Decimal) -> int:
    return to_pence(value)


def over_threshold(org: str, month: str, threshold: Decimal):
    """Ledger lines of an organisation in a month above the publication threshold."""
    y, m = int(month[:4]), int(month[5:7])
    start = dt.date(y, m, 1)
    end = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    return (
        LedgerEntry.objects.filter(org_id=org, date__gte=start, date__lte=end)
        .filter(Q(amount__gt=threshold))
        .order_by("date", "id")
    )


def months_over_threshold(org: str, year: FinancialYear, threshold: Decimal) -> list[tuple]:
    """(month, lines, spend) of each month of the year: the organisation's ledger lines
    above the publication threshold (one query)."""
    counts = (
        LedgerEntry.objects.filter(
            org_id=org, date__gte=year.start, date__lte=year.end, amount__gt=threshold
        )
        .annotate(month=_month_expression())
        .values("month")
        .annotate(lines=Count("id"), pence=Sum("amount", output_field=BigIntegerField()))
        .order_by()
        .values_list("month", "lines", "pence")
    )
    found = {m: (n, from_pence(s)) for m, n, s in counts}
    return [(m, *found.get(m, (0, Decimal("0.00")))) for m in year.months()]
