"""The accountability analysis over hand-built facts (RULES.md §1); no database."""

import random

import networkx as nx
import pytest

from pathfinder.governance.accountability import analyse, scopes_overlap
from pathfinder.governance.accountability.facts import Facts, Function, Line, Org
from pathfinder.governance.accountability.graph import (
    chains,
    edges,
    in_scope,
    on_cycles,
    statutory_body,
    strongly_connected,
    tops,
)
from pathfinder.governance.facts import BodyRow, MembershipRow, PostRow


def structure(lines=(), members=(), posts=(), extra_orgs=(), extra_bodies=(), functions=()):
    """Two statutory PCTs with boards, a cluster with a board and an executive, and a
    consortium with a board: the shape of a 2011 transition."""
    orgs = [
        Org("PCT1", "pct", statutory=True),
        Org("PCT2", "pct", statutory=True),
        Org("CL", "cluster"),
        Org("CONS", "consortium"),
        *extra_orgs,
    ]
    bodies = [
        BodyRow("PCT1-BOARD", "PCT1", "board"),
        BodyRow("PCT2-BOARD", "PCT2", "board"),
        BodyRow("PCT1-AUDIT", "PCT1", "committee"),
        BodyRow("CL-BOARD", "CL", "board"),
        BodyRow("CL-EXEC", "CL", "executive"),
        BodyRow("CONS-BOARD", "CONS", "board"),
        *extra_bodies,
    ]
    numbered = [
        Line(i, *line) if not isinstance(line, Line) else line for i, line in enumerate(lines, 1)
    ]
    return Facts.build(orgs, bodies, functions, numbered, members, posts)


def found(facts):
    return {(f.finding, f.subject): f for f in analyse(facts).findings}


# --- tops, scope and chains ---------------------------------------------------------


def test_tops_are_open_statutory_orgs_and_their_boards():
    facts = structure(extra_orgs=[Org("OLD", "pct", statutory=True, open=False)])
    facts.bodies["OLD-BOARD"] = BodyRow("OLD-BOARD", "OLD", "board")
    assert tops(facts) == {"org:PCT1", "org:PCT2", "body:PCT1-BOARD", "body:PCT2-BOARD"}


def test_scope_takes_non_statutory_transition_orgs_bodies_not_tops_and_functions():
    facts = structure(
        extra_orgs=[
            Org("PRAC", "practice"),
            Org("SHUT", "consortium", open=False),
            Org("HUB", "support_unit"),
            Org("SB", "sector_board", statutory=True),
        ],
        extra_bodies=[BodyRow("SHUT-BOARD", "SHUT", "board")],
        functions=[Function("F1", "CONS"), Function("F2", "SHUT")],
    )
    assert in_scope(facts) == [
        "body:CL-BOARD",
        "body:CL-EXEC",
        "body:CONS-BOARD",
        "body:PCT1-AUDIT",
        "function:F1",
        "org:CL",
        "org:CONS",
        "org:HUB",
    ]


def test_chain_is_the_shortest_path_to_a_top():
    facts = structure(
        [
            ("body:CL-EXEC", "body:CL-BOARD", "accountable"),
            ("body:CL-BOARD", "body:PCT2-BOARD", "accountable"),
            ("body:CL-EXEC", "body:CONS-BOARD", "accountable"),
            ("body:CONS-BOARD", "body:PCT1-AUDIT", "accountable"),
            ("body:PCT1-AUDIT", "body:PCT1-BOARD", "accountable"),
        ]
    )
    result = analyse(facts)
    assert result.chains["body:CL-EXEC"] == ("body:CL-EXEC", "body:CL-BOARD", "body:PCT2-BOARD")


def test_equal_chains_end_at_the_smaller_top_reference():
    facts = structure(
        [
            ("org:CL", "body:PCT2-BOARD", "accountable", "south"),
            ("org:CL", "body:PCT1-BOARD", "accountable", "north"),
            ("org:CONS", "org:PCT2", "delegated"),
            ("org:CONS", "body:PCT2-BOARD", "delegated"),
        ]
    )
    result = analyse(facts)
    assert result.chains["org:CL"] == ("org:CL", "body:PCT1-BOARD")
    # "body:PCT2-BOARD" < "org:PCT2"
    assert result.chains["org:CONS"] == ("org:CONS", "body:PCT2-BOARD")


def test_equal_chains_to_the_same_top_compare_element_by_element():
    facts = structure(
        [
            ("function:F", "body:CL-EXEC", "accountable"),
            ("function:F", "body:CL-BOARD", "accountable"),
            ("body:CL-EXEC", "body:PCT1-BOARD", "accountable"),
            ("body:CL-BOARD", "body:PCT1-BOARD", "accountable"),
        ],
        functions=[Function("F", "CL")],
    )
    chain = analyse(facts).chains["function:F"]
    assert chain == ("function:F", "body:CL-BOARD", "body:PCT1-BOARD")


def test_a_shorter_chain_beats_a_smaller_top():
    g = {"a": {"b", "t2"}, "b": {"t1"}}
    assert chains(g, {"t1", "t2"})["a"] == ("a", "t2")


def test_reports_and_advises_carry_no_accountability():
    facts = structure(
        [
            ("org:CONS", "body:PCT1-BOARD", "reports"),
            ("body:CONS-BOARD", "body:PCT1-BOARD", "advises"),
        ]
    )
    f = found(facts)
    assert ("no_accountability", "org:CONS") in f
    assert ("no_accountability", "body:CONS-BOARD") in f
    assert edges(facts) == {}


# --- subject findings ---------------------------------------------------------------


def test_chain_not_statutory_when_lines_lead_nowhere():
    facts = structure([("body:CONS-BOARD", "org:CONS", "accountable")])
    f = found(facts)
    finding = f[("chain_not_statutory", "body:CONS-BOARD")]
    assert finding.severity == "high"
    assert finding.parties == ("org:CONS",)
    assert finding.rows == ("accountability:1",)
    assert ("no_accountability", "org:CONS") in f
    assert "body:CONS-BOARD" not in analyse(facts).chains


def test_cycle_is_reported_for_each_subject_on_it_with_its_rows():
    facts = structure(
        [
            ("body:CL-EXEC", "body:CL-BOARD", "accountable"),
            ("body:CL-BOARD", "body:CL-EXEC", "delegated"),
            ("org:CL", "body:CL-BOARD", "accountable"),
        ]
    )
    f = found(facts)
    for subject, other in (("body:CL-EXEC", "body:CL-BOARD"), ("body:CL-BOARD", "body:CL-EXEC")):
        assert f[("cycle", subject)].parties == (other,)
        assert f[("cycle", subject)].rows == ("accountability:1", "accountability:2")
        assert ("chain_not_statutory", subject) in f
    # leading into a cycle is not lying on one
    assert ("cycle", "org:CL") not in f
    assert ("chain_not_statutory", "org:CL") in f


def test_a_cycle_that_also_reaches_a_top_is_still_a_cycle():
    facts = structure(
        [
            ("body:CL-EXEC", "body:CL-BOARD", "accountable"),
            ("body:CL-BOARD", "body:CL-EXEC", "accountable", "ops"),
            ("body:CL-BOARD", "body:PCT1-BOARD", "accountable", "money"),
        ]
    )
    f = found(facts)
    assert ("cycle", "body:CL-EXEC") in f
    assert ("chain_not_statutory", "body:CL-EXEC") not in f


def test_self_loop_is_a_cycle():
    facts = structure([("org:CONS", "org:CONS", "accountable")])
    assert ("cycle", "org:CONS") in found(facts)


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ("", "expenditure", True),
        ("all", "performance", True),
        ("ALL", "", True),
        ("expenditure", "expenditure", True),
        ("Expenditure ", "expenditure", True),
        ("expenditure", "performance", False),
        ("north", "south", False),
    ],
)
def test_scopes_overlap(a, b, overlap):
    assert scopes_overlap(a, b) is overlap
    assert scopes_overlap(b, a) is overlap


def test_ambiguous_when_two_accountable_lines_to_different_holders_overlap():
    facts = structure(
        [
            ("body:CONS-BOARD", "body:PCT1-BOARD", "accountable", "expenditure"),
            ("body:CONS-BOARD", "body:CL-BOARD", "accountable", "expenditure"),
            ("body:CONS-BOARD", "body:PCT2-BOARD", "accountable", "performance"),
        ]
    )
    finding = found(facts)[("ambiguous_accountability", "body:CONS-BOARD")]
    assert finding.severity == "high"
    assert finding.parties == ("body:CL-BOARD", "body:PCT1-BOARD")
    assert finding.rows == ("accountability:1", "accountability:2")


@pytest.mark.parametrize(
    "lines",
    [
        # different scopes
        [
            ("org:CL", "body:PCT1-BOARD", "accountable", "a"),
            ("org:CL", "org:PCT2", "accountable", "b"),
        ],
        # the same holder twice
        [("org:CL", "org:PCT1", "accountable", ""), ("org:CL", "org:PCT1", "accountable", "all")],
        # a delegated line is not an accountable one
        [("org:CL", "org:PCT1", "accountable", ""), ("org:CL", "org:PCT2", "delegated", "")],
    ],
)
def test_not_ambiguous(lines):
    assert ("ambiguous_accountability", "org:CL") not in found(structure(lines))


def test_ambiguity_of_a_subject_out_of_scope_is_not_reported():
    facts = structure(
        [
            ("body:PCT1-BOARD", "org:PCT1", "accountable", ""),
            ("body:PCT1-BOARD", "org:PCT2", "accountable", ""),
        ]
    )
    assert not [f for f in analyse(facts).findings if f.subject == "body:PCT1-BOARD"]


# --- people -------------------------------------------------------------------------


def test_dual_role_severity_follows_capacity_on_the_subject_body():
    lines = [("org:CL", "body:PCT1-BOARD", "accountable")]
    members = [
        MembershipRow(1, "CL-EXEC", "EXEC", "executive"),
        MembershipRow(2, "PCT1-BOARD", "EXEC", "executive"),
        MembershipRow(3, "CL-BOARD", "NED", "ned"),
        MembershipRow(4, "PCT1-BOARD", "NED", "ned"),
        MembershipRow(5, "CL-BOARD", "OFF", "officer"),
        MembershipRow(6, "PCT1-BOARD", "OFF", "chair"),
        MembershipRow(7, "CL-BOARD", "OBS", "officer", voting=False),
        MembershipRow(8, "PCT1-BOARD", "OBS", "ned"),
    ]
    f = found(structure(lines, members))
    assert f[("dual_role", "person:EXEC")].severity == "high"
    assert f[("dual_role", "person:OFF")].severity == "high"
    assert f[("dual_role", "person:NED")].severity == "medium"
    assert ("dual_role", "person:OBS") not in f
    exec_finding = f[("dual_role", "person:EXEC")]
    assert exec_finding.parties == ("body:CL-EXEC", "body:PCT1-BOARD")
    assert exec_finding.rows == ("accountability:1", "membership:1", "membership:2")


def test_dual_role_holder_org_means_its_boards_and_same_org_does_not_count():
    lines = [
        ("body:CONS-BOARD", "org:PCT1", "accountable"),
        ("body:PCT1-AUDIT", "body:PCT1-BOARD", "accountable"),
    ]
    members = [
        MembershipRow(1, "CONS-BOARD", "A", "clinical"),
        MembershipRow(2, "PCT1-BOARD", "A", "ned"),
        MembershipRow(3, "PCT1-AUDIT", "B", "executive"),
        MembershipRow(4, "PCT1-BOARD", "B", "executive"),
        MembershipRow(5, "PCT1-AUDIT", "C", "ned"),
        MembershipRow(6, "CONS-BOARD", "C", "ned"),
    ]
    f = found(structure(lines, members))
    assert f[("dual_role", "person:A")].severity == "medium"
    assert ("dual_role", "person:B") not in f  # audit committee and board of one PCT
    assert ("dual_role", "person:C") not in f  # the audit committee is not a board


def test_one_dual_role_finding_per_person_with_the_highest_severity():
    lines = [
        ("org:CL", "body:PCT1-BOARD", "accountable", "x"),
        ("org:CL", "body:PCT2-BOARD", "accountable", "y"),
    ]
    members = [
        MembershipRow(1, "CL-BOARD", "P", "ned"),
        MembershipRow(2, "CL-EXEC", "P", "executive"),
        MembershipRow(3, "PCT1-BOARD", "P", "ned"),
        MembershipRow(4, "PCT2-BOARD", "P", "ned"),
    ]
    dual = [f for f in analyse(structure(lines, members)).findings if f.finding == "dual_role"]
    assert len(dual) == 1
    assert dual[0].severity == "high"
    assert set(dual[0].parties) == {
        "body:CL-BOARD",
        "body:CL-EXEC",
        "body:PCT1-BOARD",
        "body:PCT2-BOARD",
    }


def test_multi_board_counts_organisations_not_boards():
    extra = [BodyRow("PCT1-BOARD2", "PCT1", "board")]
    members = [
        MembershipRow(1, "PCT1-BOARD", "ONE", "ned"),
        MembershipRow(2, "PCT1-BOARD2", "ONE", "ned"),
        MembershipRow(3, "PCT1-AUDIT", "ONE", "ned"),
        MembershipRow(4, "PCT1-BOARD", "TWO", "ned"),
        MembershipRow(5, "CL-BOARD", "TWO", "attendee", voting=False),
    ]
    f = found(structure(members=members, extra_bodies=extra))
    assert ("multi_board", "person:ONE") not in f
    finding = f[("multi_board", "person:TWO")]
    assert finding.severity == "info"
    assert finding.parties == ("body:CL-BOARD", "body:PCT1-BOARD")
    assert finding.rows == ("membership:4", "membership:5")


def test_commissioner_provider_overlap():
    extra_orgs = [
        Org("TRUST", "trust", statutory=True),
        Org("PRAC", "practice"),
        Org("FED", "provider"),
        Org("SEN", "clinical_senate"),
    ]
    extra_bodies = [BodyRow("SEN-BODY", "SEN", "senate")]
    members = [
        MembershipRow(1, "CONS-BOARD", "LAY", "lay"),
        MembershipRow(2, "CONS-BOARD", "GP", "clinical"),
        MembershipRow(3, "SEN-BODY", "DOC", "clinical"),
        MembershipRow(4, "CONS-BOARD", "NV", "attendee", voting=False),
        MembershipRow(5, "CL-BOARD", "FEDGP", "clinical"),
    ]
    posts = [
        PostRow(1, "LAY", "TRUST", "ned"),
        PostRow(2, "GP", "PRAC", "gp_member"),
        PostRow(3, "DOC", "TRUST", "staff"),
        PostRow(4, "NV", "TRUST", "staff"),
        PostRow(5, "FEDGP", "FED", "staff"),
    ]
    f = found(
        structure(members=members, posts=posts, extra_orgs=extra_orgs, extra_bodies=extra_bodies)
    )
    overlap = {s for (k, s) in f if k == "commissioner_provider_overlap"}
    assert overlap == {"person:LAY", "person:FEDGP"}
    finding = f[("commissioner_provider_overlap", "person:LAY")]
    assert finding.severity == "medium"
    assert finding.parties == ("body:CONS-BOARD", "org:TRUST")
    assert finding.rows == ("membership:1", "post:1")


def test_findings_are_sorted_and_carry_a_detail():
    facts = structure(
        [("org:CL", "body:CL-BOARD", "accountable"), ("body:CL-BOARD", "org:CL", "accountable")],
        functions=[Function("F", "CONS")],
    )
    findings = analyse(facts).findings
    keys = [(f.finding, f.subject) for f in findings]
    assert keys == sorted(keys)
    assert all(f.detail for f in findings)


# --- the statutory body for an organisation -----------------------------------------


def test_statutory_body_is_itself_or_the_org_of_the_top_ending_its_chain():
    facts = structure(
        [
            ("org:CONS", "body:CL-EXEC", "delegated"),
            ("body:CL-BOARD", "body:PCT2-BOARD", "accountable"),
            ("org:CL", "org:PCT1", "accountable"),
        ],
        extra_orgs=[Org("LOST", "consortium")],
    )
    assert statutory_body(facts, "PCT2") == "PCT2"
    assert statutory_body(facts, "CL") == "PCT1"
    assert statutory_body(facts, "CONS") is None  # the cluster executive leads nowhere
    facts.lines.append(Line(9, "body:CL-EXEC", "body:CL-BOARD", "accountable"))
    assert statutory_body(facts, "CONS") == "PCT2"
    assert statutory_body(facts, "LOST") is None
    assert statutory_body(facts, "UNKNOWN") is None


# --- graph helpers ------------------------------------------------------------------


def test_strongly_connected_agrees_with_networkx_on_random_graphs():
    rnd = random.Random(7)
    for _ in range(50):
        n = rnd.randrange(1, 30)
        graph: dict[str, set[str]] = {}
        for _ in range(rnd.randrange(0, 60)):
            graph.setdefault(f"n{rnd.randrange(n)}", set()).add(f"n{rnd.randrange(n)}")
        g = nx.DiGraph([(s, h) for s, hs in graph.items() for h in hs])
        ours = {frozenset(c) for c in strongly_connected(graph)}
        assert ours == {frozenset(c) for c in nx.strongly_connected_components(g)}
        cyclic = {n for c in nx.simple_cycles(g) for n in c}
        assert set(on_cycles(graph)) == cyclic


def test_long_chains_do_not_overflow():
    graph = {f"n{i}": {f"n{i + 1}"} for i in range(5000)}
    assert len(chains(graph, {"n5000"})["n0"]) == 5001
    graph["n5000"] = {"n0"}
    assert len(on_cycles(graph)) == 5001
