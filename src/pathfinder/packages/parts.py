"""One part of a big file, in a forked process: read, check and stage its rows.

The part runs the loader's own reading (packages/reading.py) over its bytes and writes
its good rows to a staging database of its own; it sends back what it found: rows,
records read, whether it ended cleanly, its problems and its monthly totals.
"""

import csv
import ctypes
import io
import os
import signal
import sqlite3
import traceback
from contextlib import contextmanager, suppress

from pathfinder.packages.problems import TooMany
from pathfinder.packages.reading import Read, read_rows
from pathfinder.packages.schema import Table
from pathfinder.packages.writers.sqlite import SqliteWriter, sqlite_insert


class _PartWriter(SqliteWriter):
    """Rows of one part into its staging database; monthly totals kept, not saved."""

    def __init__(self, table: Table, stage: str, base: int, create: str):
        super().__init__(table)
        self.db = sqlite3.connect(stage, isolation_level=None)
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("BEGIN")
        self.db.execute(create)
        self.db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [self.table, base])

    @contextmanager
    def bulk(self, run):
        yield
        if run.writing:
            self.flush()
            self.db.execute("COMMIT")

    def write(self, batch: list[list]) -> None:
        sqlite_insert(self.db, self.qtable, self.columns, batch)


class _Checker:
    """Checking only (a dry run): nothing is written."""

    tally = None

    @contextmanager
    def bulk(self, run):
        yield

    def add(self, values: list) -> None:
        pass


def run_part(job, k: int, part, fast, run, send) -> None:
    """In a forked process: read, check and stage one part; send what was found."""
    _die_with_parent()
    try:
        run.problems, run.truncated = [], False
        run.progress = lambda _name, n: job.counts.__setitem__(k, n)
        with open(job.path, "rb") as f:
            f.seek(part.start)
            data = f.read(part.end - part.start)
        text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")
        writer = (
            _PartWriter(job.table, part.stage, part.base, job.create) if part.stage else _Checker()
        )
        truncated = False
        try:
            read = read_rows(
                job.table.file,
                csv.reader(text, strict=True),
                job.header,
                job.table,
                run,
                writer,
                fast,
            )
        except TooMany:
            truncated = True
            read = Read(0, 0, True)
        send.send(
            {
                "count": read.count,
                "records": read.records,
                "clean": read.clean,
                "problems": run.problems,
                "truncated": truncated,
                "tally": writer.tally.totals if writer.tally else {},
            }
        )
    except BaseException:  # noqa: BLE001 - the parent loads the file again in one process
        with suppress(Exception):
            send.send({"crash": traceback.format_exc()})
    finally:
        send.close()


def _die_with_parent() -> None:
    """Ask Linux to kill this part when the load's process dies (a load killed with
    SIGKILL leaves no part running); elsewhere the part ends when its pipe closes."""
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took
        os._exit(1)
