"""People and posts written one at a time through the people actions: audited, checked,
and a refusal writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pathfinder.core.models import AuditEvent
from pathfinder.core.versions import StaleVersion, version_of
from pathfinder.people import actions
from pathfinder.people.models import Person, Post
from pathfinder.people.staffing import person_posts

pytestmark = pytest.mark.django_db
BY = "test:people"


def test_a_person_is_added_with_their_audit(east):
    person = actions.add_person(by=BY, person_id="P90", name="Nia Shah", profession="gp")
    assert Person.objects.get(pk="P90").is_clinician
    event = AuditEvent.objects.get(actor=BY)
    assert (event.operation, event.object_id, event.after["name"]) == ("create", "P90", "Nia Shah")
    assert person.pk == "P90"


def test_a_person_with_an_unknown_profession_is_refused(east):
    with pytest.raises(ValidationError) as refused:
        actions.add_person(by=BY, person_id="P90", name="Nia Shah", profession="wizard")
    assert "profession" in refused.value.message_dict
    assert not Person.objects.filter(pk="P90").exists()
    assert not AuditEvent.objects.filter(actor=BY).exists()


def test_changing_a_person_keeps_before_and_after(east):
    person = Person.objects.get(pk="P03")
    actions.change_person(person, by=BY, email="carol@example.nhs.uk")
    assert Person.objects.get(pk="P03").email == "carol@example.nhs.uk"
    event = AuditEvent.objects.get(actor=BY)
    assert (event.before["email"], event.after["email"]) == ("", "carol@example.nhs.uk")


def test_a_change_read_at_an_old_version_is_refused(east):
    person = Person.objects.get(pk="P03")
    seen = version_of(person)
    actions.change_person(person, by=BY, name="Carol A")
    with pytest.raises(StaleVersion):
        actions.change_person(Person.objects.get(pk="P03"), by=BY, expected_version=seen, name="X")
    assert Person.objects.get(pk="P03").name == "Carol A"


def test_a_reference_is_not_a_field_to_change(east):
    with pytest.raises(TypeError, match="person_id"):
        actions.change_person(Person.objects.get(pk="P03"), by=BY, person_id="P99")


def in_force_at(person, d: dt.date) -> set[str]:
    return {row.org_code for row in person_posts(person, d, set()) if row.in_force}


def test_a_post_is_added_and_ended_not_deleted(east):
    person = Person.objects.get(pk="P03")
    post = actions.add_post(
        person,
        by=BY,
        org_id="C-PET",
        title="Clinical lead",
        role="clinical_lead",
        valid_from=dt.date(2011, 9, 1),
    )
    assert "C-PET" in in_force_at(person, dt.date(2011, 10, 1))
    actions.end_post(post, by=BY, on=dt.date(2011, 9, 30))
    assert Post.objects.get(pk=post.pk).valid_to == dt.date(2011, 9, 30)
    assert "C-PET" not in in_force_at(person, dt.date(2011, 10, 1))
    assert [e.operation for e in AuditEvent.objects.filter(actor=BY).order_by("id")] == [
        "create",
        "update",
    ]


def test_a_post_cannot_end_before_it_starts(east):
    person = Person.objects.get(pk="P03")
    post = actions.add_post(
        person, by=BY, org_id="C-PET", title="Lead", role="staff", valid_from=dt.date(2011, 9, 1)
    )
    with pytest.raises(ValidationError):
        actions.end_post(post, by=BY, on=dt.date(2011, 8, 1))
    assert Post.objects.get(pk=post.pk).valid_to is None
