"""QIPP pages: schemes by organisation and domain with year-to-date plan against
delivery, RAG and ownership (RULES.md §5), a chart of cumulative plan and delivery, and
one scheme's months. The figures come from `qipp.delivery`, as the CLI's do."""

from decimal import Decimal

from django.http import Http404
from django.shortcuts import render

from pathfinder.core.decorators import signed_in
from pathfinder.core.errors import UserError
from pathfinder.core.money import FinancialYear
from pathfinder.qipp import delivery
from pathfinder.qipp.delivery import cumulative
from pathfinder.qipp.models import Domain, QippSaving, QippScheme
from pathfinder.reports.charts import qipp_chart


def _year(request) -> tuple[FinancialYear, list]:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return FinancialYear.containing(request.as_at), []
    try:
        return FinancialYear.parse(raw), []
    except ValueError:
        return FinancialYear.containing(request.as_at), [
            ("year", "Enter the financial year like 2011-12")
        ]


def _chart(year, months, plan, delivered, whose: str):
    return qipp_chart(months, plan, delivered, title=f"{year}, {whose}")


@signed_in
def overview_page(request):
    year, errors = _year(request)
    d = request.as_at
    context = {
        "title": "QIPP savings",
        "year": year,
        "raw_year": request.GET.get("year", str(year)),
        "errors": errors,
        "form_errors": errors,
        "domains": dict(Domain.choices),
    }
    if not errors:
        codes = request.scope.org_codes()
        results = [r for r in delivery.analyse(delivery.load_facts(year, d), d) if r.org in codes]
        info = {
            s["scheme_id"]: s
            for s in QippScheme.objects.filter(scheme_id__in=[r.scheme for r in results]).values(
                "scheme_id", "name", "domain", "org__name", "signed_off_by__name", "signed_off_on"
            )
        }
        groups: dict[tuple[str, str], list] = {}
        for r in results:
            s = info[r.scheme]
            groups.setdefault((s["org__name"], r.org), []).append((r, s))
        table = []
        for (org_name, org), items in sorted(groups.items()):
            items.sort(key=lambda rs: (rs[1]["domain"], rs[0].scheme))
            planned = sum((r.planned_ytd for r, _ in items), Decimal("0.00"))
            done = sum((r.delivered_ytd for r, _ in items), Decimal("0.00"))
            table.append(
                {
                    "org": org,
                    "org_name": org_name,
                    "schemes": items,
                    "planned": planned,
                    "delivered": done,
                    "rag": delivery.rag(planned, done),
                }
            )
        months, plan, delivered = cumulative(year, d, [r.scheme for r in results])
        context.update(
            {
                "table": table,
                "not_owned": [(r, info[r.scheme]) for r in results if r.not_owned],
                "count": len(results),
                "svg": _chart(year, months, plan, delivered, "the schemes you can see"),
                "monthly": list(zip(months, plan, delivered, strict=True)),
                "planned": sum((r.planned_ytd for r in results), Decimal("0.00")),
                "delivered": sum((r.delivered_ytd for r in results), Decimal("0.00")),
            }
        )
    return render(request, "qipp/overview.html", context)


@signed_in
def scheme_page(request, scheme_id):
    scheme = (
        QippScheme.objects.filter(scheme_id=scheme_id, org_id__in=request.scope.org_codes())
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
