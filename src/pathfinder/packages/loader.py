"""Validating and loading a data package: all or nothing, streaming, every problem named.

One pass per file: rows are read and checked (packages/reading.py) and, while no problem
has been found anywhere, written by the database's writer (packages/writers/) inside one
transaction; any problem rolls the whole load back. On PostgreSQL the server stores each
file's own bytes while its rows are checked (packages/writers/postgres_csv.py); on SQLite
a big file of a folder package may be read in parts on every core (packages/parallel.py).
"""

import gc
import hashlib
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction

from pathfinder.core.audit import record
from pathfinder.core.files import FileRefused
from pathfinder.packages.actions import keep_reference_date
from pathfinder.packages.manifest import read_manifest
from pathfinder.packages.problems import LoadResult, Problem, Run, TooMany
from pathfinder.packages.reading import finish_writes, load_table
from pathfinder.packages.schema import BY_NAME, TABLES
from pathfinder.packages.source import MANIFEST, Package, PackageError
from pathfinder.packages.timings import timed
from pathfinder.packages.writers import bulk_settings, key_problems, serving

__all__ = ["LoadResult", "Problem", "load_package", "wipe"]


class _Rollback(Exception):
    pass


def load_package(
    path: str | Path,
    *,
    by,
    replace: bool = False,
    dry_run: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> LoadResult:
    """Check every file of the package and, unless `dry_run`, load it in one transaction."""
    from pathfinder.packages.parallel import Parallel, clear_leftovers

    clear_leftovers()
    try:
        pkg = Package(path)
    except PackageError as e:
        return LoadResult(False, errors=[Problem(str(path), None, None, str(e))])
    run = Run(replace, write=not dry_run, progress=progress)
    loaded: dict[str, int] = {}
    parts = Parallel(pkg, run, write=not dry_run)
    try:
        with _no_gc(), bulk_settings(), parts.prepared(), transaction.atomic(), serving(run):
            try:
                for name in pkg.files():
                    if name[:-4] not in BY_NAME:
                        known = ", ".join(t.file for t in TABLES)
                        run.problem(
                            name, None, None, f"not a table of the package format ({known})"
                        )
                manifest, wrong = read_manifest(pkg.manifest_bytes())
                for prop, message in wrong:
                    run.problem(MANIFEST, None, prop, message)
                before = _counts() if replace else None
                if replace and run.write:
                    wipe()
                done: set[str] = set()
                for table in TABLES:
                    parts.start_ready(done)
                    if table.file in pkg.files() and not parts.takes(table):
                        with timed(table.name):
                            loaded[table.name] = load_table(pkg, table, run)
                    done.add(table.name)
                # The digest is read while any parts (or the server) are still writing.
                digest = None if run.problems or dry_run else _digest(pkg)
                loaded.update(parts.finish())
                finish_writes(pkg, run)
            except TooMany:
                parts.finish(stopped=True)
                raise _Rollback from None
            loaded = {t.name: loaded[t.name] for t in TABLES if t.name in loaded}
            parts.check()
            if not run.problems and not dry_run:
                with timed("foreign keys checked"):
                    found = key_problems()
                run.problems += [Problem("(database)", None, None, m) for m in found]
            if run.problems or dry_run:
                raise _Rollback
            keep_reference_date(manifest.reference_date, by=by, replace=replace)
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
        model = table.get_model()
        if tally := table.get_tally():
            tally.clear()
        if tally and not any(f.auto_created and not f.concrete for f in model._meta.get_fields()):
            # Nothing refers to its rows and the totals are cleared: one statement,
            # not a delete signal (and a refresh of the totals) per line.
            with connection.cursor() as c:
                c.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
        else:
            model.objects.all().delete()


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
