"""The conflicts check against the east-2011 example's expected answers."""

import json

import pytest

from pathfinder.core.errors import NotFound
from pathfinder.governance.conflicts import meeting_report, report
from tests.conftest import EAST


def conflicts_cases() -> list[str]:
    cases = json.loads((EAST / "cases.json").read_text())
    return [c["args"][2] for c in cases if c["args"][0] == "conflicts"]


def expected(decision: str) -> dict:
    return json.loads((EAST / "expected" / f"conflicts-decision-{decision}.json").read_text())


def without_details(result: dict) -> dict:
    """The fields CLI.md requires, so extra fields may be added without breaking this."""
    keep = ("category", "counterparty", "via", "interest", "undeclared", "action")
    return {
        "decision": result["decision"],
        "date": result["date"],
        "body": result["body"],
        "participants": [
            {
                "person": p["person"],
                "action": p["action"],
                "conflicts": [{k: c[k] for k in keep} for c in p["conflicts"]],
            }
            for p in result["participants"]
        ],
        "quorum": result["quorum"],
        "authority": result["authority"],
    }


def test_every_conflicts_case_is_checked():
    assert len(conflicts_cases()) >= 6


@pytest.mark.parametrize("decision", conflicts_cases())
def test_matches_expected(east, decision):
    assert without_details(report(decision=decision)) == without_details(expected(decision))


def test_meeting_report_gives_each_decision_as_report_does(east):
    got = meeting_report("M-CAM-11")
    assert [r["decision"] for r in got] == ["D-CAM-1", "D-CAM-2", "D-CAM-3"]
    for r in got:
        assert without_details(r) == without_details(expected(r["decision"]))


def test_one_decision_costs_a_fixed_number_of_queries(east, assert_max_queries):
    with assert_max_queries(9):
        report(decision="D-CAM-1")


def test_a_whole_meeting_costs_the_same_queries_as_one_decision(east, assert_max_queries):
    with assert_max_queries(8):
        meeting_report("M-CAM-11")


def test_unknown_decision_is_a_clear_error(east):
    with pytest.raises(NotFound, match="no decision with id 'D-NOPE'"):
        report(decision="D-NOPE")
