"""On PostgreSQL the server stores each file's own bytes while the loader checks them
(packages/writers/postgres_csv.py); what it stores is what the row path checked, and
where the two could read a file differently the rows come from the row path instead.
These cases hold on SQLite too, where every row comes from the row path."""

import shutil
from decimal import Decimal

import pytest
from django.db import connection

from pathfinder.finance.models import LedgerEntry
from pathfinder.packages import reading
from pathfinder.packages.export import export_package
from pathfinder.packages.loader import load_package, wipe
from pathfinder.people.models import Person
from tests.conftest import EAST
from tests.packages.test_load_east import read_tables


def copy_east(tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(EAST, pkg, ignore=shutil.ignore_patterns("expected", "cases.json"))
    return pkg


@pytest.fixture
def written_again(monkeypatch):
    """The tables whose rows came from the row path after the server's stood not
    (None where there is no server: SQLite)."""
    if connection.vendor != "postgresql":
        return None
    tables = []
    again = reading._write_again

    def spy(pkg, table, run):
        tables.append(table.name)
        again(pkg, table, run)

    monkeypatch.setattr(reading, "_write_again", spy)
    return tables


def replace_line(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ('Alice "Al" Marsh', 'Alice "Al" Marsh'),  # a quote inside an unquoted field
        ('"Marsh, Alice"', "Marsh, Alice"),  # a quoted field, no quote in its value
        ('"Alice ""Al"" Marsh"', 'Alice "Al" Marsh'),  # a quote doubled inside quotes
    ],
)
def test_quotes_are_read_as_the_csv_module_reads_them(tmp_path, written_again, cell, name):
    pkg = copy_east(tmp_path)
    replace_line(pkg / "people.csv", "P01,Alice Marsh,", f"P01,{cell},")
    result = load_package(pkg, by="test")
    assert result.ok, [str(p) for p in result.errors]
    assert Person.objects.get(person_id="P01").name == name
    assert Person.objects.count() == result.loaded["people"]
    if written_again is not None:  # from the row path exactly when a value holds a quote
        assert ("people" in written_again) == ('"' in name)


@pytest.mark.django_db
def test_a_blank_line_is_skipped(tmp_path, written_again):
    """The csv module skips a blank line; PostgreSQL's CSV reader refuses one, so the
    ledger's rows come from the row path."""
    pkg = copy_east(tmp_path)
    path = pkg / "ledger.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines[:3], "\n", *lines[3:]]), encoding="utf-8")
    result = load_package(pkg, by="test")
    assert result.ok, [str(p) for p in result.errors]
    assert result.loaded["ledger"] == len(lines) - 1 == LedgerEntry.objects.count()
    assert written_again is None or written_again[0] == "ledger"


@pytest.mark.django_db
def test_values_are_those_of_the_checked_rows(tmp_path, written_again):
    """Empty cells take the column's default (the empty text, or null), money is stored
    in pence, dates as dates: through the server's insert (the ledger) and its plain
    `COPY` (people)."""
    pkg = copy_east(tmp_path)
    path = pkg / "ledger.csv"
    header, first, *rest = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = first.rstrip("\n").split(",")
    cols = header.rstrip("\n").split(",")
    cells[cols.index("amount")] = "-12.5"
    cells[cols.index("reference")] = ""
    path.write_text("".join([header, ",".join(cells) + "\n", *rest]), encoding="utf-8")
    result = load_package(pkg, by="test")
    assert result.ok, [str(p) for p in result.errors]
    entry = LedgerEntry.objects.order_by("id").first()
    assert (entry.amount, entry.reference, entry.date.isoformat()) == (
        Decimal("-12.50"),
        "",
        cells[cols.index("date")],
    )
    alice = Person.objects.get(person_id="P01")
    assert (alice.email, alice.profession) == ("", "lay")
    assert not written_again


@pytest.mark.django_db
def test_a_dangling_reference_left_by_the_server_is_found(tmp_path):
    """With the server's per-row checks off for the load, every foreign key is checked
    once at its end: a row the loader's own checks did not see is still found."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's triggers")
    from pathfinder.packages.writers.postgres import bulk_settings, key_problems

    with bulk_settings():
        with connection.cursor() as c:
            c.execute("SELECT current_setting('session_replication_role')")
            if c.fetchone()[0] != "replica":
                pytest.skip("the test's role may not switch the triggers off")
            c.execute(
                "INSERT INTO people_post (person_id, org_id, title, role, valid_from) "
                "VALUES ('NOPE', 'NOPE', 't', 'chair', '2011-01-01')"
            )
        found = key_problems()
        with connection.cursor() as c:
            c.execute("DELETE FROM people_post WHERE person_id = 'NOPE'")
    assert any("people_post" in m and "'NOPE'" in m for m in found), found


@pytest.mark.django_db
def test_the_server_stores_what_the_row_path_would(tmp_path, monkeypatch, written_again):
    """The example package loaded with the server storing its files, and again with
    every row from the row path: the two exports are the same, table by table."""
    if connection.vendor != "postgresql":
        pytest.skip("the server stores the files on PostgreSQL only")
    pkg = copy_east(tmp_path)
    served = []
    to_server = reading.csv_writer

    def spy(*args):
        writer = to_server(*args)
        served.append(writer is not None)
        return writer

    monkeypatch.setattr(reading, "csv_writer", spy)
    first = load_package(pkg, by="test")
    assert first.ok, [str(p) for p in first.errors]
    assert all(served) and len(served) == len(first.loaded) and not written_again
    export_package(tmp_path / "server")
    wipe()
    monkeypatch.setattr(reading, "csv_writer", lambda *args: None)
    second = load_package(pkg, by="test")
    assert second.ok, [str(p) for p in second.errors]
    export_package(tmp_path / "rows")
    assert read_tables(tmp_path / "server") == read_tables(tmp_path / "rows")
