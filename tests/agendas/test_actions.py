"""Proposals and stances written through the agenda actions: audited, checked, and the
latest stance on or before a date is the one the analysis reads."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pathfinder.agendas import actions, stances
from pathfinder.agendas.models import Position, Proposal
from pathfinder.core.models import AuditEvent

pytestmark = pytest.mark.django_db
BY = "test:agendas"


def stance_of(proposal: str, org: str, as_at: dt.date) -> str | None:
    facts = stances.load_facts(as_at)
    return stances.latest_stances(facts.positions, as_at).get(proposal, {}).get(org)


def test_a_new_position_is_the_stance_from_its_day(east):
    proposal = Proposal.objects.get(pk="PR-UCC")
    assert stance_of("PR-UCC", "RGN", dt.date(2012, 1, 1)) == "oppose"
    actions.state_position(
        proposal, by=BY, org_id="RGN", stance="neutral", stated_on=dt.date(2011, 12, 1)
    )
    assert stance_of("PR-UCC", "RGN", dt.date(2011, 11, 30)) == "oppose"
    assert stance_of("PR-UCC", "RGN", dt.date(2012, 1, 1)) == "neutral"
    event = AuditEvent.objects.get(actor=BY)
    assert (event.operation, event.model, event.after["stance"]) == (
        "create",
        "agendas.Position",
        "neutral",
    )


def test_an_unknown_stance_is_refused(east):
    proposal = Proposal.objects.get(pk="PR-UCC")
    count = Position.objects.count()
    with pytest.raises(ValidationError) as refused:
        actions.state_position(
            proposal, by=BY, org_id="RGN", stance="furious", stated_on=dt.date(2011, 12, 1)
        )
    assert "stance" in refused.value.message_dict
    assert Position.objects.count() == count
    assert not AuditEvent.objects.filter(actor=BY).exists()


def test_a_proposal_is_added_with_its_audit(east):
    actions.add_proposal(by=BY, proposal_id="PR-NEW", title="Stroke unit", lead_id="C-PET")
    assert Proposal.objects.get(pk="PR-NEW").lead_id == "C-PET"
    assert AuditEvent.objects.get(actor=BY).object_id == "PR-NEW"
