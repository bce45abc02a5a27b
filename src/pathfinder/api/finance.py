"""Budgets and the ledger, in the caller's scope, paged. The roll-up itself is at
/analyses/finance: the shape of `pathfinder finance --json`, keeping the groups in the
caller's scope (docs/decisions/0072)."""

import datetime as dt

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from pathfinder.api import schemas
from pathfinder.api.auth import caller_scope
from pathfinder.api.params import LIMIT, OFFSET, code_param, date_param, paged
from pathfinder.core.money import FinancialYear, fmt_money
from pathfinder.core.refs import ref
from pathfinder.finance.models import Budget, LedgerEntry

router = Router(tags=["finance"])

YEAR = Query(None, description="NHS financial year, YYYY-YY.", example="2011-12")
ORG = Query(None, description="Only this organisation (code or org:CODE).")


class BudgetLine(Schema):
    org: str
    financial_year: str
    category: str
    amount: str


class BudgetPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[BudgetLine]


class LedgerLine(Schema):
    id: int
    date: dt.date
    org: str
    category: str
    supplier: str
    amount: str
    reference: str


class LedgerPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[LedgerLine]


def _budget_line(b) -> BudgetLine:
    return BudgetLine(
        org=ref("org", b.org_id),
        financial_year=b.financial_year,
        category=b.category,
        amount=fmt_money(b.amount),
    )


def _ledger_line(e) -> LedgerLine:
    return LedgerLine(
        id=e.id,
        date=e.date,
        org=ref("org", e.org_id),
        category=e.category,
        supplier=e.supplier,
        amount=fmt_money(e.amount),
        reference=e.reference,
    )


def _year(raw: str | None) -> FinancialYear | None:
    if raw is None or not raw.strip():
        return None
    try:
        return FinancialYear.parse(raw.strip())
    except ValueError as e:
        raise HttpError(422, f"year: {e}") from None


def _org_filter(request, org: str | None) -> set[str]:
    codes = caller_scope(request).org_codes()
    code = code_param(org, "org")
    if code is None:
        return codes
    if code not in codes:
        raise HttpError(404, "No such organisation in your scope")
    return {code}


@router.get("/finance/budgets", response=schemas.answers(BudgetPage), summary="Budgets")
def budgets(
    request,
    year: str | None = YEAR,
    org: str | None = ORG,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Budget lines of the organisations in your scope, by organisation, year, category."""
    qs = Budget.objects.filter(org_id__in=_org_filter(request, org)).order_by(
        "org_id", "financial_year", "category"
    )
    if fy := _year(year):
        qs = qs.filter(financial_year=str(fy))
    return paged(qs, _budget_line, limit, offset)


@router.get("/finance/ledger", response=schemas.answers(LedgerPage), summary="Ledger")
def ledger(
    request,
    org: str | None = ORG,
    year: str | None = YEAR,
    date_from: str | None = Query(None, alias="from", description="On or after, YYYY-MM-DD."),
    date_to: str | None = Query(None, alias="to", description="On or before, YYYY-MM-DD."),
    category: str | None = Query(None, description="Only this category."),
    supplier: str | None = Query(None, description="Only this supplier (exact name)."),
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Ledger lines of the organisations in your scope, by date then entry, a page at a
    time (a count and one slice: two queries)."""
    qs = LedgerEntry.objects.filter(org_id__in=_org_filter(request, org)).order_by("date", "id")
    if fy := _year(year):
        qs = qs.filter(date__gte=fy.start, date__lte=fy.end)
    if d1 := date_param("from", date_from):
        qs = qs.filter(date__gte=d1)
    if d2 := date_param("to", date_to):
        qs = qs.filter(date__lte=d2)
    if category:
        qs = qs.filter(category=category)
    if supplier:
        qs = qs.filter(supplier=supplier)
    return paged(qs, _ledger_line, limit, offset)
