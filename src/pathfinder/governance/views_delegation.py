"""The scheme of delegation of an organisation, the "who may decide?" question, and the
forms to add and end delegations."""

from functools import partial

from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse

from pathfinder.core.decorators import organisation_in_scope
from pathfinder.core.iso_dates import long_date
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.core.money import fmt_money
from pathfinder.core.roles import Permission
from pathfinder.governance import actions
from pathfinder.governance.delegation import load_rules, who_may_decide
from pathfinder.governance.forms import AuthorityForm, DelegationForm
from pathfinder.governance.models import Delegation
from pathfinder.governance.views_forms import add_form, end_form


def _can_govern(request, organisation) -> bool:
    return request.scope.can(Permission.GOVERN, organisation.code)


def _require_govern(request, organisation) -> None:
    if not _can_govern(request, organisation):
        raise PermissionDenied("Changing the scheme of delegation needs the governance lead role")


def _delegate_href(delegate: str, codes: set[str], bodies: dict[str, str]) -> str:
    kind, _, ident = delegate.partition(":")
    if kind == "body" and bodies.get(ident) in codes:
        return reverse("governance:body", kwargs={"body_id": ident})
    if kind == "person":
        return reverse("people:detail", kwargs={"person_id": ident})
    return ""


COLUMNS = [
    Column("decision_type", "Decision type", ("decision_type", "limit", "delegate", "id")),
    Column("delegate", "Delegated to", ("delegate", "decision_type", "id")),
    Column("limit", "Limit (£)", ("limit", "decision_type", "id"), numeric=True),
    Column("valid_from", "Since", ("valid_from", "id")),
    Column("valid_to", "Until", ("valid_to", "id")),
]


def _filters(types: list[str]) -> list[Filter]:
    return [
        Filter("type", "Decision type", choices=types, any="Any type", lookup="decision_type"),
        Filter("delegate", "Delegated to contains", "search", fields=("delegate",)),
    ]


@organisation_in_scope
def scheme(request, organisation):
    from pathfinder.governance.models import Body

    d = request.as_at
    rules = load_rules(organisation.code)
    types = sorted({r.decision_type for r in rules})
    listing = Listing(
        request, COLUMNS, "decision_type", filters=_filters(types), noun="delegations"
    )
    in_force = listing.apply(Delegation.objects.in_force(d).filter(org=organisation))
    if listing.download_format:
        header = ["decision_type", "delegate", "limit", "valid_from", "valid_to"]

        def rows(chunk):
            for g in chunk:
                yield [g.decision_type, g.delegate, g.limit, g.valid_from, g.valid_to]

        name = f"delegation-{organisation.code}-{d}"
        return listing.download(in_force, name, rows, header=header, title="Delegations")
    page = listing.page(in_force)
    codes = request.scope.org_codes()
    body_ids = {r.delegate.partition(":")[2] for r in rules if r.delegate.startswith("body:")}
    bodies = dict(Body.objects.filter(body_id__in=body_ids).values_list("body_id", "org_id"))
    answer = None
    form = AuthorityForm(request.GET if "decision_type" in request.GET else None)
    if form.is_bound and form.is_valid():
        answer = who_may_decide(
            rules,
            organisation.code,
            form.cleaned_data["decision_type"],
            form.cleaned_data["amount"],
            d,
        )
    return render(
        request,
        "governance/delegation.html",
        {
            "title": f"Scheme of delegation of {organisation.name}",
            "notices": list(get_messages(request)),
            "org": organisation,
            "listing": listing,
            "page": page,
            "rows": [
                {
                    "rule": g,
                    "limit": fmt_money(g.limit),
                    "href": _delegate_href(g.delegate, codes, bodies),
                    "id": g.pk,
                }
                for g in page
            ],
            "types": types,
            "form": form,
            "form_errors": form.errors if form.is_bound else {},
            "answer": answer,
            "answer_amount": fmt_money(answer.amount) if answer else None,
            "answer_rows": [
                {
                    "rule": r,
                    "limit": fmt_money(r.limit),
                    "href": _delegate_href(r.delegate, codes, bodies),
                }
                for r in (answer.covering if answer else ())
            ],
            "can_govern": _can_govern(request, organisation),
        },
    )


@organisation_in_scope
def delegation_add(request, organisation):
    _require_govern(request, organisation)
    return add_form(
        request,
        DelegationForm(request.POST or None, initial={"valid_from": request.as_at}),
        partial(actions.add_delegation, by=request.user, org=organisation),
        what="Delegation",
        template="governance/delegation_add.html",
        title=f"Add a delegation to the scheme of {organisation.name}",
        org=organisation,
        back=reverse("governance:delegation", kwargs={"code": organisation.code}),
    )


def _delegation_label(g) -> str:
    limit = f"up to £{fmt_money(g.limit)}" if g.limit is not None else "no limit"
    return f"{g.decision_type} by {g.delegate}, {limit}, from {long_date(g.valid_from)}"


@organisation_in_scope
def delegation_end(request, organisation):
    _require_govern(request, organisation)
    current = list(
        Delegation.objects.filter(org=organisation)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=request.as_at))
        .order_by("decision_type", "delegate", "id")
    )
    return end_form(
        request,
        current,
        _delegation_label,
        noun="delegation",
        what="Delegation",
        title=f"End a delegation of {organisation.name}",
        back=reverse("governance:delegation", kwargs={"code": organisation.code}),
        intro="The delegation stays in the scheme until the last day you give; nothing is deleted.",
        empty="No delegation of this organisation is in force on or after this date.",
    )
