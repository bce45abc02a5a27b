"""The support and agendas API: offers, sessions, bookings (and booking a place),
assessments, proposals and positions in the caller's scope, against the example's CSVs."""

import json

from pathfinder.api.tokens import create_token
from pathfinder.core.models import AuditEvent
from pathfinder.support.models import SupportBooking
from tests.api.conftest import Caller, make_user, rows


def post(caller: Caller, url: str, body: dict):
    return caller.client.post(
        url,
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {caller.token}"},
    )


def editor_of(client, code: str) -> Caller:
    user = make_user(f"editor-{code}", "editor", code)
    return Caller(client, create_token(user=user, name="tests", by="test:api"))


def test_offers_and_sessions_match_the_csvs(owner):
    offers = owner.get("/api/support/offers").json()
    # the cluster's lead sees the cluster's offers and the hub's, which serve its consortia
    assert [o["offer_id"] for o in offers["items"]] == sorted(
        r["offer_id"] for r in rows("support_offers")
    )
    sessions = owner.get("/api/support/sessions", offer="O-FIN").json()["items"]
    booked = {}
    for b in rows("support_bookings"):
        booked[b["session_id"]] = booked.get(b["session_id"], 0) + 1
    want = [r for r in rows("support_sessions") if r["offer_id"] == "O-FIN"]
    assert [s["session_id"] for s in sessions] == [r["session_id"] for r in want]
    for s, r in zip(sessions, want, strict=True):
        assert s["capacity"] == int(r["capacity"])
        assert s["booked"] == booked.get(r["session_id"], 0)
        assert s["places_left"] == int(r["capacity"]) - s["booked"]


def test_an_outsider_sees_no_offers_bookings_or_proposals(outsider):
    assert outsider.get("/api/support/offers").json()["count"] == 0
    assert outsider.get("/api/support/offers/O-COACH").status_code == 404
    assert outsider.get("/api/support/sessions/S1").status_code == 404
    assert outsider.get("/api/support/bookings").json()["count"] == 0
    assert outsider.get("/api/support/assessments").json()["count"] == 0
    assert outsider.get("/api/agendas/proposals").json()["count"] == 0
    assert outsider.get("/api/agendas/proposals/PR-UCC").status_code == 404


def test_anonymous_is_refused(anonymous):
    assert anonymous.get("/api/support/offers").status_code == 401
    assert anonymous.get("/api/agendas/positions").status_code == 401


def test_bookings_are_those_of_the_callers_organisations(client, east):
    hunts = editor_of(client, "C-HUN")
    got = hunts.get("/api/support/bookings").json()["items"]
    want = [r for r in rows("support_bookings") if r["org_code"] == "C-HUN"]
    assert len(got) == len(want)
    assert {b["org"] for b in got} == {"org:C-HUN"}


def test_booking_the_last_place_then_a_full_session_is_409(client, east):
    cambridge = editor_of(client, "C-CAM")
    first = post(
        cambridge, "/api/support/bookings", {"session_id": "S1", "person_id": "P13", "org": "C-CAM"}
    )
    assert first.status_code == 201, first.content
    assert first.json()["org"] == "org:C-CAM"
    count, audits = SupportBooking.objects.count(), AuditEvent.objects.count()
    second = post(
        cambridge, "/api/support/bookings", {"session_id": "S1", "person_id": "P07", "org": "C-CAM"}
    )
    assert second.status_code == 409
    assert "full" in second.json()["detail"]
    assert (SupportBooking.objects.count(), AuditEvent.objects.count()) == (count, audits)


def test_booking_for_an_organisation_you_do_not_edit_is_403(client, east):
    hunts = editor_of(client, "C-HUN")
    response = post(
        hunts, "/api/support/bookings", {"session_id": "S7", "person_id": "P13", "org": "C-CAM"}
    )
    assert response.status_code == 403
    assert not SupportBooking.objects.filter(session_id="S7", person_id="P13").exists()


def test_a_person_without_a_post_there_cannot_take_the_place(client, east):
    cambridge = editor_of(client, "C-CAM")
    response = post(
        cambridge, "/api/support/bookings", {"session_id": "S7", "person_id": "P12", "org": "C-CAM"}
    )
    assert response.status_code == 400
    assert "holds no post" in response.json()["detail"]


def test_assessments_are_scoped_and_filtered(client, east):
    hunts = editor_of(client, "C-HUN")
    got = hunts.get("/api/support/assessments", domain="governance").json()["items"]
    want = [
        r for r in rows("assessments") if r["org_code"] == "C-HUN" and r["domain"] == "governance"
    ]
    assert [(a["assessed_on"], a["rating"]) for a in got] == [
        (r["assessed_on"], int(r["rating"])) for r in want
    ]


def test_proposals_and_positions_as_at_a_date(owner):
    listed = owner.get("/api/agendas/proposals").json()["items"]
    assert [p["proposal_id"] for p in listed] == sorted(r["proposal_id"] for r in rows("proposals"))
    detail = owner.get("/api/agendas/proposals/PR-UCC", as_at="2011-07-01").json()
    want = [
        r
        for r in rows("positions")
        if r["proposal_id"] == "PR-UCC" and r["stated_on"] <= "2011-07-01"
    ]
    assert [(p["org"], p["stance"]) for p in detail["positions"]] == [
        (f"org:{r['org_code']}", r["stance"]) for r in want
    ]
    senate = owner.get("/api/agendas/positions", proposal="PR-STROKE", org="SEN-EOE").json()
    assert [p["by_body"] for p in senate["items"]] == ["body:B-SEN"]
