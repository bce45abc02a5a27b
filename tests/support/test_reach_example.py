"""The support analysis against the east-2011 example's expected answers."""

import datetime as dt
import json

import pytest

from pathfinder.support.reach import report
from tests.conftest import EAST


@pytest.mark.parametrize("as_at", ["2011-10-31", "2011-12-31"])
def test_matches_expected(east, as_at):
    expected = json.loads((EAST / "expected" / f"support-{as_at}.json").read_text())
    got = report(dt.date.fromisoformat(as_at))
    assert got["as_at"] == expected["as_at"]
    assert [o["kind"] for o in got["offers"]] == [o["kind"] for o in expected["offers"]]
    for g, e in zip(got["offers"], expected["offers"], strict=True):
        for f in ("sessions", "places", "bookings", "attended", "demand_rank"):
            assert g[f] == e[f], (g["kind"], f)
        for f in ("attendance_rate", "fill_rate", "reach"):
            assert g[f] == pytest.approx(e[f], abs=0.001), (g["kind"], f)
    assert got["capacity"] == sorted(expected["capacity"], key=lambda c: c["org"])


def test_before_any_session_everything_is_zero(east):
    got = report(dt.date(2011, 4, 1))
    assert all(o["sessions"] == 0 and o["fill_rate"] == 0 for o in got["offers"])


def test_query_budget(east, assert_max_queries):
    with assert_max_queries(6):
        report(dt.date(2011, 10, 31))
