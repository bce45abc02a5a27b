"""Writing rows to SQLite: many rows per `INSERT` through `executemany`, a big table's
secondary indexes built once at the end, and a page cache and journal for the load
(docs/decisions/0061, 0126)."""

from contextlib import contextmanager, suppress
from itertools import chain

from django.db import OperationalError, connection

from pathfinder.packages.writers.base import Writer

CACHE_KIB = 128 * 1024  # the page cache during a load
SORT_CACHE_KIB = 4 * 1024  # ... and while it builds an index (see SqliteWriter.rebuild)
ROWS_PER_INSERT = 100


class SqliteWriter(Writer):
    def write(self, batch: list[list]) -> None:
        connection.ensure_connection()
        sqlite_insert(connection.connection, self.qtable, self.columns, batch)

    def set_aside(self) -> list[str]:
        if not self.big:
            return []
        qn = connection.ops.quote_name
        with connection.cursor() as c:
            c.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                [self.table],
            )
            indexes = c.fetchall()
            for name, _ in indexes:
                c.execute(f"DROP INDEX {qn(name)}")
        return [sql for _, sql in indexes]

    def rebuild(self, statements: list[str]) -> None:
        with connection.cursor() as c:
            # A small page cache makes SQLite sort in runs on both threads and merge
            # them: about twice as fast as one sort in memory.
            c.execute(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")
            for sql in statements:
                c.execute(sql)
            c.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


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
def bulk_settings():
    """A larger page cache and sorter threads for the load (durability stays)."""
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


def foreign_key_problems() -> list[str]:
    """Every table's foreign keys checked at once, for a load that switched SQLite's own
    checks off (the loader has checked each reference already: this is the backstop).
    Each key's distinct values are looked up once, through an index on the key where
    there is one: a fifth of the time of `PRAGMA foreign_key_check` on a million-line
    ledger."""
    qn = connection.ops.quote_name
    out = []
    with connection.cursor() as c:
        c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        for (table,) in c.fetchall():
            c.execute(f"PRAGMA foreign_key_list({qn(table)})")
            for _, _, parent, col, to, *_ in c.fetchall():
                to = to or _primary_key(c, parent)
                c.execute(
                    f"SELECT v FROM (SELECT DISTINCT {qn(col)} AS v FROM {qn(table)}) "  # noqa: S608
                    f"WHERE v IS NOT NULL AND v NOT IN (SELECT {qn(to)} FROM {qn(parent)}) "
                    "LIMIT 1"
                )
                if (bad := c.fetchone()) is not None:
                    out.append(f"{table}.{col} = {bad[0]!r} is not in {parent}")
    return out


def _primary_key(c, table: str) -> str:
    c.execute(f"PRAGMA table_info({connection.ops.quote_name(table)})")
    return next(name for _, name, _, _, _, pk in c.fetchall() if pk == 1)
