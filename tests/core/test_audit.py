"""Every change goes through an action that records who, when, before and after."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pathfinder.core import actions
from pathfinder.core.models import AuditEvent
from pathfinder.governance.models import Membership


@pytest.mark.django_db
def test_ending_a_row_sets_valid_to_and_is_audited(east):
    m = Membership.objects.in_force(dt.date(2011, 10, 1)).order_by("id").first()
    actions.end(m, by="test:lead", on=dt.date(2011, 12, 31))
    m.refresh_from_db()
    assert m.valid_to == dt.date(2011, 12, 31)
    assert not m.in_force_on(dt.date(2012, 1, 1))
    event = AuditEvent.objects.filter(model="governance.Membership").latest("id")
    assert event.actor == "test:lead"
    assert event.operation == "update"
    assert event.before["valid_to"] is None
    assert event.after["valid_to"] == "2011-12-31"
    assert event.object_id == str(m.pk)


@pytest.mark.django_db
def test_cannot_end_before_start(east):
    m = Membership.objects.order_by("id").first()
    with pytest.raises(ValidationError):
        actions.end(m, by="test", on=m.valid_from - dt.timedelta(days=1))
    assert not AuditEvent.objects.filter(model="governance.Membership").exists()


@pytest.mark.django_db
def test_audit_events_are_never_edited_or_deleted(east):
    event = AuditEvent.objects.first()
    event.actor = "someone else"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


@pytest.mark.django_db
def test_a_change_needs_an_actor(east):
    m = Membership.objects.order_by("id").first()
    with pytest.raises(ValueError):
        actions.update(m, by=None, capacity="ned")
