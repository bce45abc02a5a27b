"""How a range of days is cut into whole months and leftover days (no database)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from pathfinder.finance.monthly import first_of_month, last_of_month, split

D = dt.date


def test_a_financial_year_is_twelve_whole_months():
    assert split(D(2011, 4, 1), D(2012, 3, 31)).months == (D(2011, 4, 1), D(2012, 3, 1))
    assert split(D(2011, 4, 1), D(2012, 3, 31)).days == ()


def test_a_range_ending_mid_month_reads_that_month_from_the_ledger():
    s = split(D(2011, 4, 1), D(2011, 10, 15))
    assert s.months == (D(2011, 4, 1), D(2011, 9, 1))
    assert s.days == ((D(2011, 10, 1), D(2011, 10, 15)),)


def test_a_range_inside_one_month():
    assert split(D(2011, 4, 1), D(2011, 4, 10)) == split_days(D(2011, 4, 1), D(2011, 4, 10))
    assert split(D(2011, 4, 1), D(2011, 4, 30)).months == (D(2011, 4, 1), D(2011, 4, 1))


def split_days(a, b):
    return type(split(a, b))(None, ((a, b),))


def test_an_empty_range():
    s = split(D(2011, 4, 2), D(2011, 4, 1))
    assert s.months is None and s.days == ()


def _days(start, end):
    return {start + dt.timedelta(days=i) for i in range((end - start).days + 1)}


@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31)),
    st.integers(min_value=0, max_value=800),
)
def test_whole_months_and_leftover_days_cover_the_range_exactly_once(start, length):
    end = start + dt.timedelta(days=length)
    s = split(start, end)
    covered: list[dt.date] = []
    if s.months:
        m = s.months[0]
        assert m.day == 1 and s.months[1].day == 1
        while m <= s.months[1]:
            covered += sorted(_days(m, last_of_month(m)))
            m = last_of_month(m) + dt.timedelta(days=1)
    for a, b in s.days:
        assert first_of_month(a) == first_of_month(b)  # a stretch stays in one month
        covered += sorted(_days(a, b))
    assert len(covered) == len(set(covered))
    assert set(covered) == _days(start, end)
    assert len(s.days) <= 2
