"""Loading a big table's file on every core (SQLite folder packages).

The file is cut at record boundaries (packages/cutting.py) into one part per core. Each
part is read and checked in a forked process (packages/parts.py) by the loader's own
reading, which writes the good rows to a staging database of the part's own; the load
then copies each staging table into the real one with one `INSERT ... SELECT`, inside
its transaction. What is accepted and what is reported are those of a one-process load:
the parts run the same code, their row numbers are shifted by the records of the parts
before, and when a part does not end cleanly (a CSV or encoding error, which may mean
the cut fell inside a quoted field) the parts are set aside and the file is loaded in
one process (docs/decisions/0126). PostgreSQL and zip packages load in one process
(docs/decisions/0150).
"""

import os
import shutil
import tempfile
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from multiprocessing import get_context

from django.db import connection

from pathfinder.packages.cutting import cuts as _cuts
from pathfinder.packages.cutting import header as _header
from pathfinder.packages.cutting import header_clean as _header_clean
from pathfinder.packages.fastrow import compile_row
from pathfinder.packages.parts import run_part
from pathfinder.packages.problems import MAX_PROBLEMS, Problem, TooMany
from pathfinder.packages.reading import load_table, refers_to
from pathfinder.packages.schema import BY_NAME, Table
from pathfinder.packages.writers import writer_for
from pathfinder.packages.writers.sqlite import foreign_key_problems

MIN_BYTES = 16 << 20  # a smaller file loads in one process
PART_BYTES = 8 << 20  # no part smaller than this
POLL_SECONDS = 0.25
LEFTOVER = "pathfinder-load-"  # staging folders: pathfinder-load-<pid>-<random>


@dataclass
class Part:
    start: int  # byte offsets of the part's records in the file
    end: int
    base: int  # new rows' ids follow this
    stage: str = ""  # the staging database's file ("" when only checking)
    alias: str = ""


@dataclass
class Job:
    """One table loading in parts."""

    table: Table
    path: str
    parts: list[Part]
    header: list[str] | None = None
    at: int | None = None  # where its problems go among the load's
    procs: list = field(default_factory=list)
    pipes: list = field(default_factory=list)
    counts: object = None
    create: str = ""  # the table's CREATE statement, for its staging tables


def cores() -> int:
    return os.cpu_count() or 1


def clear_leftovers() -> None:
    """Remove the staging folders of loads whose process has ended (killed mid-way)."""
    top = tempfile.gettempdir()
    for name in os.listdir(top):
        pid = name[len(LEFTOVER) :].partition("-")[0]
        if name.startswith(LEFTOVER) and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(os.path.join(top, name), ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Parallel:
    """The tables of one load that go in parts, from planning to copying."""

    def __init__(self, pkg, run, write: bool):
        self.run = run
        self.write = write
        self.jobs: dict[str, Job] = {}
        self.dir = ""
        self.fk_off = False
        self.attached: list[str] = []
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            return  # ATTACH and the foreign-key switch need no transaction open
        n = cores()
        for name in pkg.files():
            table = BY_NAME.get(name[:-4])
            path = pkg.path_of(name)
            if table is None or not table.big or table.key or path is None:
                continue
            size = os.path.getsize(path)
            parts = min(n, size // PART_BYTES)
            if size >= MIN_BYTES and parts > 1:
                self.jobs[table.name] = Job(table, str(path), [Part(0, 0, 0)] * parts)

    @contextmanager
    def prepared(self):
        """Outside the load's transaction: switch off SQLite's own foreign-key checks, so
        that the copy moves whole records (`check` runs them once at the end), and make a
        folder for the staging databases. Undone, and any part still running stopped,
        when the load ends."""
        if not self.jobs or not self.write:
            try:
                yield
            finally:
                self._stop()
            return
        self.dir = tempfile.mkdtemp(prefix=f"{LEFTOVER}{os.getpid()}-")
        try:
            self.fk_off = connection.disable_constraint_checking()
            yield
        finally:
            self._stop()
            # A database can be detached only once the transaction reading it is over.
            with connection.cursor() as c:
                for alias in self.attached:
                    c.execute(f"DETACH DATABASE {alias}")
            if self.fk_off:
                connection.enable_constraint_checking()
            shutil.rmtree(self.dir, ignore_errors=True)

    def check(self) -> None:
        """SQLite's own foreign-key checks, off during the load, run once at its end."""
        if self.fk_off and not self.run.problems:
            self.run.problems += [
                Problem("(database)", None, None, m) for m in foreign_key_problems()
            ]

    def start_ready(self, done: set[str]) -> None:
        """Start every table whose references are all loaded."""
        for job in self.jobs.values():
            if not job.procs and job.header is None and refers_to(job.table) <= done:
                self._start(job)

    def takes(self, table: Table) -> bool:
        """Whether the table is loading in parts; if so its problems go here."""
        job = self.jobs.get(table.name)
        if job is None or not job.procs:
            return False
        job.at = len(self.run.problems)
        return True

    def _start(self, job: Job) -> None:
        run = self.run
        header, header_end = _header(job.path)
        if header is None or not _header_clean(job.path, header, job.table):
            job.header = []  # loads in one process, which reports the header's problems
            return
        cuts = _cuts(job.path, header_end, len(job.parts))
        if len(cuts) < 3:
            job.header = []
            return
        base = self._next_id(job.table) if self.write else 0
        parts = []
        for k in range(len(cuts) - 1):
            alias = f"pathfinder_stage_{job.table.name}_{k}"
            stage = os.path.join(self.dir, f"{alias}.sqlite3") if self.write else ""
            parts.append(Part(cuts[k][0], cuts[k + 1][0], base + cuts[k][1], stage, alias))
        if self.write:
            with connection.cursor() as c:
                c.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s",
                    [job.table.get_model()._meta.db_table],
                )
                job.create = c.fetchone()[0]
        job.parts = parts
        job.header = header
        for dep in refers_to(job.table):
            run.db_keys(dep)  # fetched here: a part must not use the parent's connection
        fast = compile_row(header, job.table, run)
        ctx = get_context("fork")
        job.counts = ctx.Array("q", len(parts), lock=False)
        for k, part in enumerate(parts):
            receive, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(
                target=run_part,
                args=(job, k, part, fast, run, send),
                name=f"load {job.table.name} {k}",
            )
            proc.start()
            send.close()
            job.procs.append(proc)
            job.pipes.append(receive)

    def _next_id(self, table: Table) -> int:
        db_table = table.get_model()._meta.db_table
        qt = connection.ops.quote_name(db_table)
        with connection.cursor() as c:
            c.execute(f"SELECT coalesce(max(id), 0) FROM {qt}")  # noqa: S608 - a model's table
            top = c.fetchone()[0]
            c.execute(
                "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = %s", [db_table]
            )
            return max(top, c.fetchone()[0])

    def finish(self, stopped: bool = False) -> dict[str, int]:
        """Wait for the parts, put their problems in place and copy their rows; a table
        whose parts did not end cleanly loads again in one process. `stopped`: the load
        has already found too many problems, so only problems are gathered."""
        counts = {}
        for name, job in self.jobs.items():
            if not job.procs or job.at is None:
                continue
            results = self._wait(job)
            if any(r is None or "crash" in r for r in results) or not all(
                r["clean"] for r in results[:-1]
            ):
                if stopped:
                    continue
                counts[name] = self._again(job)
                continue
            problems, offset = [], 0
            truncated = False
            for r in results:
                problems += [replace(p, row=p.row + offset) if p.row else p for p in r["problems"]]
                offset += r["records"]
                if r["truncated"]:
                    truncated = True
                    break  # one process would have stopped here
            self._splice(job.at, problems, truncated)
            counts[name] = sum(r["count"] for r in results)
            if not stopped and self.run.writing:
                self._copy(job, results)
        return counts

    def _wait(self, job: Job) -> list[dict | None]:
        progress = self.run.progress
        results: list[dict | None] = [None] * len(job.procs)
        pending = set(range(len(job.procs)))
        shown = 0
        while pending:
            for k in list(pending):
                pipe = job.pipes[k]
                if pipe.poll(POLL_SECONDS / len(job.procs)):
                    with suppress(EOFError):
                        results[k] = pipe.recv()
                    pending.discard(k)
                elif not job.procs[k].is_alive() and not pipe.poll():
                    pending.discard(k)
            if progress and pending and (done := sum(job.counts)) != shown:
                progress(job.table.name, shown := done)
        for proc in job.procs:
            proc.join()
        return results

    def _splice(self, at: int, problems: list, truncated: bool) -> None:
        run = self.run
        run.problems[at:at] = problems
        if truncated or len(run.problems) > MAX_PROBLEMS:
            del run.problems[MAX_PROBLEMS:]
            run.truncated = True

    def _again(self, job: Job) -> int:
        """Load the table in one process, its problems in their place."""
        run = self.run
        before, run.problems = run.problems, []
        try:
            count = load_table(_Folder(job.path), job.table, run)
        except TooMany:
            count = 0
        mine, run.problems = run.problems, before
        self._splice(job.at, mine, run.truncated)
        return count

    def _copy(self, job: Job, results: list[dict]) -> None:
        """Each part's rows into the table. A part's ids were counted from the newlines
        before it; where records held newlines (or blank lines were skipped) they are
        moved down to follow the part before, as one process would have numbered them."""
        writer = writer_for(job.table)
        qn = connection.ops.quote_name
        cols = ", ".join(qn(c) for c in writer.columns)
        target = writer.qtable
        with writer.bulk(self.run), connection.cursor() as c:
            if writer.tally:
                for r in results:
                    writer.tally.merge(r["tally"])
            follows = job.parts[0].base
            for part, r in zip(job.parts, results, strict=True):
                # Attached inside the transaction: one attached before it would be
                # locked by its BEGIN IMMEDIATE, and the parts could not write.
                c.execute(f"ATTACH DATABASE %s AS {part.alias}", [part.stage])
                self.attached.append(part.alias)
                source = f"{part.alias}.{target}"
                if part.base == follows:  # copied record by record, as stored
                    c.execute(f"INSERT INTO {target} SELECT * FROM {source}")  # noqa: S608
                else:
                    c.execute(
                        f"INSERT INTO {target} (id, {cols}) "  # noqa: S608
                        f"SELECT id - %s, {cols} FROM {source} ORDER BY id",
                        [part.base - follows],
                    )
                follows += r["count"]

    def _stop(self) -> None:
        for job in self.jobs.values():
            for proc in job.procs:
                if proc.is_alive():
                    proc.kill()
                proc.join()
            for pipe in job.pipes:
                pipe.close()
            job.procs, job.pipes = [], []


class _Folder:
    """One file of a folder package, as the loader opens it."""

    def __init__(self, path: str):
        self.path = path

    @contextmanager
    def open(self, filename: str):
        with open(self.path, encoding="utf-8-sig", newline="") as stream:
            yield stream
