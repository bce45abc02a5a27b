"""`pathfinder backup FILE` and `pathfinder restore FILE` (docs/decisions/0156).

The embedded database is copied with SQLite's online backup API, in one step, so the
copy is one committed state even while the app or a load writes. PostgreSQL is copied
with pg_dump's custom format (one snapshot) and put back with pg_restore in a single
transaction. Neither needs the app registry: the settings name the database.
"""

import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

from pathfinder.core.errors import UserError

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


def _database() -> dict:
    from django.conf import settings

    return settings.DATABASES["default"]


def _is_sqlite(db: dict) -> bool:
    return db["ENGINE"] == "django.db.backends.sqlite3"


def _is_postgres(db: dict) -> bool:
    return db["ENGINE"] in (
        "django.db.backends.postgresql",
        "django.db.backends.postgresql_psycopg2",
    )


def backup(file: str) -> str:
    """Write the database to FILE (replaced only once the copy is whole); what was copied."""
    db = _database()
    target = Path(file)
    if target.is_dir():
        raise UserError(f"{file}: is a folder; name the backup file to write")
    if not target.parent.is_dir():
        raise UserError(f"{file}: folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.partial")
    try:
        if _is_sqlite(db):
            _sqlite_backup(_sqlite_path(db), partial)
        elif _is_postgres(db):
            _pg_dump(db, partial)
        else:
            raise UserError(f"backup does not know the database engine {db['ENGINE']}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return db["NAME"]


def restore(file: str, *, clean: bool = False) -> str:
    """Put the backup in FILE into the database the settings name; it must be empty
    unless `clean`, which replaces its contents. What was restored into."""
    db = _database()
    source = Path(file)
    if not source.is_file():
        raise UserError(f"{file}: no such backup file")
    with source.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if _is_sqlite(db):
        if not head.startswith(SQLITE_MAGIC):
            raise UserError(f"{file}: not a backup of the embedded (SQLite) database")
        _sqlite_restore(source, _sqlite_path(db), clean=clean)
    elif _is_postgres(db):
        if not head.startswith(PGDUMP_MAGIC):
            raise UserError(f"{file}: not a PostgreSQL backup (pg_dump custom format)")
        if not clean and _has_tables():
            raise UserError(_not_empty(db["NAME"]))
        options = ["--clean", "--if-exists"] if clean else []
        _pg(
            "pg_restore",
            db,
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *options,
            f"--dbname={db['NAME']}",
            str(source),
        )
    else:
        raise UserError(f"restore does not know the database engine {db['ENGINE']}")
    return db["NAME"]


def _not_empty(name: str) -> str:
    return (
        f"database {name} already holds tables: restore into an empty database, "
        "or pass --clean to replace its contents with the backup"
    )


def _sqlite_path(db: dict) -> Path:
    name = str(db["NAME"])
    if name in ("", ":memory:") or name.startswith("file:"):
        raise UserError("the embedded database is in memory: there is nothing on disk to copy")
    return Path(name)


def _sqlite_backup(path: Path, partial: Path) -> None:
    if not path.is_file():
        raise UserError(f"no database at {path} to back up")
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(partial)
    try:
        # All pages in one step: one read transaction, so one committed state.
        src.backup(dst, pages=-1)
        # The copy stands alone, with no write-ahead log beside it.
        dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as e:
        raise UserError(f"backup of {path} failed: {e}") from None
    finally:
        dst.close()
        src.close()


def _sqlite_restore(source: Path, path: Path, *, clean: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not clean and path.is_file() and _has_tables():
        raise UserError(_not_empty(str(path)))
    dst = sqlite3.connect(path, timeout=30)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            src.execute("PRAGMA schema_version").fetchone()
            src.backup(dst, pages=-1)
        except sqlite3.DatabaseError as e:
            raise UserError(f"{source}: not a readable SQLite backup ({e})") from None
        finally:
            src.close()
    finally:
        dst.close()


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    env["PGDATABASE"] = db["NAME"]
    return env


def _pg(program: str, db: dict, *args: str) -> None:
    if shutil.which(program) is None:
        raise UserError(
            f"{program} is not installed: install the PostgreSQL client of the server's version"
        )
    done = subprocess.run([program, *args], env=_pg_env(db), capture_output=True, text=True)
    if done.returncode != 0:
        raise UserError(f"{program} failed: {done.stderr.strip() or done.returncode}")


# A load into an empty ledger drops and rebuilds its indexes in its own transaction; a
# dump that starts then can read a catalog entry the load has since dropped. The dump
# fails whole and writes nothing usable, so it is simply taken again.
RACED = "cache lookup failed"
DUMP_TRIES = 10


def _pg_dump(db: dict, partial: Path) -> None:
    for attempt in range(DUMP_TRIES):
        try:
            _pg("pg_dump", db, "--format=custom", "--no-owner", f"--file={partial}")
            return
        except UserError as e:
            if RACED not in str(e) or attempt == DUMP_TRIES - 1:
                raise
            time.sleep(0.5)


def _has_tables() -> bool:
    from django.db import DatabaseError, connection

    try:
        return bool(connection.introspection.table_names())
    except DatabaseError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise UserError(
            f"cannot open database {connection.settings_dict['NAME']}: {first}"
        ) from None
    finally:
        connection.close()
