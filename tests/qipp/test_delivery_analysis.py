"""The QIPP rules of RULES.md §5 on hand-built facts, with no database."""

import datetime as dt
from decimal import Decimal

import pytest

from pathfinder.core.money import FinancialYear
from pathfinder.qipp.delivery import Scheme, analyse, is_not_owned, rag, ytd_months

FY = FinancialYear.parse("2011-12")


@pytest.mark.parametrize(
    ("planned", "delivered", "colour"),
    [
        ("100.00", "95.00", "green"),  # exactly 95%
        ("100.00", "94.99", "amber"),
        ("100.00", "120.00", "green"),
        ("100.00", "75.00", "amber"),  # exactly 75%
        ("100.00", "74.99", "red"),
        ("100.00", "0.00", "red"),
        ("100.00", "-5.00", "red"),
        ("0.00", "0.00", "grey"),  # nothing planned yet
        ("0.00", "10.00", "grey"),
        ("0.01", "0.01", "green"),
    ],
)
def test_rag_boundaries(planned, delivered, colour):
    assert rag(Decimal(planned), Decimal(delivered)) == colour


@pytest.mark.parametrize(
    ("signer_org", "signed_on", "as_at", "not_owned"),
    [
        ("C1", dt.date(2011, 5, 1), dt.date(2011, 6, 30), False),
        ("C1", dt.date(2011, 6, 30), dt.date(2011, 6, 30), False),  # signed on D itself
        ("C1", dt.date(2011, 7, 1), dt.date(2011, 6, 30), True),  # signed after D
        ("CL1", dt.date(2011, 5, 1), dt.date(2011, 6, 30), True),  # another org's body
        (None, None, dt.date(2011, 6, 30), True),  # never signed off
        ("C1", None, dt.date(2011, 6, 30), True),  # a signer but no date
    ],
)
def test_not_owned(signer_org, signed_on, as_at, not_owned):
    assert is_not_owned("C1", signer_org, signed_on, as_at) is not_owned


@pytest.mark.parametrize(
    ("as_at", "first", "last", "count"),
    [
        (dt.date(2011, 6, 1), "2011-04", "2011-06", 3),  # D's month counts from its first day
        (dt.date(2011, 6, 30), "2011-04", "2011-06", 3),
        (dt.date(2012, 3, 31), "2011-04", "2012-03", 12),
        (dt.date(2013, 1, 1), "2011-04", "2012-03", 12),
    ],
)
def test_ytd_months(as_at, first, last, count):
    months = ytd_months(FY, as_at)
    assert (months[0], months[-1], len(months)) == (first, last, count)


def test_no_months_before_the_year():
    assert ytd_months(FY, dt.date(2011, 3, 31)) == []


def test_analyse_sorts_by_scheme_and_formats_pence_as_pounds():
    schemes = [
        Scheme("S2", "C1", None, None, 0, 0),
        Scheme("S1", "C1", "C1", dt.date(2011, 4, 20), 300_000_00, 240_000_01),
    ]
    got = analyse(schemes, dt.date(2011, 6, 30))
    assert [r.scheme for r in got] == ["S1", "S2"]
    s1, s2 = got
    assert (s1.planned_ytd, s1.delivered_ytd) == (Decimal("300000.00"), Decimal("240000.01"))
    assert (s1.rag, s1.not_owned) == ("amber", False)
    assert (s2.rag, s2.not_owned) == ("grey", True)
