"""The finance analysis over a real published ledger: NHS Gloucestershire ICB payments.

The package is built here from the published CSV; the yearly totals the analysis gives
must equal sums taken from the same CSV with Decimal, to the penny.
"""

import csv
from collections import defaultdict
from decimal import Decimal

import pytest

from pathfinder.core.money import PENNY, FinancialYear
from pathfinder.finance.rollup import report
from pathfinder.packages.loader import load_package
from tests.conftest import SHARED

SPEND = (
    SHARED
    / "data"
    / "icb-spend-gloucestershire"
    / "gloucestershire_icb_payments_2022-07_2025-09.csv"
)
ICB = "11M"

pytestmark = pytest.mark.skipif(not SPEND.exists(), reason="published spend data not present")


def money(text: str) -> str:
    """The package's money format: pounds, two decimals, no separators or symbols."""
    return str(Decimal(text.strip().replace(",", "").replace("£", "")).quantize(PENNY))


def build_package(folder) -> dict[str, Decimal]:
    """Write organisations.csv and ledger.csv; return the CSV's own totals per year."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    with open(folder / "organisations.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "kind", "statutory", "opened"])
        w.writerow([ICB, "NHS Gloucestershire Integrated Care Board", "icb", "true", "2022-07-01"])
    with (
        open(SPEND, newline="", encoding="utf-8-sig") as src,
        open(folder / "ledger.csv", "w", newline="", encoding="utf-8") as out,
    ):
        w = csv.writer(out)
        w.writerow(["date", "org_code", "category", "supplier", "amount"])
        for row in csv.DictReader(src):
            amount = money(row["Amount"])
            date = row["Payment Date"]
            w.writerow([date, ICB, "payments", row["Supplier"].strip() or "unknown", amount])
            year, month = int(date[:4]), int(date[5:7])
            totals[str(FinancialYear(year if month >= 4 else year - 1))] += Decimal(amount)
    return dict(totals)


@pytest.mark.django_db
def test_yearly_totals_equal_the_published_ledger(tmp_path):
    expected = build_package(tmp_path)
    result = load_package(tmp_path, by="test:gloucestershire")
    assert result.ok, [str(p) for p in result.errors[:5]]
    assert len(expected) >= 3
    for year, total in sorted(expected.items()):
        fy = FinancialYear.parse(year)
        got = report(year=year, by="organisation", as_at=fy.end, restate_as_at=None)
        assert got["total"]["actual"] == str(total), year
        assert [(r["group"], r["actual"]) for r in got["rows"]] == [(f"org:{ICB}", str(total))]
    assert sum(expected.values()) != 0
