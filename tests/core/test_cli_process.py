"""The `pathfinder` program as a user runs it: a child process with its own database.

Analysis commands end without tearing the interpreter down (docs/decisions/0063): what
they print must still arrive whole, and their exit status must still say how it went.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EAST

PATHFINDER = str(Path(sys.executable).parent / "pathfinder")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "pathfinder.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    done = subprocess.run(
        [PATHFINDER, "load", str(EAST), "--json"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return env


def run(env, *args):
    return subprocess.run([PATHFINDER, *args], env=env, capture_output=True, text=True)


def test_an_analysis_prints_its_whole_answer_and_succeeds(env):
    done = run(env, "finance", "--year", "2011-12", "--by", "organisation", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["year"] == "2011-12" and len(answer["rows"]) > 1


def test_a_long_answer_arrives_whole_through_a_pipe(env):
    done = run(env, "accountability", "--as-at", "2011-10-01", "--json")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout) > 1000
    assert json.loads(done.stdout)["as_at"] == "2011-10-01"


def test_a_refused_analysis_says_why_and_fails(env):
    done = run(env, "finance", "--year", "2011-13", "--by", "statutory", "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["ok"] is False
    assert "2011-13" in done.stderr


def test_a_reader_that_goes_away_does_not_get_a_traceback(env):
    child = subprocess.Popen(
        [PATHFINDER, "accountability", "--as-at", "2011-10-01", "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert len(child.stdout.read(10)) == 10
    child.stdout.close()  # as `| head -c 10` does
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) in (0, 1)
    assert "Traceback" not in err


def sqlite_file(env) -> str | None:
    url = env["DATABASE_URL"]
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None


def test_a_load_leaves_the_database_write_ahead_logged(env):
    """The load writes through a rollback journal (docs/decisions/0126) and puts the
    write-ahead log back when it ends."""
    with sqlite3.connect(sqlite_file(env)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_load_beside_an_open_connection_keeps_the_log_and_succeeds(env, tmp_path):
    (tmp_path / "ledger.csv").write_bytes((EAST / "ledger.csv").read_bytes())
    reader = sqlite3.connect(sqlite_file(env))
    try:
        before = reader.execute("SELECT count(*) FROM finance_ledgerentry").fetchone()[0]
        done = run(env, "load", str(tmp_path))
        assert done.returncode == 0, done.stderr
        after = reader.execute("SELECT count(*) FROM finance_ledgerentry").fetchone()[0]
        assert after == before + len((EAST / "ledger.csv").read_text().splitlines()) - 1
        assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        reader.close()
