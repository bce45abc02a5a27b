"""Broken packages are refused with the file, row and column named, and nothing written."""

import csv
import shutil
import zipfile

import pytest

from pathfinder.core.models import AuditEvent
from pathfinder.organisations.models import Organisation
from pathfinder.packages.loader import load_package
from pathfinder.packages.schema import TABLES
from tests.conftest import EAST


def copy_east(tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(EAST, pkg, ignore=shutil.ignore_patterns("expected", "cases.json"))
    return pkg


def edit_cell(pkg, table, row, column, value):
    """Set one cell; row counts as in error messages (1 = header)."""
    path = pkg / f"{table}.csv"
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def rows_in_db():
    return sum(t.get_model().objects.count() for t in TABLES)


BROKEN = [
    ("posts", 3, "valid_from", "31/03/2012", "not a date"),
    ("ledger", 2, "amount", "1,000.00", "not an amount of money"),
    ("risks", 4, "current_likelihood", "6", "outside 1-5"),
    ("organisations", 5, "kind", "hospital", "is not one of"),
    ("budgets", 2, "financial_year", "2011-13", "not a financial year"),
    ("people", 4, "name", "", "a value is required"),
    ("memberships", 6, "person_id", "P99", "'P99' is not in people"),
    ("accountability", 3, "holder", "body:NOPE", "no such body"),
    ("interests", 2, "counterparty_code", "ZZZ1", "'ZZZ1' is not in organisations"),
    ("decisions", 2, "counterparties", "FED1;NOPE", "'NOPE' is not in organisations"),
    ("gifts", 2, "accepted", "yes", "not true or false"),
    ("relationships", 2, "valid_to", "2001-01-01", "before valid_from"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("table", "row", "column", "value", "message"), BROKEN)
def test_bad_cell_is_named_and_nothing_is_written(tmp_path, table, row, column, value, message):
    pkg = copy_east(tmp_path)
    edit_cell(pkg, table, row, column, value)
    result = load_package(pkg, by="test")
    assert not result.ok
    assert [(p.file, p.row, p.column) for p in result.errors] == [(f"{table}.csv", row, column)]
    assert message in result.errors[0].message
    assert rows_in_db() == 0
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_unknown_column_is_refused(tmp_path):
    pkg = copy_east(tmp_path)
    path = pkg / "people.csv"
    text = path.read_text().replace("profession", "profesion", 1)
    path.write_text(text)
    result = load_package(pkg, by="test")
    named = {(p.file, p.row, p.column) for p in result.errors}
    assert ("people.csv", 1, "profesion") in named
    assert ("people.csv", 1, "profession") in named  # the required column is then missing
    assert rows_in_db() == 0


@pytest.mark.django_db
def test_duplicate_key_names_the_first_row(tmp_path):
    pkg = copy_east(tmp_path)
    edit_cell(pkg, "bodies", 4, "body_id", "B-5PP")
    result = load_package(pkg, by="test")
    dup = [p for p in result.errors if p.file == "bodies.csv"]
    assert [(p.row, p.column) for p in dup] == [(4, "body_id")]
    assert "first on row 2" in dup[0].message
    assert rows_in_db() == 0


@pytest.mark.django_db
def test_every_problem_is_reported_not_just_the_first(tmp_path):
    pkg = copy_east(tmp_path)
    edit_cell(pkg, "posts", 3, "valid_from", "2011-02-30")
    edit_cell(pkg, "ledger", 10, "amount", "£5")
    edit_cell(pkg, "risks", 2, "inherent_consequence", "0")
    result = load_package(pkg, by="test")
    assert {(p.file, p.row, p.column) for p in result.errors} == {
        ("posts.csv", 3, "valid_from"),
        ("ledger.csv", 10, "amount"),
        ("risks.csv", 2, "inherent_consequence"),
    }


@pytest.mark.django_db
def test_validate_writes_nothing(tmp_path):
    result = load_package(EAST, by="test", dry_run=True)
    assert result.ok
    assert result.loaded["ledger"] > 0
    assert rows_in_db() == 0


@pytest.mark.django_db
def test_a_file_saved_by_excel_loads(tmp_path):
    """Excel writes a byte-order mark and CRLF line ends."""
    pkg = copy_east(tmp_path)
    for path in pkg.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = load_package(pkg, by="test")
    assert result.ok, [str(p) for p in result.errors]
    assert Organisation.objects.get(code="5PP").name == "NHS Cambridgeshire"


@pytest.mark.django_db
def test_zip_package_loads(tmp_path):
    archive = tmp_path / "east.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in EAST.glob("*.csv"):
            z.write(path, f"east-2011/{path.name}")
    result = load_package(archive, by="test")
    assert result.ok, [str(p) for p in result.errors]
    assert result.loaded["organisations"] == Organisation.objects.count()


@pytest.mark.django_db
def test_unknown_table_and_missing_package(tmp_path):
    pkg = copy_east(tmp_path)
    (pkg / "peeple.csv").write_text("person_id\nP1\n")
    result = load_package(pkg, by="test")
    assert [(p.file, p.row) for p in result.errors] == [("peeple.csv", None)]
    missing = load_package(tmp_path / "nowhere", by="test")
    assert not missing.ok and "no such file" in missing.errors[0].message


@pytest.mark.django_db
def test_loading_twice_is_refused_without_replace(east):
    again = load_package(EAST, by="test")
    assert not again.ok
    assert any("already in the database" in p.message for p in again.errors)
    replaced = load_package(EAST, by="test", replace=True)
    assert replaced.ok
    assert replaced.loaded == east.loaded


@pytest.mark.django_db
def test_a_load_is_audited(east):
    event = AuditEvent.objects.get(operation="load")
    assert event.actor == "test:east"
    assert event.after["loaded"]["organisations"] == east.loaded["organisations"]
