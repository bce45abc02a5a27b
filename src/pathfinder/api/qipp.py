"""QIPP schemes and their monthly savings, in the caller's scope. Year-to-date delivery
with RAG is at /analyses/qipp: the shape of `pathfinder qipp --json`, keeping the
schemes in the caller's scope (docs/decisions/0072)."""

import datetime as dt

from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError

from pathfinder.api import schemas
from pathfinder.api.auth import caller_scope
from pathfinder.api.filters import narrowed
from pathfinder.api.params import (
    LIMIT,
    OFFSET,
    SORT,
    YEAR,
    YearText,
    code_param,
    paged,
    sorts,
    year_param,
)
from pathfinder.api.schemas import same
from pathfinder.core.money import fmt_money
from pathfinder.core.refs import ref
from pathfinder.qipp.models import QippSaving, QippScheme

router = Router(tags=["qipp"])

SCHEME_ID = Path(..., description="The scheme's id.", example="Q-CAM-1")


class Scheme(Schema):
    ref: str
    scheme_id: str
    org: str
    name: str
    domain: str
    financial_year: str
    lead: str | None
    signed_off_by: str | None
    signed_off_on: dt.date | None

    @classmethod
    def of(cls, s) -> "Scheme":
        return cls(
            ref=ref("scheme", s.scheme_id),
            org=ref("org", s.org_id),
            lead=ref("person", s.lead_person_id) if s.lead_person_id else None,
            signed_off_by=ref("body", s.signed_off_by_id) if s.signed_off_by_id else None,
            **same(s, "scheme_id name domain financial_year signed_off_on"),
        )


class SchemePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[Scheme]


class Saving(Schema):
    month: str
    planned: str
    delivered: str | None


class SchemeDetail(Scheme):
    savings: list[Saving]


SCHEMES_SORTS = sorts("scheme_id", "org_id", "name", "domain", "financial_year")


@router.get("/qipp/schemes", response=schemas.answers(SchemePage), summary="QIPP schemes")
def schemes(
    request,
    year: YearText = YEAR,
    org: str | None = Query(None, description="Only this organisation (code or org:CODE)."),
    sort: SCHEMES_SORTS.type = SORT,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Schemes of the organisations in your scope, by scheme id.

    Sorts by scheme_id, org_id, name, domain, financial_year."""
    qs = QippScheme.objects.filter(org_id__in=caller_scope(request).org_codes()).order_by(
        "scheme_id"
    )
    fy = year_param(year)
    qs = narrowed(qs, financial_year=str(fy) if fy else None, org_id=code_param(org, "org"))
    return paged(
        qs,
        Scheme.of,
        limit,
        offset,
        request=request,
        sort_by=SCHEMES_SORTS,
    )


@router.get(
    "/qipp/schemes/{scheme_id}", response=schemas.answers(SchemeDetail), summary="One scheme"
)
def scheme(request, scheme_id: str = SCHEME_ID):
    """One scheme in your scope with its planned and delivered savings by month."""
    s = QippScheme.objects.filter(
        scheme_id=code_param(scheme_id, "scheme"), org_id__in=caller_scope(request).org_codes()
    ).first()
    if s is None:
        raise HttpError(404, "No such scheme in your scope")
    savings = QippSaving.objects.filter(scheme=s).order_by("month")
    return {
        **Scheme.of(s).model_dump(),
        "savings": [
            Saving(month=x.month, planned=fmt_money(x.planned), delivered=fmt_money(x.delivered))
            for x in savings
        ],
    }
