"""Organisations and the relationships between them, as at a date, in the caller's scope.

A relationship is shown when either end is in scope, so an organisation's page names
the body it reports to even when the caller may not open that body's record.
"""

from typing import Annotated

from django.db.models import Q
from ninja import Path, Query, Router
from ninja.errors import HttpError

from pathfinder.api import schemas
from pathfinder.api.auth import caller_scope
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
from pathfinder.organisations.models import OrgKind, Relationship, RelKind

router = Router(tags=["organisations"])

CODE = Path(..., description="The organisation's code.", example="C-CAM")


ORGANISATIONS_SORTS = sorts("code", "name", "kind", "opened", "closed")


@router.get(
    "/organisations", response=schemas.answers(schemas.OrganisationPage), summary="Organisations"
)
def organisations(
    request,
    as_at: DateText = AS_AT,
    kind: Annotated[OrgKind | None, Query(description="Only this kind.")] = None,
    q: str | None = Query(None, description="Code or name contains this text."),
    sort: ORGANISATIONS_SORTS.type = SORT,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Organisations in your scope that are open on the date, by code.

    Sorts by code, name, kind, opened, closed."""
    d = as_at_param(as_at)
    qs = caller_scope(request).organisations().open_on(d).order_by("code")
    if kind:
        qs = qs.filter(kind=kind)
    if q and q.strip():
        qs = qs.filter(Q(code__icontains=q.strip()) | Q(name__icontains=q.strip()))
    return paged(
        qs,
        lambda o: schemas.Organisation.of(o, d),
        limit,
        offset,
        d,
        request=request,
        sort_by=ORGANISATIONS_SORTS,
    )


@router.get(
    "/organisations/{code}",
    response=schemas.answers(schemas.OrganisationDetail),
    summary="One organisation",
)
def organisation(request, code: str = CODE, as_at: DateText = AS_AT):
    """One organisation in your scope, with the relationships in force on the date."""
    d = as_at_param(as_at)
    org = caller_scope(request).organisations().filter(code=code).first()
    if org is None:
        raise HttpError(404, "No such organisation in your scope")
    rels = (
        Relationship.objects.in_force(d)
        .filter(Q(parent_id=code) | Q(child_id=code))
        .order_by("parent_id", "child_id", "kind", "valid_from")
    )
    return {
        **schemas.Organisation.of(org, d).model_dump(),
        "as_at": d,
        "relationships": [schemas.Relationship.of(r) for r in rels],
    }


@router.get(
    "/relationships", response=schemas.answers(schemas.RelationshipPage), summary="Relationships"
)
def relationships(
    request,
    as_at: DateText = AS_AT,
    org: str | None = Query(None, description="Only those with this organisation at either end."),
    kind: Annotated[RelKind | None, Query(description="Only this kind.")] = None,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Relationships in force on the date with at least one end in your scope."""
    d = as_at_param(as_at)
    codes = caller_scope(request).org_codes()
    qs = (
        Relationship.objects.in_force(d)
        .filter(Q(parent_id__in=codes) | Q(child_id__in=codes))
        .order_by("parent_id", "child_id", "kind", "valid_from")
    )
    if org := code_param(org, "org"):
        qs = qs.filter(Q(parent_id=org) | Q(child_id=org))
    if kind:
        qs = qs.filter(kind=kind)
    return paged(qs, schemas.Relationship.of, limit, offset, d)
