"""What every writer does: batches of rows, the table's tally, and the secondary
structures of an empty table set aside during a big load and rebuilt once after it."""

from contextlib import contextmanager

from django.db import connection

from pathfinder.packages.schema import Table

BATCH = 20_000


class Writer:
    """Rows added inside `bulk` are written in batches; subclasses write a batch
    (`write`), may hold a stream open for the table (`stream`), and set aside and
    rebuild indexes and keys of an empty table (`set_aside`, `rebuild`)."""

    def __init__(self, table: Table, model=None):
        model = model or table.get_model()
        tally = table.get_tally()
        self.table = model._meta.db_table
        self.columns = [model._meta.get_field(c.field_name).column for c in table.columns]
        self.tally = tally([c.field_name for c in table.columns]) if tally else None
        qn = connection.ops.quote_name
        self.qtable = qn(self.table)
        self.cols_sql = ", ".join(qn(c) for c in self.columns)
        self.big = table.big
        self.batch: list[list] = []

    @contextmanager
    def bulk(self, run):
        """Write the rows added inside (while the load is writing)."""
        rebuild = self.set_aside() if run.writing and self._empty() else []
        with self.stream(run.writing):
            yield
            if run.writing:
                self.flush()
        if run.writing:
            if self.tally:
                self.tally.save()
            if rebuild:
                self.rebuild(rebuild)

    @contextmanager
    def stream(self, writing: bool):
        yield

    def add(self, values: list):
        self.batch.append(values)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self):
        if not self.batch:
            return
        if self.tally:
            self.tally.add(self.batch)
        self.write(self.batch)
        self.batch = []

    def write(self, batch: list[list]) -> None:
        raise NotImplementedError

    def set_aside(self) -> list[str]:
        """Drop what is cheaper built once at the end; the statements that rebuild it."""
        return []

    def rebuild(self, statements: list[str]) -> None:
        with connection.cursor() as c:
            for sql in statements:
                c.execute(sql)

    def _empty(self) -> bool:
        with connection.cursor() as c:
            return self.empty_with(c)

    def empty_with(self, c) -> bool:
        """Whether the table has no rows, through a given cursor (Django's, or the
        connection's own in PostgreSQL's server thread)."""
        c.execute(f"SELECT 1 FROM {self.qtable} LIMIT 1")  # noqa: S608 - a model's table
        return c.fetchone() is None
