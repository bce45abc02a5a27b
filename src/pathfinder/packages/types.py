"""Cell types of the data package: each turns a CSV cell into a database-ready value.

A type's `parse` raises ValueError with a message for the user; `export` turns a value
read from the database back into the package's text form.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from pathfinder.core.money import FY_RE, MONEY_RE, fmt_money
from pathfinder.core.refs import CODE_RE

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CellType:
    name = "text"

    def parse(self, text: str):
        return text

    def export(self, value) -> str:
        return "" if value is None else str(value)


class Text(CellType):
    def __init__(self, max_length: int = 1000):
        self.max_length = max_length

    def parse(self, text: str):
        if len(text) > self.max_length:
            raise ValueError(f"longer than {self.max_length} characters")
        return text


class Code(CellType):
    name = "code"

    def parse(self, text: str):
        if not CODE_RE.match(text):
            raise ValueError(f"not a code (1-32 of A-Z a-z 0-9 _ . -): {text!r}")
        return text


class Codes(CellType):
    """Codes separated by ';' (decision counterparties)."""

    name = "codes"

    def parse(self, text: str):
        codes = [c for c in text.split(";")]
        for c in codes:
            if not CODE_RE.match(c):
                raise ValueError(f"not a ';'-separated list of codes: {text!r}")
        return ";".join(codes)


class Enum(CellType):
    name = "enum"

    def __init__(self, choices):
        self.choices = tuple(choices)

    def parse(self, text: str):
        if text not in self.choices:
            raise ValueError(f"{text!r} is not one of: {', '.join(self.choices)}")
        return text


class Bool(CellType):
    name = "bool"

    def parse(self, text: str):
        if text == "true":
            return True
        if text == "false":
            return False
        raise ValueError(f"not true or false: {text!r}")

    def export(self, value) -> str:
        return "" if value is None else ("true" if value else "false")


class Date(CellType):
    """Kept as ISO text: both databases take it for a date column, and it is fast."""

    name = "date"

    def parse(self, text: str):
        if not DATE_RE.match(text):
            raise ValueError(f"not a date (YYYY-MM-DD): {text!r}")
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not a real date: {text!r}") from None
        return text

    def export(self, value) -> str:
        return "" if value is None else value.isoformat()


class Month(CellType):
    name = "month"

    def parse(self, text: str):
        if not re.match(r"^\d{4}-(0[1-9]|1[0-2])$", text):
            raise ValueError(f"not a month (YYYY-MM): {text!r}")
        return text


class FinancialYearType(CellType):
    name = "fy"

    def parse(self, text: str):
        m = FY_RE.match(text)
        if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
            raise ValueError(f"not a financial year (YYYY-YY, e.g. 2011-12): {text!r}")
        return text


class Money(CellType):
    """Pounds in the file, whole pence in the database (docs/decisions/0005-money.md)."""

    name = "money"

    def parse(self, text: str):
        if not MONEY_RE.match(text):
            raise ValueError(
                f"not an amount of money (digits with up to 2 decimals; no '£' and no "
                f"thousands separators): {text!r}"
            )
        neg = text.startswith("-")
        whole, _, frac = text.lstrip("-").partition(".")
        pence = int(whole) * 100 + int((frac + "00")[:2])
        if pence >= 10**15:
            raise ValueError(f"amount too large: {text!r}")
        return -pence if neg else pence

    def export(self, value) -> str:
        return "" if value is None else fmt_money(value)


class Integer(CellType):
    name = "integer"

    def __init__(self, lo: int | None = None, hi: int | None = None):
        self.lo, self.hi = lo, hi

    def parse(self, text: str):
        if not re.match(r"^-?\d+$", text):
            raise ValueError(f"not a whole number: {text!r}")
        n = int(text)
        if (self.lo is not None and n < self.lo) or (self.hi is not None and n > self.hi):
            raise ValueError(
                f"{n} is outside {self.lo}-{self.hi}"
                if self.hi is not None
                else f"{n} is below {self.lo}"
            )
        return n


class DecimalNumber(CellType):
    name = "decimal"

    def __init__(self, lo: Decimal, hi: Decimal, places: int = 2):
        self.lo, self.hi, self.places = lo, hi, places

    def parse(self, text: str):
        if not re.match(r"^-?\d+(\.\d+)?$", text):
            raise ValueError(f"not a number: {text!r}")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {text!r}") from None
        if not self.lo <= value <= self.hi:
            raise ValueError(f"{text} is outside {self.lo}-{self.hi}")
        if -value.as_tuple().exponent > self.places:
            raise ValueError(f"more than {self.places} decimal places: {text!r}")
        return str(value)

    def export(self, value) -> str:
        return "" if value is None else str(value)


class Reference(CellType):
    """A `kind:id` reference; `kinds` maps each allowed kind to the table it names,
    or to a tuple of allowed values (for `role:`)."""

    name = "ref"

    def __init__(self, kinds: dict):
        self.kinds = kinds

    def parse(self, text: str):
        kind, sep, ident = text.partition(":")
        if not sep or kind not in self.kinds:
            allowed = " or ".join(f"{k}:ID" for k in self.kinds)
            raise ValueError(f"not a reference ({allowed}): {text!r}")
        target = self.kinds[kind]
        if isinstance(target, tuple):
            if ident not in target:
                raise ValueError(f"{ident!r} is not one of: {', '.join(target)}")
        elif not CODE_RE.match(ident):
            raise ValueError(f"not a valid code after '{kind}:': {ident!r}")
        return text
