"""A big table's own CSV bytes to PostgreSQL, on the server while the loader checks them
(docs/decisions/0210).

The file's bytes go unchanged into a temporary table of text columns (`COPY ... CSV`),
one `INSERT ... SELECT` turns them into the table's values by the conversions the checked
rows would have had, and the keys and indexes set aside are rebuilt: all on the server,
started from a thread, while the loader reads and checks the same file with its own row
path (so what is accepted and reported is unchanged, and any problem rolls the whole
load back as ever). The client's per-row work is then checking alone.

The server's rows are kept only when they must equal the checked ones: the file holds no
quote character (so the server's CSV parser and the `csv` module split it alike), the
server took every line, and it stored as many rows as the check found good. Otherwise the
work is rolled back to a savepoint and the table is written again from its checked rows.
"""

import threading
from contextlib import contextmanager

from django.db import connection, transaction

from pathfinder.packages import types as t
from pathfinder.packages.timings import timed
from pathfinder.packages.writers.base import BATCH
from pathfinder.packages.writers.postgres import PostgresWriter, rebuild_with

CHUNK = 1 << 20
STAGE = "pathfinder_load_stage"  # temporary: gone with the session, whatever ends it

TEXTS = {"text", "character varying", "character"}
INTEGERS = {"integer", "bigint", "smallint"}
# Cell types whose checked value is the cell's text, or the server's cast of it.
SAME = (t.Text, t.Code, t.Codes, t.Enum, t.Reference, t.Month, t.FinancialYearType)


class QuoteFound(Exception):
    """The file holds a quote character: the server's rows are not used."""


def csv_writer(table, pkg, header: list[str], run):
    """The writer of a big table's file on PostgreSQL, or None for the usual one."""
    if connection.vendor != "postgresql" or not table.big or not run.writing:
        return None
    writer = PostgresCsvWriter(table, pkg, header)
    return writer if writer.insert else None


class PostgresCsvWriter(PostgresWriter):
    """Checked rows are counted and tallied, not sent: the server stores the file. When
    its rows cannot stand, `redo` says the table must be written again from its rows."""

    def __init__(self, table, pkg, header: list[str]):
        super().__init__(table)
        self.spec = table
        self.pkg = pkg
        self.header = header
        self.added = 0
        self.redo = False
        self.insert = self._insert()

    def add(self, values: list):
        self.added += 1
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
        saved = transaction.savepoint()
        server = _Server(self, self.insert, self._empty())
        server.start()
        try:
            with timed(f"{self.table}: rows checked"):
                yield
        finally:
            with timed(f"{self.table}: waiting for the server"):
                server.join()
        self.flush()
        if server.error is None and server.rows == self.added:
            transaction.savepoint_commit(saved)
            if self.tally and run.writing:
                self.tally.save()
            return
        # Rolled back even when the load will be: later tables are still checked.
        transaction.savepoint_rollback(saved)
        if self.tally:
            self.tally.totals = {}
        self.redo = run.writing

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
            elif typ is t.Money and db_type == "bigint":
                value = f"({cell}::numeric * 100)::bigint"
            else:
                return None
            # An empty cell is the column's default, as the row path has it.
            exprs.append(f"CASE WHEN coalesce({cell}, '') = '' THEN %s::{db_type} ELSE {value} END")
            params.append(col.default)
        sql = (
            f"INSERT INTO {self.qtable} ({self.cols_sql}) "  # noqa: S608 - a model's table
            f"SELECT {', '.join(exprs)} FROM {STAGE}"
        )
        return sql, params


class _Server(threading.Thread):
    """The server's half, on the load's own connection (its transaction): set aside the
    table's keys (when it is empty), stage the file, insert, rebuild."""

    def __init__(self, writer: PostgresCsvWriter, insert: tuple[str, list], empty: bool):
        super().__init__(name=f"load {writer.table}", daemon=True)
        self.writer = writer
        self.insert = insert
        self.empty = empty
        self.conn = connection.connection
        self.error: BaseException | None = None
        self.rows = -1

    def run(self):
        w = self.writer
        try:
            with self.conn.cursor() as c, timed(f"{w.table}: server, all"):
                with timed(f"{w.table}: server, keys set aside"):
                    rebuild = w.set_aside_with(c) if self.empty and w.big else []
                cols = ", ".join(f"c{i} text" for i in range(len(w.header)))
                c.execute(f"CREATE TEMPORARY TABLE {STAGE} ({cols}) ON COMMIT DROP")
                copy = f"COPY {STAGE} FROM STDIN (FORMAT csv, HEADER true)"
                with (
                    timed(f"{w.table}: server, file staged"),
                    c.copy(copy) as cp,
                    w.pkg.open_bytes(w.spec.file) as f,
                ):
                    data = f.read(CHUNK)
                    if data.startswith(b"\xef\xbb\xbf"):
                        data = data[3:]
                    while data:
                        if b'"' in data:
                            raise QuoteFound
                        cp.write(data)
                        data = f.read(CHUNK)
                with timed(f"{w.table}: server, inserted"):
                    c.execute(*self.insert)
                self.rows = c.rowcount
                c.execute(f"DROP TABLE {STAGE}")
                if rebuild:
                    with timed(f"{w.table}: server, keys rebuilt"):
                        rebuild_with(c, rebuild)
        except BaseException as e:  # noqa: BLE001 - the table is written from its rows
            self.error = e
