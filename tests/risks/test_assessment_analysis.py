"""The risk assessment over hand-built facts (RULES.md §6); no database."""

import datetime as dt

import pytest

from pathfinder.governance.accountability.facts import Facts as Structure
from pathfinder.governance.accountability.facts import Line, Org
from pathfinder.governance.facts import BodyRow
from pathfinder.risks.assessment import Facts, Risk, analyse, band, inconsistent, score

D = dt.date(2011, 11, 1)
THRESHOLD = 15


def risk(
    risk_id="R1",
    org="CONS",
    inherent=(3, 3),
    current=(3, 3),
    target=(1, 3),
    opened=dt.date(2011, 6, 1),
    last_reviewed=None,
    every=90,
    closed=None,
):
    return Risk(risk_id, org, *inherent, *current, *target, opened, last_reviewed, every, closed)


def structure():
    return Structure.build(
        orgs=[
            Org("PCT1", "pct", statutory=True),
            Org("PCT2", "pct", statutory=True),
            Org("CL", "cluster"),
            Org("CONS", "consortium"),
            Org("HUB", "support_unit"),
        ],
        bodies=[
            BodyRow("PCT1-BOARD", "PCT1", "board"),
            BodyRow("PCT2-BOARD", "PCT2", "board"),
            BodyRow("CL-BOARD", "CL", "board"),
        ],
        lines=[
            Line(1, "org:CL", "body:PCT2-BOARD", "accountable", "north"),
            Line(2, "org:CL", "body:PCT1-BOARD", "accountable", "south"),
            Line(3, "org:CONS", "body:CL-BOARD", "delegated"),
            Line(4, "body:CL-BOARD", "org:PCT2", "accountable"),
            Line(5, "org:HUB", "body:CL-BOARD", "reports"),
        ],
    )


def assess(*risks, as_at=D, threshold=THRESHOLD):
    return {a.risk.risk_id: a for a in analyse(Facts(list(risks), structure()), as_at, threshold)}


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (1, "low"),
        (3, "low"),
        (4, "moderate"),
        (6, "moderate"),
        (8, "high"),
        (12, "high"),
        (15, "extreme"),
        (25, "extreme"),
    ],
)
def test_band_edges(value, name):
    assert band(value) == name


def test_every_matrix_score_has_a_band():
    assert {band(score(lk, c)) for lk in range(1, 6) for c in range(1, 6)} == {
        "low",
        "moderate",
        "high",
        "extreme",
    }


def test_open_on_d_means_opened_on_or_before_and_closed_after():
    got = assess(
        risk("OPENS-TODAY", opened=D),
        risk("OPENS-TOMORROW", opened=D + dt.timedelta(days=1)),
        risk("CLOSES-TODAY", closed=D),
        risk("CLOSES-TOMORROW", closed=D + dt.timedelta(days=1)),
    )
    assert set(got) == {"OPENS-TODAY", "CLOSES-TOMORROW"}


def test_review_overdue_counts_from_last_review_or_opening():
    got = assess(
        risk("DUE-TODAY", last_reviewed=D - dt.timedelta(days=30), every=30),
        risk("DUE-YESTERDAY", last_reviewed=D - dt.timedelta(days=31), every=30),
        risk("NEVER-REVIEWED", opened=D - dt.timedelta(days=91)),
        risk("NEW", opened=D - dt.timedelta(days=90)),
        risk("DEFAULT", opened=D - dt.timedelta(days=91), every=None),
    )
    assert not got["DUE-TODAY"].review_overdue
    assert got["DUE-YESTERDAY"].review_overdue
    assert got["NEVER-REVIEWED"].review_overdue
    assert not got["NEW"].review_overdue
    assert got["DEFAULT"].review_overdue


def test_escalation_threshold_is_inclusive_and_configurable():
    got = assess(
        risk("AT", inherent=(5, 5), current=(3, 5)),
        risk("BELOW", inherent=(5, 5), current=(4, 3)),
    )
    assert got["AT"].escalate_to_baf and got["AT"].band == "extreme"
    assert not got["BELOW"].escalate_to_baf
    assert assess(risk("BELOW", current=(4, 3), inherent=(5, 5)), threshold=12)[
        "BELOW"
    ].escalate_to_baf


def test_baf_of_follows_the_chain_to_the_statutory_body():
    got = assess(
        risk("OWN", org="PCT1"),
        risk("CLUSTER", org="CL"),
        risk("CONSORTIUM", org="CONS"),
        risk("HUB", org="HUB"),
    )
    assert got["OWN"].baf_of == "PCT1"
    assert got["CLUSTER"].baf_of == "PCT1"  # two one-step chains: the smaller top wins
    assert got["CONSORTIUM"].baf_of == "PCT2"
    assert got["HUB"].baf_of is None  # `reports` carries no accountability


@pytest.mark.parametrize(
    ("inherent", "current", "target", "expected"),
    [
        ((3, 3), (3, 3), (1, 3), False),
        ((3, 3), (4, 3), (1, 3), True),  # current above inherent
        ((4, 4), (3, 3), (4, 3), True),  # target above current
        ((4, 4), (3, 3), (3, 3), False),  # equal is consistent
        ((4, 4), (3, 3), (None, None), False),  # no target
    ],
)
def test_inconsistent_scores(inherent, current, target, expected):
    assert inconsistent(risk(inherent=inherent, current=current, target=target)) is expected
