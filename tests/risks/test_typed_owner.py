"""An action's owner is chosen from a list in a small scope and typed (their person ID)
in a big one, where a list of everyone would be megabytes; a typed ID outside the
scope is refused by name."""

import re

import pytest

from pathfinder.risks import views_risk
from pathfinder.risks.models import RiskAction
from tests.web.conftest import lead_client  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
URL = "/risk/R01/actions/add/"


def test_a_small_scope_chooses_the_owner_from_a_list(lead_client):  # noqa: F811
    page = lead_client.get(URL).content.decode()
    assert '<select class="nhsuk-select" id="f-owner"' in page


def test_a_big_scope_types_the_owners_person_id(lead_client, monkeypatch):  # noqa: F811
    monkeypatch.setattr(views_risk, "OWNER_CHOICES", 2)
    page = lead_client.get(URL).content.decode()
    assert re.search(r'<input[^>]*id="f-owner"[^>]*type="text"', page)
    assert "Their person ID" in page
    form = {"description": "Chase the activity plan", "owner": "NOBODY"}
    form |= {"due-day": "31", "due-month": "12", "due-year": "2011"}
    form |= {"added_on-day": "1", "added_on-month": "11", "added_on-year": "2011"}
    wrong = lead_client.post(URL, form).content.decode()
    assert "Enter the person ID of someone in the organisations you cover" in wrong
    actions = RiskAction.objects.filter(risk_id="R01")
    before = actions.count()
    done = lead_client.post(URL, {**form, "owner": "P03"})
    assert done.status_code == 302
    assert actions.count() == before + 1
    assert actions.filter(owner_id="P03", description=form["description"]).count() == 1
