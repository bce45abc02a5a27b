# ruff: noqa: F811 - the web fixtures are imported by name
"""Every CSV and XLSX download opens as text where a spreadsheet could run a formula:
the data come from a package whose names, titles, suppliers and references begin with
= + - @ or a tab, and an interest declared as `=HYPERLINK(...)`; each file is read back
(csv, openpyxl) and no text cell may begin with a formula character. Numbers stay
numbers, negative amounts included."""

import csv
import datetime as dt
import io
import shutil
from decimal import Decimal, InvalidOperation

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

from pathfinder.core.accounts import ensure_demo_accounts
from pathfinder.interests.actions import declare_interest
from pathfinder.packages.loader import load_package
from pathfinder.people.models import Person
from tests.conftest import EAST
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINK = '=HYPERLINK("http://x","y")'


def _edit(path, key_column: str, key: str, changes: dict) -> None:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    for row in rows:
        if row[key_column] == key:
            row.update(changes)
            break
    else:
        raise AssertionError(f"{key} not in {path.name}")
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fields, lineterminator="\n")
        out.writeheader()
        out.writerows(rows)


@pytest.fixture
def admin(tmp_path):
    """The example with formula-like text in several tables, and the administrator."""
    package = tmp_path / "east"
    shutil.copytree(EAST, package)
    _edit(package / "risks.csv", "risk_id", "R01", {"title": "=1+1"})
    _edit(package / "people.csv", "person_id", "P03", {"name": "-Dr Formula"})
    _edit(
        package / "ledger.csv",
        "reference",
        "INV00001",
        {"supplier": "@SUM(A1)", "amount": "-1500.00", "reference": "+INV1"},
    )
    _edit(
        package / "ledger.csv",
        "reference",
        "INV00002",
        {"supplier": "\tTabbed supplier", "reference": "=cmd|' /C calc'!A0"},
    )
    result = load_package(package, by="test:exports")
    assert result.ok, [str(p) for p in result.errors]
    ensure_demo_accounts(by="test:exports")
    declare_interest(
        Person.objects.get(pk="P03"),
        by="test:exports",
        declared_on=dt.date(2011, 5, 10),
        category="financial",
        description=LINK,
        interest_from=dt.date(2011, 5, 1),
    )
    return signed_in(Client(), get_user_model().objects.get(username="administrator"))


def csv_cells(response) -> list[str]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(response) -> list:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [cell for row in sheet.iter_rows() for cell in row]


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return True


def assert_inert_csv(cells: list[str]) -> None:
    bad = [c for c in cells if c.startswith(FORMULA_STARTS) and not _is_number(c)]
    assert not bad, f"cells a spreadsheet could run: {bad}"


def assert_inert_xlsx(cells) -> None:
    bad = [
        c.value for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)
    ]
    assert not bad, f"cells a spreadsheet could run: {bad}"
    assert not [c for c in cells if c.data_type == "f"], "a formula cell"


def test_the_register_of_interests_downloads_the_hyperlink_as_text(admin):
    url = "/registers/C-CAM/?as_at=2011-11-01&download=interests&format="
    cells = csv_cells(admin.get(url + "csv"))
    assert "'" + LINK in cells
    assert_inert_csv(cells)
    book = xlsx_cells(admin.get(url + "xlsx"))
    found = [c for c in book if c.value == "'" + LINK]
    assert found and found[0].data_type == "s"
    assert_inert_xlsx(book)


def test_the_risk_register_downloads_as_text_and_numbers(admin):
    url = "/risks/C-CAM/?as_at=2011-10-01&format="
    cells = csv_cells(admin.get(url + "csv"))
    assert "'=1+1" in cells and "'-Dr Formula" in cells
    assert_inert_csv(cells)
    book = xlsx_cells(admin.get(url + "xlsx"))
    assert "'=1+1" in [c.value for c in book]
    assert_inert_xlsx(book)
    scores = [c for c in book if c.data_type == "n" and c.value is not None]
    assert scores and all(isinstance(c.value, int | float) for c in scores)


def test_finance_downloads_quote_suppliers_and_keep_negative_amounts_numbers(admin):
    spend = admin.get(
        "/finance/organisations/C-CAM/spend/",
        {
            "year": "2011-12",
            "as_at": "2011-10-31",
            "category": "acute",
            "supplier": "@SUM(A1)",
            "format": "csv",
        },
    )
    cells = csv_cells(spend)
    assert "'@SUM(A1)" in cells and "'+INV1" in cells
    assert "-1500.00" in cells  # a number, not text: it adds up in a spreadsheet
    assert_inert_csv(cells)
    published = admin.get(
        "/finance/organisations/C-CAM/spend-over-25000/", {"month": "2011-04", "format": "csv"}
    )
    cells = csv_cells(published)
    assert "'\tTabbed supplier" in cells and "'=cmd|' /C calc'!A0" in cells
    assert_inert_csv(cells)


def test_the_list_downloads_quote_names(admin):
    for url in ("/people/?as_at=2011-10-01&format=csv", "/organisations/?format=csv"):
        cells = csv_cells(admin.get(url))
        assert_inert_csv(cells)
    assert "'-Dr Formula" in csv_cells(admin.get("/people/?as_at=2011-10-01&format=csv"))


def test_the_package_export_is_data_and_keeps_cells_as_stored(admin, tmp_path):
    from pathfinder.packages.export import export_package

    export_package(tmp_path / "out")
    with open(tmp_path / "out" / "risks.csv", newline="", encoding="utf-8") as f:
        titles = {r["risk_id"]: r["title"] for r in csv.DictReader(f)}
    assert titles["R01"] == "=1+1"  # read back by `load` as it was loaded
