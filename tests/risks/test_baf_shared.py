"""The Board Assurance Framework page shows what `risks.baf.load_baf` gives, and the
framework as at a date keeps only the items in effect then."""

import datetime as dt

import pytest
from django.test import Client

from pathfinder.risks import actions
from pathfinder.risks.baf import load_baf
from pathfinder.risks.models import Risk
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db
D = dt.date(2011, 10, 1)


def test_the_baf_page_shows_the_functions_risks_and_items(demo_users):
    risk = Risk.objects.get(pk="R01")
    actions.add_item("control", risk, by="test:baf", description="Activity panel", added_on=D)
    gap = actions.add_item(
        "gap", risk, by="test:baf", description="No coding audit", added_on=D, kind="assurance"
    )
    actions.end_item(gap, by="test:baf", on=dt.date(2011, 11, 1))
    admin = signed_in(Client(), demo_users["administrator"])
    page = admin.get(f"/risks/5PP/assurance-framework/?as_at={D}").content.decode()
    framework = load_baf("5PP", D)
    assert framework.entries and framework.hidden == 0
    shown = {e.row.risk_id for e in framework.entries}
    assert {
        r for r in Risk.objects.values_list("risk_id", flat=True) if f'id="baf-{r}"' in page
    } == shown
    for e in framework.entries:
        for items in e.items.values():
            for item in items:
                if item.__class__.__name__ != "RiskAction":
                    assert item.description in page
    assert "Activity panel" in page and "No coding audit" in page
    later = load_baf("5PP", dt.date(2011, 11, 1))
    r01 = next(e for e in later.entries if e.row.risk_id == "R01")
    assert "gaps" not in r01.items  # ended on that day
    assert [i.description for i in r01.items["controls"]] == ["Activity panel"]


def test_a_narrower_scope_counts_the_risks_it_hides(east):
    everything = load_baf("5PP", D)
    mine = load_baf("5PP", D, visible={"5PP"})
    assert len(mine.entries) + mine.hidden == len(everything.entries)
    assert mine.hidden > 0
