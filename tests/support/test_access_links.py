"""The support programme's serving links are read again after any recorded change, and
only then."""

import datetime as dt

import pytest

from pathfinder.core.scope import Scope
from pathfinder.governance import actions
from pathfinder.governance.models import AccountabilityLine
from pathfinder.organisations.models import Relationship
from pathfinder.support import access
from pathfinder.support.access import SupportAccess

pytestmark = pytest.mark.django_db

AS_AT = dt.date(2011, 11, 15)


class Lead:
    is_authenticated = is_active = True

    class roles:  # noqa: N801 - the shape of a user's related manager
        @staticmethod
        def all():
            from pathfinder.core.models import RoleAssignment

            return [RoleAssignment(role="governance_lead", org_code="C-CAM")]


def _record_a_change():
    line = AccountabilityLine.objects.in_force(AS_AT).order_by("id").first()
    actions.end_row(line, by="test:links", on=AS_AT - dt.timedelta(days=1))


def test_the_links_are_read_once_while_nothing_changes(east):
    SupportAccess(Scope(Lead()))
    misses = access._links_at.cache_info().misses
    SupportAccess(Scope(Lead()))
    assert access._links_at.cache_info().misses == misses
    _record_a_change()
    SupportAccess(Scope(Lead()))
    assert access._links_at.cache_info().misses == misses + 1


def test_a_link_written_with_a_recorded_change_is_seen_at_once(east):
    assert "FED1" not in SupportAccess(Scope(Lead())).providers_seen
    Relationship.objects.create(
        parent_id="FED1", child_id="C-CAM", kind="supports", valid_from=dt.date(2011, 4, 1)
    )
    _record_a_change()
    assert "FED1" in SupportAccess(Scope(Lead())).providers_seen
