"""The published register selection (RULES.md §3): pure, no database."""

import datetime as dt

from pathfinder.governance.facts import MembershipRow
from pathfinder.interests.facts import InterestRow
from pathfinder.interests.published import entry_json, months_before, published_entries
from pathfinder.interests.register import Facts, Limits

D = dt.date(2011, 12, 31)
LONG_AGO = dt.date(2000, 1, 1)


def interest(ident, person="P1", end=None, start=LONG_AGO, declared=LONG_AGO):
    return InterestRow(ident, person, "financial", "ORG", "a role", start, end, declared)


def member(person="P1", body="B1", kind="board", voting=True):
    return MembershipRow(0, body, person, "ned", voting, LONG_AGO, None, "CONS", kind)


def ids(facts, as_at=D, limits=None):
    return [e.interest for e in published_entries(facts, as_at, limits)]


def test_months_before_clamps_to_the_end_of_a_shorter_month():
    assert months_before(dt.date(2011, 12, 31), 6) == dt.date(2011, 6, 30)
    assert months_before(dt.date(2012, 8, 31), 6) == dt.date(2012, 2, 29)
    assert months_before(dt.date(2011, 3, 15), 6) == dt.date(2010, 9, 15)


def test_in_force_and_recently_ended_interests_are_published():
    facts = Facts(
        members=[member()],
        interests=[
            interest("I1"),
            interest("I2", end=dt.date(2011, 6, 30)),
            interest("I3", end=dt.date(2011, 6, 29)),
            interest("I4", start=dt.date(2012, 1, 1)),
            interest("I5", declared=dt.date(2012, 1, 5)),
        ],
    )
    assert ids(facts) == ["I1", "I2"]


def test_ended_window_is_a_setting():
    facts = Facts(members=[member()], interests=[interest("I2", end=dt.date(2011, 6, 30))])
    assert ids(facts, limits=Limits(published_ended_months=3)) == []


def test_only_voting_members_of_decision_making_bodies_are_published():
    facts = Facts(
        members=[
            member("P1", "B1", "board"),
            member("P2", "SEN", "senate"),
            member("P3", "B1", "board", voting=False),
            member("P4", "PART", "partnership"),
        ],
        interests=[interest("I1", "P1"), interest("I2", "P2"), interest("I3", "P3")]
        + [interest("I4", "P4"), interest("I5", "P5")],
        delegated_bodies={"PART"},
    )
    assert ids(facts) == ["I1", "I4"]


def test_entries_never_carry_an_email_address():
    facts = Facts(members=[member()], interests=[interest("I1")], names={"P1": "Ann Lee"})
    [entry] = published_entries(facts, D)
    out = entry_json(entry)
    assert out["name"] == "Ann Lee" and out["bodies"] == ["body:B1"]
    assert not any("mail" in key for key in out)
