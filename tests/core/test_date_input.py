"""The NHS.UK date input's reading: pure, no database."""

import datetime as dt

import pytest

from pathfinder.core.date_input import as_entry, read_date, read_dates, read_parts
from pathfinder.core.iso_dates import long_date, long_dates


def test_three_boxes_give_a_date():
    entry = read_date({"d-day": "3", "d-month": "11", "d-year": "2011"}, "d")
    assert entry.date == dt.date(2011, 11, 3)
    assert not entry.error


def test_leading_zeros_spaces_and_month_names_are_read():
    assert read_parts(" 03 ", "nov", "2011").date == dt.date(2011, 11, 3)
    assert read_parts("1", "September", "2011").date == dt.date(2011, 9, 1)


def test_nothing_typed_names_the_date():
    entry = read_parts("", "", "", "Start date")
    assert entry.error == "Enter the start date"
    assert entry.wrong == ("day", "month", "year")
    assert read_parts("", "", "", "Start date", missing="Enter when it began").error == (
        "Enter when it began"
    )


def test_nothing_typed_in_an_optional_date_is_no_date():
    entry = read_parts("", "", "", "End date", required=False)
    assert entry.date is None and not entry.error


@pytest.mark.parametrize(
    ("parts", "message", "wrong"),
    [
        (("3", "", "2011"), "Start date must include a month", ("month",)),
        (("", "", "2011"), "Start date must include a day and month", ("day", "month")),
        (("3", "11", ""), "Start date must include a year", ("year",)),
        (("32", "11", "2011"), "Start date must be a real date", ("day",)),
        (("3", "13", "2011"), "Start date must be a real date", ("month",)),
        (("x", "11", "2011"), "Start date must be a real date", ("day",)),
        (("3", "11", "11"), "Start date must include a year of 4 numbers, like 2011", ("year",)),
        (("31", "2", "2011"), "Start date must be a real date", ("day", "month", "year")),
    ],
)
def test_a_wrong_date_is_named_with_the_boxes_to_mark(parts, message, wrong):
    entry = read_parts(*parts, "Start date")
    assert entry.date is None
    assert (entry.error, entry.wrong) == (message, wrong)
    assert entry.values == dict(zip(("day", "month", "year"), parts, strict=True))


def test_the_iso_form_of_links_is_read_and_the_boxes_win_over_it():
    assert read_date({"as_at": "2011-11-03"}, "as_at").date == dt.date(2011, 11, 3)
    assert read_date({"as_at": "3/11/2011"}, "as_at").error == "Date must be a real date"
    both = {"as_at": "2011-11-03", "as_at-day": "4", "as_at-month": "11", "as_at-year": "2011"}
    assert read_date(both, "as_at").date == dt.date(2011, 11, 4)


def test_read_dates_puts_the_dates_in_and_names_the_wrong_ones():
    data, errors = read_dates(
        {"a-day": "1", "a-month": "4", "a-year": "2011", "b-day": "1", "b-month": "", "b-year": ""},
        {"a": "", "b": "", "c": ""},
        {"a": "Start date", "b": "End date", "c": "Review date"},
        optional=("c",),
    )
    assert data["a"] == dt.date(2011, 4, 1)
    assert errors == {"b": "End date must include a month and year"}
    assert data["b"].values == {"day": "1", "month": "", "year": ""}
    assert data["c"] == ""


def test_a_page_value_becomes_the_boxes():
    assert as_entry(dt.date(2011, 11, 3)).values == {"day": "3", "month": "11", "year": "2011"}
    assert as_entry("2011-11-03").date == dt.date(2011, 11, 3)
    assert as_entry({"day": "3", "month": "", "year": ""}).values["day"] == "3"
    assert as_entry(None).empty


def test_dates_are_shown_long():
    assert long_date(dt.date(2011, 11, 3)) == "3 November 2011"
    assert long_date("2011-04-01") == "1 April 2011"
    assert long_date(None) == ""
    assert long_dates("declared on 2011-11-03, after 2011-13-01") == (
        "declared on 3 November 2011, after 2011-13-01"
    )
