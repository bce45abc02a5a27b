"""Risk registers: the registers you can see, one organisation's register and heat map,
and overdue reviews, each downloadable as CSV or Excel where it lists risks."""

from django.shortcuts import render

from pathfinder.core.decorators import organisation_in_scope, signed_in
from pathfinder.core.downloads import csv_response
from pathfinder.core.listing import Column, Listing
from pathfinder.core.roles import Permission
from pathfinder.risks.downloads import xlsx_response
from pathfinder.risks.matrix import matrix_of
from pathfinder.risks.models import (
    RiskCategory,
)
from pathfinder.risks.register import filter_rows, heat_map, rows_for

COLUMNS = [
    Column("risk_id", "Risk", ("risk_id",)),
    Column("title", "Title", ("title",)),
    Column("category", "Category", ("category",)),
    Column("owner", "Owner", ("owner",)),
    Column("inherent_score", "Inherent", ("inherent_score",), numeric=True),
    Column("current_score", "Current", ("current_score",), numeric=True),
    Column("target_score", "Target", ("target_score",), numeric=True),
    Column("review_due", "Review due", ("review_due",)),
]
DOWNLOAD_HEADER = [
    "risk_id",
    "org_code",
    "title",
    "category",
    "owner_person_id",
    "owner",
    "inherent_score",
    "inherent_band",
    "current_likelihood",
    "current_consequence",
    "current_score",
    "current_band",
    "target_score",
    "target_band",
    "last_reviewed",
    "review_due",
    "review_overdue",
    "escalate_to_baf",
]


OVERDUE_COLUMNS = [
    Column("review_due", "Review due", ("review_due",)),
    Column("risk_id", "Risk", ("risk_id",)),
    Column("title", "Title", ("title",)),
    Column("owner", "Owner", ("owner",)),
    Column("current_score", "Current", ("current_score",), numeric=True),
]


def _download_rows(rows):
    for r in rows:
        yield [
            r.risk_id,
            r.org,
            r.title,
            r.category,
            r.owner_id,
            r.owner,
            r.inherent_score,
            r.inherent_band,
            r.current_likelihood,
            r.current_consequence,
            r.current_score,
            r.current_band,
            r.target_score,
            r.target_band,
            r.last_reviewed,
            r.review_due,
            r.review_overdue,
            r.escalates,
        ]


def _download(request, stem: str, rows):
    fmt = request.GET.get("format")
    if fmt == "csv":
        return csv_response(f"{stem}.csv", DOWNLOAD_HEADER, _download_rows(rows))
    if fmt == "xlsx":
        return xlsx_response(f"{stem}.xlsx", DOWNLOAD_HEADER, _download_rows(rows))
    return None


@signed_in
def index(request):
    d = request.as_at
    orgs = list(request.scope.organisations().order_by("name"))
    rows = rows_for([o.code for o in orgs], d)
    counts: dict[str, dict] = {}
    for r in rows:
        c = counts.setdefault(r.org, {"open": 0, "escalated": 0, "overdue": 0})
        c["open"] += 1
        c["escalated"] += r.escalates
        c["overdue"] += r.review_overdue
    registers = [(o, counts[o.code]) for o in orgs if o.code in counts]
    statutory = [o for o in orgs if o.statutory and o.open_on(d)]
    return render(
        request,
        "risks/index.html",
        {"title": "Risks", "registers": registers, "statutory": statutory},
    )


@organisation_in_scope
def register(request, organisation):
    d = request.as_at
    all_rows = rows_for([organisation.code], d)
    rows = filter_rows(all_rows, request.GET)
    listing = Listing(request, COLUMNS, "risk_id")
    if listing.key != "risk_id" or listing.descending:
        rows = listing.sort_list(rows)
    download = _download(request, f"risks-{organisation.code}-{d.isoformat()}", rows)
    if download is not None:
        return download
    matrix = matrix_of(organisation.code)
    return render(
        request,
        "risks/register.html",
        {
            "title": f"Risk register of {organisation.name}",
            "org": organisation,
            "page": listing.page(rows),
            "headers": listing.headers(),
            "categories": RiskCategory.choices,
            "bands": [name for _, name in matrix.bands],
            "matrix": matrix,
            "params": request.GET,
            "can_edit": request.scope.can(Permission.EDIT, organisation.code),
        },
    )


@organisation_in_scope
def heat_map_page(request, organisation):
    d = request.as_at
    category = request.GET.get("category", "")
    rows = filter_rows(rows_for([organisation.code], d), {"category": category})
    picture = heat_map(rows, matrix_of(organisation.code))
    return render(
        request,
        "risks/heat_map.html",
        {
            "title": f"Heat map of {organisation.name}'s risks",
            "org": organisation,
            "picture": picture,
            "categories": RiskCategory.choices,
            "category": category,
        },
    )


@signed_in
def overdue(request):
    d = request.as_at
    rows = [r for r in rows_for(request.scope.org_codes(), d) if r.review_overdue]
    owner = request.GET.get("owner", "")
    owners = sorted({(r.owner, r.owner_id) for r in rows if r.owner_id})
    if owner:
        rows = [r for r in rows if r.owner_id == owner]
    listing = Listing(request, OVERDUE_COLUMNS, "review_due")
    rows = listing.sort_list(rows)
    download = _download(request, f"overdue-risk-reviews-{d.isoformat()}", rows)
    if download is not None:
        return download
    names = dict(request.scope.organisations().values_list("code", "name"))
    return render(
        request,
        "risks/overdue.html",
        {
            "title": "Overdue risk reviews",
            "rows": rows,
            "headers": listing.headers(),
            "owners": owners,
            "owner": owner,
            "names": names,
        },
    )
