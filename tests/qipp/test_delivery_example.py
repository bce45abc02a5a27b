"""The QIPP analysis against every qipp case of the east-2011 example."""

import datetime as dt
import json

import pytest

from pathfinder.cli import build_parser
from pathfinder.core.errors import UserError
from pathfinder.qipp.delivery import report
from tests.conftest import EAST

CASES = [c for c in json.loads((EAST / "cases.json").read_text()) if c["args"][0] == "qipp"]


def call(args: list[str]) -> dict:
    """Call the analysis with the keywords the CLI would pass for these arguments."""
    kwargs = vars(build_parser().parse_args(args))
    return report(**{k: v for k, v in kwargs.items() if k not in ("command", "json")})


def test_every_qipp_case_is_covered():
    assert len(CASES) >= 2


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c["args"][1:]) for c in CASES])
def test_matches_expected(east, case):
    expected = json.loads((EAST / case["expected"]).read_text())
    got = call(case["args"])
    assert (got["year"], got["as_at"]) == (expected["year"], expected["as_at"])
    want = sorted(expected["schemes"], key=lambda s: s["scheme"])
    assert [{k: s[k] for k in want[0]} for s in got["schemes"]] == want


def test_bad_year_is_a_user_error(east):
    with pytest.raises(UserError, match="financial year"):
        report(year="2011-13", as_at=None)


def test_before_the_year_nothing_is_planned_yet(east):
    got = report(year="2011-12", as_at=dt.date(2011, 3, 31))
    assert {s["rag"] for s in got["schemes"]} == {"grey"}
    assert {s["planned_ytd"] for s in got["schemes"]} == {"0.00"}


def test_a_year_with_no_schemes(east):
    assert report(year="2014-15", as_at=None)["schemes"] == []


def test_query_budget(east, assert_max_queries):
    with assert_max_queries(2):
        report(year="2011-12", as_at=dt.date(2011, 11, 30))
