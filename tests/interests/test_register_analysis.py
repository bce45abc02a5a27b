"""Register checks (RULES.md §3) over hand-built facts: no database."""

import datetime as dt
from decimal import Decimal

from pathfinder.governance.facts import MembershipRow, PostRow
from pathfinder.interests.facts import InterestRow
from pathfinder.interests.register import Facts, Finding, GiftRow, Limits, analyse, finding_json

D = dt.date(2011, 12, 31)
LONG_AGO = dt.date(2000, 1, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def interest(ident="I1", person="P1", org="ORG", start=LONG_AGO, declared=None, end=None):
    declared = declared or start
    return InterestRow(ident, person, "financial", org, "a role", start, end, declared)


def gift(ident="G1", kind="gift", value="10.00", offered=D, declared=None, accepted=True):
    declared = declared or offered
    return GiftRow(ident, "P1", kind, Decimal(value), offered, accepted, declared)


def member(person="P1", body="B1", org="CONS", voting=True, end=None):
    return MembershipRow(0, body, person, "ned", voting, LONG_AGO, end, org, "board")


def post(person, org, title, start, end=None):
    return PostRow(0, person, org, "staff", title, start, end)


def kinds(facts: Facts, limits: Limits | None = None, as_at=D) -> list[tuple]:
    return [(f.finding, f.subject, f.org) for f in analyse(facts, as_at, limits)]


# late_declaration


def test_declaring_on_day_28_is_on_time_and_day_29_is_late():
    start = dt.date(2011, 11, 1)
    facts = Facts(
        interests=[
            interest("I1", start=start, declared=start + dt.timedelta(days=28)),
            interest("I2", start=start, declared=start + dt.timedelta(days=29)),
        ]
    )
    assert kinds(facts) == [("late_declaration", "interest:I2", None)]


def test_gift_declared_more_than_28_days_after_offer_is_late():
    offered = dt.date(2011, 9, 10)
    facts = Facts(
        gifts=[
            gift("G1", offered=offered, declared=offered + dt.timedelta(days=28)),
            gift("G2", offered=offered, declared=offered + dt.timedelta(days=29)),
        ]
    )
    assert kinds(facts) == [("late_declaration", "gift:G2", None)]


def test_only_declarations_made_on_or_before_d_are_judged():
    facts = Facts(interests=[interest(start=LONG_AGO, declared=day(1))])
    assert kinds(facts) == []
    facts = Facts(interests=[interest(start=LONG_AGO, declared=D)])
    assert kinds(facts) == [("late_declaration", "interest:I1", None)]


def test_declaration_days_is_a_setting():
    start = dt.date(2011, 11, 1)
    facts = Facts(interests=[interest(start=start, declared=start + dt.timedelta(days=10))])
    assert kinds(facts, Limits(declaration_days=7)) == [("late_declaration", "interest:I1", None)]


# gift_over_limit


def test_gift_and_hospitality_limits_are_exceeded_only_above_them():
    facts = Facts(
        gifts=[
            gift("G1", "gift", "50.00"),
            gift("G2", "gift", "50.01"),
            gift("G3", "hospitality", "75.00"),
            gift("G4", "hospitality", "75.01"),
        ]
    )
    assert kinds(facts) == [
        ("gift_over_limit", "gift:G2", None),
        ("gift_over_limit", "gift:G4", None),
    ]


def test_declined_or_future_gifts_are_not_over_limit():
    facts = Facts(gifts=[gift("G1", value="500.00", accepted=False), gift("G2", "gift", "500.00")])
    assert kinds(facts, as_at=day(-1)) == []
    assert kinds(facts) == [("gift_over_limit", "gift:G2", None)]


def test_limits_come_from_settings_values():
    facts = Facts(gifts=[gift("G1", "gift", "30.00")])
    assert kinds(facts, Limits(gift_limit=Decimal("25.00")))[0][0] == "gift_over_limit"


# missing_return


def test_return_window_is_the_365_days_ending_on_d():
    def with_return(on):
        return Facts(members=[member()], returns={"P1": [on]})

    assert kinds(with_return(day(-364))) == []
    assert kinds(with_return(D)) == []
    assert kinds(with_return(day(-365))) == [("missing_return", "person:P1", None)]
    assert kinds(with_return(day(1))) == [("missing_return", "person:P1", None)]


def test_nil_return_counts_and_only_voting_members_in_force_need_one():
    facts = Facts(
        members=[
            member("P1"),
            member("P2", voting=False),
            member("P3", end=day(-1)),
            member("P4"),
        ],
        returns={"P4": [day(-10)]},
    )
    assert kinds(facts) == [("missing_return", "person:P1", None)]


def test_missing_return_names_the_person_as_subject():
    [f] = analyse(Facts(members=[member()]), D)
    assert finding_json(f)["subject"] == finding_json(f)["person"] == "person:P1"


# undeclared_post


def test_post_elsewhere_without_interest_is_undeclared_once_per_organisation():
    facts = Facts(
        members=[member()],
        returns={"P1": [D]},
        posts=[
            post("P1", "PRAC", "GP partner", LONG_AGO),
            post("P1", "PRAC", "Trainer", LONG_AGO),
            post("P1", "CONS", "Clinical lead", LONG_AGO),
        ],
    )
    [f] = analyse(facts, D)
    assert finding_json(f) | {"detail": ""} == {
        "finding": "undeclared_post",
        "subject": "person:P1",
        "person": "person:P1",
        "org": "org:PRAC",
        "detail": "",
    }


def test_post_at_own_org_counts_when_the_person_sits_on_another_orgs_body():
    facts = Facts(
        members=[member(body="B1", org="CONS"), member(body="SEN", org="SENATE")],
        returns={"P1": [D]},
        posts=[post("P1", "CONS", "Clinical lead", LONG_AGO)],
    )
    assert kinds(facts) == [("undeclared_post", "person:P1", "CONS")]


def test_interest_in_force_and_declared_by_d_covers_the_post():
    held = post("P1", "PRAC", "GP partner", LONG_AGO)
    base = dict(members=[member()], returns={"P1": [D]}, posts=[held])
    assert (
        kinds(Facts(**base, interests=[interest(org="PRAC", declared=dt.date(2000, 1, 2))])) == []
    )
    ended = interest(org="PRAC", end=day(-1), declared=dt.date(2000, 1, 2))
    assert kinds(Facts(**base, interests=[ended])) == [("undeclared_post", "person:P1", "PRAC")]
    later = interest(org="PRAC", start=D, declared=day(3))
    assert kinds(Facts(**base, interests=[later])) == [("undeclared_post", "person:P1", "PRAC")]


def test_posts_of_non_voting_members_or_ended_posts_are_not_checked():
    facts = Facts(
        members=[member(voting=False)],
        posts=[post("P1", "PRAC", "GP partner", LONG_AGO)],
    )
    assert kinds(facts) == []
    facts = Facts(
        members=[member()],
        returns={"P1": [D]},
        posts=[post("P1", "PRAC", "GP partner", LONG_AGO, day(-1))],
    )
    assert kinds(facts) == []


def test_findings_are_sorted_by_finding_then_subject():
    facts = Facts(
        members=[member("P2")],
        gifts=[gift("G9", value="99.00")],
        interests=[interest("I1", start=LONG_AGO, declared=D)],
    )
    got = analyse(facts, D)
    assert got == sorted(got, key=Finding.sort_key)
    assert [f.finding for f in got] == ["gift_over_limit", "late_declaration", "missing_return"]
