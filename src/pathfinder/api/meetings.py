"""Meetings and decisions in the caller's scope, each decision with its conflicts check
(the shape of `pathfinder conflicts --decision ID --json`)."""

from ninja import Path, Query, Router
from ninja.errors import HttpError

from pathfinder.api.auth import caller_scope
from pathfinder.api.filters import narrowed
from pathfinder.api.params import LIMIT, OFFSET, SORT, code_param, paged, sorts
from pathfinder.api.schemas import answers
from pathfinder.core.refs import ref
from pathfinder.governance.conflicts import meeting_report, report
from pathfinder.governance.models import Decision, Meeting

router = Router(tags=["meetings"])

DECISION_ID = Path(..., description="The decision's id.", example="D-CAM-1")
MEETING_ID = Path(..., description="The meeting's id.", example="M-CAM-11")


def _meeting_json(m) -> dict:
    return {
        "ref": ref("meeting", m.meeting_id),
        "meeting_id": m.meeting_id,
        "body": ref("body", m.body_id),
        "org": ref("org", m.body.org_id),
        "date": m.date.isoformat(),
    }


def _decision_json(x) -> dict:
    return {
        "ref": ref("decision", x.decision_id),
        "decision_id": x.decision_id,
        "meeting": ref("meeting", x.meeting_id),
        "decision_type": x.decision_type,
        "title": x.title,
        "amount": None if x.amount is None else f"{x.amount:.2f}",
        "counterparties": [ref("org", c) for c in x.counterparty_codes],
        "outcome": x.outcome or None,
    }


MEETINGS_SORTS = sorts("date", "meeting_id", "body_id")


@router.get("/meetings", response=answers(dict), summary="Meetings")
def meetings(
    request,
    body: str | None = Query(None, description="Only this body's meetings."),
    sort: MEETINGS_SORTS.type = SORT,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Meetings of bodies of organisations in your scope, by date.

    Sorts by date, meeting_id, body_id."""
    qs = (
        Meeting.objects.filter(body__org_id__in=caller_scope(request).org_codes())
        .select_related("body")
        .order_by("date", "meeting_id")
    )
    return paged(
        narrowed(qs, body_id=code_param(body, "body")),
        _meeting_json,
        limit,
        offset,
        request=request,
        sort_by=MEETINGS_SORTS,
    )


def _meeting_in_scope(request, meeting_id: str):
    m = Meeting.objects.select_related("body").filter(pk=meeting_id).first()
    if m is None or m.body.org_id not in caller_scope(request).org_codes():
        raise HttpError(404, "No such meeting in your scope")
    return m


@router.get("/meetings/{meeting_id}", response=answers(dict), summary="One meeting's agenda")
def meeting(request, meeting_id: str = MEETING_ID):
    """A meeting with its decisions, each with its conflicts check."""
    m = _meeting_in_scope(request, meeting_id)
    decisions = {x.decision_id: x for x in Decision.objects.filter(meeting=m)}
    checks = meeting_report(m.meeting_id)
    return {
        **_meeting_json(m),
        "attendance": [
            ref("person", p) for p in sorted(m.attendance.values_list("person_id", flat=True))
        ],
        "decisions": [{**_decision_json(decisions[c["decision"]]), "conflicts": c} for c in checks],
    }


@router.get("/decisions/{decision_id}", response=answers(dict), summary="One decision")
def decision(request, decision_id: str = DECISION_ID):
    """A decision with its conflicts check."""
    x = Decision.objects.filter(pk=decision_id).first()
    if x is None:
        raise HttpError(404, "No such decision in your scope")
    _meeting_in_scope(request, x.meeting_id)
    return {**_decision_json(x), "conflicts": report(decision_id)}
