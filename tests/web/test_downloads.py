"""CSV cells that a spreadsheet could run as a formula are defused (no database)."""

import datetime as dt
from decimal import Decimal

import pytest

from pathfinder.core.downloads import csv_rows, safe_cell


@pytest.mark.parametrize("raw", ["=1+1", "+44 1223", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_get_a_quote(raw):
    assert safe_cell(raw) == "'" + raw


@pytest.mark.parametrize(
    "raw, cell",
    [
        ("Mill Road Surgery", "Mill Road Surgery"),
        ("", ""),
        (None, ""),
        (True, "yes"),
        (dt.date(2011, 10, 1), "2011-10-01"),
        (Decimal("-1.50"), Decimal("-1.50")),  # numbers cannot carry a formula
        (-3, -3),
    ],
)
def test_other_cells_are_kept(raw, cell):
    assert safe_cell(raw) == cell


def test_rows_are_quoted_csv():
    lines = list(csv_rows(["name", "note"], [["A, B", '=HYPERLINK("x")']]))
    assert lines[0] == "name,note\r\n"
    assert lines[1] == '"A, B","\'=HYPERLINK(""x"")"\r\n'
