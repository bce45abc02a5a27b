"""The registers: interests, gifts and hospitality, and annual returns of the people in
the caller's scope; and an organisation's published register (RULES.md §3)."""

from ninja import Path, Query, Router

from pathfinder.api.auth import caller_scope
from pathfinder.api.filters import narrowed
from pathfinder.api.params import AS_AT, LIMIT, OFFSET, DateText, as_at_param, code_param, paged
from pathfinder.api.schemas import answers
from pathfinder.core.refs import ref
from pathfinder.interests.models import AnnualReturn, Gift, Interest
from pathfinder.interests.published import declared_json

router = Router(tags=["interests"])

CODE = Path(..., description="The organisation's code.", example="C-CAM")
PERSON = Query(None, description="Only this person's rows.")


def _people(request):
    return caller_scope(request).people().values("person_id")


def _interest(i) -> dict:
    return {
        "ref": ref("interest", i.interest_id),
        "person": ref("person", i.person_id),
        **declared_json(i, i.counterparty_id),
    }


def _gift(g) -> dict:
    return {
        "ref": ref("gift", g.gift_id),
        "person": ref("person", g.person_id),
        "kind": g.kind,
        "offered_by": g.offered_by,
        "description": g.description,
        "value": f"{g.value:.2f}",
        "offered_on": g.offered_on.isoformat(),
        "accepted": g.accepted,
        "declared_on": g.declared_on.isoformat(),
    }


def _return(r) -> dict:
    return {
        "person": ref("person", r.person_id),
        "returned_on": r.returned_on.isoformat(),
        "nil": r.nil,
    }


def _of_people(request, rows, person, shape, limit, offset) -> dict:
    """A page of the rows of people in your scope (of one person when `person` is given)."""
    qs = narrowed(
        rows.filter(person_id__in=_people(request)), person_id=code_param(person, "person")
    )
    return paged(qs, shape, limit, offset)


@router.get("/interests", response=answers(dict), summary="Declared interests")
def interests(request, person: str | None = PERSON, limit: int = LIMIT, offset: int = OFFSET):
    """Interests of people in your scope, by id."""
    return _of_people(
        request, Interest.objects.order_by("interest_id"), person, _interest, limit, offset
    )


@router.get("/gifts", response=answers(dict), summary="Gifts and hospitality")
def gifts(request, person: str | None = PERSON, limit: int = LIMIT, offset: int = OFFSET):
    """Gifts and hospitality declared by people in your scope, by id."""
    return _of_people(request, Gift.objects.order_by("gift_id"), person, _gift, limit, offset)


@router.get("/returns", response=answers(dict), summary="Annual returns")
def returns(request, person: str | None = PERSON, limit: int = LIMIT, offset: int = OFFSET):
    """Annual returns (nil or not) of people in your scope, by person and date."""
    rows = AnnualReturn.objects.order_by("person_id", "returned_on", "id")
    return _of_people(request, rows, person, _return, limit, offset)


@router.get("/registers/{code}/interests", response=answers(dict), summary="Published register")
def published(request, code: str = CODE, as_at: DateText = AS_AT):
    """The register of interests of an organisation's decision-makers as published."""
    from ninja.errors import HttpError

    from pathfinder.interests.public import load_registers
    from pathfinder.interests.published import entry_json
    from pathfinder.organisations.models import Organisation

    d = as_at_param(as_at)
    org = Organisation.objects.filter(code=code).first()
    if org is None:
        raise HttpError(404, "No such organisation")
    r = load_registers(org, d)
    return {
        "as_at": d.isoformat(),
        "org": ref("org", org.code),
        "items": [entry_json(e) for e in r.interests],
    }
