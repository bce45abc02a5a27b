"""Organisation pages: the list, one organisation, the structure picture, and what
changed between two dates. Every page reaches records through `request.scope`."""

import datetime as dt

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import render

from pathfinder.core.decorators import organisation_in_scope, signed_in
from pathfinder.core.iso_dates import parse_date
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.core.scope import BELOW_KINDS
from pathfinder.organisations import changes as changes_module
from pathfinder.organisations.models import OrgKind, Relationship
from pathfinder.organisations.structure import flatten, read_structure
from pathfinder.organisations.structure_summary import part, picture, trail
from pathfinder.organisations.timeline import organisation_timeline

LIST_COLUMNS = [
    Column("code", "Code", ("code",)),
    Column("name", "Name", ("name", "code")),
    Column("kind", "Kind", ("kind", "name")),
    Column("opened", "Opened", ("opened", "code")),
    Column("closed", "Closed", ("closed", "code")),
    Column("above", "Above it"),
]


def _parents_by_child(child_codes, d: dt.date) -> dict[str, list]:
    """The in-force "below" relationships of the given children, by child (one query)."""
    out: dict[str, list] = {}
    rels = (
        Relationship.objects.in_force(d)
        .filter(kind__in=BELOW_KINDS, child_id__in=child_codes)
        .select_related("parent")
        .order_by("parent__name")
    )
    for r in rels:
        out.setdefault(r.child_id, []).append(r.parent)
    return out


def _list_filters(d: dt.date) -> list[Filter]:
    return [
        Filter("q", "Code or name contains", "search", fields=("code", "name")),
        Filter("kind", "Kind", choices=OrgKind.choices, any="Any kind"),
        Filter(
            "status",
            "Show",
            choices=[("open", "Open on the as-at date"), ("all", "Open or closed")],
            any=None,
            default="open",
            apply=lambda qs, v: qs if v == "all" else qs.open_on(d),
        ),
    ]


def _list_rows(d: dt.date):
    def rows(orgs):
        parents = _parents_by_child([o.code for o in orgs], d)
        for o in orgs:
            above = parents.get(o.code, [])
            yield [o.code, o.name, o.kind, o.statutory, o.population, o.opened, o.closed,
                   "; ".join(p.code for p in above)]  # fmt: skip

    return rows


@signed_in
def organisation_list(request):
    d = request.as_at
    listing = Listing(request, LIST_COLUMNS, "name", filters=_list_filters(d), noun="organisations")
    orgs = listing.apply(request.scope.organisations())
    if listing.download_format:
        header = ["code", "name", "kind", "statutory", "population", "opened", "closed", "above"]
        return listing.download(
            orgs, f"organisations-{d.isoformat()}", _list_rows(d), header=header
        )
    page = listing.page(orgs)
    parents = _parents_by_child([o.code for o in page], d)
    codes = request.scope.org_codes()
    rows = [
        {
            "org": o,
            "above": [(p, p.code in codes) for p in parents.get(o.code, [])],
        }
        for o in page
    ]
    return render(
        request,
        "organisations/list.html",
        {"title": "Organisations", "page": page, "rows": rows, "listing": listing},
    )


@organisation_in_scope
def organisation_detail(request, organisation):
    from pathfinder.governance.models import Body
    from pathfinder.people.models import Post

    d = request.as_at
    codes = request.scope.org_codes()
    links = Relationship.objects.in_force(d).filter(Q(parent=organisation) | Q(child=organisation))
    above, below = [], []
    for r in links.select_related("parent", "child").order_by("kind", "valid_from"):
        if r.child_id == organisation.code:
            above.append((r, r.parent, r.parent_id in codes))
        else:
            below.append((r, r.child, r.child_id in codes))
    posts = (
        Post.objects.in_force(d)
        .filter(org=organisation)
        .select_related("person", "assigned_from")
        .order_by("role", "person__name")
    )
    bodies = (
        Body.objects.filter(org=organisation)
        .annotate(
            members=Count(
                "memberships",
                filter=Q(memberships__valid_from__lte=d)
                & (Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=d)),
            )
        )
        .order_by("name")
    )
    return render(
        request,
        "organisations/detail.html",
        {
            "title": organisation.name,
            "org": organisation,
            "open": organisation.open_on(d),
            "above": above,
            "below": below,
            "posts": list(posts),
            "bodies": list(bodies),
            "timeline": organisation_timeline(organisation),
            "codes": codes,
        },
    )


@signed_in
def structure(request):
    """The structure picture. A big area opens at a summary of its top levels; each box
    opens its own part (`?root=CODE`), which is drawn whole once it is small enough."""
    d = request.as_at
    codes = request.scope.org_codes()
    root = request.GET.get("root", "").strip() or None
    if root and root not in codes:
        raise Http404("No such organisation in your scope")
    open_orgs, rels = read_structure(codes, d)
    closed_root = root if root and root not in open_orgs else None
    if closed_root:
        root = None
    shown, shown_rels = part(open_orgs, rels, root) if root else (open_orgs, rels)
    drawn = picture(shown, shown_rels, codes, d, root=root)
    return render(
        request,
        "organisations/structure.html",
        {
            "title": "Structure",
            "picture": drawn,
            "nodes": flatten(drawn),
            "root": root,
            "root_org": open_orgs.get(root) if root else None,
            "closed_root": closed_root,
            "trail": trail(rels, open_orgs, root) if root else [],
        },
    )


CHANGE_COLUMNS = [
    Column("date", "Date", sortable=True),
    Column("change", "Change", sortable=True),
    Column("category", "What", sortable=True),
    Column("org_name", "Organisation", sortable=True),
    Column("description", "Details"),
]


def _change_filters(d: dt.date) -> list[Filter]:
    # The window is what the analysis is asked for, not a filter of its rows.
    window = lambda row, value: True  # noqa: E731
    return [
        Filter("from", "Start date", "from", default=(d - dt.timedelta(days=365)).isoformat(),
               match=window),
        Filter("to", "End date", "to", default=d.isoformat(), match=window),
        Filter("what", "What", choices=list(changes_module.CATEGORIES.items()),
               any="Everything", lookup="category"),
        Filter("q", "Organisation or person contains", "search",
               fields=("org_code", "org_name", "other_code", "other_name", "person_name")),
    ]  # fmt: skip


def _change_rows(rows):
    for r in rows:
        yield [r.date, r.change, r.category, r.description, r.org_code, r.other_code,
               r.person_id]  # fmt: skip


@signed_in
def changes(request):
    d = request.as_at
    listing = Listing(request, CHANGE_COLUMNS, "date", filters=_change_filters(d), noun="changes")
    d1 = parse_date(listing.values["from"] or listing.filters[0].default)
    d2 = parse_date(listing.values["to"] or listing.filters[1].default)
    if not listing.errors and d1 > d2:
        listing.errors["to"] = "The end date must be the same as or after the start date"
    rows = []
    if not listing.errors:
        rows = listing.apply(
            changes_module.changes_between(request.scope.org_codes_query(), d1, d2)
        )
        if listing.download_format:
            header = ["date", "change", "what", "details", "organisation", "other", "person"]
            name = f"changes-{d1.isoformat()}-{d2.isoformat()}"
            return listing.download(rows, name, _change_rows, header=header)
    return render(
        request,
        "organisations/changes.html",
        {
            "title": "What changed",
            "page": listing.page(rows),
            "listing": listing,
            "d1": d1,
            "d2": d2,
            "codes": request.scope.org_codes(),
        },
    )
