"""Each analysis route keeps of the CLI's answer what the caller's scope allows, as the
domain's pages choose it (docs/decisions/0072): checked for every case of the east-2011
example against the package's own CSV files, for callers inside and outside the
cluster, with and without a governance role."""

import re

import pytest

from pathfinder.api.tokens import create_token
from tests.api.conftest import Caller, make_user
from tests.api.scope_oracle import decision_org, expected, national, org_of, scope_of
from tests.api.test_analyses import CASES, cli_answer, query_of

# username -> (role, organisations): all of them narrower than the whole example.
CALLERS = {
    "outsider": ("viewer", ("RGN",)),  # a trust with nothing below it
    "lead": ("governance_lead", ("CL-CAP",)),  # the cluster and everything below it
    "cluster_viewer": ("viewer", ("CL-CAP",)),  # the same organisations, no governance
    "hunts": ("viewer", ("C-HUN",)),  # one consortium and its practices
    "pet_lead": ("governance_lead", ("C-PET",)),
}
GOVERNING = {"governance_lead", "administrator"}
DATED = [c for c in CASES if c["args"][0] != "conflicts"]
DECISIONS = [c["args"][2] for c in CASES if c["args"][0] == "conflicts"]
LISTS = {
    "accountability": "findings",
    "register": "findings",
    "finance": "rows",
    "qipp": "schemes",
    "risks": "risks",
    "support": "capacity",
    "agendas": "proposals",
}
REF = re.compile(r"\b(org|body|function):([A-Za-z0-9_.-]+)")


def caller(client, username: str) -> Caller:
    role, codes = CALLERS[username]
    user = make_user(username, role, codes[0])
    return Caller(client, create_token(user=user, name="tests", by="test:api"))


def ids(case) -> str:
    return " ".join(case["args"])


@pytest.mark.parametrize("username", sorted(CALLERS))
@pytest.mark.parametrize("case", DATED, ids=ids)
def test_each_caller_gets_what_the_pages_show_them(client, east, username, case):
    name = case["args"][0]
    role, codes = CALLERS[username]
    view = scope_of(*codes)
    want = expected(name, cli_answer(case["args"]), view, view if role in GOVERNING else set())
    response = caller(client, username).get(f"/api/analyses/{name}", **query_of(case["args"]))
    assert response.status_code == 200, response.content
    assert response.json() == want


@pytest.mark.parametrize("case", DATED, ids=ids)
def test_an_outsider_gets_nothing_of_the_organisations_they_cannot_see(client, east, case):
    name = case["args"][0]
    body = caller(client, "outsider").get(f"/api/analyses/{name}", **query_of(case["args"]))
    assert body.status_code == 200
    seen = scope_of(*CALLERS["outsider"][1])
    named = {org_of(f"{kind}:{ident}") for kind, ident in REF.findall(body.content.decode())}
    assert named <= seen
    cli = cli_answer(case["args"])
    if name == "register":
        # What is left is what the public registers show anyone (0093).
        assert {f["finding"] for f in body.json()["findings"]} <= {
            "late_declaration",
            "gift_over_limit",
        }
    elif name != "support":
        assert body.json()[LISTS[name]] in ([], {})
    else:
        assert body.json() == {**cli, "capacity": []}


@pytest.mark.parametrize("case", DATED, ids=ids)
def test_the_cluster_lead_holds_their_rows(client, east, case):
    """Not a vacuous check: the lead's answer has rows, and rows the outsider lacks."""
    name = case["args"][0]
    params = query_of(case["args"])
    mine = caller(client, "lead").get(f"/api/analyses/{name}", **params).json()
    theirs = caller(client, "outsider").get(f"/api/analyses/{name}", **params).json()
    assert mine[LISTS[name]]
    assert mine != theirs


def test_register_reminders_need_a_governance_role(client, east):
    """A viewer sees only what the public registers show; the lead of the same
    organisations also sees missing returns and undeclared posts, as on their reminders."""
    params = {"as_at": "2011-12-31"}
    viewer = caller(client, "cluster_viewer").get("/api/analyses/register", **params).json()
    lead = caller(client, "lead").get("/api/analyses/register", **params).json()
    assert {f["finding"] for f in viewer["findings"]} <= {"late_declaration", "gift_over_limit"}
    assert {"missing_return", "undeclared_post"} <= {f["finding"] for f in lead["findings"]}
    assert viewer["findings"] == [f for f in lead["findings"] if f in viewer["findings"]]


def test_finance_totals_are_those_of_the_rows_shown(client, east):
    hunts = caller(client, "hunts")
    by_org = hunts.get(
        "/api/analyses/finance", year="2011-12", by="organisation", as_at="2011-10-31"
    ).json()
    assert [r["group"] for r in by_org["rows"]] == ["org:C-HUN"]
    row = by_org["rows"][0]
    assert by_org["total"] == {"budget": row["budget"], "actual": row["actual"]}
    by_cluster = hunts.get("/api/analyses/finance", year="2011-12", by="cluster").json()
    assert by_cluster["rows"] == []
    assert by_cluster["total"] == {"budget": "0.00", "actual": "0.00"}


@pytest.mark.parametrize("decision", DECISIONS)
def test_a_decision_is_checked_for_those_who_see_its_body(client, east, decision):
    org = decision_org(decision)
    cli = cli_answer(["conflicts", "--decision", decision])
    unknown = national(client).get("/api/analyses/conflicts", decision="D-NONE")
    assert unknown.status_code == 404
    for username, (_role, codes) in CALLERS.items():
        response = caller(client, username).get("/api/analyses/conflicts", decision=decision)
        if org in scope_of(*codes):
            assert response.status_code == 200
            assert response.json() == cli
        else:
            # Worded as an unknown decision: the API never confirms one exists.
            assert response.status_code == 404
            assert response.json()["detail"] == unknown.json()["detail"].replace("D-NONE", decision)


def test_the_decisions_checked_lie_inside_and_outside_a_consortium():
    orgs = {decision_org(d) for d in DECISIONS}
    hunts = scope_of(*CALLERS["hunts"][1])
    assert orgs & hunts and orgs - hunts


# What each analysis costs one caller, token checks included.
ANALYSIS_QUERIES = {
    "register": 17,
    "finance": 7,
    "qipp": 6,
    "risks": 10,
    "support": 10,
    "agendas": 7,
}


# Accountability reads as much of the structure as the caller's area reaches, as its
# pages do (accountability_area), so its count follows the area's shape.
@pytest.mark.parametrize("name", sorted(set(LISTS) - {"accountability"}))
def test_the_cost_does_not_grow_with_the_scope(client, east, name, assert_max_queries):
    """A consortium's viewer and the whole cluster's cost the same number of queries."""
    case = next(c for c in DATED if c["args"][0] == name)
    counts = []
    for username in ("hunts", "cluster_viewer"):
        who = caller(client, username)
        with assert_max_queries(ANALYSIS_QUERIES[name], name) as queries:
            assert who.get(f"/api/analyses/{name}", **query_of(case["args"])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
