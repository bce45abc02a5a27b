"""Audited writes to proposals for service change and the stances organisations state on
them, through `core.actions` (validated, audited, one transaction).

A stance is never edited: an organisation that changes its mind states a new position,
and the latest on or before a date is its stance then (agendas/stances.py, RULES.md §8).
The package loader writes proposals and positions in bulk (docs/decisions/0126).
"""

import datetime as dt

from pathfinder.agendas.models import Position, Proposal
from pathfinder.core import actions


def add_proposal(*, by, proposal_id: str, title: str, lead_id: str) -> Proposal:
    return actions.create(Proposal, by=by, proposal_id=proposal_id, title=title, lead_id=lead_id)


def state_position(
    proposal: Proposal,
    *,
    by,
    org_id: str,
    stance: str,
    stated_on: dt.date,
    by_body_id: str | None = None,
    rationale: str = "",
) -> Position:
    return actions.create(
        Position,
        by=by,
        proposal=proposal,
        org_id=org_id,
        stance=stance,
        stated_on=stated_on,
        by_body_id=by_body_id,
        rationale=rationale,
    )
