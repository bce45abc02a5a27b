"""Reading and checking one table's file, row by row, driven by packages/schema.py.

Each row goes through the table's compiled row function (packages/fastrow.py); a row it
does not accept is checked again cell by cell, which names every problem as
file:row:column. Good rows go to a writer (packages/writers/) while nothing is wrong;
on PostgreSQL that writer only counts them while the server stores the file itself.
"""

import csv
from typing import NamedTuple

from pathfinder.packages.fastrow import compile_row
from pathfinder.packages.problems import Run
from pathfinder.packages.schema import Table
from pathfinder.packages.source import Package
from pathfinder.packages.types import Codes, Reference
from pathfinder.packages.writers import writer_for
from pathfinder.packages.writers.postgres_csv import csv_writer


def load_table(pkg: Package, table: Table, run: Run) -> int:
    file = table.file
    with pkg.open(file) as stream:
        reader = csv.reader(stream, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            run.problem(file, 1, None, "empty file: the header row is missing")
            return 0
        except (csv.Error, UnicodeDecodeError) as e:
            run.problem(file, 1, None, f"cannot be read as UTF-8 CSV: {e}")
            return 0
        if not header_ok(file, header, table, run):
            return 0
        writer = csv_writer(table, pkg, header, run)
        if writer is None:
            finish_writes(pkg, run)  # this table's rows follow the tables' before it
        return read_rows(file, reader, header, table, run, writer).count


def finish_writes(pkg: Package, run: Run) -> None:
    """Wait for the tables the server is writing from their files (PostgreSQL); write
    any whose server rows did not stand again from their checked rows."""
    if getattr(run, "server", None) is not None and run.writing:
        run.server.finish(run, lambda table: _write_again(pkg, table, run))


def _write_again(pkg: Package, table: Table, run: Run) -> None:
    with pkg.open(table.file) as stream:
        reader = csv.reader(stream, strict=True)
        header = next(reader)
        read_rows(table.file, reader, header, table, run, writer_for(table))


def header_ok(file: str, header: list[str], table: Table, run: Run) -> bool:
    ok = True
    names = {c.name for c in table.columns}
    seen = set()
    for h in header:
        if h not in names:
            run.problem(file, 1, h, f"unknown column; {table.file} has: {', '.join(sorted(names))}")
            ok = False
        elif h in seen:
            run.problem(file, 1, h, "column appears twice")
            ok = False
        seen.add(h)
    for name in table.required:
        if name not in seen:
            run.problem(file, 1, name, "required column is missing")
            ok = False
    return ok


class Read(NamedTuple):
    """What reading one file (or one part of it) gave: good rows, records read, and
    whether the reading reached the end without a CSV or encoding error."""

    count: int
    records: int
    clean: bool


def read_rows(
    file: str, reader, header: list[str], table: Table, run: Run, writer=None, fast=None
) -> Read:
    columns = table.columns
    pos = {c.name: i for i, c in enumerate(columns)}
    present = [(i, pos[h], columns[pos[h]]) for i, h in enumerate(header)]
    defaults = [c.default for c in columns]
    key_pos = [pos[k] for k in table.key]
    single_key = key_pos[0] if len(key_pos) == 1 else None
    existing = run.db_keys(table.name) if len(table.key) == 1 else set()
    seen: dict = {}
    run.keys[table.name] = set()
    checks = [(pos[a], pos[b], a, b) for a, b in table.not_before]
    fast = fast or compile_row(header, table, run)
    for dep in refers_to(table):
        run.db_keys(dep)  # read now: a writer may hold the connection while rows stream
    writer = writer or writer_for(table)
    width = len(header)
    count = 0
    rowno = 1
    clean = True
    progress = run.progress
    problems, write = run.problems, run.write  # run.writing, without a call per row
    with writer.bulk(run):
        add = writer.add
        try:
            for rowno, cells in enumerate(reader, start=2):
                # The compiled row gives the values of a good row at once; anything else
                # is checked cell by cell, which names every problem.
                values = fast(cells)
                good = True
                if values is None:
                    if len(cells) != width:
                        if cells == [] or cells == [""]:
                            continue
                        run.problem(
                            file, rowno, None, f"has {len(cells)} cells; the header has {width}"
                        )
                        continue
                    values, good = _slow_row(file, rowno, cells, present, defaults, run)
                for a, b, na, nb in checks:
                    if values[a] is not None and values[b] is not None and values[a] < values[b]:
                        run.problem(file, rowno, na, f"{values[a]} is before {nb} {values[b]}")
                        good = False
                # A bad row's key still counts as seen, so rows referring to it are not
                # reported as dangling too.
                if key_pos:
                    if single_key is not None:
                        key = values[single_key]
                    else:
                        key = tuple(values[k] for k in key_pos)
                    if key is not None and not _key_ok(
                        file, rowno, key, table, seen, existing, run
                    ):
                        good = False
                if not good:
                    continue
                count += 1
                if write and not problems:
                    add(values)
                    if progress and count % 100_000 == 0:
                        progress(table.name, count)
        except csv.Error as e:
            clean = False
            run.problem(file, rowno + 1, None, f"malformed CSV: {e}")
        except UnicodeDecodeError as e:
            clean = False
            run.problem(file, rowno + 1, None, f"not UTF-8 text: {e}")
    if len(key_pos) == 1:
        run.keys[table.name] = set(seen)
    return Read(count, rowno - 1, clean)


def _key_ok(file, rowno, key, table: Table, seen: dict, existing, run: Run) -> bool:
    if key in seen:
        run.problem(file, rowno, table.key[0], f"duplicate key {key!r} (first on row {seen[key]})")
        return False
    if key in existing:
        run.problem(
            file,
            rowno,
            table.key[0],
            f"{key!r} is already in the database (load with --replace to "
            f"replace the database's contents)",
        )
        return False
    seen[key] = rowno
    return True


def _slow_row(file, rowno, cells, present, defaults, run: Run) -> tuple[list, bool]:
    """Check one row cell by cell, reporting every problem: its values, and if it is good."""
    values = list(defaults)
    good = True
    for i, p, col in present:
        text = cells[i]
        if text == "":
            if col.required:
                run.problem(file, rowno, col.name, "a value is required")
                good = False
            continue
        try:
            value = col.type.parse(text)
        except ValueError as e:
            run.problem(file, rowno, col.name, str(e))
            good = False
            continue
        if not _refs_ok(file, rowno, col, value, run):
            good = False
        values[p] = value
    return values, good


def _refs_ok(file, rowno, col, value, run: Run) -> bool:
    if isinstance(col.type, Reference):
        return _ref_ok(file, rowno, col, value, run)
    if not col.refers:
        return True
    codes = value.split(";") if isinstance(col.type, Codes) else [value]
    ok = True
    for code in codes:
        if not run.known(col.refers, code):
            run.problem(
                file,
                rowno,
                col.name,
                f"{code!r} is not in {col.refers} (neither in this package nor in the database)",
            )
            ok = False
    return ok


_REF_TABLES = {"org": "organisations", "body": "bodies", "function": "functions"}


def _ref_ok(file, rowno, col, value, run: Run) -> bool:
    kind, _, ident = value.partition(":")
    target = col.type.kinds[kind]
    if isinstance(target, tuple):
        return True
    if not run.known(target, ident):
        run.problem(
            file,
            rowno,
            col.name,
            f"{value!r}: no such {kind} (neither in this package nor in the database)",
        )
        return False
    return True


def refers_to(table: Table) -> set[str]:
    """The tables a table's references name."""
    out = set()
    for col in table.columns:
        if col.refers:
            out.add(col.refers)
        if isinstance(col.type, Reference):
            out |= {t for t in col.type.kinds.values() if isinstance(t, str)}
    return out
