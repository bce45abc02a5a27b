"""Writing rows to PostgreSQL: one binary `COPY ... FROM STDIN` stream per table.

The stream stays open while the table's file is read, so the server stores one batch
while the next is checked. An empty big table's foreign keys, secondary indexes and (when
nothing refers to it) primary key are set aside for the load and rebuilt once after
it: one set-based check and one sort rather than a trigger and an index entry per row
(docs/decisions/0150).
"""

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

from django.db import connection

from pathfinder.packages.writers.base import Writer

SORT_MEM_MB = 256  # memory for rebuilding indexes after a load
DATE_CACHE_MAX = 100_000


def _decimal(value):
    return value if isinstance(value, Decimal) else Decimal(value)


class _Dates(dict):
    """ISO text to dates, each distinct day parsed once."""

    def __missing__(self, text):
        day = text if isinstance(text, dt.date) else dt.date.fromisoformat(text)
        if len(self) < DATE_CACHE_MAX:
            self[text] = day
        return day


class PostgresWriter(Writer):
    copy = None
    convert: list = []  # noqa: RUF012 - set per stream

    @contextmanager
    def stream(self, writing: bool):
        if not writing:
            yield
            return
        types = self._types()
        self.convert = [
            (i, CONVERT[name]()) for i, (_, name) in enumerate(types) if name in CONVERT
        ]
        sql = f"COPY {self.qtable} ({self.cols_sql}) FROM STDIN (FORMAT BINARY)"
        with connection.cursor() as c, c.cursor.copy(sql) as copy:
            copy.set_types([oid for oid, _ in types])
            self.copy = copy
            try:
                yield
            finally:
                self.copy = None

    def write(self, batch: list[list]) -> None:
        write = self.copy.write_row
        convert = self.convert
        for row in batch:
            for i, to in convert:
                if (v := row[i]) is not None:
                    row[i] = to(v)
            write(row)

    def _types(self) -> list[tuple[int, str]]:
        with connection.cursor() as c:
            c.execute(
                "SELECT attname, atttypid::int, atttypid::regtype::text FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                [self.qtable],
            )
            by_name = {name: (oid, typ) for name, oid, typ in c.fetchall()}
        return [by_name[col] for col in self.columns]

    def set_aside(self) -> list[str]:
        if not self.big:  # for a small table the statements cost more than they save
            return []
        with connection.cursor() as c:
            return self.set_aside_with(c)

    def set_aside_with(self, c) -> list[str]:
        """`set_aside` through a given cursor (Django's, or the connection's own)."""
        qn = connection.ops.quote_name
        if not _Triggers.off:
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
        c.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'p') ORDER BY contype DESC",
            [self.qtable],
        )
        keys = c.fetchall()
        if _Triggers.off:  # a foreign key costs nothing per row: it stays
            keys = [k for k in keys if k[1] != "f"]
        c.execute("SELECT 1 FROM pg_constraint WHERE confrelid = %s::regclass", [self.qtable])
        if c.fetchone():  # another table's foreign key needs the primary key
            keys = [k for k in keys if k[1] != "p"]
        for name, _, _ in keys:
            c.execute(f"ALTER TABLE {self.qtable} DROP CONSTRAINT {qn(name)}")
        for name, _ in indexes:
            c.execute(f"DROP INDEX {qn(name)}")
        add = f"ALTER TABLE {self.qtable} ADD CONSTRAINT {{}} {{}}"
        # The primary key first, then the indexes, then the foreign keys' checks.
        return (
            [add.format(qn(n), sql) for n, kind, sql in keys if kind == "p"]
            + [sql for _, sql in indexes]
            + [add.format(qn(n), sql) for n, kind, sql in keys if kind == "f"]
        )

    def rebuild(self, statements: list[str]) -> None:
        with connection.cursor() as c:
            rebuild_with(c, statements)


def rebuild_with(c, statements: list[str]) -> None:
    c.execute("SET CONSTRAINTS ALL IMMEDIATE")
    c.execute(f"SET LOCAL maintenance_work_mem = '{SORT_MEM_MB}MB'")
    for sql in statements:
        c.execute(sql)
    c.execute("SET CONSTRAINTS ALL DEFERRED")


CONVERT = {"date": lambda: _Dates().__getitem__, "numeric": lambda: _decimal}


class _Triggers:
    """Whether this load has the server's per-row reference checks off."""

    off = False


@contextmanager
def bulk_settings():
    """For a role that may: the server's triggers off for the load (`replica`), so that
    no row queues a deferred reference check; the loader has checked every reference,
    and `key_problems` checks every foreign key once, set-wise, before the commit
    (docs/decisions/0211). Otherwise the checks stay as they are."""
    with connection.cursor() as c:
        c.execute(
            "SELECT current_setting('is_superuser'), current_setting('session_replication_role')"
        )
        superuser, role = c.fetchone()
        if superuser != "on" or role != "origin":
            yield
            return
        c.execute("SET session_replication_role = replica")
    _Triggers.off = True
    try:
        yield
    finally:
        _Triggers.off = False
        with connection.cursor() as c:
            c.execute("SET session_replication_role = origin")


def key_problems() -> list[str]:
    """Every foreign key of the schema checked at once, when the load had the server's
    own checks off: one anti-join per key, the first value with nothing to refer to."""
    if not _Triggers.off:
        return []
    qn = connection.ops.quote_name
    out = []
    with connection.cursor() as c:
        c.execute(
            "SELECT conrelid::regclass::text, confrelid::regclass::text, "
            "array(SELECT a.attname::text FROM unnest(conkey) WITH ORDINALITY k(n, i) "
            "JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = k.n ORDER BY k.i), "
            "array(SELECT a.attname::text FROM unnest(confkey) WITH ORDINALITY k(n, i) "
            "JOIN pg_attribute a ON a.attrelid = confrelid AND a.attnum = k.n ORDER BY k.i) "
            "FROM pg_constraint WHERE contype = 'f' "
            "AND connamespace = current_schema()::regnamespace ORDER BY conname"
        )
        for child, parent, cols, keys in c.fetchall():
            present = " AND ".join(f"x.{qn(col)} IS NOT NULL" for col in cols)
            match = " AND ".join(
                f"y.{qn(k)} = x.{qn(col)}" for col, k in zip(cols, keys, strict=True)
            )
            c.execute(
                f"SELECT {', '.join(f'x.{qn(col)}' for col in cols)} FROM {child} x "  # noqa: S608
                f"WHERE {present} AND NOT EXISTS (SELECT 1 FROM {parent} y WHERE {match}) LIMIT 1"
            )
            if (bad := c.fetchone()) is not None:
                value = bad[0] if len(bad) == 1 else bad
                out.append(f"{child}.{', '.join(cols)} = {value!r} is not in {parent}")
    return out
