"""Pages of bodies and their members: an organisation's boards and committees with their
members on D, one body (members, quorum rules, lines, chain and findings), the forms
to add and end memberships, and one person's seats across organisations (the NED's
view)."""

from collections import defaultdict
from functools import partial

from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from pathfinder.core.decorators import organisation_in_scope, person_in_scope, signed_in
from pathfinder.core.iso_dates import long_date
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.core.roles import Permission
from pathfinder.governance import actions
from pathfinder.governance.accountability.area import build_area
from pathfinder.governance.accountability.facts import load_area_facts
from pathfinder.governance.accountability.map import NumberedFinding
from pathfinder.governance.forms import MembershipForm
from pathfinder.governance.models import Body, BodyKind, Membership
from pathfinder.governance.views_accountability import (
    _finding_rows,
    _label,
    _link,
    subject_context,
)
from pathfinder.governance.views_forms import add_form, end_form

NED_CAPACITIES = ("chair", "ned", "lay")


def _members_by_body(body_ids, d) -> dict[str, list[Membership]]:
    out: dict[str, list[Membership]] = defaultdict(list)
    for m in (
        Membership.objects.in_force(d)
        .filter(body_id__in=body_ids)
        .select_related("person")
        .order_by("capacity", "person__name")
    ):
        out[m.body_id].append(m)
    return out


def _body_in_scope(request, body_id) -> Body:
    body = (
        Body.objects.filter(body_id=body_id, org_id__in=request.scope.org_codes_query())
        .select_related("org")
        .first()
    )
    if body is None:
        raise Http404("No such body in your scope")
    return body


def _counts(members: list[Membership]) -> dict:
    voting = [m for m in members if m.voting]
    return {
        "count": len(members),
        "voting": len(voting),
        "neds": sum(1 for m in voting if m.capacity in NED_CAPACITIES),
        "clinical": sum(1 for m in voting if m.capacity == "clinical"),
    }


BODY_COLUMNS = [
    Column("name", "Body", ("name", "body_id")),
    Column("kind", "Kind", ("kind", "name")),
    Column("body_id", "ID", ("body_id",)),
    Column("quorum", "Quorum", ("quorum_min", "name")),
    Column("members", "Members", numeric=True),
    Column("voting", "Voting", numeric=True),
    Column("neds", "Chair, non-executive or lay", numeric=True),
    Column("clinical", "Clinical", numeric=True),
]
BODY_FILTERS = [
    Filter("q", "Name or ID contains", "search", fields=("name", "body_id")),
    Filter("kind", "Kind", choices=BodyKind.choices, any="Any kind"),
]


def _body_rows(bodies, d) -> list[dict]:
    members = _members_by_body([b.body_id for b in bodies], d)
    return [
        {"body": b, "members": members.get(b.body_id, []), **_counts(members.get(b.body_id, []))}
        for b in bodies
    ]


@organisation_in_scope
def body_list(request, organisation):
    d = request.as_at
    listing = Listing(request, BODY_COLUMNS, "kind", filters=BODY_FILTERS, noun="bodies")
    bodies = listing.apply(Body.objects.filter(org=organisation))
    if listing.download_format:
        header = ["body", "name", "kind", "quorum_min", "quorum_neds_min",
                  "quorum_clinicians_min", "members", "voting", "neds", "clinical"]  # fmt: skip

        def rows(chunk):
            for r in _body_rows(chunk, d):
                b = r["body"]
                yield [b.body_id, b.name, b.kind, b.quorum_min, b.quorum_neds_min,
                       b.quorum_clinicians_min, r["count"], r["voting"], r["neds"],
                       r["clinical"]]  # fmt: skip

        return listing.download(bodies, f"bodies-{organisation.code}-{d}", rows, header=header)
    page = listing.page(bodies)
    return render(
        request,
        "governance/bodies.html",
        {
            "title": f"Boards and committees of {organisation.name}",
            "org": organisation,
            "listing": listing,
            "page": page,
            "rows": _body_rows(page.object_list, d),
            "can_govern": request.scope.can(Permission.GOVERN, organisation.code),
        },
    )


@signed_in
def body_detail(request, body_id):
    body = _body_in_scope(request, body_id)
    members = _members_by_body([body.body_id], request.as_at).get(body.body_id, [])
    context = subject_context(request, f"body:{body.body_id}", body.org_id)
    return render(
        request,
        "governance/body.html",
        {
            "title": body.name,
            "notices": list(get_messages(request)),
            "body": body,
            "members": members,
            "counts": _counts(members),
            **context,
        },
    )


def _govern_or_403(request, org_code: str) -> None:
    if not request.scope.can(Permission.GOVERN, org_code):
        raise PermissionDenied("Changing this body's members needs the governance lead role")


def _body_href(body) -> str:
    return reverse("governance:body", kwargs={"body_id": body.body_id})


@signed_in
def membership_add(request, body_id):
    body = _body_in_scope(request, body_id)
    _govern_or_403(request, body.org_id)
    return add_form(
        request,
        MembershipForm(
            request.POST or None, initial={"valid_from": request.as_at, "voting": "yes"}
        ),
        partial(actions.add_membership, by=request.user, body=body),
        notice=lambda m: f"{m.person_id} added to {body.name}",
        template="governance/membership_add.html",
        title=f"Add a member to {body.name}",
        org=body.org,
        back=_body_href(body),
        context={"body": body},
    )


def _membership_label(m) -> str:
    until = f" until {long_date(m.valid_to)}" if m.valid_to else ""
    return (
        f"{m.person.name} ({m.person_id}), {m.get_capacity_display()}, "
        f"from {long_date(m.valid_from)}{until}"
    )


@signed_in
def membership_end(request, body_id):
    body = _body_in_scope(request, body_id)
    _govern_or_403(request, body.org_id)
    current = list(
        Membership.objects.filter(body=body)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=request.as_at))
        .select_related("person")
        .order_by("person__name", "id")
    )
    return end_form(
        request,
        current,
        _membership_label,
        noun="membership",
        notice=lambda m, on: f"Membership of {m.person_id} ends on {on:%d %B %Y}",
        title=f"End a membership of {body.name}",
        back=_body_href(body),
        intro="The person stays on the record as a member until the last day you give; "
        "nothing is deleted.",
        empty="This body has no memberships in force on or after the date shown.",
    )


@person_in_scope
def person_boards(request, person):
    """Every body the person sits on, on D, across organisations, with what each holds
    to account, and the findings about them."""
    d = request.as_at
    seats = list(
        Membership.objects.in_force(d)
        .filter(person=person)
        .select_related("body__org")
        .order_by("body__org__name", "body__name")
    )
    orgs = {m.body.org_id for m in seats}
    facts = load_area_facts(d, orgs)
    area = build_area(facts, d, orgs, request.scope.org_codes())
    ref = f"person:{person.person_id}"
    mine = [
        NumberedFinding(i, f)
        for i, f in enumerate([f for f in area.findings if f.subject == ref], 1)
    ]
    holds, answers = defaultdict(list), defaultdict(list)
    for line in facts.lines:
        if line.holder.startswith("body:"):
            holds[line.holder].append(line)
        if line.subject.startswith("body:"):
            answers[line.subject].append(line)
    rows = []
    for m in seats:
        b = f"body:{m.body_id}"
        rows.append(
            {
                "m": m,
                "org_linked": m.body.org_id in area.scope,
                "holds": [
                    (_label(area, x.subject), _link(area, x.subject), x.kind)
                    for x in holds.get(b, [])
                ],
                "answers": [
                    (_label(area, x.holder), _link(area, x.holder), x.kind)
                    for x in answers.get(b, [])
                ],
            }
        )
    return render(
        request,
        "governance/person_boards.html",
        {
            "title": f"Boards and committees of {person.name}",
            "person": person,
            "rows": rows,
            "organisations": len(orgs),
            "boards": len({m.body.org_id for m in seats if m.body.kind == "board"}),
            "findings": _finding_rows(area, mine),
        },
    )
