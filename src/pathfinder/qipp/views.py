"""QIPP pages: schemes by organisation and domain with year-to-date plan against
delivery, RAG and ownership (RULES.md §5), a chart of cumulative plan and delivery, and
one scheme's months. The figures come from `qipp.delivery`, as the CLI's do."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.shortcuts import render

from pathfinder.core.decorators import signed_in
from pathfinder.core.errors import UserError
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.core.money import FinancialYear
from pathfinder.qipp import delivery
from pathfinder.qipp.delivery import cumulative
from pathfinder.qipp.models import Domain, QippSaving, QippScheme
from pathfinder.reports.charts import qipp_chart

NOT_OWNED_NAMED = 20  # the callout names this many; the list's filter shows them all


def _chart(year, months, plan, delivered, whose: str):
    return qipp_chart(months, plan, delivered, title=f"{year}, {whose}")


@dataclass(frozen=True)
class SchemeRow:
    scheme: str
    name: str
    org: str
    org_name: str
    domain: str
    domain_label: str
    planned: Decimal
    delivered: Decimal
    rag: str
    not_owned: bool
    signed_off_by: str
    signed_off_on: object


COLUMNS = [
    Column("org_name", "Organisation", sortable=True),
    Column("domain_label", "Domain", sortable=True),
    Column("name", "Scheme", sortable=True),
    Column("planned", "Planned to date", numeric=True, sortable=True),
    Column("delivered", "Delivered to date", numeric=True, sortable=True),
    Column("rag", "RAG", sortable=True),
    Column("not_owned", "Owned", sortable=True),
]
RAGS = [("green", "Green"), ("amber", "Amber"), ("red", "Red"), ("grey", "Grey")]


def _filters(year: FinancialYear) -> list[Filter]:
    years = {str(year), *QippScheme.objects.values_list("financial_year", flat=True).distinct()}
    owned = {"yes": False, "no": True}
    return [
        Filter("year", "Financial year", choices=sorted(years), any=None, default=str(year),
               match=lambda row, value: True),
        Filter("q", "Scheme or organisation contains", "search",
               fields=("scheme", "name", "org", "org_name")),
        Filter("domain", "Domain", choices=Domain.choices, any="Any domain"),
        Filter("rag", "RAG", choices=RAGS, any="Any RAG"),
        Filter("owned", "Owned", choices=[("yes", "Owned"), ("no", "Not owned")], any="Either",
               match=lambda row, value: row.not_owned is owned[value]),
    ]  # fmt: skip


def _rows(results, info) -> list[SchemeRow]:
    domains = dict(Domain.choices)
    out = []
    for r in results:
        s = info[r.scheme]
        out.append(
            SchemeRow(r.scheme, s["name"], r.org, s["org__name"], s["domain"],
                      str(domains.get(s["domain"], s["domain"])), r.planned_ytd, r.delivered_ytd,
                      r.rag, r.not_owned, s["signed_off_by__name"] or "", s["signed_off_on"])
        )  # fmt: skip
    return out


def _download_rows(rows):
    for r in rows:
        yield [r.scheme, r.name, r.org, r.org_name, r.domain, r.planned, r.delivered, r.rag,
               "no" if r.not_owned else "yes", r.signed_off_by, r.signed_off_on]  # fmt: skip


@signed_in
def overview_page(request):
    d = request.as_at
    listing = Listing(request, COLUMNS, "org_name", filters=_filters(FinancialYear.containing(d)),
                      noun="schemes")  # fmt: skip
    year = FinancialYear.parse(listing.values["year"])
    codes = request.scope.org_codes_query()
    results = delivery.analyse(delivery.load_facts(year, d, orgs=codes), d)
    schemes = QippScheme.objects.filter(financial_year=str(year), org_id__in=codes)
    info = {
        s["scheme_id"]: s
        for s in schemes.values(
            "scheme_id", "name", "domain", "org__name", "signed_off_by__name", "signed_off_on"
        )
    }
    every = _rows(results, info)
    rows = listing.apply(every)
    if listing.download_format:
        header = ["scheme", "name", "org", "org_name", "domain", "planned_ytd", "delivered_ytd",
                  "rag", "owned", "signed_off_by", "signed_off_on"]  # fmt: skip
        return listing.download(rows, f"qipp-{year}-{d.isoformat()}", _download_rows, header=header)
    months, plan, delivered = cumulative(year, d, schemes)
    not_owned = [r for r in every if r.not_owned]
    return render(
        request,
        "qipp/overview.html",
        {
            "title": "QIPP savings",
            "year": year,
            "listing": listing,
            "page": listing.page(rows),
            "not_owned": not_owned[:NOT_OWNED_NAMED],
            "not_owned_count": len(not_owned),
            "count": len(every),
            "svg": _chart(year, months, plan, delivered, "the schemes you can see"),
            "monthly": list(zip(months, plan, delivered, strict=True)),
            "planned": sum((r.planned for r in rows), Decimal("0.00")),
            "delivered": sum((r.delivered for r in rows), Decimal("0.00")),
        },
    )


@signed_in
def scheme_page(request, scheme_id):
    scheme = (
        QippScheme.objects.filter(scheme_id=scheme_id, org_id__in=request.scope.org_codes_query())
        .select_related("org", "lead_person", "signed_off_by")
        .first()
    )
    if scheme is None:
        raise Http404("No such scheme in your scope")
    d = request.as_at
    try:
        year = FinancialYear.parse(scheme.financial_year)
    except ValueError:
        raise UserError("the scheme's financial year cannot be read") from None
    result = delivery.analyse(
        [s for s in delivery.load_facts(year, d) if s.scheme == scheme.scheme_id], d
    )
    months, plan, delivered = cumulative(year, d, [scheme.scheme_id])
    savings = {s.month: s for s in QippSaving.objects.filter(scheme=scheme)}
    return render(
        request,
        "qipp/scheme.html",
        {
            "title": scheme.name,
            "scheme": scheme,
            "year": year,
            "result": result[0] if result else None,
            "domains": dict(Domain.choices),
            "svg": _chart(year, months, plan, delivered, scheme.name),
            "rows": [
                (m, savings.get(m), p, c) for m, p, c in zip(months, plan, delivered, strict=True)
            ],
        },
    )
