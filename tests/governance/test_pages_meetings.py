"""Meeting pages: the agenda with each decision's conflicts, quorum and authority; the
minutes; recording attendance; scope and query budgets."""

import json

import pytest

from pathfinder.governance.actions import add_decision
from pathfinder.governance.models import Attendance, Meeting
from tests.conftest import EAST
from tests.web.conftest import signed_in


@pytest.fixture
def users(east):
    from django.contrib.auth import get_user_model

    from pathfinder.core.accounts import ensure_demo_accounts

    ensure_demo_accounts(by="test:meetings")
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.fixture
def lead(client, users):
    return signed_in(client, users["governance_lead"])


def expected(decision: str) -> dict:
    return json.loads((EAST / "expected" / f"conflicts-decision-{decision}.json").read_text())


@pytest.mark.django_db
def test_the_agenda_shows_each_decision_as_the_conflicts_check_answers(lead):
    page = lead.get("/meetings/M-CAM-11/").content.decode()
    for decision in ("D-CAM-1", "D-CAM-2", "D-CAM-3"):
        want = expected(decision)
        assert f'id="decision-{decision}"' in page
        quorum = page.split(f'data-testid="quorum-{decision}"')[1].split("</dd>")[0]
        assert ("Not quorate" in quorum) is (not want["quorum"]["quorate"])
        assert f"{want['quorum']['present']} of" in quorum
        for p in want["participants"]:
            marker = f'data-testid="conflict-{decision}-{p["person"].removeprefix("person:")}"'
            if p["action"] == "none":
                assert marker not in page
            else:
                row = page.split(marker)[1].split("</tr>")[0]
                assert p["action"].capitalize() in row


@pytest.mark.django_db
def test_a_decision_outside_delegation_names_who_may_take_it(lead):
    want = expected("D-CAM-2")
    page = lead.get("/meetings/M-CAM-11/").content.decode()
    section = page.split('id="decision-D-CAM-2"')[1].split("</section>")[0]
    assert ("Within delegation" in section) is want["authority"]["within_delegation"]
    if not want["authority"]["within_delegation"]:
        assert "Outside this body" in section


@pytest.mark.django_db
def test_minutes_list_declarations_and_how_each_was_managed(lead):
    page = lead.get("/meetings/M-CAM-11/minutes/?as_at=2011-12-01").content.decode()
    assert "Declarations and how each was managed" in page
    assert "Left the meeting for this item" in page
    future = lead.get("/meetings/M-CAM-11/minutes/?as_at=2011-10-01").content.decode()
    assert "Its minutes are written after the meeting" in future


@pytest.mark.django_db
def test_body_meetings_show_upcoming_first_and_past_on_asking(lead):
    upcoming = lead.get("/bodies/B-CAM/meetings/?as_at=2011-10-01").content.decode()
    assert "/meetings/M-CAM-11/" in upcoming
    past = lead.get("/bodies/B-CAM/meetings/?as_at=2011-12-01&when=past").content.decode()
    assert "/meetings/M-CAM-11/" in past
    later = lead.get("/bodies/B-CAM/meetings/?as_at=2011-12-01").content.decode()
    assert "/meetings/M-CAM-11/" not in later


@pytest.mark.django_db
def test_recording_attendance_changes_who_takes_part(lead):
    # Taking P04 off the record leaves fewer members for D-CAM-1.
    response = lead.post("/meetings/M-CAM-11/attendance/", {"person": ["P03", "P13", "P07", "P10"]})
    assert response.status_code == 302
    assert set(
        Attendance.objects.filter(meeting_id="M-CAM-11").values_list("person_id", flat=True)
    ) == {"P03", "P13", "P07", "P10"}
    page = lead.get("/meetings/M-CAM-11/").content.decode()
    assert 'data-testid="conflict-D-CAM-1-P04"' not in page


@pytest.mark.django_db
def test_attendance_refuses_someone_not_on_the_body(lead):
    response = lead.post("/meetings/M-CAM-11/attendance/", {"person": ["P03", "P16"]})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Attendance.objects.filter(meeting_id="M-CAM-11", person_id="P16").exists()


@pytest.mark.django_db
def test_a_viewer_cannot_record_attendance(client, users):
    viewer = signed_in(client, users["viewer"])  # reads C-HUN
    assert viewer.get("/meetings/M-HUN-11/attendance/").status_code == 403
    assert viewer.post("/meetings/M-HUN-11/attendance/", {"person": ["P05"]}).status_code == 403
    assert viewer.get("/meetings/M-CAM-11/").status_code == 404


def _add_decisions(n: int):
    meeting = Meeting.objects.get(pk="M-CAM-11")
    for i in range(n):
        add_decision(
            meeting,
            by="test:meetings",
            decision_id=f"D-X-{i}",
            decision_type="contract_award",
            title=f"Extra {i}",
            amount=1000 + i,
            counterparties=("FED1;RGT" if i % 2 else "D81901"),
        )


@pytest.mark.django_db
def test_the_agenda_costs_the_same_queries_for_one_or_twenty_decisions(lead, assert_max_queries):
    with assert_max_queries(18) as few:  # with the package's reference date
        assert lead.get("/meetings/M-CAM-11/").status_code == 200
    _add_decisions(20)
    assert Meeting.objects.get(pk="M-CAM-11").decisions.count() == 23
    with assert_max_queries(len(few)):
        page = lead.get("/meetings/M-CAM-11/")
    assert page.status_code == 200
    assert "Extra 19" in page.content.decode()
