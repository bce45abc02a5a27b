"""Risk registers as at a date, in the caller's scope: risks with their scores and bands,
their reviews and actions, and recording a review or an action (EDIT permission on the
risk's organisation). The assessment itself is at /analyses/risks."""

import datetime as dt
from typing import Annotated

from django.http import HttpResponse
from ninja import Header, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, StringConstraints

from pathfinder.api.auth import caller_scope
from pathfinder.api.errors import NO_NUL, error_body
from pathfinder.api.params import (
    AS_AT,
    LIMIT,
    OFFSET,
    BodyDate,
    DateText,
    Text,
    as_at_param,
    code_param,
)
from pathfinder.api.schemas import Paged, answers, same
from pathfinder.core import versions
from pathfinder.core.refs import ref
from pathfinder.core.roles import Permission
from pathfinder.risks import actions
from pathfinder.risks.matrix import matrix_of
from pathfinder.risks.models import Risk as RiskModel
from pathfinder.risks.models import RiskAction, RiskReview
from pathfinder.risks.register import filter_rows, rows_for

router = Router(tags=["risks"])

CODE = Path(..., description="The organisation's code.", example="C-CAM")
RISK_ID = Path(..., description="The risk's reference.", example="R01")


class RiskOut(Schema):
    risk: str
    org: str
    title: str
    category: str
    owner: str | None
    inherent_score: int
    inherent_band: str
    current_likelihood: int
    current_consequence: int
    current_score: int
    band: str
    target_score: int | None
    target_band: str | None
    last_reviewed: dt.date | None
    review_due: dt.date
    review_overdue: bool
    escalate_to_baf: bool

    @classmethod
    def of(cls, r) -> "RiskOut":
        return cls(
            risk=ref("risk", r.risk_id),
            org=ref("org", r.org),
            owner=ref("person", r.owner_id) if r.owner_id else None,
            band=r.current_band,
            target_band=r.target_band or None,
            escalate_to_baf=r.escalates,
            **same(
                r,
                "title category inherent_score inherent_band current_likelihood"
                " current_consequence current_score target_score last_reviewed review_due"
                " review_overdue",
            ),
        )


class RiskPage(Paged):
    items: list[RiskOut]


class ReviewOut(Schema):
    reviewed_on: dt.date
    likelihood: int
    consequence: int
    score: int
    band: str
    threshold: int
    target_likelihood: int | None
    target_consequence: int | None
    matrix_version: int | None  # None: the NHS 5×5 standard
    note: str
    baseline: bool
    recorded_by: str

    @classmethod
    def of(cls, rv) -> "ReviewOut":
        return cls(
            matrix_version=rv.matrix.version if rv.matrix_id else None,
            **same(
                rv,
                "reviewed_on likelihood consequence score band threshold target_likelihood"
                " target_consequence note baseline recorded_by",
            ),
        )


class ActionOut(Schema):
    id: int
    description: str
    owner: str | None
    added_on: dt.date
    due: dt.date
    done_on: dt.date | None

    @classmethod
    def of(cls, a) -> "ActionOut":
        return cls(
            id=a.pk,
            owner=ref("person", a.owner_id) if a.owner_id else None,
            **same(a, "description added_on due done_on"),
        )


# What JSON Schema can state of a review or an action is declared; the rest of the
# domain's rules (dates against the risk's and today, a due date after the action was
# added, both targets or neither, an owner in scope) answer 422 naming the field.
Score = Annotated[int, Field(ge=1, le=5)]
LongText = Annotated[str, StringConstraints(max_length=4000, pattern=NO_NUL)]


class ReviewIn(Schema):
    reviewed_on: BodyDate
    likelihood: Score
    consequence: Score
    target_likelihood: Score | None = None
    target_consequence: Score | None = None
    note: LongText = ""


class ActionIn(Schema):
    description: Annotated[LongText, StringConstraints(min_length=1)]
    added_on: BodyDate
    due: BodyDate
    owner: Text | None = None  # a person id, or person:ID


IF_MATCH = Header(
    None,
    alias="If-Match",
    description=(
        "The risk's `ETag` from `GET /risks/{risk_id}`: the review is refused (412, "
        "nothing written) if the risk changed since. Required (428 without it)."
    ),
)


def _risk(request, risk_id: str) -> RiskModel:
    risk = (
        RiskModel.objects.filter(risk_id=risk_id, org_id__in=caller_scope(request).org_codes())
        .select_related("org")
        .first()
    )
    if risk is None:
        raise HttpError(404, "No such risk in your scope")
    return risk


def _may_edit(request, risk: RiskModel) -> None:
    if not caller_scope(request).can(Permission.EDIT, risk.org_id):
        raise HttpError(403, "Your role does not let you change this organisation's risks")


@router.get("/risks", response=answers(RiskPage), summary="Risks")
def risks(
    request,
    as_at: DateText = AS_AT,
    org: str | None = Query(None, description="Only this organisation's register."),
    category: str | None = Query(None, description="Only this category."),
    band: str | None = Query(None, description="Only this current band."),
    status: str | None = Query(None, description="`escalated` or `overdue`."),
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Risks open on the date in your scope, by reference, scored on the matrix of their
    organisation (or the one their last review was given under)."""
    d = as_at_param(as_at)
    codes = caller_scope(request).org_codes()
    org = code_param(org, "org")
    if org:
        codes = codes & {org}
    rows = rows_for(codes, d) if codes else []
    rows = filter_rows(rows, {"category": category, "band": band, "status": status})
    return {
        "as_at": d,
        "count": len(rows),
        "limit": limit,
        "offset": offset,
        "items": [RiskOut.of(r) for r in rows[offset : offset + limit]],
    }


@router.get("/risks/{risk_id}", response=answers(RiskOut), summary="One risk")
def risk(request, response: HttpResponse, risk_id: str = RISK_ID, as_at: DateText = AS_AT):
    """One risk in your scope with its scores as at the date (404 when not open then).
    The `ETag` header is the risk's version, for `If-Match` when recording a review."""
    d = as_at_param(as_at)
    found = _risk(request, risk_id)
    rows = rows_for([found.org_id], d, risk_ids=[found.risk_id])
    if not rows:
        raise HttpError(404, f"Risk {risk_id} is not open on {d.isoformat()}")
    response["ETag"] = versions.etag(versions.version_of(found))
    return RiskOut.of(rows[0])


@router.get("/risks/{risk_id}/reviews", response=answers(list[ReviewOut]), summary="Reviews")
def reviews(request, risk_id: str = RISK_ID):
    """Every review of the risk, oldest first, each with the band and threshold of the
    matrix it was given under."""
    found = _risk(request, risk_id)
    qs = RiskReview.objects.filter(risk=found).select_related("matrix")
    return [ReviewOut.of(rv) for rv in qs.order_by("reviewed_on", "id")]


@router.post(
    "/risks/{risk_id}/reviews",
    response=answers(ReviewOut, 400, 403, 412, 428, status=201),
    summary="Record a review",
)
def record_review(request, body: ReviewIn, risk_id: str = RISK_ID, if_match: str | None = IF_MATCH):
    """Record new scores: the register takes them, and the history keeps every review.
    Send the risk's `ETag` as `If-Match`: a risk changed since is 412 with who changed
    what, and nothing is written."""
    found = _risk(request, risk_id)
    _may_edit(request, found)
    read_at = versions.parse_version(if_match)
    if read_at is None:
        raise HttpError(428, "Send If-Match with the risk's ETag from GET /api/risks/{risk_id}")
    data = body.model_dump()
    _, errors = actions.check_review(found, data)
    if errors:
        return Status(422, error_body("; ".join(errors.values()), errors))
    try:
        review = actions.record_review(found, by=request.auth, expected_version=read_at, **data)
    except versions.StaleVersion as e:
        raise HttpError(412, str(e)) from None
    return Status(201, ReviewOut.of(review))


@router.get("/risks/{risk_id}/actions", response=answers(list[ActionOut]), summary="Actions")
def risk_actions(request, risk_id: str = RISK_ID):
    found = _risk(request, risk_id)
    return [ActionOut.of(a) for a in RiskAction.objects.filter(risk=found).order_by("due", "id")]


@router.post(
    "/risks/{risk_id}/actions",
    response=answers(ActionOut, 400, 403, status=201),
    summary="Add an action",
)
def add_action(request, body: ActionIn, risk_id: str = RISK_ID):
    found = _risk(request, risk_id)
    _may_edit(request, found)
    data = body.model_dump()
    data["owner"] = code_param(data.get("owner"), "person")
    owners = set(caller_scope(request).people().values_list("person_id", flat=True))
    _, errors = actions.check_item("action", data, owners)
    if errors:
        return Status(422, error_body("; ".join(errors.values()), errors))
    return Status(
        201, ActionOut.of(actions.add_item("action", found, by=request.auth, owners=owners, **data))
    )


class BandOut(Schema):
    top: int  # the highest score in the band
    name: str


class MatrixOut(Schema):
    org: str
    version: int | None
    likelihood: list[str]
    consequence: list[str]
    bands: list[BandOut]  # increasing, the last ending at 25
    threshold: int


@router.get("/risk-matrices/{code}", response=answers(MatrixOut), summary="Risk matrix")
def risk_matrix(request, code: str = CODE):
    """The organisation's current matrix (version null: the NHS 5×5 standard)."""
    if not caller_scope(request).can(Permission.VIEW, code):
        raise HttpError(404, "No such organisation in your scope")
    m = matrix_of(code)
    return {
        "org": ref("org", code),
        "version": m.version,
        "likelihood": list(m.likelihood),
        "consequence": list(m.consequence),
        "bands": [{"top": top, "name": name} for top, name in m.bands],
        "threshold": m.threshold,
    }
