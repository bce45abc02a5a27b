"""The support analysis over hand-built facts (RULES.md §7); no database."""

import datetime as dt
from decimal import Decimal

from pathfinder.support.reach import (
    Booking,
    Facts,
    Org,
    Post,
    Session,
    Supports,
    analyse,
    rate,
)

D = dt.date(2012, 1, 31)


def offers_by_kind(facts, as_at=D):
    return {r.kind: r for r in analyse(facts, as_at).offers}


def capacity_by_org(facts, as_at=D):
    return {c.org: c for c in analyse(facts, as_at).capacity}


def base_facts():
    return Facts(
        kinds={"coaching", "governance"},
        orgs=[Org("A", "consortium", 200_000), Org("B", "consortium", 100_000)],
    )


def test_counts_sessions_places_bookings_and_attendance_on_or_before_d():
    facts = base_facts()
    facts.sessions = [
        Session("S1", "coaching", dt.date(2012, 1, 10), 4),
        Session("S2", "coaching", D, 6),
        Session("S3", "coaching", dt.date(2012, 2, 1), 10),
    ]
    facts.bookings = [
        Booking("S1", "A", True),
        Booking("S1", "B", False),
        Booking("S2", "A", None),
        Booking("S3", "B", True),
    ]
    row = offers_by_kind(facts)["coaching"]
    assert (row.sessions, row.places, row.bookings, row.attended) == (2, 10, 3, 1)
    assert row.attendance_rate == rate(1, 3) == 0.3333
    assert row.fill_rate == 0.3
    assert row.reach == 0.5


def test_rates_are_zero_without_a_denominator():
    facts = base_facts()
    row = offers_by_kind(facts)["governance"]
    assert (row.sessions, row.places, row.bookings) == (0, 0, 0)
    assert (row.attendance_rate, row.fill_rate, row.reach) == (0.0, 0.0, 0.0)


def test_reach_counts_only_open_consortia_and_attended_bookings():
    facts = base_facts()
    facts.orgs.append(Org("HUB", "support_unit"))
    facts.sessions = [Session("S1", "coaching", dt.date(2012, 1, 1), 5)]
    facts.bookings = [
        Booking("S1", "HUB", True),
        Booking("S1", "B", False),
        Booking("S1", "GONE", True),
    ]
    assert offers_by_kind(facts)["coaching"].reach == 0.0
    facts.bookings.append(Booking("S1", "A", True))
    assert offers_by_kind(facts)["coaching"].reach == 0.5


def test_reach_is_zero_when_no_consortium_is_open():
    facts = Facts(kinds={"coaching"}, sessions=[Session("S1", "coaching", D, 2)])
    facts.bookings = [Booking("S1", "A", True)]
    assert offers_by_kind(facts)["coaching"].reach == 0.0


def test_demand_rank_by_bookings_per_place_then_kind_name():
    facts = base_facts()
    facts.kinds |= {"finance_workshop"}
    facts.sessions = [
        Session("S1", "coaching", D, 4),
        Session("S2", "governance", D, 2),
        Session("S3", "finance_workshop", D, 8),
    ]
    facts.bookings = [Booking("S1", "A", True), Booking("S1", "B", True)]
    facts.bookings += [Booking("S2", "A", True)]
    facts.bookings += [Booking("S3", f"X{i}", True) for i in range(2)]
    ranks = {k: r.demand_rank for k, r in offers_by_kind(facts).items()}
    # coaching 2/4 and governance 1/2 tie: the kind name decides
    assert ranks == {"coaching": 1, "governance": 2, "finance_workshop": 3}


def test_offers_are_sorted_by_kind():
    facts = base_facts()
    assert [r.kind for r in analyse(facts, D).offers] == ["coaching", "governance"]


def test_capacity_adds_an_equal_share_of_each_supporting_unit():
    facts = base_facts()
    facts.orgs += [Org("C", "ccg", None), Org("HUB", "support_unit")]
    facts.posts = [
        Post("A", Decimal("0.4")),
        Post("A", Decimal("0.8")),
        Post("B", None),
        Post("HUB", Decimal("1.0")),
    ]
    facts.supports = [Supports("HUB", "A"), Supports("HUB", "B"), Supports("HUB", "C")]
    cap = capacity_by_org(facts)
    assert cap["A"].fte == Decimal("1.53")
    # per 100,000 is computed before rounding: 1.5333 / 2 = 0.7667
    assert cap["A"].fte_per_100k == Decimal("0.77")
    assert cap["B"].fte == Decimal("0.33")
    assert cap["B"].fte_per_100k == Decimal("0.33")
    assert cap["C"].fte == Decimal("0.33")
    assert cap["C"].fte_per_100k is None
    assert sorted(cap) == ["A", "B", "C"]


def test_capacity_ignores_supports_from_organisations_that_are_not_support_units():
    facts = base_facts()
    facts.orgs.append(Org("CL", "cluster"))
    facts.posts = [Post("CL", Decimal("1.0"))]
    facts.supports = [Supports("CL", "A")]
    assert capacity_by_org(facts)["A"].fte == Decimal("0.00")


def test_unit_share_is_split_only_among_open_consortia():
    facts = base_facts()
    facts.orgs.append(Org("HUB", "support_unit"))
    facts.posts = [Post("HUB", Decimal("1.0"))]
    facts.supports = [Supports("HUB", "A"), Supports("HUB", "CLOSED")]
    assert capacity_by_org(facts)["A"].fte == Decimal("1.00")


def test_two_decimals_round_half_up():
    facts = Facts(orgs=[Org("A", "consortium", 100_000)], posts=[Post("A", Decimal("0.125"))])
    assert capacity_by_org(facts)["A"].fte == Decimal("0.13")
