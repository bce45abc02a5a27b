"""The compiled row function is never looser than the cell-by-cell check, and agrees
with it on every value it accepts."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pathfinder.packages import types as t
from pathfinder.packages.fastrow import compile_row
from pathfinder.packages.schema import Column, Table

MONEY_TABLE = Table("amounts", "finance.LedgerEntry", (Column("amount", t.Money(), True),))
money_row = compile_row(["amount"], MONEY_TABLE, run=None)


def slow(text):
    try:
        return t.Money().parse(text)
    except ValueError:
        return None


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="0123456789-.+ _e,£\u0663\u00b2", max_size=20))
def test_money_accepted_fast_is_accepted_cell_by_cell_with_the_same_pence(text):
    fast = money_row([text])
    if fast is not None:
        assert slow(text) == fast[0]


@given(st.from_regex(re.compile(r"-?[0-9]{1,13}(\.[0-9]{1,2})?"), fullmatch=True))
def test_well_formed_money_is_taken_by_the_fast_path(text):
    value = slow(text)
    if value is not None:  # over the limit is the cell-by-cell check's to report
        assert money_row([text]) == [value]


def test_money_the_fast_path_leaves_to_the_careful_one():
    for text in [
        "1,000.00",
        "+5",
        " 5",
        "5_000",
        "1.234",
        "1.",
        ".5",
        "-",
        "£5",
        "\u0663",
        "9" * 5000,
    ]:
        assert money_row([text]) is None, text
    assert money_row(["-12.5"]) == [-1250]
    assert money_row(["0.05"]) == [5]
    assert money_row(["7"]) == [700]
