"""A big file loaded in parts on several cores gives what a one-process load gives."""

import csv
import io
import os
import shutil
import tempfile
from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfinder.finance.models import LedgerEntry, LedgerMonth
from pathfinder.packages import cutting, parallel
from pathfinder.packages.loader import load_package
from tests.conftest import EAST

SQLITE = connection.vendor == "sqlite"


# Cutting a file into parts -------------------------------------------------------------

cell = st.text(alphabet='ab,"\n\r £é', max_size=12)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=40))
def test_cuts_fall_between_records_whatever_the_quoting(rows):
    """Parsing the parts one by one gives the file's records, and each part's newline
    count before it is at least the records before it (so ids never overlap)."""
    out = io.StringIO(newline="")
    csv.writer(out).writerows([["a", "b", "c"], *rows])
    data = out.getvalue().encode()
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as f:
        f.write(data)
    try:
        header, start = cutting.header(f.name)
        assert header == ["a", "b", "c"]
        for parts in (2, 3, 5):
            cuts = cutting.cuts(f.name, start, parts)
            assert cuts[0] == (start, 0) and cuts[-1][0] == len(data)
            got, before = [], 0
            for (a, newlines), (b, _) in zip(cuts, cuts[1:], strict=False):
                assert a < b
                assert newlines >= before
                piece = io.StringIO(data[a:b].decode(), newline="")
                records = list(csv.reader(piece, strict=True))
                got += records
                before += len(records)
            assert got == rows
    finally:
        os.unlink(f.name)


def test_a_header_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_bytes("\ufeffdate,amount\r\n2011-04-01,1.00\r\n".encode())
    header, start = cutting.header(str(path))
    assert header == ["date", "amount"]
    assert path.read_bytes()[start:] == b"2011-04-01,1.00\r\n"


# Loading in parts ----------------------------------------------------------------------


@pytest.fixture
def in_parts(monkeypatch):
    """Any ledger goes in three parts; the cuts made are recorded."""
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "PART_BYTES", 1)
    monkeypatch.setattr(parallel, "cores", lambda: 3)
    made = []
    cuts = parallel._cuts

    def recording(path, start, parts):
        made.append(out := cuts(path, start, parts))
        return out

    monkeypatch.setattr(parallel, "_cuts", recording)
    return made


@pytest.fixture
def fallbacks(monkeypatch):
    """Tables loaded again in one process after their parts did not end cleanly."""
    seen = []
    again = parallel.Parallel._again

    def recording(self, job):
        seen.append(job.table.name)
        return again(self, job)

    monkeypatch.setattr(parallel.Parallel, "_again", recording)
    return seen


@pytest.fixture
def one_process(monkeypatch):
    def use(on: bool):
        monkeypatch.setattr(parallel, "MIN_BYTES", 1 << 60 if on else 0)

    return use


def big_east(tmp_path, lines=4000):
    """east-2011 with a ledger of `lines` lines (its own lines repeated, re-referenced),
    one supplier holding a quoted newline and comma."""
    pkg = tmp_path / "pkg"
    shutil.copytree(EAST, pkg, ignore=shutil.ignore_patterns("expected", "cases.json"))
    with open(pkg / "ledger.csv", encoding="utf-8-sig", newline="") as f:
        header, *rows = list(csv.reader(f))
    out = [rows[i % len(rows)][:] for i in range(lines)]
    for i, row in enumerate(out):
        row[header.index("reference")] = f"R{i:06d}"
    out[lines // 2][header.index("supplier")] = 'Line one\nline two, "quoted"'
    write(pkg, header, out)
    return pkg, header


def write(pkg, header, rows):
    with open(pkg / "ledger.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])


def file_rows(pkg):
    with open(pkg / "ledger.csv", encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    return [dict(zip(header, r, strict=True)) for r in rows]


def errors(result):
    return [(p.file, p.row, p.column, p.message) for p in result.errors]


@pytest.mark.skipif(not SQLITE, reason="loading in parts is for SQLite; PostgreSQL uses COPY")
@pytest.mark.django_db(transaction=True)
def test_a_ledger_loaded_in_parts_is_the_file_in_order(tmp_path, in_parts):
    pkg, _ = big_east(tmp_path)
    result = load_package(pkg, by="test")
    assert result.ok, errors(result)
    assert len(in_parts) == 1 and len(in_parts[0]) == 4  # three parts
    lines = list(LedgerEntry.objects.order_by("id"))
    expected = file_rows(pkg)
    assert result.loaded["ledger"] == len(expected) == len(lines)
    first = lines[0].id  # the sequence may have moved on in earlier tests
    assert [x.id for x in lines] == list(range(first, first + len(lines)))
    for line, row in zip(lines, expected, strict=True):
        assert (line.date.isoformat(), line.org_id, line.supplier, line.reference) == (
            row["date"],
            row["org_code"],
            row["supplier"],
            row["reference"],
        )
        assert line.amount == Decimal(row["amount"])
    # Monthly totals are those of the lines; the index is back; the next id follows.
    by_month = {}
    for x in lines:
        key = (x.org_id, x.category, x.date.replace(day=1))
        pence, n = by_month.get(key, (0, 0))
        by_month[key] = (pence + int(x.amount * 100), n + 1)
    assert {
        (m.org_id, m.category, m.month): (m.amount, m.lines) for m in LedgerMonth.objects.all()
    } == by_month
    with connection.cursor() as c:
        c.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'finance_ledgerentry'")
        assert {i.name for i in LedgerEntry._meta.indexes} <= {r[0] for r in c.fetchall()}
        c.execute("PRAGMA foreign_keys")
        assert c.fetchone()[0] == 1
        c.execute("PRAGMA database_list")
        assert not [r for r in c.fetchall() if r[1].startswith("pathfinder_stage")]
    # The next line loaded takes the next id.
    more = tmp_path / "more"
    more.mkdir()
    header = ["date", "org_code", "category", "supplier", "amount"]
    write(more, header, [["2012-01-01", lines[0].org_id, "c", "s", "0.01"]])
    assert load_package(more, by="test").ok
    assert LedgerEntry.objects.get(category="c", supplier="s").id == first + len(lines)
    mine = f"pathfinder-load-{os.getpid()}-"  # other loads may run at the same time
    assert not [p for p in os.listdir(tempfile.gettempdir()) if p.startswith(mine)]


@pytest.mark.skipif(not SQLITE, reason="loading in parts is for SQLite; PostgreSQL uses COPY")
@pytest.mark.django_db(transaction=True)
def test_appending_in_parts_follows_the_ids_already_there(tmp_path, in_parts):
    pkg, _ = big_east(tmp_path, lines=300)
    assert load_package(pkg, by="test").ok
    for name in os.listdir(pkg):
        if name not in ("ledger.csv",):
            os.unlink(pkg / name)
    result = load_package(pkg, by="test")
    assert result.ok, errors(result)
    ids = list(LedgerEntry.objects.values_list("id", flat=True).order_by("id"))
    assert ids == list(range(ids[0], ids[0] + 600))
    assert sum(LedgerMonth.objects.values_list("lines", flat=True)) == 600


BROKEN = {
    "bad money early and late": lambda rows, h: [
        rows[0].__setitem__(h.index("amount"), "1,000.00"),
        rows[-1].__setitem__(h.index("amount"), "12.345"),
    ],
    "unknown organisation mid-file": lambda rows, h: rows[2500].__setitem__(
        h.index("org_code"), "NOPE"
    ),
    "bad date and a short row": lambda rows, h: [
        rows[1700].__setitem__(h.index("date"), "2011-02-30"),
        rows[3100].pop(),
    ],
    "a blank line and a missing value": lambda rows, h: [
        rows.insert(1000, []),
        rows[3999].__setitem__(h.index("supplier"), ""),
    ],
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("broken", list(BROKEN))
def test_problems_found_in_parts_are_those_of_one_process(
    tmp_path, in_parts, one_process, fallbacks, broken
):
    pkg, header = big_east(tmp_path)
    rows = [r for r in csv.reader(io.StringIO((pkg / "ledger.csv").read_text(), newline=""))][1:]
    BROKEN[broken](rows, header)
    write(pkg, header, rows)
    for dry_run in (False, True):
        one_process(True)
        expected = errors(load_package(pkg, by="test", dry_run=dry_run))
        one_process(False)
        got = errors(load_package(pkg, by="test", dry_run=dry_run))
        assert expected and got == expected
    assert not LedgerEntry.objects.exists()
    assert (len(in_parts) == 2 and not fallbacks) or not SQLITE


@pytest.mark.django_db(transaction=True)
def test_a_quote_that_confuses_the_cut_falls_back_to_one_process(
    tmp_path, in_parts, one_process, fallbacks
):
    """An unbalanced quote inside an unquoted cell makes the cuts land inside what the
    CSV reader takes as one quoted field; the parts then do not end cleanly, and the
    file is read again in one process with the same outcome."""
    pkg, header = big_east(tmp_path)
    lines = (pkg / "ledger.csv").read_bytes().decode().split("\r\n")
    lines[10] = lines[10].replace(",", ',"', 1)  # a quote opens a field that never closes
    (pkg / "ledger.csv").write_bytes("\r\n".join(lines).encode())
    one_process(True)
    expected = errors(load_package(pkg, by="test"))
    one_process(False)
    assert errors(load_package(pkg, by="test")) == expected
    assert expected
    assert fallbacks == (["ledger"] if SQLITE else [])


@pytest.mark.skipif(not SQLITE, reason="SQLite's foreign-key switch")
@pytest.mark.django_db(transaction=True)
def test_the_end_check_finds_a_reference_nothing_else_checked(tmp_path, east):
    run = type("Run", (), {"problems": []})()
    checker = parallel.Parallel.__new__(parallel.Parallel)
    checker.run, checker.fk_off = run, True
    assert connection.disable_constraint_checking()
    try:
        with connection.cursor() as c:
            c.execute(
                "INSERT INTO finance_ledgerentry (date, org_id, category, supplier, amount, "
                "reference) VALUES ('2011-04-01', 'NOPE', 'c', 's', 1, '')"
            )
        checker.check()
    finally:
        LedgerEntry.objects.filter(org_id="NOPE").delete()
        connection.enable_constraint_checking()
    assert [p.message for p in run.problems] == [
        "finance_ledgerentry.org_id = 'NOPE' is not in organisations_organisation"
    ]
