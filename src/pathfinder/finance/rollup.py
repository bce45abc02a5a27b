"""Budgets and spend rolled up the commissioning structure, with forecast outturn (RULES.md §4).

`load_facts` sums the ledger in the database (from its monthly totals, whole pence) and reads
the structure in force on D (or on the restatement date); `analyse` is pure over those
facts; `report` gives the CLI.md JSON shape. All arithmetic is in integer pence, so a
roll-up equals the sum of its parts exactly.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from pathfinder.core.errors import UserError
from pathfinder.core.money import FinancialYear, fmt_money, from_pence, to_pence
from pathfinder.core.refs import ref

LEVELS = ("organisation", "statutory", "cluster")
OVERSPEND_TOLERANCE_PERCENT = 1


@dataclass(frozen=True)
class Structure:
    """Who each organisation's money is attributed to, in the structure in force on a day.

    `delegated_by`: a consortium -> the statutory body that delegates budget to it.
    `cluster_of`: a statutory body -> the cluster it is a member of.
    """

    delegated_by: dict[str, str] = field(default_factory=dict)
    cluster_of: dict[str, str] = field(default_factory=dict)

    def statutory(self, org: str) -> str:
        return self.delegated_by.get(org, org)

    def cluster(self, org: str) -> str:
        statutory = self.statutory(org)
        return self.cluster_of.get(statutory, statutory)

    def group(self, org: str, level: str) -> str:
        if level == "organisation":
            return org
        if level == "statutory":
            return self.statutory(org)
        if level == "cluster":
            return self.cluster(org)
        raise UserError(f"not a level (one of {', '.join(LEVELS)}): {level!r}")


@dataclass
class Facts:
    """Budget lines and actual spend of one year, in whole pence, keyed (org, category)."""

    year: FinancialYear
    as_at: dt.date
    budgets: dict[tuple[str, str], int] = field(default_factory=dict)
    actuals: dict[tuple[str, str], int] = field(default_factory=dict)
    structure: Structure = field(default_factory=Structure)


@dataclass(frozen=True)
class Row:
    group: str
    budget: Decimal
    actual: Decimal
    forecast: Decimal
    variance: Decimal
    overspend_risk: bool


@dataclass(frozen=True)
class Result:
    year: FinancialYear
    by: str
    as_at: dt.date
    months_elapsed: int
    rows: list[Row]
    budget: Decimal
    actual: Decimal


def months_elapsed(year: FinancialYear, d: dt.date) -> int:
    """Calendar months of the year whose last day is on or before D, at least 1."""
    done = 0
    for i in range(12):
        y, m = year.start_year + (3 + i) // 12, (3 + i) % 12 + 1
        if _last_day(y, m) <= d:
            done += 1
    return max(done, 1)


def _last_day(year: int, month: int) -> dt.date:
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def _div_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounded half away from zero, as Decimal's ROUND_HALF_UP."""
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return q if numerator >= 0 else -q


def forecast_pence(actual: int, months: int) -> int:
    return _div_half_up(actual * 12, months)


def forecast_outturn(actual: Decimal, months: int) -> Decimal:
    """Actual x 12 / months elapsed, rounded half up to the penny."""
    return from_pence(forecast_pence(to_pence(actual), months))


def is_overspend_risk(budget: Decimal, forecast: Decimal) -> bool:
    """The forecast exceeds the budget by more than 1% of the budget."""
    return _overspend(to_pence(budget), to_pence(forecast))


def _overspend(budget: int, forecast: int) -> bool:
    return forecast * 100 > budget * (100 + OVERSPEND_TOLERANCE_PERCENT)


def figures(budget: int, actual: int, months: int) -> dict:
    """A line's budget, actual, forecast outturn, variance and overspend risk, from its
    budget and actual in pence: the fields of a Row (and of a drill-down line)."""
    forecast = forecast_pence(actual, months)
    return {
        "budget": from_pence(budget),
        "actual": from_pence(actual),
        "forecast": from_pence(forecast),
        "variance": from_pence(budget - forecast),
        "overspend_risk": _overspend(budget, forecast),
    }


def analyse(facts: Facts, by: str) -> Result:
    if by not in LEVELS:
        raise UserError(f"not a level (one of {', '.join(LEVELS)}): {by!r}")
    budgets: dict[str, int] = {}
    actuals: dict[str, int] = {}
    for (org, _category), pence in facts.budgets.items():
        group = facts.structure.group(org, by)
        budgets[group] = budgets.get(group, 0) + pence
    for (org, _category), pence in facts.actuals.items():
        group = facts.structure.group(org, by)
        actuals[group] = actuals.get(group, 0) + pence
    months = months_elapsed(facts.year, facts.as_at)
    rows = []
    for group in sorted(budgets.keys() | actuals.keys()):
        rows.append(
            Row(group=group, **figures(budgets.get(group, 0), actuals.get(group, 0), months))
        )
    return Result(
        year=facts.year,
        by=by,
        as_at=facts.as_at,
        months_elapsed=months,
        rows=rows,
        budget=from_pence(sum(budgets.values())),
        actual=from_pence(sum(actuals.values())),
    )


def parse_year(year: str) -> FinancialYear:
    try:
        return FinancialYear.parse(year)
    except ValueError as e:
        raise UserError(str(e)) from None


def default_as_at(year: FinancialYear, today: dt.date | None = None) -> dt.date:
    """The year's end, or today while the year is not yet over."""
    return min(year.end, today or dt.date.today())


def load_structure(d: dt.date) -> Structure:
    """The budget delegations and cluster memberships in force on D.

    Where a package records two parents of one kind for an organisation on the same day,
    the smaller code is taken so the answer is stable (docs/decisions/0030).
    """
    from pathfinder.organisations.models import Relationship

    delegated_by: dict[str, str] = {}
    cluster_of: dict[str, str] = {}
    rows = (
        Relationship.objects.in_force(d)
        .filter(kind__in=("delegates_budget", "cluster_member"))
        .order_by("-parent_id")
        .values_list("kind", "parent_id", "child_id")
    )
    for kind, parent, child in rows:
        target = delegated_by if kind == "delegates_budget" else cluster_of
        target[child] = parent
    return Structure(delegated_by=delegated_by, cluster_of=cluster_of)


def load_facts(year: FinancialYear, as_at: dt.date, restate_as_at: dt.date | None = None) -> Facts:
    from django.db.models import BigIntegerField, Sum

    from pathfinder.finance import monthly
    from pathfinder.finance.models import Budget

    facts = Facts(year=year, as_at=as_at, structure=load_structure(restate_as_at or as_at))
    budgets = (
        Budget.objects.filter(financial_year=str(year))
        .values("org_id", "category")
        .annotate(pence=Sum("amount", output_field=BigIntegerField()))
        .order_by()
        .values_list("org_id", "category", "pence")
    )
    facts.budgets = {(org, cat): int(p) for org, cat, p in budgets}
    facts.actuals = monthly.spend(year.start, min(as_at, year.end))
    return facts


def report(
    year: str,
    by: str,
    as_at: dt.date | None = None,
    restate_as_at: dt.date | None = None,
) -> dict:
    fy = parse_year(year)
    if by not in LEVELS:
        raise UserError(f"not a level (one of {', '.join(LEVELS)}): {by!r}")
    d = as_at or default_as_at(fy)
    result = analyse(load_facts(fy, d, restate_as_at), by)
    out = {
        "year": str(fy),
        "by": by,
        "as_at": d.isoformat(),
        "rows": [
            {
                "group": ref("org", r.group),
                "budget": fmt_money(r.budget),
                "actual": fmt_money(r.actual),
                "forecast": fmt_money(r.forecast),
                "variance": fmt_money(r.variance),
                "overspend_risk": r.overspend_risk,
            }
            for r in result.rows
        ],
        "total": {"budget": fmt_money(result.budget), "actual": fmt_money(result.actual)},
        "months_elapsed": result.months_elapsed,
    }
    if restate_as_at:
        out["restate_as_at"] = restate_as_at.isoformat()
    return out
