"""The agendas analysis over hand-built facts (RULES.md §8); no database."""

import datetime as dt

from pathfinder.agendas.stances import Facts, Position, alignment, analyse, is_divergent

D = dt.date(2011, 10, 31)
KINDS = {
    "CCG": "consortium",
    "PCT": "pct",
    "TRUST": "trust",
    "GP": "practice",
    "LA": "local_authority",
    "SEN": "clinical_senate",
}


def pos(org, stance, day, seq, proposal="P1"):
    return Position(proposal, org, stance, day, seq)


def result(positions, as_at=D, proposals=("P1",)):
    facts = Facts(proposals=list(proposals), positions=positions, org_kinds=KINDS)
    return {r.proposal: r for r in analyse(facts, as_at)}


def test_latest_stance_on_or_before_d_wins():
    r = result(
        [
            pos("TRUST", "undecided", dt.date(2011, 6, 1), 1),
            pos("TRUST", "oppose", D, 2),
            pos("TRUST", "support", dt.date(2011, 11, 1), 3),
        ]
    )["P1"]
    assert r.stances == {"TRUST": "oppose"}


def test_same_day_the_later_row_wins_whatever_the_input_order():
    day = dt.date(2011, 7, 1)
    positions = [pos("PCT", "support", day, 9), pos("PCT", "oppose", day, 4)]
    assert result(positions)["P1"].stances == {"PCT": "support"}


def test_divergent_commissioner_supports_provider_opposes_and_the_reverse():
    assert is_divergent({"CCG": "support", "TRUST": "oppose"}, KINDS)
    assert is_divergent({"PCT": "oppose", "GP": "support"}, KINDS)


def test_not_divergent_when_the_split_is_within_one_side_or_outside_both():
    assert not is_divergent({"CCG": "support", "PCT": "oppose"}, KINDS)
    assert not is_divergent({"TRUST": "support", "GP": "oppose"}, KINDS)
    assert not is_divergent({"CCG": "support", "LA": "oppose", "SEN": "oppose"}, KINDS)
    assert not is_divergent({"CCG": "support", "TRUST": "neutral"}, KINDS)
    assert not is_divergent({}, KINDS)


def test_alignment_is_the_share_of_the_most_common_stance():
    assert alignment({"A": "support", "B": "support", "C": "oppose"}) == 0.6667
    assert alignment({"A": "support", "B": "neutral", "C": "oppose", "D": "support"}) == 0.5
    assert alignment({"A": "undecided"}) == 1.0
    assert alignment({}) is None


def test_a_proposal_with_no_stance_yet_is_listed_without_alignment():
    r = result([pos("CCG", "support", dt.date(2011, 12, 1), 1)], proposals=("P1", "P2"))
    assert r["P1"].stances == {} and r["P1"].alignment is None and not r["P1"].divergent
    assert r["P2"].stances == {}


def test_proposals_are_sorted_and_stances_kept_apart():
    positions = [pos("CCG", "support", D, 1, "P2"), pos("TRUST", "oppose", D, 2, "P1")]
    facts = Facts(proposals=["P2", "P1"], positions=positions, org_kinds=KINDS)
    out = analyse(facts, D)
    assert [r.proposal for r in out] == ["P1", "P2"]
    assert out[0].stances == {"TRUST": "oppose"} and not out[0].divergent
