"""People and their posts, as at a date, in the caller's scope.

Only posts at organisations in scope are shown, even for a person who also holds posts
elsewhere; the analyses, which look across organisations, are where those are weighed.
"""

from django.db.models import Exists, OuterRef, Q
from ninja import Path, Query, Router
from ninja.errors import HttpError

from pathfinder.api import schemas
from pathfinder.api.auth import caller_scope
from pathfinder.api.filters import narrowed
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
from pathfinder.governance.models import Membership
from pathfinder.people.models import Person, Post

router = Router(tags=["people"])

PERSON_ID = Path(..., description="The person's id.", example="P03")


PEOPLE_SORTS = sorts("person_id", "name", "profession")


@router.get("/people", response=schemas.answers(schemas.PersonPage), summary="People")
def people(
    request,
    as_at: DateText = AS_AT,
    org: str | None = Query(None, description="Only people with a post in force here."),
    q: str | None = Query(None, description="Name or id contains this text."),
    sort: PEOPLE_SORTS.type = SORT,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """People holding a post or a body membership in force on the date at an organisation
    in your scope, by id.
    Sorts by person_id, name, profession.
    """
    d = as_at_param(as_at)
    codes = caller_scope(request).org_codes()
    org = code_param(org, "org")
    post_orgs = {org} & codes if org else codes
    holds_post = Post.objects.in_force(d).filter(person_id=OuterRef("pk"), org_id__in=post_orgs)
    condition = Exists(holds_post)
    if not org:
        condition |= Exists(
            Membership.objects.in_force(d).filter(person_id=OuterRef("pk"), body__org_id__in=codes)
        )
    qs = Person.objects.filter(condition).order_by("person_id")
    if q and q.strip():
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(person_id__icontains=q.strip()))
    return paged(
        qs,
        schemas.Person.of,
        limit,
        offset,
        d,
        request=request,
        sort_by=PEOPLE_SORTS,
    )


@router.get(
    "/people/{person_id}",
    response=schemas.answers(schemas.PersonDetail),
    summary="One person",
)
def person(request, person_id: str = PERSON_ID, as_at: DateText = AS_AT):
    """One person in your scope, with their posts in force on the date at organisations in
    your scope."""
    d = as_at_param(as_at)
    scope = caller_scope(request)
    found = scope.people().filter(person_id=person_id).first()
    if found is None:
        raise HttpError(404, "No such person in your scope")
    posts = (
        Post.objects.in_force(d)
        .filter(person_id=person_id, org_id__in=scope.org_codes())
        .order_by("org_id", "valid_from", "id")
    )
    return {
        **schemas.Person.of(found).model_dump(),
        "as_at": d,
        "posts": [schemas.Post.of(p) for p in posts],
    }


POSTS_SORTS = sorts("person_id", "org_id", "title", "valid_from")


@router.get("/posts", response=schemas.answers(schemas.PostPage), summary="Posts")
def posts(
    request,
    as_at: DateText = AS_AT,
    org: str | None = Query(None, description="Only posts at this organisation."),
    person: str | None = Query(None, description="Only posts held by this person."),
    sort: POSTS_SORTS.type = SORT,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Posts in force on the date at organisations in your scope, by person.

    Sorts by person_id, org_id, title, valid_from."""
    d = as_at_param(as_at)
    qs = (
        Post.objects.in_force(d)
        .filter(org_id__in=caller_scope(request).org_codes())
        .order_by("person_id", "org_id", "valid_from", "id")
    )
    qs = narrowed(qs, org_id=code_param(org, "org"), person_id=code_param(person, "person"))
    return paged(
        qs,
        schemas.Post.of,
        limit,
        offset,
        d,
        request=request,
        sort_by=POSTS_SORTS,
    )
