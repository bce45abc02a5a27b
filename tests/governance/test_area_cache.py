"""An area's analysis is worked out again after any recorded change, and only then."""

import datetime as dt

import pytest

from pathfinder.core.scope import organisations_below
from pathfinder.governance import actions
from pathfinder.governance.accountability.area import load_area
from pathfinder.governance.models import AccountabilityLine

pytestmark = pytest.mark.django_db

AS_AT = dt.date(2011, 11, 15)


def test_asking_again_with_no_change_gives_the_same_analysis(east):
    scope = organisations_below({"CL-CAP"})
    assert load_area(AS_AT, scope) is load_area(AS_AT, scope)
    assert load_area(AS_AT, scope, "C-CAM") is not load_area(AS_AT, scope)


def test_a_recorded_change_is_seen_at_once(east):
    scope = organisations_below({"CL-CAP"})
    before = load_area(AS_AT, scope)
    line = AccountabilityLine.objects.in_force(AS_AT).order_by("id").first()
    actions.end_row(line, by="test:cache", on=AS_AT - dt.timedelta(days=1))
    after = load_area(AS_AT, scope)
    assert after is not before
    assert {x.id for x in after.facts.lines} == {x.id for x in before.facts.lines} - {line.id}


def test_the_register_checks_are_worked_out_again_after_a_change(east):
    from pathfinder.core.audit import last_change
    from pathfinder.interests import reminders

    codes = organisations_below({"CL-CAP"})
    first = reminders.load_reminders(AS_AT, codes)
    hits = reminders._register_checked.cache_info().hits
    assert reminders.load_reminders(AS_AT, codes) == first
    assert reminders._register_checked.cache_info().hits == hits + 1
    before = last_change()
    line = AccountabilityLine.objects.in_force(AS_AT).order_by("id").first()
    actions.end_row(line, by="test:cache", on=AS_AT - dt.timedelta(days=1))
    assert last_change() != before
    misses = reminders._register_checked.cache_info().misses
    reminders.load_reminders(AS_AT, codes)
    assert reminders._register_checked.cache_info().misses == misses + 1
