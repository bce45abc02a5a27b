"""The conflicts analysis (RULES.md §2) over hand-built facts: no database."""

import datetime as dt
from decimal import Decimal

import pytest

from pathfinder.governance.conflict_facts import DecisionFact, DelegationRule, Link, MeetingFacts
from pathfinder.governance.conflicts import (
    action_for,
    analyse_decision,
    analyse_meeting,
    as_json,
    participants,
    strongest,
)
from pathfinder.governance.facts import MembershipRow, PostRow
from pathfinder.interests.facts import InterestRow

D = dt.date(2011, 11, 3)
LONG_AGO = dt.date(2000, 1, 1)


def member(person, capacity, voting, start, end=None) -> MembershipRow:
    """A membership of the meeting's body B1."""
    return MembershipRow(0, "B1", person, capacity, voting, start, end, "CONS", "board")


def post(person, org, role, start, end=None) -> PostRow:
    return PostRow(0, person, org, role, "a post", start, end)


def meeting(**kw) -> MeetingFacts:
    base = dict(
        meeting="M1",
        date=D,
        body="B1",
        body_org="CONS",
        quorum_min=1,
        members=[member("P1", "clinical", True, LONG_AGO)],
        professions={"P1": "gp"},
    )
    base.update(kw)
    return MeetingFacts(**base)


def decision(*cps, amount="100000.00", kind="contract_award", ident="X1") -> DecisionFact:
    return DecisionFact(ident, kind, Decimal(amount) if amount else None, tuple(cps))


def interest(org, category="financial", person="P1", ident="I1", **kw) -> InterestRow:
    return InterestRow(ident, person, category, org, interest_from=kw.pop("start", LONG_AGO), **kw)


def only_conflicts(facts, dec):
    return analyse_decision(dec, facts).participants[0].conflicts


# Participants


def test_attendance_limits_participants_to_voting_members_present():
    facts = meeting(
        members=[
            member("P1", "clinical", True, LONG_AGO),
            member("P2", "lay", True, LONG_AGO),
            member("P3", "officer", False, LONG_AGO),
            member("P4", "ned", True, LONG_AGO, D - dt.timedelta(days=1)),
        ],
        attendees=frozenset({"P1", "P3", "P4", "P9"}),
    )
    assert participants(facts) == ["P1"]


def test_no_attendance_rows_means_every_voting_member_in_force():
    facts = meeting(
        members=[
            member("P2", "lay", True, LONG_AGO),
            member("P1", "clinical", True, D),
            member("P3", "officer", False, LONG_AGO),
            member("P5", "ned", True, D + dt.timedelta(days=1)),
        ]
    )
    assert participants(facts) == ["P1", "P2"]


# Direct and one-hop conflicts


def test_interest_in_a_counterparty_is_direct():
    [c] = only_conflicts(meeting(interests=[interest("FED")]), decision("FED"))
    assert (c.counterparty, c.via, c.interest, c.action) == ("FED", None, "I1", "exclude")


def test_interest_one_hop_away_names_the_counterparty_it_goes_via():
    facts = meeting(interests=[interest("PRAC")], links=[Link("FED", "PRAC", LONG_AGO)])
    [c] = only_conflicts(facts, decision("FED"))
    assert (c.counterparty, c.via) == ("PRAC", "FED")


def test_links_count_in_either_direction():
    facts = meeting(interests=[interest("PRAC")], links=[Link("PRAC", "FED", LONG_AGO)])
    [c] = only_conflicts(facts, decision("FED"))
    assert c.via == "FED"


def test_via_is_the_smallest_related_counterparty():
    facts = meeting(
        interests=[interest("FED")],
        links=[Link("FED", "Z9", LONG_AGO), Link("FED", "A1", LONG_AGO)],
    )
    [c] = only_conflicts(facts, decision("Z9", "A1"))
    assert c.via == "A1"


def test_direct_match_wins_over_a_hop():
    facts = meeting(interests=[interest("A1")], links=[Link("A1", "B2", LONG_AGO)])
    [c] = only_conflicts(facts, decision("A1", "B2"))
    assert c.via is None


def test_two_hops_are_not_a_conflict():
    facts = meeting(
        interests=[interest("PRAC")],
        links=[Link("PRAC", "CONS2", LONG_AGO), Link("CONS2", "FED", LONG_AGO)],
    )
    assert only_conflicts(facts, decision("FED")) == []


def test_links_and_interests_out_of_force_on_d_do_not_count():
    facts = meeting(
        interests=[
            interest("PRAC", ident="I1"),
            interest("FED", ident="I2", interest_to=D - dt.timedelta(days=1)),
            interest("FED", ident="I3", start=D + dt.timedelta(days=1)),
        ],
        links=[Link("FED", "PRAC", LONG_AGO, D - dt.timedelta(days=1))],
    )
    assert only_conflicts(facts, decision("FED")) == []


def test_interest_ending_on_d_is_still_in_force():
    facts = meeting(interests=[interest("FED", interest_to=D)])
    assert len(only_conflicts(facts, decision("FED"))) == 1


def test_free_text_interest_never_conflicts():
    assert only_conflicts(meeting(interests=[interest(None)]), decision("FED")) == []


# The action table


@pytest.mark.parametrize(
    "category, direct, action",
    [
        ("financial", True, "exclude"),
        ("financial", False, "exclude"),
        ("indirect", True, "exclude"),
        ("indirect", False, "exclude"),
        ("post", True, "exclude"),
        ("post", False, "exclude"),
        ("non_financial_professional", True, "exclude"),
        ("non_financial_professional", False, "declare"),
        ("non_financial_personal", True, "declare"),
        ("non_financial_personal", False, "declare"),
    ],
)
def test_action_table(category, direct, action):
    assert action_for(category, direct) == action


def test_strongest_action_wins_and_no_conflict_is_none():
    assert strongest(["declare", "exclude", "declare"]) == "exclude"
    assert strongest(["declare"]) == "declare"
    assert strongest([]) == "none"


def test_participant_action_is_the_strongest_of_their_conflicts():
    facts = meeting(
        interests=[
            interest("FED", "non_financial_personal", ident="I1"),
            interest("PRAC", "non_financial_professional", ident="I2"),
        ],
        links=[Link("FED", "PRAC", LONG_AGO)],
    )
    [p] = analyse_decision(decision("FED"), facts).participants
    assert [c.action for c in p.conflicts] == ["declare", "declare"]
    assert p.action == "declare"
    facts.interests.append(interest("FED", "financial", ident="I3"))
    [p] = analyse_decision(decision("FED"), facts).participants
    assert p.action == "exclude"


# Posts


def test_post_at_related_org_is_a_post_conflict_marked_undeclared_without_interest():
    facts = meeting(posts=[post("P1", "PRAC", "gp_member", LONG_AGO)])
    [c] = only_conflicts(facts, decision("PRAC"))
    assert (c.category, c.interest, c.undeclared, c.action) == ("post", None, True, "exclude")


def test_post_declared_by_an_interest_in_force_is_not_undeclared():
    facts = meeting(
        posts=[post("P1", "PRAC", "gp_member", LONG_AGO)],
        interests=[interest("PRAC", "non_financial_personal", declared_on=D)],
    )
    found = [c for c in only_conflicts(facts, decision("PRAC")) if c.category == "post"]
    assert found[0].undeclared is False


def test_interest_declared_after_the_meeting_leaves_the_post_undeclared():
    facts = meeting(
        posts=[post("P1", "PRAC", "gp_member", LONG_AGO)],
        interests=[interest("PRAC", declared_on=D + dt.timedelta(days=1))],
    )
    assert all(c.undeclared for c in only_conflicts(facts, decision("PRAC")))


def test_post_at_the_bodys_own_organisation_does_not_count():
    facts = meeting(posts=[post("P1", "CONS", "clinical_lead", LONG_AGO)])
    assert only_conflicts(facts, decision("CONS")) == []


def test_one_post_conflict_per_organisation():
    facts = meeting(
        posts=[
            post("P1", "PRAC", "gp_member", LONG_AGO),
            post("P1", "PRAC", "staff", LONG_AGO),
        ]
    )
    assert len(only_conflicts(facts, decision("PRAC"))) == 1


# Quorum after exclusions


def board(**kw) -> MeetingFacts:
    """Chair P1 (gp), ned P2, lay P3 (nurse), executive P4 (manager)."""
    base = dict(
        quorum_min=3,
        quorum_neds_min=1,
        quorum_clinicians_min=2,
        members=[
            member("P1", "chair", True, LONG_AGO),
            member("P2", "ned", True, LONG_AGO),
            member("P3", "lay", True, LONG_AGO),
            member("P4", "executive", True, LONG_AGO),
        ],
        professions={"P1": "gp", "P2": "finance", "P3": "nurse", "P4": "manager"},
    )
    base.update(kw)
    return meeting(**base)


def test_quorate_with_nobody_excluded():
    q = analyse_decision(decision("FED"), board()).quorum
    assert q.quorate and q.fails == ()
    assert (q.present, q.neds, q.clinicians) == (4, 2, 2)


def test_exclusions_can_break_members_and_clinicians():
    facts = board(
        interests=[interest("FED", person="P1", ident="I1"), interest("FED", person="P4")]
    )
    q = analyse_decision(decision("FED"), facts).quorum
    assert (q.present, q.required) == (2, 3)
    assert q.fails == ("members", "clinicians")
    assert not q.quorate


def test_exclusions_can_break_the_ned_count():
    facts = board(
        interests=[
            interest("FED", person="P2", ident="I1"),
            interest("FED", person="P3", ident="I2"),
        ]
    )
    q = analyse_decision(decision("FED"), facts).quorum
    assert q.neds == 0 and "neds" in q.fails


def test_declaring_members_still_count_towards_quorum():
    facts = board(interests=[interest("FED", "non_financial_personal", person="P3")])
    assert analyse_decision(decision("FED"), facts).quorum.quorate


def test_chair_counts_as_ned_with_a_ned_or_lay_member_post_at_the_bodys_org():
    plain = analyse_decision(decision("FED"), board()).quorum.neds
    for role in ("ned", "lay_member"):
        facts = board(posts=[post("P1", "CONS", role, LONG_AGO)])
        assert analyse_decision(decision("FED"), facts).quorum.neds == plain + 1


def test_chair_ned_post_elsewhere_or_ended_does_not_count():
    facts = board(
        posts=[
            post("P1", "OTHER", "ned", LONG_AGO),
            post("P1", "CONS", "ned", LONG_AGO, D - dt.timedelta(days=1)),
            post("P1", "CONS", "clinical_lead", LONG_AGO),
        ]
    )
    assert analyse_decision(decision("FED"), facts).quorum.neds == 2


# Authority under the scheme of delegation


def rule(delegate, limit=None, kind="contract_award", org="CONS", **kw):
    return DelegationRule(
        org, kind, delegate, Decimal(limit) if limit else None, kw.pop("start", LONG_AGO), **kw
    )


def test_empty_limit_covers_any_amount():
    facts = meeting(delegations=[rule("body:B1")])
    a = analyse_decision(decision("FED", amount="99999999.00"), facts).authority
    assert a.within_delegation and a.can_decide == ("body:B1",)


def test_limit_covers_amounts_up_to_and_including_it():
    facts = meeting(delegations=[rule("body:B1", "100000.00")])
    assert analyse_decision(decision("FED", amount="100000.00"), facts).authority.within_delegation
    a = analyse_decision(decision("FED", amount="100000.01"), facts).authority
    assert not a.within_delegation and a.can_decide == ()


def test_decision_with_no_amount_is_covered_by_any_limit():
    facts = meeting(delegations=[rule("body:B1", "1.00")])
    assert analyse_decision(decision("FED", amount=None), facts).authority.within_delegation


def test_can_decide_lists_other_delegates_when_b_is_not_one():
    facts = meeting(
        delegations=[
            rule("role:chief_executive", "500000.00"),
            rule("body:BOARD"),
            rule("body:B1", "1000.00"),
            rule("body:B1", kind="policy"),
            rule("body:OTHER", org="ELSEWHERE"),
            rule("body:OLD", valid_to=D - dt.timedelta(days=1)),
        ]
    )
    a = analyse_decision(decision("FED"), facts).authority
    assert not a.within_delegation
    assert a.can_decide == ("body:BOARD", "role:chief_executive")


# Output shape


def test_json_shape_uses_references_and_lists_every_participant():
    facts = board(
        interests=[interest("PRAC", person="P2")],
        links=[Link("FED", "PRAC", LONG_AGO)],
        delegations=[rule("body:B1")],
    )
    out = as_json(analyse_decision(decision("FED"), facts))
    assert out["body"] == "body:B1" and out["date"] == "2011-11-03"
    assert [p["person"] for p in out["participants"]] == [f"person:P{i}" for i in (1, 2, 3, 4)]
    [c] = out["participants"][1]["conflicts"]
    assert c == {
        "category": "financial",
        "counterparty": "org:PRAC",
        "via": "org:FED",
        "interest": "interest:I1",
        "undeclared": False,
        "action": "exclude",
    }
    assert out["authority"] == {"within_delegation": True, "can_decide": ["body:B1"]}


def test_a_meeting_is_analysed_decision_by_decision_from_one_set_of_facts():
    facts = board(
        interests=[interest("FED", person="P2")],
        decisions=[decision("RGT", ident="X2"), decision("FED", ident="X1")],
    )
    results = analyse_meeting(facts)
    assert [r.decision for r in results] == ["X1", "X2"]
    assert [p.action for p in results[0].participants] == ["none", "exclude", "none", "none"]
    assert all(p.action == "none" for p in results[1].participants)
