"""Bodies, memberships, lines of accountability and delegations, as at a date, in the
caller's scope. The accountability analysis itself is at /analyses/accountability.

A body, membership or delegation is in scope with its organisation; a line is in scope
when its subject or its holder belongs to an organisation in scope.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError

from pathfinder.api import schemas
from pathfinder.api.auth import caller_scope
from pathfinder.api.filters import narrowed, text_param
from pathfinder.api.params import (
    AS_AT,
    LIMIT,
    OFFSET,
    SORT,
    DateText,
    as_at_param,
    code_param,
    paged,
    sorts,
)
from pathfinder.api.schemas import same
from pathfinder.core.money import fmt_money
from pathfinder.governance.models import AccountabilityLine, Body, Delegation, Function, Membership

router = Router(tags=["governance"])

BODY_ID = Path(..., description="The body's id.", example="B-5PP")


class BodyOut(Schema):
    ref: str
    body_id: str
    org: str
    name: str
    kind: str
    quorum_min: int
    quorum_neds_min: int
    quorum_clinicians_min: int

    @classmethod
    def of(cls, b) -> "BodyOut":
        return cls(
            ref=f"body:{b.body_id}",
            org=f"org:{b.org_id}",
            **same(b, "body_id name kind quorum_min quorum_neds_min quorum_clinicians_min"),
        )


class MembershipOut(Schema):
    id: int
    row: str  # as findings name it: membership:ID
    body: str
    person: str
    capacity: str
    voting: bool
    valid_from: dt.date
    valid_to: dt.date | None

    @classmethod
    def of(cls, m) -> "MembershipOut":
        return cls(
            id=m.pk,
            row=f"membership:{m.pk}",
            body=f"body:{m.body_id}",
            person=f"person:{m.person_id}",
            **same(m, "capacity voting valid_from valid_to"),
        )


class BodyDetail(BodyOut):
    as_at: dt.date
    members: list[MembershipOut]


class LineOut(Schema):
    id: int
    row: str  # as findings name it: accountability:ID
    subject: str
    holder: str
    kind: str
    scope: str
    valid_from: dt.date
    valid_to: dt.date | None

    @classmethod
    def of(cls, x) -> "LineOut":
        return cls(
            id=x.pk,
            row=f"accountability:{x.pk}",
            **same(x, "subject holder kind scope valid_from valid_to"),
        )


class DelegationOut(Schema):
    id: int
    org: str
    decision_type: str
    delegate: str
    limit: str | None  # pounds with two decimals; null: no limit
    valid_from: dt.date
    valid_to: dt.date | None

    @classmethod
    def of(cls, g) -> "DelegationOut":
        return cls(
            id=g.pk,
            org=f"org:{g.org_id}",
            limit=fmt_money(g.limit) if isinstance(g.limit, Decimal) else None,
            **same(g, "decision_type delegate valid_from valid_to"),
        )


class BodyPage(schemas.Paged):
    items: list[BodyOut]


class MembershipPage(schemas.Paged):
    items: list[MembershipOut]


class LinePage(schemas.Paged):
    items: list[LineOut]


class DelegationPage(schemas.Paged):
    items: list[DelegationOut]


BODIES_SORTS = sorts("body_id", "org_id", "name", "kind")


@router.get("/bodies", response=schemas.answers(BodyPage), summary="Bodies")
def bodies(
    request,
    as_at: DateText = AS_AT,
    org: str | None = Query(None, description="Only the bodies of this organisation."),
    sort: BODIES_SORTS.type = SORT,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Boards, committees and other bodies of the organisations in your scope, by id.

    Sorts by body_id, org_id, name, kind."""
    d = as_at_param(as_at)
    qs = Body.objects.filter(org_id__in=caller_scope(request).org_codes()).order_by("body_id")
    return paged(
        narrowed(qs, org_id=code_param(org, "org")),
        BodyOut.of,
        limit,
        offset,
        d,
        request=request,
        sort_by=BODIES_SORTS,
    )


@router.get("/bodies/{body_id}", response=schemas.answers(BodyDetail), summary="One body")
def body(request, body_id: str = BODY_ID, as_at: DateText = AS_AT):
    """One body in your scope, with its members in force on the date."""
    d = as_at_param(as_at)
    found = Body.objects.filter(
        body_id=body_id, org_id__in=caller_scope(request).org_codes()
    ).first()
    if found is None:
        raise HttpError(404, "No such body in your scope")
    members = Membership.objects.in_force(d).filter(body=found).order_by("person_id", "id")
    return {
        **BodyOut.of(found).model_dump(),
        "as_at": d,
        "members": [MembershipOut.of(m) for m in members],
    }


MEMBERSHIPS_SORTS = sorts("body_id", "person_id", "capacity", "valid_from")


@router.get("/memberships", response=schemas.answers(MembershipPage), summary="Memberships")
def memberships(
    request,
    as_at: DateText = AS_AT,
    body: str | None = Query(None, description="Only the members of this body."),
    person: str | None = Query(None, description="Only the seats of this person."),
    sort: MEMBERSHIPS_SORTS.type = SORT,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Memberships in force on the date of bodies in your scope, by body then person.

    Sorts by body_id, person_id, capacity, valid_from."""
    d = as_at_param(as_at)
    qs = (
        Membership.objects.in_force(d)
        .filter(body__org_id__in=caller_scope(request).org_codes())
        .order_by("body_id", "person_id", "id")
    )
    qs = narrowed(qs, body_id=code_param(body, "body"), person_id=code_param(person, "person"))
    return paged(
        qs,
        MembershipOut.of,
        limit,
        offset,
        d,
        request=request,
        sort_by=MEMBERSHIPS_SORTS,
    )


def _refs_in_scope(codes: set[str]) -> list[str]:
    """Every `org:`, `body:` and `function:` reference belonging to the organisations."""
    refs = [f"org:{c}" for c in codes]
    refs += [
        f"body:{b}" for b in Body.objects.filter(org_id__in=codes).values_list("pk", flat=True)
    ]
    refs += [
        f"function:{f}"
        for f in Function.objects.filter(org_id__in=codes).values_list("pk", flat=True)
    ]
    return refs


@router.get("/accountability-lines", response=schemas.answers(LinePage), summary="Lines")
def lines(
    request,
    as_at: DateText = AS_AT,
    subject: str | None = Query(None, description="Only lines from this reference."),
    holder: str | None = Query(None, description="Only lines to this reference."),
    kind: str | None = Query(None, description="accountable, delegated, reports or advises."),
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Lines of accountability in force on the date with an end in your scope, by id."""
    d = as_at_param(as_at)
    refs = _refs_in_scope(caller_scope(request).org_codes())
    qs = (
        AccountabilityLine.objects.in_force(d)
        .filter(Q(subject__in=refs) | Q(holder__in=refs))
        .order_by("id")
    )
    qs = narrowed(qs, subject=text_param(subject), holder=text_param(holder), kind=text_param(kind))
    return paged(qs, LineOut.of, limit, offset, d)


DELEGATIONS_SORTS = sorts("org_id", "decision_type", "delegate", "limit", "valid_from")


@router.get("/delegations", response=schemas.answers(DelegationPage), summary="Delegations")
def delegations(
    request,
    as_at: DateText = AS_AT,
    org: str | None = Query(None, description="Only this organisation's scheme."),
    decision_type: str | None = Query(None, description="Only this decision type."),
    sort: DELEGATIONS_SORTS.type = SORT,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """The schemes of delegation of organisations in your scope: delegations in force on
    the date, by organisation, decision type and delegate.
    Sorts by org_id, decision_type, delegate, limit, valid_from.
    """
    d = as_at_param(as_at)
    qs = (
        Delegation.objects.in_force(d)
        .filter(org_id__in=caller_scope(request).org_codes())
        .order_by("org_id", "decision_type", "delegate", "id")
    )
    qs = narrowed(qs, org_id=code_param(org, "org"), decision_type=text_param(decision_type))
    return paged(
        qs,
        DelegationOut.of,
        limit,
        offset,
        d,
        request=request,
        sort_by=DELEGATIONS_SORTS,
    )
