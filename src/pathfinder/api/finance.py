"""Budgets and the ledger, in the caller's scope, paged. The roll-up itself is at
/analyses/finance: the shape of `pathfinder finance --json`, keeping the groups in the
caller's scope (docs/decisions/0072)."""

import datetime as dt

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from pathfinder.api import schemas
from pathfinder.api.auth import caller_scope
from pathfinder.api.params import (
    DATE_FROM,
    DATE_TO,
    LIMIT,
    OFFSET,
    SORT,
    YEAR,
    DateText,
    YearText,
    code_param,
    date_param,
    paged,
    sorts,
    year_param,
)
from pathfinder.core.money import fmt_money
from pathfinder.core.refs import ref
from pathfinder.finance.models import Budget, LedgerEntry

router = Router(tags=["finance"])

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


def _org_filter(request, org: str | None) -> set[str]:
    codes = caller_scope(request).org_codes()
    code = code_param(org, "org")
    if code is None:
        return codes
    if code not in codes:
        raise HttpError(404, "No such organisation in your scope")
    return {code}


BUDGETS_SORTS = sorts("org_id", "financial_year", "category", "amount")


@router.get("/finance/budgets", response=schemas.answers(BudgetPage), summary="Budgets")
def budgets(
    request,
    year: YearText = YEAR,
    org: str | None = ORG,
    sort: BUDGETS_SORTS.type = SORT,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Budget lines of the organisations in your scope, by organisation, year, category.

    Sorts by org_id, financial_year, category, amount."""
    qs = Budget.objects.filter(org_id__in=_org_filter(request, org)).order_by(
        "org_id", "financial_year", "category"
    )
    if fy := year_param(year):
        qs = qs.filter(financial_year=str(fy))
    return paged(
        qs,
        _budget_line,
        limit,
        offset,
        request=request,
        sort_by=BUDGETS_SORTS,
    )


LEDGER_SORTS = sorts("date", "org_id", "category", "supplier", "amount")


@router.get("/finance/ledger", response=schemas.answers(LedgerPage), summary="Ledger")
def ledger(
    request,
    org: str | None = ORG,
    year: YearText = YEAR,
    date_from: DateText = DATE_FROM,
    date_to: DateText = DATE_TO,
    category: str | None = Query(None, description="Only this category."),
    supplier: str | None = Query(None, description="Only this supplier (exact name)."),
    sort: LEDGER_SORTS.type = SORT,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Ledger lines of the organisations in your scope, by date then entry, a page at a
    time (a count and one slice: two queries).
    Sorts by date, org_id, category, supplier, amount.
    """
    qs = LedgerEntry.objects.filter(org_id__in=_org_filter(request, org)).order_by("date", "id")
    if fy := year_param(year):
        qs = qs.filter(date__gte=fy.start, date__lte=fy.end)
    if d1 := date_param("from", date_from):
        qs = qs.filter(date__gte=d1)
    if d2 := date_param("to", date_to):
        qs = qs.filter(date__lte=d2)
    if category:
        qs = qs.filter(category=category)
    if supplier:
        qs = qs.filter(supplier=supplier)
    return paged(
        qs,
        _ledger_line,
        limit,
        offset,
        request=request,
        sort_by=LEDGER_SORTS,
        keys_first=True,
    )
