"""Finance (RULES.md §4) and QIPP (§5) of B's organisation and what rolls up to it, from
the roll-up and the QIPP analysis the CLI, the API and the finance and QIPP pages call."""

from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from pathfinder.core.money import FinancialYear
from pathfinder.finance import overview, rollup
from pathfinder.reports.charts import spend_chart
from pathfinder.reports.sections import Context, Section


@dataclass(frozen=True)
class Finance:
    year: FinancialYear
    by: str  # the level B's organisation is a group at
    months_elapsed: int
    total: rollup.Row | None  # B's organisation's group row, as `finance --by <level>`
    rows: list[rollup.Row]  # each organisation whose money rolls up to it
    monthly: list[tuple[str, Decimal | None]]
    budget: Decimal
    chart: Markup


def level_of(ctx: Context) -> str:
    """The roll-up level at which B's organisation is a group of its own."""
    if ctx.org_kind == "cluster":
        return "cluster"
    return "statutory" if ctx.org_statutory else "organisation"


def finance(ctx: Context) -> Section:
    year = FinancialYear.containing(ctx.as_at)
    by = level_of(ctx)
    facts = rollup.load_facts(year, ctx.as_at)
    orgs = overview.members(facts, ctx.org, by) | {ctx.org}
    mine = overview.restricted(facts, orgs)
    group = rollup.analyse(mine, by)
    total = next((r for r in group.rows if r.group == ctx.org), None)
    rows = rollup.analyse(mine, "organisation").rows
    ctx.org_names(orgs)
    m = overview.monthly_of(year, ctx.as_at, orgs)
    chart = spend_chart(m.months, m.cumulative, m.budget, title=f"{year}, {ctx.org_name}")
    return Section(
        "finance",
        "Finance",
        Finance(
            year=year,
            by=by,
            months_elapsed=group.months_elapsed,
            total=total,
            rows=rows,
            monthly=list(zip(m.months, m.cumulative, strict=True)),
            budget=m.budget,
            chart=chart,
        ),
    )
