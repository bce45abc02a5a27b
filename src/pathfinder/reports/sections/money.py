"""Finance (RULES.md §4) and QIPP (§5) of B's organisation and what rolls up to it, from
the roll-up and the QIPP analysis the CLI, the API and the finance and QIPP pages call."""

from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from pathfinder.core.money import FinancialYear
from pathfinder.finance import overview, rollup
from pathfinder.qipp import delivery
from pathfinder.reports.charts import qipp_chart, spend_chart
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
    """B's organisation's row at its level with the rows of what rolls up to it. An
    organisation no money rolls up to (a strategic health authority) gets the
    statutory bodies of its area instead, totalled as the finance overview totals the
    rows a user sees (docs/decisions/0100)."""
    year = FinancialYear.containing(ctx.as_at)
    by = level_of(ctx)
    facts = rollup.load_facts(year, ctx.as_at)
    orgs = overview.members(facts, ctx.org, by) | {ctx.org}
    mine = overview.restricted(facts, orgs)
    group = rollup.analyse(mine, by)
    total = next((r for r in group.rows if r.group == ctx.org), None)
    rows = rollup.analyse(mine, "organisation").rows
    if total is None:
        rows = [r for r in rollup.analyse(facts, "statutory").rows if r.group in ctx.scope]
        orgs = {o for r in rows for o in overview.members(facts, r.group, "statutory")}
        total = _sum_row(ctx.org, rows) if rows else None
    ctx.org_names({r.group for r in rows})
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


def _sum_row(group: str, rows: list[rollup.Row]) -> rollup.Row:
    def total(key):
        return sum((getattr(r, key) for r in rows), Decimal("0.00"))

    budget, forecast = total("budget"), total("forecast")
    return rollup.Row(
        group=group,
        budget=budget,
        actual=total("actual"),
        forecast=forecast,
        variance=total("variance"),
        overspend_risk=rollup.is_overspend_risk(budget, forecast),
    )


@dataclass(frozen=True)
class SchemeLine:
    result: delivery.SchemeResult
    name: str
    domain: str
    signed_off_by: str  # the body's name, '' when none


@dataclass(frozen=True)
class Qipp:
    year: FinancialYear
    schemes: list[SchemeLine]
    rag_counts: dict[str, int]  # green, amber, red, grey
    planned: Decimal
    delivered: Decimal
    not_owned: list[SchemeLine]
    monthly: list[tuple[str, Decimal, Decimal | None]]
    chart: Markup


RAG_ORDER = ("red", "amber", "green", "grey")


def qipp(ctx: Context) -> Section:
    """Schemes of B's organisation and those below it, as `qipp --year` gives them."""
    from pathfinder.qipp.models import Domain, QippScheme

    year = FinancialYear.containing(ctx.as_at)
    results = delivery.analyse(delivery.load_facts(year, ctx.as_at, ctx.scope), ctx.as_at)
    info = {
        s[0]: s[1:]
        for s in QippScheme.objects.filter(scheme_id__in=[r.scheme for r in results]).values_list(
            "scheme_id", "name", "domain", "signed_off_by__name"
        )
    }
    domains = dict(Domain.choices)
    lines = [
        SchemeLine(
            r, info[r.scheme][0], domains.get(info[r.scheme][1], ""), info[r.scheme][2] or ""
        )
        for r in results
    ]
    months, plan, done = delivery.cumulative(year, ctx.as_at, [r.scheme for r in results])
    return Section(
        "qipp",
        "QIPP",
        Qipp(
            year=year,
            schemes=lines,
            rag_counts={k: sum(1 for r in results if r.rag == k) for k in RAG_ORDER},
            planned=sum((r.planned_ytd for r in results), Decimal("0.00")),
            delivered=sum((r.delivered_ytd for r in results), Decimal("0.00")),
            not_owned=[s for s in lines if s.result.not_owned],
            monthly=list(zip(months, plan, done, strict=True)),
            chart=qipp_chart(months, plan, done, title=f"{year}, {ctx.org_name}"),
        ),
    )
