"""The agendas analysis against the east-2011 example's expected answers."""

import datetime as dt
import json

import pytest

from pathfinder.agendas.stances import report
from tests.conftest import EAST


@pytest.mark.parametrize("as_at", ["2011-10-31", "2011-11-30"])
def test_matches_expected(east, as_at):
    expected = json.loads((EAST / "expected" / f"agendas-{as_at}.json").read_text())
    got = report(dt.date.fromisoformat(as_at))
    assert got["as_at"] == expected["as_at"]
    assert [p["proposal"] for p in got["proposals"]] == [
        p["proposal"] for p in sorted(expected["proposals"], key=lambda p: p["proposal"])
    ]
    exp = {p["proposal"]: p for p in expected["proposals"]}
    for g in got["proposals"]:
        e = exp[g["proposal"]]
        assert g["stances"] == e["stances"]
        assert g["divergent"] == e["divergent"]
        assert g["alignment"] == pytest.approx(e["alignment"], abs=0.01)


def test_query_budget(east, assert_max_queries):
    with assert_max_queries(2):
        report(dt.date(2011, 11, 30))
