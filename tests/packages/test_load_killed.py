"""A load killed at any moment leaves the database as it was, and nothing behind.

Each run is a whole `pathfinder load --replace` process killed with SIGKILL at a fixed
fraction of a whole load's time; the database's export is then compared with its export
from before. The database is a file (SQLite) or a database on the test run's PostgreSQL
server, made for this test, so the killed process and the test see the same one.
"""

import csv
import filecmp
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import EAST, ROOT

# Moments to kill at, as fractions of a whole load's time: the ten points the seed 20182
# draws from 0.05-0.8 (`sorted(round(random.Random(20182).uniform(0.05, 0.8), 3) for _ in
# range(10))`), the first seed after 20111 whose points are all at least 0.03 apart, so
# that no two are the same moment of the load give or take a shared machine's jitter.
KILL_AT = (0.073, 0.189, 0.263, 0.36, 0.511, 0.546, 0.578, 0.619, 0.667, 0.71)
PATHFINDER = str(Path(sys.executable).parent / "pathfinder")


@pytest.fixture
def database_url(tmp_path):
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'killed.sqlite3'}"
        return
    import psycopg

    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"test_killed_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def big_package(tmp_path: Path) -> Path:
    """The region synthetic package with its ledger three times over (about 27 MB, so
    it loads in parts where the database allows)."""
    pkg = tmp_path / "big"
    subprocess.run(
        [PATHFINDER, "synth", "--scale", "region", "--seed", "3", str(pkg)],
        check=True,
        capture_output=True,
    )
    with open(pkg / "ledger.csv", encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    with open(pkg / "ledger.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows, *rows, *rows])
    return pkg


def test_a_killed_load_leaves_the_database_as_it_was(tmp_path, database_url):
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "DATABASE_URL": database_url, "TMPDIR": str(temp)}

    def run(*args, check=True):
        done = subprocess.run(
            [PATHFINDER, *args], env=env, capture_output=True, text=True, check=False
        )
        assert not check or done.returncode == 0, done.stderr[-2000:]
        return done

    def export(name: str) -> Path:
        shutil.rmtree(tmp_path / name, ignore_errors=True)
        run("export", str(tmp_path / name))
        return tmp_path / name

    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True)
    big = big_package(tmp_path)
    start = time.perf_counter()
    run("load", str(big))
    whole = time.perf_counter() - start
    after_big = export("after-big")
    run("load", "--replace", str(EAST))
    before = export("before")

    finished = 0
    for k, at in enumerate(KILL_AT):
        proc = subprocess.Popen(
            [PATHFINDER, "load", "--replace", str(big)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(at * whole)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        assert proc.returncode in (0, -signal.SIGKILL), f"kill {k}: {err[-2000:]}"
        now = export(f"after-kill-{k}")
        if same(after_big, now):  # ended, or killed after its commit: a finished load
            finished += 1
            run("load", "--replace", str(EAST))
            continue
        assert same(before, now), f"kill {k}: neither the database before nor after"
        assert not list(tmp_path.glob("*.sqlite3-journal")), f"kill {k}: a hot journal"

    assert finished <= 4, "most kills should land inside the load"
    # The next load succeeds and leaves no staging files behind.
    run("load", "--replace", str(big))
    assert not [p for p in temp.iterdir() if p.name.startswith("pathfinder-load-")]
    assert same(after_big, export("again"))


def same(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors
