"""A table's own CSV bytes to PostgreSQL, on the server while the loader checks them
(docs/decisions/0210).

The file's bytes go unchanged into a temporary table of text columns (`COPY ... CSV`),
one `INSERT ... SELECT` turns them into the table's values by the conversions the checked
rows would have had, and the keys and indexes set aside are rebuilt. A thread does this
for table after table on the load's own connection, inside its transaction, while the
loader reads and checks the files with its own row path (so what is accepted and
reported is unchanged, and any problem rolls the whole load back as ever): the client's
per-row work is checking alone, and it runs ahead of the server.

A table's server rows stand only when they must equal the checked ones: no checked value
holds a quote character (then every quote in the file encloses a whole field, and the
server's CSV parser and the `csv` module split it alike), the server took every line,
and it stored as many rows as the check found good. Otherwise the load goes back to the
savepoint before that table, and it and the tables after it are written from their
checked rows (`Server.finish`).
"""

import queue
import sys
import threading
from contextlib import contextmanager, suppress

from django.db import connection

from pathfinder.packages import types as t
from pathfinder.packages.schema import TABLES
from pathfinder.packages.timings import timed
from pathfinder.packages.writers.base import BATCH
from pathfinder.packages.writers.postgres import PostgresWriter, rebuild_with

CHUNK = 1 << 20
SWITCH_SECONDS = 0.0002
STAGE = "pathfinder_load_stage"  # temporary: gone with the session, whatever ends it

TEXTS = {"text", "character varying", "character"}
INTEGERS = {"integer", "bigint", "smallint"}
# Cell types whose checked value is the cell's text, or the server's cast of it.
SAME = (t.Text, t.Code, t.Codes, t.Enum, t.Reference, t.Month, t.FinancialYearType)


@contextmanager
def serving(run):
    """The server's thread for a load that writes to PostgreSQL (`run.server`), inside
    the load's transaction; stopped when the block ends, however it ends."""
    run.server = None
    if connection.vendor != "postgresql" or not run.write:
        yield
        return
    connection.ensure_connection()
    # What the loader would read from the database while the thread writes is read
    # now: a statement of its own could meet the transaction in a failed state (between
    # a table's error and the thread's return to its savepoint).
    for table in TABLES:
        if len(table.key) == 1:
            run.db_keys(table.name)
    run.server = Server(_column_types())
    # The thread holds the interpreter only to pass each statement on, but waits for
    # it behind the checking loop for up to the switch interval (5 ms) every time.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_SECONDS)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)
        run.server.stop()
        run.server = None


def csv_writer(table, pkg, header: list[str], run):
    """The writer of a table's file through the server's thread, or None for the usual
    one (no thread, nothing to write, or a column the server cannot convert as checked)."""
    if getattr(run, "server", None) is None or not run.writing:
        return None
    writer = PostgresCsvWriter(table, pkg, header, run.server)
    return writer if writer.insert else None


class PostgresCsvWriter(PostgresWriter):
    """Checked rows are counted and tallied, not sent: the server stores the file."""

    def __init__(self, table, pkg, header: list[str], server):
        super().__init__(table)
        self.spec = table
        self.pkg = pkg
        self.header = header
        self.server = server
        self.added = 0
        self.checked = False
        self.insert = self._insert()
        self.direct = self._direct() if self.insert else None
        self.quoted = self.insert is not None and _has_quote(pkg, table.file)
        self.unsure = False
        # Set by the server's thread:
        self.done = threading.Event()
        self.error: BaseException | None = None
        self.rows = -1
        self.savepoint = ""
        self.savepoint_set = False

    def _types(self) -> list[tuple[int, str]]:
        return [self.server.types[self.table][col] for col in self.columns]

    def add(self, values: list):
        self.added += 1
        if self.quoted and not self.unsure:
            # A checked value holding a quote may have been split otherwise by the
            # server; values without one were quoted whole, which both read alike.
            self.unsure = any(v.__class__ is str and '"' in v for v in values)
        if self.tally:
            self.batch.append(values)
            if len(self.batch) >= BATCH:
                self.flush()

    def flush(self):
        if self.batch:
            self.tally.add(self.batch)
            self.batch = []

    @contextmanager
    def bulk(self, run):
        self.server.submit(self)
        with timed(f"{self.table}: rows checked"):
            yield
        self.flush()
        self.checked = True

    def stood(self) -> bool:
        """Whether the server's rows are the checked rows."""
        return self.checked and self.error is None and self.rows == self.added and not self.unsure

    def _direct(self) -> str | None:
        """A `COPY` straight into the table when the server's reading of each cell is
        already its checked value: no money (pence), and an empty cell is null, or the
        empty text, as its column's default is; None otherwise."""
        types = dict(zip(self.columns, self._types(), strict=True))
        by_name = dict(zip((c.name for c in self.spec.columns), self.columns, strict=True))
        null, empty = [], []
        for col, db_col in zip(self.spec.columns, self.columns, strict=True):
            if type(col.type) is t.Money:
                return None
            if col.default is None:
                if col.name in self.header:
                    null.append(db_col)
            elif col.default == "" and types[db_col][1] in TEXTS and col.name in self.header:
                empty.append(db_col)
            else:
                return None
        qn = connection.ops.quote_name
        cols = ", ".join(qn(by_name[h]) for h in self.header)
        forced = [f"FORCE_NULL ({', '.join(qn(c) for c in null)})"] if null else []
        forced += [f"FORCE_NOT_NULL ({', '.join(qn(c) for c in empty)})"] if empty else []
        options = ", ".join(["FORMAT csv", "HEADER true", *forced])
        return f"COPY {self.qtable} ({cols}) FROM STDIN ({options})"

    def _insert(self) -> tuple[str, list] | None:
        """The `INSERT ... SELECT` from the staging table, or None when a column's type
        in the database is not the one its cell type converts to."""
        types = dict(zip(self.columns, self._types(), strict=True))
        at = {h: i for i, h in enumerate(self.header)}
        exprs, params = [], []
        for col, db_col in zip(self.spec.columns, self.columns, strict=True):
            _, db_type = types[db_col]
            if col.name not in at:
                exprs.append(f"%s::{db_type}")
                params.append(col.default)
                continue
            cell = f"c{at[col.name]}"
            typ = type(col.type)
            if typ in SAME and db_type in TEXTS:
                value = cell
            elif typ is t.Date and db_type == "date":
                value = f"{cell}::date"
            elif typ is t.Bool and db_type == "boolean":
                value = f"{cell}::boolean"
            elif typ is t.Integer and db_type in INTEGERS:
                value = f"{cell}::bigint"
            elif typ is t.DecimalNumber and db_type == "numeric":
                value = f"{cell}::numeric"
            elif typ is t.Money and db_type == "bigint":
                value = f"({cell}::numeric * 100)::bigint"
            else:
                return None
            # An empty cell is the column's default, as the row path has it.
            exprs.append(f"CASE WHEN coalesce({cell}, '') = '' THEN %s::{db_type} ELSE {value} END")
            params.append(col.default)
        sql = f"INSERT INTO {self.qtable} ({self.cols_sql}) SELECT {', '.join(exprs)}"  # noqa: S608
        return sql, params


class Server:
    """The server's half of each table, one after another, in a thread on the load's
    connection: set aside an empty big table's keys, stage the file, insert, rebuild."""

    def __init__(self, types: dict):
        self.types = types
        self.conn = connection.connection
        self.todo: queue.Queue = queue.Queue()
        self.writers: list[PostgresCsvWriter] = []
        self.failed = False
        self.thread = threading.Thread(target=self._serve, name="load: server", daemon=True)
        self.thread.start()

    def submit(self, writer: PostgresCsvWriter) -> None:
        writer.savepoint = f"pathfinder_load_{len(self.writers)}"
        self.writers.append(writer)
        self.todo.put(writer)

    def finish(self, run, again) -> None:
        """Wait for the server; save the tallies of the tables whose rows stood, and go
        back to the savepoint before the first that did not and write it and every
        table after it again from its checked rows (`again(table)`)."""
        if not self.writers:
            return
        with timed("waiting for the server"):
            for w in self.writers:
                w.done.wait()
        writers, self.writers = self.writers, []
        stood = 0
        while stood < len(writers) and writers[stood].stood():
            stood += 1
        if stood < len(writers) and writers[stood].savepoint_set:
            with connection.cursor() as c:
                c.execute(f"ROLLBACK TO SAVEPOINT {writers[stood].savepoint}")
        if not run.writing:
            return
        rebuilt = set()
        for w in writers[:stood]:
            kind = type(w.tally)
            if w.tally and kind not in rebuilt:
                with timed(f"{w.table}: tally saved"):
                    w.tally.save()
                if getattr(kind, "rebuilds", False):
                    rebuilt.add(kind)
        for w in writers[stood:]:
            again(w.spec)

    def stop(self) -> None:
        """End the thread. Tables still queued (the load found a problem or is ending
        early, and will roll back) are skipped and the one being stored cancelled."""
        if self.writers:
            self.failed = True
            with suppress(Exception):
                self.conn.cancel_safe()
        self.todo.put(None)
        self.thread.join()

    def _serve(self) -> None:
        while (w := self.todo.get()) is not None:
            try:
                if not self.failed:
                    self._write(w)
            except BaseException as e:  # noqa: BLE001 - the table is written from its rows
                w.error = e
                self.failed = True
                # The transaction is usable again (the loader still reads keys); what
                # this and any later table did is undone by `finish`.
                if w.savepoint_set:
                    with suppress(Exception), self.conn.cursor() as c:
                        c.execute(f"ROLLBACK TO SAVEPOINT {w.savepoint}")
            finally:
                w.done.set()

    def _write(self, w: PostgresCsvWriter) -> None:
        with self.conn.cursor() as c, timed(f"{w.table}: server, all"):
            c.execute(f"SAVEPOINT {w.savepoint}")
            w.savepoint_set = True
            rebuild = []
            if w.big and w.empty_with(c):
                with timed(f"{w.table}: server, keys set aside"):
                    rebuild = w.set_aside_with(c)
            if w.direct:
                with timed(f"{w.table}: server, copied"):
                    self._send(c, w, w.direct)
                w.rows = c.rowcount
            else:
                cols = ", ".join(f"c{i} text" for i in range(len(w.header)))
                c.execute(f"CREATE TEMPORARY TABLE {STAGE} ({cols}) ON COMMIT DROP")
                with timed(f"{w.table}: server, file staged"):
                    self._send(c, w, f"COPY {STAGE} FROM STDIN (FORMAT csv, HEADER true)")
                sql, params = w.insert
                with timed(f"{w.table}: server, inserted"):
                    c.execute(f"{sql} FROM {STAGE}", params)
                w.rows = c.rowcount
                c.execute(f"DROP TABLE {STAGE}")
            if rebuild:
                with timed(f"{w.table}: server, keys rebuilt"):
                    rebuild_with(c, rebuild)

    def _send(self, c, w: PostgresCsvWriter, copy: str) -> None:
        """The file's bytes, byte-order mark aside, to a `COPY ... CSV`."""
        with c.copy(copy) as cp, w.pkg.open_bytes(w.spec.file) as f:
            data = f.read(CHUNK)
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            while data:
                cp.write(data)
                data = f.read(CHUNK)


def _column_types() -> dict[str, dict[str, tuple[int, str]]]:
    """Each package table's columns: type oid and name, by table and column."""
    tables = [table.get_model()._meta.db_table for table in TABLES]
    out: dict = {name: {} for name in tables}
    with connection.cursor() as c:
        c.execute(
            "SELECT c.relname, a.attname, a.atttypid::int, a.atttypid::regtype::text "
            "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(%s) "
            "AND a.attnum > 0 AND NOT a.attisdropped",
            [tables],
        )
        for table, col, oid, name in c.fetchall():
            out[table][col] = (oid, name)
    return out


def _has_quote(pkg, file: str) -> bool:
    with pkg.open_bytes(file) as f:
        while data := f.read(CHUNK):
            if b'"' in data:
                return True
    return False
