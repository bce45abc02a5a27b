"""The finance analysis against every finance case of the east-2011 example."""

import datetime as dt
import json

import pytest

from pathfinder.cli import build_parser
from pathfinder.core.errors import UserError
from pathfinder.finance.rollup import report
from tests.conftest import EAST

CASES = [c for c in json.loads((EAST / "cases.json").read_text()) if c["args"][0] == "finance"]


def call(args: list[str]) -> dict:
    """Call the analysis with the keywords the CLI would pass for these arguments."""
    kwargs = vars(build_parser().parse_args(args))
    return report(**{k: v for k, v in kwargs.items() if k not in ("command", "json")})


def test_every_finance_case_is_covered():
    assert len(CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c["args"][1:]) for c in CASES])
def test_matches_expected(east, case):
    expected = json.loads((EAST / case["expected"]).read_text())
    got = call(case["args"])
    for key in ("year", "by", "as_at", "total"):
        assert got[key] == expected[key], key
    want = sorted(expected["rows"], key=lambda r: r["group"])
    assert [{k: r[k] for k in want[0]} for r in got["rows"]] == want


def test_bad_year_is_a_user_error(east):
    with pytest.raises(UserError, match="financial year"):
        report(year="2011-13", by="organisation", as_at=None, restate_as_at=None)


def test_bad_level_is_a_user_error(east):
    with pytest.raises(UserError, match="level"):
        report(year="2011-12", by="region", as_at=None, restate_as_at=None)


def test_a_year_with_no_money_has_no_rows(east):
    got = report(year="2015-16", by="cluster", as_at=dt.date(2015, 12, 31), restate_as_at=None)
    assert got["rows"] == []
    assert got["total"] == {"budget": "0.00", "actual": "0.00"}


def test_as_at_before_the_year_counts_no_spend(east):
    got = report(year="2011-12", by="statutory", as_at=dt.date(2011, 3, 1), restate_as_at=None)
    assert got["total"]["actual"] == "0.00"
    assert all(r["forecast"] == "0.00" for r in got["rows"])


def test_default_as_at_of_a_past_year_is_its_end(east):
    got = report(year="2011-12", by="organisation", as_at=None, restate_as_at=None)
    assert got["as_at"] == "2012-03-31"


def test_levels_agree_on_the_totals(east):
    d = dt.date(2011, 10, 31)
    totals = {
        by: report(year="2011-12", by=by, as_at=d, restate_as_at=None)["total"]
        for by in ("organisation", "statutory", "cluster")
    }
    assert len({json.dumps(t) for t in totals.values()}) == 1


def test_query_budget(east, assert_max_queries):
    with assert_max_queries(3):
        report(year="2011-12", by="cluster", as_at=dt.date(2011, 10, 31), restate_as_at=None)
