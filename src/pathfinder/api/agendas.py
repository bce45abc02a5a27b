"""Proposals for service change and the positions stated on them: a proposal is in your
scope when its lead organisation is (docs/decisions/0125-agenda-pages.md)."""

import datetime as dt

from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError

from pathfinder.agendas.models import Position, Proposal
from pathfinder.api.auth import caller_scope
from pathfinder.api.filters import narrowed
from pathfinder.api.params import AS_AT, LIMIT, OFFSET, DateText, as_at_param, code_param, paged
from pathfinder.api.schemas import Paged, answers, same
from pathfinder.core.refs import ref

router = Router(tags=["agendas"])

PROPOSAL_ID = Path(..., description="The proposal's id.", example="PR-UCC")


class PositionOut(Schema):
    proposal: str
    org: str
    stance: str
    stated_on: dt.date
    by_body: str | None
    rationale: str

    @classmethod
    def of(cls, p) -> "PositionOut":
        return cls(
            proposal=p.proposal_id,
            org=ref("org", p.org_id),
            by_body=ref("body", p.by_body_id) if p.by_body_id else None,
            **same(p, "stance stated_on rationale"),
        )


class ProposalOut(Schema):
    proposal_id: str
    title: str
    lead: str


class ProposalDetail(ProposalOut):
    as_at: dt.date
    positions: list[PositionOut]  # stated on or before the date, in the order stated


class ProposalPage(Paged):
    items: list[ProposalOut]


class PositionPage(Paged):
    items: list[PositionOut]


def _visible(request):
    return Proposal.objects.filter(lead_id__in=caller_scope(request).org_codes())


def _proposal(p) -> ProposalOut:
    return ProposalOut(proposal_id=p.proposal_id, title=p.title, lead=ref("org", p.lead_id))


@router.get("/agendas/proposals", response=answers(ProposalPage), summary="Proposals")
def proposals(request, as_at: DateText = AS_AT, limit: int = LIMIT, offset: int = OFFSET):
    """Proposals led by organisations in your scope, by id."""
    d = as_at_param(as_at)
    return paged(_visible(request).order_by("proposal_id"), _proposal, limit, offset, d)


@router.get(
    "/agendas/proposals/{proposal_id}", response=answers(ProposalDetail), summary="One proposal"
)
def proposal(request, proposal_id: str = PROPOSAL_ID, as_at: DateText = AS_AT):
    """One proposal with every position stated on or before the date."""
    d = as_at_param(as_at)
    p = _visible(request).filter(proposal_id=proposal_id).first()
    if p is None:
        raise HttpError(404, "No such proposal in your scope")
    positions = Position.objects.filter(proposal=p, stated_on__lte=d).order_by("stated_on", "id")
    return {
        **_proposal(p).model_dump(),
        "as_at": d,
        "positions": [PositionOut.of(x) for x in positions],
    }


@router.get("/agendas/positions", response=answers(PositionPage), summary="Positions")
def positions(
    request,
    as_at: DateText = AS_AT,
    proposal: str | None = Query(None, description="Only this proposal."),
    org: str | None = Query(None, description="Only this organisation's positions."),
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Positions stated on or before the date on proposals in your scope."""
    d = as_at_param(as_at)
    qs = Position.objects.filter(proposal__in=_visible(request), stated_on__lte=d).order_by(
        "proposal_id", "stated_on", "id"
    )
    qs = narrowed(qs, proposal_id=proposal or None, org_id=code_param(org, "org"))
    return paged(qs, PositionOut.of, limit, offset, d)
