"""The register checks against the east-2011 example's expected answers."""

import datetime as dt
import json

import pytest

from pathfinder.interests.published import published_register
from pathfinder.interests.register import report
from tests.conftest import EAST

FIELDS = ("finding", "subject", "person", "org")


def register_cases() -> list[str]:
    cases = json.loads((EAST / "cases.json").read_text())
    return [c["args"][2] for c in cases if c["args"][0] == "register"]


def test_every_register_case_is_checked():
    assert len(register_cases()) >= 2


@pytest.mark.parametrize("as_at", register_cases())
def test_matches_expected(east, as_at):
    expected = json.loads((EAST / "expected" / f"register-{as_at}.json").read_text())
    got = report(as_at=dt.date.fromisoformat(as_at))
    assert got["as_at"] == expected["as_at"]

    def rows(findings):
        return [tuple(f[k] for k in FIELDS) for f in findings]

    def order(row):
        return (row[0], row[1], row[3] or "")

    assert rows(got["findings"]) == sorted(rows(expected["findings"]), key=order)
    assert all(f["detail"] for f in got["findings"])


def test_query_budget(east, assert_max_queries):
    with assert_max_queries(5):
        report(as_at=dt.date(2011, 12, 31))


def test_published_register_shows_decision_makers_without_emails(east):
    from pathfinder.people.models import Person

    emails = {e for e in Person.objects.values_list("email", flat=True) if e}
    entries = published_register(dt.date(2011, 12, 31))
    people = {e["person"] for e in entries}
    assert "person:P03" in people
    assert "person:P08" not in people, "a senate member only: the senate advises"
    text = json.dumps(entries)
    assert "email" not in text and not any(e in text for e in emails)
