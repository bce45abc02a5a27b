"""Scratch databases for the operations tests, on the engine the suite runs on: files
for the embedded database, new databases on the same server for PostgreSQL."""

import contextlib
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url

PATHFINDER = str(Path(sys.executable).parent / "pathfinder")


def suite_url() -> str:
    return os.environ.get("DATABASE_URL", "")


def on_postgres() -> bool:
    return suite_url().startswith(("postgres://", "postgresql://"))


def _server(url: str) -> dict:
    db = dj_database_url.parse(url)
    return {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }


@contextlib.contextmanager
def scratch_databases(tmp_path: Path, count: int):
    """`count` empty databases' URLs; dropped afterwards."""
    if not on_postgres():
        yield [f"sqlite:///{tmp_path / f'db{i}.sqlite3'}" for i in range(count)]
        return
    import psycopg

    base = suite_url().rsplit("/", 1)[0]
    names = [f"test_ops_{uuid.uuid4().hex[:10]}" for _ in range(count)]
    with psycopg.connect(**_server(suite_url())) as c:
        for name in names:
            c.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [f"{base}/{name}" for name in names]
    finally:
        with psycopg.connect(**_server(suite_url())) as c:
            for name in names:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rows(url: str, sql: str) -> list[tuple]:
    """The rows a query answers, read straight from the database (not through the app)."""
    if url.startswith("sqlite:///"):
        con = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            return [tuple(r) for r in con.execute(sql)]
        finally:
            con.close()
    import psycopg

    conn = {**_server(url), "dbname": dj_database_url.parse(url)["NAME"]}
    with psycopg.connect(**conn) as c:
        return [tuple(r) for r in c.execute(sql)]


def pathfinder(url: str, *args: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [PATHFINDER, *args], env=env, capture_output=True, text=True, timeout=300, **kw
    )
    if check:
        assert done.returncode == 0, (args, done.stderr)
    return done


def start(url: str, *args: str, **env) -> subprocess.Popen:
    return subprocess.Popen(
        [PATHFINDER, *args],
        env={**os.environ, "DATABASE_URL": url, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
