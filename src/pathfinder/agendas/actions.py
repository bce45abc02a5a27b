"""Audited writes to proposals for service change and the stances organisations state on
them, through `core.actions` (validated, audited, one transaction).

A stance is never edited: an organisation that changes its mind states a new position,
and the latest on or before a date is its stance then (agendas/stances.py, RULES.md §8).
The package loader writes proposals and positions in bulk (docs/decisions/0126).
"""

from pathfinder.agendas.models import Position, Proposal
from pathfinder.core import actions


def add_proposal(*, by, **fields) -> Proposal:
    """A proposal: `proposal_id`, `title` and the organisation that leads it (`lead_id`)."""
    return actions.create(Proposal, by=by, **fields)


def state_position(proposal: Proposal, *, by, **fields) -> Position:
    """`org_id`'s `stance` on `proposal` from `stated_on`, optionally with the body that
    took it (`by_body_id`) and its `rationale`."""
    return actions.create(Position, by=by, proposal=proposal, **fields)
