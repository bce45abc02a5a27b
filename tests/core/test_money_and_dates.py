"""Pure rules of money, financial years and effective dating (no database)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathfinder.core.effective import is_in_force
from pathfinder.core.iso_dates import parse_date
from pathfinder.core.money import FinancialYear, fmt_money, from_pence, parse_money, to_pence
from pathfinder.core.refs import parse_ref
from pathfinder.packages import types


@pytest.mark.parametrize("text", ["1250000.00", "-310.5", "0", "7"])
def test_money_accepts_the_package_form(text):
    assert parse_money(text) == Decimal(text)


@pytest.mark.parametrize("text", ["1,000.00", "£5", "1.005", "1e3", "", " 5", "5."])
def test_money_refuses_anything_else(text):
    with pytest.raises(ValueError):
        parse_money(text)


@given(st.integers(min_value=-(10**14), max_value=10**14))
def test_pence_round_trip(pence):
    pounds = from_pence(pence)
    assert to_pence(pounds) == pence
    assert types.Money().parse(fmt_money(pounds)) == pence


def test_money_cell_type_gives_pence():
    money = types.Money()
    assert money.parse("-310.5") == -31050
    assert money.parse("0.07") == 7
    assert money.export(Decimal("12.3")) == "12.30"


def test_financial_year():
    fy = FinancialYear.parse("2011-12")
    assert (fy.start, fy.end) == (dt.date(2011, 4, 1), dt.date(2012, 3, 31))
    assert fy.months()[0] == "2011-04" and fy.months()[-1] == "2012-03"
    assert FinancialYear.parse("1999-00").end == dt.date(2000, 3, 31)
    assert FinancialYear.containing(dt.date(2012, 3, 31)) == fy
    assert FinancialYear.containing(dt.date(2012, 4, 1)) != fy
    for bad in ("2011-13", "2011/12", "11-12", "2011-2012"):
        with pytest.raises(ValueError):
            FinancialYear.parse(bad)


def test_in_force_is_inclusive_at_both_ends():
    start, end = dt.date(2011, 4, 1), dt.date(2012, 3, 31)
    assert is_in_force(start, end, start)
    assert is_in_force(start, end, end)
    assert not is_in_force(start, end, dt.date(2011, 3, 31))
    assert not is_in_force(start, end, dt.date(2012, 4, 1))
    assert is_in_force(start, None, dt.date(2099, 1, 1))


def test_dates_are_strict_iso():
    assert parse_date("2011-10-01") == dt.date(2011, 10, 1)
    for bad in ("01/10/2011", "2011-10-1", "2011-02-30", "20111001"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_references():
    assert str(parse_ref("body:B-5PP")) == "body:B-5PP"
    with pytest.raises(ValueError):
        parse_ref("board:B-5PP")
    with pytest.raises(ValueError):
        parse_ref("org:has space")


def test_reference_cell_type_knows_roles():
    delegate = types.Reference({"body": "bodies", "role": ("chair", "chief_executive")})
    assert delegate.parse("role:chair") == "role:chair"
    with pytest.raises(ValueError, match="not one of"):
        delegate.parse("role:janitor")
