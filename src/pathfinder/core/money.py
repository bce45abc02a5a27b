"""Exact money (pounds as Decimal, stored as whole pence) and NHS financial years."""

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

MONEY_RE = re.compile(r"^-?\d+(\.\d{1,2})?$")
FY_RE = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
PENNY = Decimal("0.01")


def parse_money(text: str) -> Decimal:
    """Pounds with at most two decimals, no symbols or separators (DATA-PACKAGE.md)."""
    if not MONEY_RE.match(text):
        raise ValueError(
            f"not an amount of money (digits, optional '-', up to 2 decimals, "
            f"no '£' or ','): {text!r}"
        )
    return Decimal(text)


def to_pence(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


def from_pence(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(PENNY)


def fmt_money(amount: Decimal | int | None) -> str | None:
    """Exactly two decimals, as CLI.md wants money in JSON."""
    if amount is None:
        return None
    return str(Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP))


def round_penny(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


class MoneyField(models.BigIntegerField):
    """Pounds in Python (Decimal), whole pence in the database: exact sums everywhere.

    SQLite has no exact decimal type, so a DecimalField would be summed as a float there.
    """

    def from_db_value(self, value, expression, connection):
        return None if value is None else from_pence(int(value))

    def to_python(self, value):
        if value is None or isinstance(value, Decimal):
            return value
        return Decimal(str(value))

    def get_prep_value(self, value):
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        return to_pence(Decimal(str(value)))

    def formfield(self, **kwargs):
        from django import forms

        return forms.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class FinancialYear:
    """An NHS financial year `YYYY-YY`: 1 April to 31 March."""

    def __init__(self, start_year: int):
        self.start_year = start_year

    @classmethod
    def parse(cls, text: str) -> "FinancialYear":
        m = FY_RE.match(text)
        if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
            raise ValueError(f"not a financial year (YYYY-YY, e.g. 2011-12): {text!r}")
        return cls(int(m.group(1)))

    @classmethod
    def containing(cls, d: dt.date) -> "FinancialYear":
        return cls(d.year if d.month >= 4 else d.year - 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.start_year + 1, 3, 31)

    def months(self) -> list[str]:
        out = []
        for i in range(12):
            y, m = self.start_year + (3 + i) // 12, (3 + i) % 12 + 1
            out.append(f"{y:04d}-{m:02d}")
        return out

    def __str__(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def __eq__(self, other) -> bool:
        return isinstance(other, FinancialYear) and other.start_year == self.start_year

    def __hash__(self) -> int:
        return hash(self.start_year)


def parse_month(text: str) -> str:
    m = MONTH_RE.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"not a month (YYYY-MM): {text!r}")
    return text
