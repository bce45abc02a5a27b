"""The risk assessment against the east-2011 example's expected answers."""

import datetime as dt
import json

import pytest
from django.test import override_settings

from pathfinder.risks.assessment import report
from tests.conftest import EAST

CASES = [
    c["args"][2] for c in json.loads((EAST / "cases.json").read_text()) if c["args"][0] == "risks"
]
FIELDS = (
    "risk",
    "org",
    "current_score",
    "band",
    "review_overdue",
    "escalate_to_baf",
    "baf_of",
    "inconsistent_scores",
)


@pytest.mark.parametrize("as_at", CASES)
def test_matches_expected(east, as_at):
    want = json.loads((EAST / "expected" / f"risks-{as_at}.json").read_text())
    got = report(dt.date.fromisoformat(as_at))
    assert got["as_at"] == want["as_at"]
    assert [{k: r[k] for k in FIELDS} for r in got["risks"]] == sorted(
        ({k: r[k] for k in FIELDS} for r in want["risks"]), key=lambda r: r["risk"]
    )


def test_threshold_comes_from_settings(east, settings):
    limits = {**settings.PATHFINDER, "baf_threshold": 20}
    with override_settings(PATHFINDER=limits):
        got = report(dt.date(2011, 9, 1))
    escalated = {r["risk"] for r in got["risks"] if r["escalate_to_baf"]}
    assert escalated == {"risk:R07"}


def test_no_risks_before_any_is_opened(east):
    assert report(dt.date(2011, 1, 1))["risks"] == []


def test_query_budget(east, assert_max_queries):
    # risks, their reviews, the matrices, and the structure's three
    with assert_max_queries(6):
        report(dt.date(2011, 11, 1))
