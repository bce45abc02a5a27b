"""Recording attendance and adding decisions through the governance actions: each row
written or taken off the record leaves its audit event; a refusal writes nothing."""

import pytest

from pathfinder.core import actions
from pathfinder.core.errors import UserError
from pathfinder.core.models import AuditEvent
from pathfinder.governance.actions import add_decision, record_attendance
from pathfinder.governance.models import Attendance, Decision, Meeting, Membership


def _present(meeting) -> set[str]:
    return set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True))


@pytest.mark.django_db
def test_taking_someone_off_the_record_audits_the_row_as_it_was(east):
    meeting = Meeting.objects.get(pk="M-CAM-11")
    before = _present(meeting)
    gone = sorted(before)[0]
    row_id = Attendance.objects.get(meeting=meeting, person_id=gone).pk
    added, removed = record_attendance(meeting, before - {gone}, by="test:attendance")
    assert (added, removed) == (0, 1)
    assert _present(meeting) == before - {gone}
    event = AuditEvent.objects.get(actor="test:attendance", operation="delete")
    assert (event.model, event.object_id) == ("governance.Attendance", str(row_id))
    assert event.before["person_id"] == gone


@pytest.mark.django_db
def test_adding_someone_audits_the_new_row(east):
    meeting = Meeting.objects.get(pk="M-CAM-11")
    before = _present(meeting)
    gone = sorted(before)[0]
    record_attendance(meeting, before - {gone}, by="test:attendance")
    assert record_attendance(meeting, before, by="test:attendance") == (1, 0)
    assert _present(meeting) == before
    assert (
        AuditEvent.objects.filter(
            actor="test:attendance", operation="create", model="governance.Attendance"
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_someone_not_on_the_body_is_refused_and_nothing_changes(east):
    meeting = Meeting.objects.get(pk="M-CAM-11")
    before = _present(meeting)
    with pytest.raises(UserError, match="P16"):
        record_attendance(meeting, {"P16"}, by="test:attendance")
    assert _present(meeting) == before
    assert not AuditEvent.objects.filter(actor="test:attendance").exists()


@pytest.mark.django_db
def test_a_decision_is_added_with_its_audit(east):
    meeting = Meeting.objects.get(pk="M-CAM-11")
    add_decision(
        meeting,
        by="test:decisions",
        decision_id="D-X-1",
        decision_type="contract_award",
        title="Extra",
        amount=1000,
    )
    assert Decision.objects.get(pk="D-X-1").meeting_id == "M-CAM-11"
    event = AuditEvent.objects.get(actor="test:decisions")
    assert (event.operation, event.object_id) == ("create", "D-X-1")


@pytest.mark.django_db
def test_an_effective_dated_row_is_ended_not_removed(east):
    membership = Membership.objects.first()
    with pytest.raises(ValueError, match="effective-dated"):
        actions.remove(membership, by="test:attendance")
    assert Membership.objects.filter(pk=membership.pk).exists()
