"""Risk (RULES.md §6) of B's organisation and those below it: the heat map, the risks
escalated, the reviews overdue and, for a statutory body, its Board Assurance
Framework — from the assessment the CLI's `risks`, the API and the risk pages use."""

from dataclasses import dataclass

from markupsafe import Markup

from pathfinder.reports.charts import heat_map_chart
from pathfinder.reports.sections import Context, Section
from pathfinder.risks.baf import Baf, load_baf
from pathfinder.risks.register import HeatMap, RiskRow, heat_map, register_matrix, rows_for


@dataclass(frozen=True)
class Risks:
    rows: list[RiskRow]
    picture: HeatMap
    chart: Markup
    escalated: list[RiskRow]
    overdue: list[RiskRow]
    baf: Baf | None  # None when B's organisation is not a statutory body


def risk(ctx: Context) -> Section:
    rows = rows_for(ctx.scope, ctx.as_at, with_baf=True)
    picture = heat_map(rows, register_matrix(ctx.org))
    chart = heat_map_chart(
        picture.cells,
        picture.matrix.likelihood,
        picture.matrix.consequence,
        title=f"Heat map of the open risks of {ctx.org_name} and the organisations below it",
    )
    baf = load_baf(ctx.org, ctx.as_at, ctx.scope) if ctx.org_statutory else None
    return Section(
        "risk",
        "Risk",
        Risks(
            rows=rows,
            picture=picture,
            chart=chart,
            escalated=[r for r in rows if r.escalates],
            overdue=[r for r in rows if r.review_overdue],
            baf=baf,
        ),
    )
