"""QIPP schemes: year-to-date plan against delivery, RAG and ownership (RULES.md §5).

`load_facts` sums each scheme's months up to D's month in the database; `analyse` is
pure over those facts; `report` gives the CLI.md JSON shape. Money is whole pence.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from pathfinder.core.errors import UserError
from pathfinder.core.money import FinancialYear, fmt_money, from_pence, to_pence
from pathfinder.core.refs import ref

GREEN_PERCENT = 95
AMBER_PERCENT = 75


@dataclass(frozen=True)
class Scheme:
    """A scheme with its year-to-date sums in pence; `signed_off_org` owns the signing body."""

    scheme: str
    org: str
    signed_off_org: str | None
    signed_off_on: dt.date | None
    planned_ytd: int
    delivered_ytd: int


@dataclass(frozen=True)
class SchemeResult:
    scheme: str
    org: str
    planned_ytd: Decimal
    delivered_ytd: Decimal
    rag: str
    not_owned: bool


def rag(planned: Decimal, delivered: Decimal) -> str:
    return _rag(to_pence(planned), to_pence(delivered))


def _rag(planned: int, delivered: int) -> str:
    """green at 95% of plan or more, amber at 75%, else red; grey with no saving planned."""
    if planned <= 0:
        return "grey"
    if delivered * 100 >= planned * GREEN_PERCENT:
        return "green"
    if delivered * 100 >= planned * AMBER_PERCENT:
        return "amber"
    return "red"


def is_not_owned(
    org: str, signed_off_org: str | None, signed_off_on: dt.date | None, as_at: dt.date
) -> bool:
    """Not signed off, on or before D, by a body of the scheme's own organisation."""
    owned = signed_off_org == org and signed_off_on is not None and signed_off_on <= as_at
    return not owned


def analyse(schemes: list[Scheme], as_at: dt.date) -> list[SchemeResult]:
    return [
        SchemeResult(
            scheme=s.scheme,
            org=s.org,
            planned_ytd=from_pence(s.planned_ytd),
            delivered_ytd=from_pence(s.delivered_ytd),
            rag=_rag(s.planned_ytd, s.delivered_ytd),
            not_owned=is_not_owned(s.org, s.signed_off_org, s.signed_off_on, as_at),
        )
        for s in sorted(schemes, key=lambda s: s.scheme)
    ]


def ytd_months(year: FinancialYear, as_at: dt.date) -> list[str]:
    """The months of the year up to and including D's month."""
    last = f"{as_at.year:04d}-{as_at.month:02d}"
    return [m for m in year.months() if m <= last]


def load_facts(year: FinancialYear, as_at: dt.date, orgs=None) -> list[Scheme]:
    """The year's schemes (of the given organisations, or all) with their sums to D's
    month: two queries."""
    from django.db.models import BigIntegerField, QuerySet, Sum

    from pathfinder.qipp.models import QippSaving, QippScheme

    months = ytd_months(year, as_at)
    sums: dict[str, tuple[int, int]] = {}
    savings = QippSaving.objects.filter(scheme__financial_year=str(year))
    schemes = QippScheme.objects.filter(financial_year=str(year))
    if orgs is not None:
        # A queryset of codes stays a subquery: a national scope is thousands of codes.
        codes = orgs if isinstance(orgs, QuerySet) else sorted(orgs)
        savings = savings.filter(scheme__org_id__in=codes)
        schemes = schemes.filter(org_id__in=codes)
    if months:
        rows = (
            savings.filter(month__gte=months[0], month__lte=months[-1])
            .values("scheme_id")
            .annotate(
                planned=Sum("planned", output_field=BigIntegerField()),
                delivered=Sum("delivered", output_field=BigIntegerField()),
            )
            .order_by()
            .values_list("scheme_id", "planned", "delivered")
        )
        sums = {sid: (int(p or 0), int(d or 0)) for sid, p, d in rows}
    rows = schemes.values_list("scheme_id", "org_id", "signed_off_by__org_id", "signed_off_on")
    return [
        Scheme(sid, org, signer_org, signed_on, *sums.get(sid, (0, 0)))
        for sid, org, signer_org, signed_on in rows
    ]


def cumulative(year: FinancialYear, as_at: dt.date, schemes) -> tuple[list, list, list]:
    """Month labels, cumulative plan (whole year) and cumulative delivery (to D's month)
    of the given schemes: one query grouped by month. The QIPP pages' chart and the
    board pack's."""
    from django.db.models import BigIntegerField, Sum

    from pathfinder.qipp.models import QippSaving

    rows = (
        QippSaving.objects.filter(scheme__in=schemes, month__in=year.months())
        .values("month")
        .annotate(
            planned_p=Sum("planned", output_field=BigIntegerField()),
            delivered_p=Sum("delivered", output_field=BigIntegerField()),
        )
        .order_by()
        .values_list("month", "planned_p", "delivered_p")
    )
    by_month = {m: (int(p or 0), int(d or 0)) for m, p, d in rows}
    done = set(ytd_months(year, as_at))
    plan, delivered, p_run, d_run = [], [], 0, 0
    for m in year.months():
        p, d = by_month.get(m, (0, 0))
        p_run += p
        plan.append(from_pence(p_run))
        if m in done:
            d_run += d
            delivered.append(from_pence(d_run))
        else:
            delivered.append(None)
    return year.months(), plan, delivered


def report(year: str, as_at: dt.date | None = None) -> dict:
    try:
        fy = FinancialYear.parse(year)
    except ValueError as e:
        raise UserError(str(e)) from None
    d = as_at or min(fy.end, dt.date.today())
    return {
        "year": str(fy),
        "as_at": d.isoformat(),
        "schemes": [
            {
                "scheme": r.scheme,
                "org": ref("org", r.org),
                "planned_ytd": fmt_money(r.planned_ytd),
                "delivered_ytd": fmt_money(r.delivered_ytd),
                "rag": r.rag,
                "not_owned": r.not_owned,
            }
            for r in analyse(load_facts(fy, d), d)
        ],
    }
