"""Validating and loading a data package: all or nothing, streaming, every problem named.

One pass per file: rows are checked and, while no problem has been found anywhere,
written in batches inside one transaction; any problem rolls the whole load back.
"""

import csv
import gc
import hashlib
from collections.abc import Callable
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import NamedTuple

from django.db import OperationalError, connection, transaction

from pathfinder.core.audit import record
from pathfinder.core.files import FileRefused
from pathfinder.packages.fastrow import compile_row
from pathfinder.packages.schema import BY_NAME, TABLES, Table
from pathfinder.packages.source import Package, PackageError
from pathfinder.packages.types import Codes, Reference

BATCH = 20_000
CACHE_KIB = 128 * 1024  # SQLite page cache during a load
SORT_CACHE_KIB = 4 * 1024  # ... and while it builds an index (see _Writer.bulk)
ROWS_PER_INSERT = 100
SORT_MEM_MB = 256  # PostgreSQL's memory for building an index after a load
MAX_PROBLEMS = 1000


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.row, self.column) if p is not None)
        return f"{where}: {self.message}"

    def as_json(self) -> dict:
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message}


@dataclass
class LoadResult:
    ok: bool
    loaded: dict[str, int] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    truncated: bool = False

    def as_json(self) -> dict:
        if self.ok:
            return {"ok": True, "loaded": self.loaded}
        out = {"ok": False, "errors": [p.as_json() for p in self.errors]}
        if self.truncated:
            out["truncated"] = True
        return out


class _TooMany(Exception):
    pass


class _Rollback(Exception):
    pass


class _Run:
    """State of one load: the problems so far and the keys seen per table."""

    def __init__(self, replace: bool, write: bool, progress):
        self.replace = replace
        self.write = write
        self.progress = progress
        self.problems: list[Problem] = []
        self.truncated = False
        self.keys: dict[str, set] = {}
        self._db_keys: dict[str, set] = {}
        self.known_cache: dict[str, tuple[int, frozenset]] = {}

    def problem(self, file, row, column, message):
        if len(self.problems) >= MAX_PROBLEMS:
            self.truncated = True
            raise _TooMany
        self.problems.append(Problem(file, row, column, message))

    def db_keys(self, table: str) -> set:
        """Keys of a table already in the database (none when replacing)."""
        if self.replace:
            return set()
        if table not in self._db_keys:
            model = BY_NAME[table].get_model()
            self._db_keys[table] = set(model.objects.values_list("pk", flat=True))
        return self._db_keys[table]

    @property
    def writing(self) -> bool:
        """Rows are written only while nothing is wrong: any problem rolls all back."""
        return self.write and not self.problems

    def known(self, table: str, value: str) -> bool:
        return value in self.keys.get(table, ()) or value in self.db_keys(table)


def load_package(
    path: str | Path,
    *,
    by,
    replace: bool = False,
    dry_run: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> LoadResult:
    """Check every file of the package and, unless `dry_run`, load it in one transaction."""
    try:
        pkg = Package(path)
    except PackageError as e:
        return LoadResult(False, errors=[Problem(str(path), None, None, str(e))])
    run = _Run(replace, write=not dry_run, progress=progress)
    loaded: dict[str, int] = {}
    # A big file may be read in parts on every core (packages/parallel.py).
    from pathfinder.packages.parallel import Parallel

    parts = Parallel(pkg, run, write=not dry_run)
    try:
        with _no_gc(), _bulk_settings(), parts.prepared(), transaction.atomic():
            try:
                for name in pkg.files():
                    if name[:-4] not in BY_NAME:
                        known = ", ".join(t.file for t in TABLES)
                        run.problem(
                            name, None, None, f"not a table of the package format ({known})"
                        )
                before = _counts() if replace else None
                if replace and run.write:
                    wipe()
                done: set[str] = set()
                for table in TABLES:
                    parts.start_ready(done)
                    if table.file in pkg.files() and not parts.takes(table):
                        loaded[table.name] = _load_table(pkg, table, run)
                    done.add(table.name)
                # The digest is read while any parts are still running.
                digest = None if run.problems or dry_run else _digest(pkg)
                loaded.update(parts.finish())
            except _TooMany:
                parts.finish(stopped=True)
                raise _Rollback from None
            loaded = {t.name: loaded[t.name] for t in TABLES if t.name in loaded}
            parts.check()
            if run.problems or dry_run:
                raise _Rollback
            record(
                by=by,
                operation="load",
                model="packages.Package",
                object_id=Path(path).name,
                before=before,
                after={"loaded": loaded, "replace": replace, "sha256": digest},
            )
    except _Rollback:
        pass
    except FileRefused as e:  # a zip member expanding past its limit while read
        return LoadResult(False, errors=[Problem(str(path), None, None, str(e))])
    finally:
        pkg.close()
    ok = not run.problems
    return LoadResult(ok, loaded if ok else {}, run.problems, run.truncated)


def _counts() -> dict[str, int]:
    return {t.name: t.get_model().objects.count() for t in TABLES}


def _digest(pkg: Package) -> str:
    """SHA-256 of the package's files, in name order, as stored."""
    h = hashlib.sha256()
    for name in pkg.files():
        with pkg.open_bytes(name) as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def wipe():
    """Remove every row of every package table, dependants first."""
    for table in reversed(TABLES):
        if tally := table.get_tally():
            tally.clear()
        table.get_model().objects.all().delete()


def _load_table(pkg: Package, table: Table, run: _Run) -> int:
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
        if not _header_ok(file, header, table, run):
            return 0
        return _rows(file, reader, header, table, run).count


def _header_ok(file: str, header: list[str], table: Table, run: _Run) -> bool:
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


def _rows(
    file: str, reader, header: list[str], table: Table, run: _Run, writer=None, fast=None
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


def writer_for(table: Table) -> "_Writer":
    model = table.get_model()
    tally = table.get_tally()
    return _Writer(
        model,
        [model._meta.get_field(c.field_name).column for c in table.columns],
        big=table.big,
        tally=tally([c.field_name for c in table.columns]) if tally else None,
    )


def _key_ok(file, rowno, key, table: Table, seen: dict, existing, run: _Run) -> bool:
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


def _slow_row(file, rowno, cells, present, defaults, run: _Run) -> tuple[list, bool]:
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


def _refs_ok(file, rowno, col, value, run: _Run) -> bool:
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


def _ref_ok(file, rowno, col, value, run: _Run) -> bool:
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


class _Writer:
    """Batched inserts straight to the driver: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, model, columns: list[str], big: bool = False, tally=None):
        self.table = model._meta.db_table
        self.tally = tally
        self.columns = columns
        self.batch: list[list] = []
        qn = connection.ops.quote_name
        self.cols_sql = ", ".join(qn(c) for c in columns)
        self.qtable = qn(self.table)
        self.big = big

    @contextmanager
    def bulk(self, run: _Run):
        """Write the rows added inside; a big load into an empty table builds its
        secondary indexes once at the end rather than row by row."""
        indexes = self._drop_indexes() if run.writing and self.big else []
        yield
        if run.writing:
            self.flush()
            if self.tally:
                self.tally.save()
            if indexes:
                with connection.cursor() as c:
                    if connection.vendor == "postgresql":
                        # PostgreSQL builds no index over rows with deferred checks pending:
                        # run the checks now, then defer again as Django's constraints are.
                        c.execute("SET CONSTRAINTS ALL IMMEDIATE")
                        c.execute(f"SET LOCAL maintenance_work_mem = '{SORT_MEM_MB}MB'")
                    else:
                        # A small page cache makes SQLite sort in runs on both threads
                        # and merge them: about twice as fast as one sort in memory.
                        c.execute(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")
                    for sql in indexes:
                        c.execute(sql)
                    if connection.vendor == "sqlite":
                        c.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                    if connection.vendor == "postgresql":
                        c.execute("SET CONSTRAINTS ALL DEFERRED")

    def _drop_indexes(self) -> list[str]:
        """Drop the table's secondary indexes (and, on PostgreSQL, its foreign keys) when
        it is empty; the statements that put them back."""
        qn = connection.ops.quote_name
        with connection.cursor() as c:
            c.execute(f"SELECT 1 FROM {self.qtable} LIMIT 1")  # noqa: S608 - a model's table
            if c.fetchone():
                return []
            if connection.vendor == "postgresql":
                # No table may change shape with deferred checks pending against it: run
                # the checks due so far now (they would run at commit), then defer again.
                c.execute("SET CONSTRAINTS ALL IMMEDIATE")
                c.execute("SET CONSTRAINTS ALL DEFERRED")
                c.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = "
                    "current_schema() AND tablename = %s AND indexdef NOT LIKE 'CREATE UNIQUE%%'",
                    [self.table],
                )
                indexes = c.fetchall()
                # One set-based check when the key is added back, rather than a deferred
                # trigger per row.
                c.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype = 'f'",
                    [self.qtable],
                )
                keys = c.fetchall()
            else:
                c.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                    "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                    [self.table],
                )
                indexes, keys = c.fetchall(), []
            for name, _ in indexes:
                c.execute(f"DROP INDEX {qn(name)}")
            for name, _ in keys:
                c.execute(f"ALTER TABLE {self.qtable} DROP CONSTRAINT {qn(name)}")
        return [sql for _, sql in indexes] + [
            f"ALTER TABLE {self.qtable} ADD CONSTRAINT {qn(name)} {sql}" for name, sql in keys
        ]

    def add(self, values: list):
        self.batch.append(values)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self):
        if not self.batch:
            return
        if self.tally:
            self.tally.add(self.batch)
        if connection.vendor == "postgresql":
            sql = f"COPY {self.qtable} ({self.cols_sql}) FROM STDIN"
            with connection.cursor() as c, c.cursor.copy(sql) as copy:
                write = copy.write_row
                for row in self.batch:
                    write(row)
        else:
            connection.ensure_connection()
            sqlite_insert(connection.connection, self.qtable, self.columns, self.batch)
        self.batch = []


def sqlite_insert(db, qtable: str, columns: list[str], batch: list[list]) -> None:
    """Insert rows through a `sqlite3` connection, many rows per statement: SQLite's
    per-statement work (and AUTOINCREMENT's bookkeeping) is paid once per statement,
    not once per row."""
    qn = connection.ops.quote_name
    per = max(1, min(ROWS_PER_INSERT, 30_000 // len(columns)))
    one = f"({', '.join('?' for _ in columns)})"
    head = f"INSERT INTO {qtable} ({', '.join(qn(c) for c in columns)}) VALUES "  # noqa: S608
    full = len(batch) // per * per
    if full:
        flat = chain.from_iterable
        db.executemany(
            head + ", ".join([one] * per),
            [list(flat(batch[i : i + per])) for i in range(0, full, per)],
        )
    if full < len(batch):
        db.executemany(head + one, batch[full:])


@contextmanager
def _no_gc():
    """Rows are lists of strings and numbers, never cycles: collecting while a million
    of them pass through costs time and frees nothing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def _bulk_settings():
    """A larger page cache and sorter threads on SQLite for the load (durability
    settings stay as they are)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as c:
        c.execute("PRAGMA cache_size")
        before = c.fetchone()[0]
        c.execute("PRAGMA threads")
        threads = c.fetchone()[0]
        c.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        c.execute("PRAGMA threads = 2")  # sorting for index builds may use a second core
        journal = _rollback_journal(c)
    try:
        yield
    finally:
        with connection.cursor() as c:
            c.execute(f"PRAGMA cache_size = {int(before)}")
            c.execute(f"PRAGMA threads = {int(threads)}")
            if journal:
                with suppress(OperationalError):  # the next connection sets it anyway
                    c.execute(f"PRAGMA journal_mode = {journal[0]}")
                c.execute(f"PRAGMA synchronous = {int(journal[1])}")


def _rollback_journal(c) -> tuple[str, int] | None:
    """Switch a write-ahead-logged database to a rollback journal for the load, so that
    its pages are written once into the database rather than into the log and then
    copied (docs/decisions/0126); with `synchronous = FULL` it is as durable. Possible
    only when no other connection is open; otherwise the mode stays. The modes to
    restore, or None."""
    if connection.in_atomic_block:
        return None
    c.execute("PRAGMA journal_mode")
    mode = c.fetchone()[0]
    c.execute("PRAGMA synchronous")
    sync = c.fetchone()[0]
    if mode.lower() != "wal":
        return None
    try:
        c.execute("PRAGMA journal_mode = DELETE")
    except OperationalError:
        return None
    c.execute("PRAGMA synchronous = FULL")
    return mode, sync
