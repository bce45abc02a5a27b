"""My boards: a member's next meetings, their conflicts and what to do, their
declarations due or late, and the issued packs of their bodies."""

import datetime as dt

import pytest
from django.test import Client

from pathfinder.core.iso_dates import long_dates
from pathfinder.core.worker import run_pending
from pathfinder.governance.models import Meeting
from pathfinder.interests.my_agenda import my_conflicted_items
from pathfinder.interests.register import Limits, analyse, load_facts
from pathfinder.reports import actions
from pathfinder.reports.my_boards import my_boards
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db
D = dt.date(2011, 11, 1)
URL = f"/my/boards/?as_at={D.isoformat()}"


def pack_for(meeting_id: str, *, issue: bool, public: bool = False):
    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    pack = actions.request_build(by="test", body=meeting.body, as_at=meeting.date, meeting=meeting)
    run_pending()
    pack.refresh_from_db()
    return actions.issue(pack, by="test", public=public) if issue else pack


def test_the_header_links_my_boards_for_a_member_only(demo_users):
    member = signed_in(Client(), demo_users["member"])
    assert 'href="/my/boards/"' in member.get("/").content.decode()
    lead = signed_in(Client(), demo_users["governance_lead"])  # linked to no person
    assert 'href="/my/boards/"' not in lead.get("/").content.decode()
    assert "not linked to a person" in lead.get("/my/boards/").content.decode()


def declare_late_interest_in_rgn():
    """Umar Vance declares, late, a financial interest in the counterparty of the
    Peterborough urgent care centre decision (M-PET-11)."""
    from pathfinder.interests.actions import declare_interest
    from pathfinder.organisations.models import Organisation
    from pathfinder.people.models import Person

    declare_interest(
        Person.objects.get(pk="P21"),
        by="test",
        declared_on=dt.date(2011, 10, 20),
        category="financial",
        counterparty=Organisation.objects.get(pk="RGN"),
        description="Shares in the provider",
        interest_from=dt.date(2011, 6, 1),
    )


def test_the_page_shows_the_members_meetings_conflicts_and_declarations(demo_users):
    declare_late_interest_in_rgn()
    items = my_conflicted_items("P21", D)
    due = [f for f in analyse(load_facts(D), D, Limits.from_settings()) if f.person == "P21"]
    assert items and due  # the interest makes a conflict and a late declaration
    page = signed_in(Client(), demo_users["member"]).get(URL).content.decode()
    assert "My boards" in page and "Umar Vance" in page
    assert 'href="/meetings/M-PET-11/"' in page
    for item in items:
        assert item.item.title in page
    assert ("Leave the meeting" if items[0].me.action == "exclude" else "Declare the") in page
    for f in due:
        assert long_dates(f.detail) in page
    others = [f for f in analyse(load_facts(D), D, Limits.from_settings()) if f.person != "P21"]
    assert not any(long_dates(f.detail) in page for f in others)


def test_only_issued_packs_of_the_members_bodies_are_listed(demo_users):
    draft = pack_for("M-PET-11", issue=False)
    issued = pack_for("M-PET-11", issue=True)
    elsewhere = pack_for("M-CAM-11", issue=True, public=True)
    member = signed_in(Client(), demo_users["member"])
    page = member.get(URL).content.decode()
    assert f'href="/bodies/B-PET/packs/{issued.number}/pdf/"' in page
    assert f"/bodies/B-PET/packs/{draft.number}/pdf/" not in page
    assert "/bodies/B-CAM/" not in page and elsewhere.issued
    assert member.get(f"/bodies/B-PET/packs/{issued.number}/pdf/").status_code == 200


def test_the_member_view_is_what_the_analyses_give(demo_users):
    from pathfinder.core.scope import Scope

    mine = my_boards("P21", D, Scope(demo_users["member"]))
    assert {m.body_id for m in mine.seats} >= {"B-PET"}
    assert all(m.date >= D for m in mine.meetings)
    assert [m.item.decision for m in mine.items] == [
        m.item.decision for m in my_conflicted_items("P21", D)
    ]
