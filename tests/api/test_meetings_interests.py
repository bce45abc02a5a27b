"""API routes for meetings, decisions and the registers: scope and the analysis shape."""

import json

import pytest
from django.test import Client

from tests.conftest import EAST
from tests.web.conftest import signed_in


@pytest.fixture
def users(east):
    from django.contrib.auth import get_user_model

    from pathfinder.core.accounts import ensure_demo_accounts

    ensure_demo_accounts(by="test:api")
    return {u.username: u for u in get_user_model().objects.all()}


@pytest.mark.django_db
def test_a_decision_answers_with_the_conflicts_check(users):
    api = signed_in(Client(), users["governance_lead"])
    body = api.get("/api/decisions/D-CAM-1").json()
    want = json.loads((EAST / "expected" / "conflicts-decision-D-CAM-1.json").read_text())
    assert body["conflicts"] == want
    meeting = api.get("/api/meetings/M-CAM-11").json()
    assert [d["decision_id"] for d in meeting["decisions"]] == ["D-CAM-1", "D-CAM-2", "D-CAM-3"]
    assert "meeting:M-CAM-11" in [m["ref"] for m in api.get("/api/meetings").json()["items"]]


@pytest.mark.django_db
def test_outside_scope_is_404_and_registers_are_scoped(users):
    viewer = signed_in(Client(), users["viewer"])  # C-HUN only
    assert viewer.get("/api/meetings/M-CAM-11").status_code == 404
    assert viewer.get("/api/decisions/D-CAM-1").status_code == 404
    people = {i["person"] for i in viewer.get("/api/interests").json()["items"]}
    assert "person:P04" not in people and "person:P05" in people
    lead = signed_in(Client(), users["governance_lead"])
    assert lead.get("/api/gifts?person=P03").json()["count"] == 1
    assert lead.get("/api/returns?person=P03").json()["count"] == 1
    published = lead.get("/api/registers/C-CAM/interests?as_at=2011-11-01").json()
    assert all("email" not in e for e in published["items"])
    assert published["items"]
