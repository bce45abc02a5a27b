"""Lines of accountability of an organisation (those whose subject is the organisation,
one of its bodies or one of its functions), and the forms to add and end them."""

from functools import partial

from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse

from pathfinder.core.decorators import organisation_in_scope
from pathfinder.core.iso_dates import long_date
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.core.roles import Permission
from pathfinder.governance import actions
from pathfinder.governance.forms import LineForm
from pathfinder.governance.models import AccountabilityLine, Body, Function, LineKind
from pathfinder.governance.views_forms import add_form, end_form


def subjects_of(organisation) -> list[tuple[str, str]]:
    """The organisation, its bodies and its functions, as (reference, label) choices."""
    out = [(f"org:{organisation.code}", f"{organisation.name} (the organisation)")]
    out += [
        (f"body:{b}", f"{name} ({b})")
        for b, name in Body.objects.filter(org=organisation)
        .order_by("name")
        .values_list("body_id", "name")
    ]
    out += [
        (f"function:{f}", f"{name} ({f})")
        for f, name in Function.objects.filter(org=organisation)
        .order_by("name")
        .values_list("function_id", "name")
    ]
    return out


def _require_govern(request, organisation) -> None:
    if not request.scope.can(Permission.GOVERN, organisation.code):
        raise PermissionDenied("Changing lines of accountability needs the governance lead role")


COLUMNS = [
    Column("direction", "Direction", sortable=True),
    Column("subject", "Subject", sortable=True),
    Column("kind", "Kind", sortable=True),
    Column("holder", "Holder", sortable=True),
    Column("scope", "Scope", sortable=True),
    Column("valid_from", "Since", sortable=True),
]
ANSWERS, HOLDS = "Answers to", "Holds to account"
FILTERS = [
    Filter("direction", "Direction", choices=[(ANSWERS, ANSWERS), (HOLDS, HOLDS)], any="Both"),
    Filter("kind", "Kind", choices=LineKind.choices, any="Any kind"),
    Filter("q", "Subject or holder contains", "search", fields=("subject", "holder")),
]


def _line_rows(organisation, d) -> list[dict]:
    """The lines in force whose subject is the organisation's, then those it holds."""
    names = dict(subjects_of(organisation))
    lines = AccountabilityLine.objects.in_force(d)
    out = [
        {"direction": ANSWERS, "subject": names.get(x.subject, x.subject), "holder": x.holder,
         "kind": x.kind, "scope": x.scope, "valid_from": x.valid_from, "line": x}
        for x in lines.filter(subject__in=names.keys()).order_by("subject", "kind", "holder")
    ]  # fmt: skip
    out += [
        {"direction": HOLDS, "subject": x.subject, "holder": names.get(x.holder, x.holder),
         "kind": x.kind, "scope": x.scope, "valid_from": x.valid_from, "line": None}
        for x in lines.filter(holder__in=names.keys()).order_by("holder", "subject")
    ]  # fmt: skip
    return out


@organisation_in_scope
def line_list(request, organisation):
    d = request.as_at
    can_govern = request.scope.can(Permission.GOVERN, organisation.code)
    columns = COLUMNS + ([Column("change", "Change")] if can_govern else [])
    listing = Listing(request, columns, "direction", filters=FILTERS, noun="lines")
    rows = listing.apply(_line_rows(organisation, d))
    if listing.download_format:
        keys = ["direction", "subject", "kind", "holder", "scope", "valid_from"]
        return listing.download(
            rows,
            f"accountability-{organisation.code}-{d}",
            lambda chunk: ([r[k] for k in keys] for r in chunk),
            header=keys,
        )
    return render(
        request,
        "governance/lines.html",
        {
            "title": f"Lines of accountability of {organisation.name}",
            "notices": list(get_messages(request)),
            "org": organisation,
            "listing": listing,
            "page": listing.page(rows),
            "can_govern": can_govern,
        },
    )


@organisation_in_scope
def line_add(request, organisation):
    _require_govern(request, organisation)
    form = LineForm(
        request.POST or None,
        subjects=subjects_of(organisation),
        initial={"valid_from": request.as_at, "subject": request.GET.get("subject", "")},
    )
    return add_form(
        request,
        form,
        partial(actions.add_line, by=request.user),
        what="Line of accountability",
        template="governance/line_add.html",
        title=f"Add a line of accountability for {organisation.name}",
        org=organisation,
        back=reverse("governance:lines", kwargs={"code": organisation.code}),
    )


@organisation_in_scope
def line_end(request, organisation):
    _require_govern(request, organisation)
    names = dict(subjects_of(organisation))
    current = list(
        AccountabilityLine.objects.filter(subject__in=names.keys())
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=request.as_at))
        .order_by("subject", "holder", "id")
    )

    def label(x) -> str:
        scope = f" for {x.scope}" if x.scope else ""
        return (
            f"{names.get(x.subject, x.subject)} {x.kind} to {x.holder}{scope}, "
            f"from {long_date(x.valid_from)} (accountability:{x.pk})"
        )

    return end_form(
        request,
        current,
        label,
        noun="line",
        what="Line of accountability",
        title=f"End a line of accountability of {organisation.name}",
        back=reverse("governance:lines", kwargs={"code": organisation.code}),
        intro="The line stays on the record until the last day you give; nothing is deleted.",
        empty="No line of this organisation is in force on or after this date.",
    )
