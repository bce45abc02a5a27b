"""Risk registers: the registers you can see, one organisation's register and heat map,
and overdue reviews. The lists are on the one listing component (core/listing.py):
filtered, sorted, paged, and downloadable in full as CSV or Excel."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render

from pathfinder.core.decorators import organisation_in_scope, signed_in
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.core.roles import Permission
from pathfinder.organisations.models import Organisation
from pathfinder.risks.assessment import BANDS
from pathfinder.risks.matrix import matrix_of
from pathfinder.risks.models import Risk, RiskCategory
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
    Column("review_due", "Review due", sortable=True),
    Column("risk_id", "Risk", sortable=True),
    Column("title", "Title", sortable=True),
    Column("owner", "Owner", sortable=True),
    Column("current_score", "Current", numeric=True, sortable=True),
]
INDEX_COLUMNS = [
    Column("name", "Organisation", sortable=True),
    Column("open", "Open risks", numeric=True, sortable=True),
    Column("escalated", "For the assurance framework", numeric=True, sortable=True),
    Column("overdue", "Reviews overdue", numeric=True, sortable=True),
    Column("framework", "Board Assurance Framework"),
]
SCORES = [(str(n), str(n)) for n in range(1, 6)]
STATUSES = [("escalated", "For the assurance framework"), ("overdue", "Review overdue")]


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


def _download(listing, rows, stem: str):
    return listing.download(rows, stem, _download_rows, header=DOWNLOAD_HEADER, title="Risks")


def _band_choices():
    return [(name, name.capitalize()) for _, name in BANDS]


def _owner_matches(row, value: str) -> bool:
    # an owner's ID (the old owner select) or part of their name
    return row.owner_id == value or value.casefold() in row.owner.casefold()


def _risk_filters(names) -> list[Filter]:
    """The filters of a list of risks across organisations; `names()` gives the
    organisations' names by code, read only when that filter is used."""

    read: list[dict] = []

    def org_matches(row, value):
        if not read:
            read.append(names())
        needle = value.casefold()
        return needle in row.org.casefold() or needle in read[0].get(row.org, "").casefold()

    return [
        Filter("q", "Reference or title contains", "search", fields=("risk_id", "title")),
        Filter("org", "Organisation code or name contains", "search", match=org_matches),
        Filter("owner", "Owner contains", "search", match=_owner_matches),
        Filter("category", "Category", choices=RiskCategory.choices, any="Any category"),
        Filter(
            "band", "Current band", choices=_band_choices(), any="Any band", lookup="current_band"
        ),
        Filter("from", "Review due from", "from", fields=("review_due",)),
        Filter("to", "Review due to", "to", fields=("review_due",)),
    ]


def _names_of(codes) -> dict[str, str]:
    return dict(Organisation.objects.filter(code__in=sorted(codes)).values_list("code", "name"))


@dataclass(frozen=True)
class Register:
    code: str
    name: str
    statutory: bool  # open on the date: it has a Board Assurance Framework
    open: int
    escalated: int
    overdue: int


def _index_filters():
    shows = [
        ("registers", "Registers with open risks"),
        ("overdue", "Registers with reviews overdue"),
        ("frameworks", "Statutory bodies"),
    ]
    wanted = {
        "registers": lambda r: r.open > 0,
        "overdue": lambda r: r.overdue > 0,
        "frameworks": lambda r: r.statutory,
    }
    return [
        Filter("q", "Organisation code or name contains", "search", fields=("code", "name")),
        Filter(
            "show",
            "Show",
            choices=shows,
            any="Registers and frameworks",
            match=lambda r, v: wanted[v](r),
        ),
    ]


@signed_in
def index(request):
    d = request.as_at
    scope = request.scope.org_codes_query()
    counts: dict[str, list[int]] = {}
    for r in rows_for(scope, d):
        c = counts.setdefault(r.org, [0, 0, 0])
        c[0] += 1
        c[1] += r.escalates
        c[2] += r.review_overdue
    orgs = (
        Organisation.objects.filter(code__in=scope)
        .filter(Q(statutory=True) | Exists(Risk.objects.filter(org=OuterRef("pk"))))
        .only("code", "name", "statutory", "opened", "closed")
    )
    registers = [
        Register(o.code, o.name, o.statutory and o.open_on(d), *counts.get(o.code, (0, 0, 0)))
        for o in orgs
    ]
    registers = [r for r in registers if r.open or r.statutory]
    listing = Listing(
        request, INDEX_COLUMNS, "name", filters=_index_filters(), noun="organisations"
    )
    registers = listing.apply(registers)
    if listing.download_format:
        header = [
            "org_code",
            "organisation",
            "open_risks",
            "for_the_framework",
            "reviews_overdue",
            "statutory",
        ]
        return listing.download(
            registers,
            f"risk-registers-{d.isoformat()}",
            lambda rs: ([r.code, r.name, r.open, r.escalated, r.overdue, r.statutory] for r in rs),
            header=header,
            title="Registers",
        )
    return render(
        request,
        "risks/index.html",
        {"title": "Risks", "page": listing.page(registers), "listing": listing},
    )


def _status_matches(row, value: str) -> bool:
    return row.escalates if value == "escalated" else row.review_overdue


def _register_filters(matrix) -> list[Filter]:
    return [
        Filter("q", "Reference or title contains", "search", fields=("risk_id", "title")),
        Filter("category", "Category", choices=RiskCategory.choices, any="Any category"),
        Filter(
            "band",
            "Current band",
            choices=[n for _, n in matrix.bands],
            any="Any band",
            lookup="current_band",
        ),
        Filter(
            "status",
            "Show",
            choices=STATUSES,
            any="Every open risk",
            match=lambda r, v: r.escalates if v == "escalated" else r.review_overdue,
        ),
        Filter(
            "likelihood",
            "Current likelihood",
            choices=SCORES,
            any="Any",
            lookup="current_likelihood",
        ),
        Filter(
            "consequence",
            "Current consequence",
            choices=SCORES,
            any="Any",
            lookup="current_consequence",
        ),
    ]


@organisation_in_scope
def register(request, organisation):
    d = request.as_at
    matrix = matrix_of(organisation.code)
    listing = Listing(request, COLUMNS, "risk_id", filters=_register_filters(matrix), noun="risks")
    rows = listing.apply(rows_for([organisation.code], d))
    if listing.download_format:
        return _download(listing, rows, f"risks-{organisation.code}-{d.isoformat()}")
    return render(
        request,
        "risks/register.html",
        {
            "title": f"Risk register of {organisation.name}",
            "org": organisation,
            "page": listing.page(rows),
            "listing": listing,
            "matrix": matrix,
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
    rows = [r for r in rows_for(request.scope.org_codes_query(), d) if r.review_overdue]
    filters = _risk_filters(lambda: _names_of({r.org for r in rows}))
    listing = Listing(
        request, OVERDUE_COLUMNS, "review_due", filters=filters, noun="overdue reviews"
    )
    rows = listing.apply(rows)
    if listing.download_format:
        return _download(listing, rows, f"overdue-risk-reviews-{d.isoformat()}")
    page = listing.page(rows)
    return render(
        request,
        "risks/overdue.html",
        {
            "title": "Overdue risk reviews",
            "page": page,
            "listing": listing,
            "names": _names_of({r.org for r in page}),
        },
    )
