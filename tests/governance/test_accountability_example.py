"""The accountability analysis against the east-2011 example's expected answers."""

import datetime as dt
import json

import pytest

from pathfinder.governance.accountability import report, statutory_body_for
from tests.conftest import EAST

CASES = [
    c["args"][2]
    for c in json.loads((EAST / "cases.json").read_text())
    if c["args"][0] == "accountability"
]


def expected(as_at: str) -> dict:
    return json.loads((EAST / "expected" / f"accountability-{as_at}.json").read_text())


@pytest.mark.parametrize("as_at", CASES)
def test_matches_expected(east, as_at):
    want = expected(as_at)
    got = report(dt.date.fromisoformat(as_at))
    assert got["as_at"] == want["as_at"]
    keys = [(f["finding"], f["subject"], f["severity"]) for f in got["findings"]]
    assert keys == sorted((f["finding"], f["subject"], f["severity"]) for f in want["findings"])
    assert got["chains"] == want["chains"]


@pytest.mark.parametrize("as_at", CASES)
def test_every_finding_names_its_parties_rows_and_detail(east, as_at):
    for f in report(dt.date.fromisoformat(as_at))["findings"]:
        assert f["detail"]
        assert all(r.split(":")[0] in {"accountability", "membership", "post"} for r in f["rows"])
        if f["finding"] != "no_accountability":
            assert f["parties"] and f["rows"], f


def test_dual_role_names_the_bodies_and_lines(east):
    got = report(dt.date(2011, 10, 1))
    p02 = next(
        f for f in got["findings"] if (f["finding"], f["subject"]) == ("dual_role", "person:P02")
    )
    assert {"body:B-CLB", "body:B-CLX", "body:B-5PP", "body:B-5PN"} <= set(p02["parties"])
    assert any(r.startswith("accountability:") for r in p02["rows"])
    assert any(r.startswith("membership:") for r in p02["rows"])


def test_statutory_body_for(east):
    d = dt.date(2011, 10, 1)
    assert statutory_body_for("C-CAM", d) == "5PP"
    assert statutory_body_for("HUB-CAP", d) == "5PN"
    assert statutory_body_for("5PN", d) == "5PN"
    assert statutory_body_for("D81901", d) is None


def test_query_budget(east, assert_max_queries):
    with assert_max_queries(6):
        report(dt.date(2011, 10, 1))
