"""`pathfinder backup` and `restore` as an operator runs them, on the suite's engine
(SQLite's online backup API, or pg_dump and pg_restore for PostgreSQL)."""

from pathlib import Path

import pytest

from tests.conftest import EAST
from tests.ops.dbs import pathfinder, rows, scratch_databases, start

AUDIT = (
    "SELECT id, at, actor, operation, model, object_id, before, after "
    "FROM core_auditevent ORDER BY id"
)


def exported(url: str, folder: Path) -> dict[str, bytes]:
    pathfinder(url, "export", str(folder))
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


def state(url: str, folder: Path) -> tuple[dict[str, bytes], list[tuple]]:
    return exported(url, folder), rows(url, AUDIT)


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    # Region-sized (100,000 ledger lines): long enough a load that a backup starting
    # after it is under way on a quiet machine, on either database.
    out = tmp_path_factory.mktemp("synth") / "region"
    pathfinder("sqlite://:memory:", "synth", "--scale", "region", "--seed", "3", str(out))
    return out


def test_a_backup_taken_during_a_load_restores_to_one_whole_state(tmp_path, region):
    with scratch_databases(tmp_path, 2) as (live, fresh):
        pathfinder(live, "load", str(EAST))
        before = state(live, tmp_path / "before")
        assert before[1], "the load records audit events"

        load = start(live, "load", "--replace", str(region))
        backups, during = [], 0
        while load.poll() is None or not backups:
            file = tmp_path / f"backup{len(backups)}"
            pathfinder(live, "backup", str(file))
            backups.append(file)
            during += load.poll() is None
        out, err = load.communicate(timeout=300)
        assert load.returncode == 0, err
        after = state(live, tmp_path / "after")
        assert after != before
        assert during >= 1, "no backup was taken while the load ran"

        for i, file in enumerate(backups[-2:]):
            pathfinder(fresh, "restore", str(file), *(["--clean"] if i else []))
            restored = state(fresh, tmp_path / f"restored{i}")
            assert restored in (before, after), f"{file.name} is neither before nor after"

        pathfinder(live, "backup", str(tmp_path / "settled"))
        pathfinder(fresh, "restore", "--clean", str(tmp_path / "settled"))
        assert state(fresh, tmp_path / "settled-restored") == after


def test_restore_refuses_a_database_that_holds_tables_and_changes_nothing(tmp_path):
    with scratch_databases(tmp_path, 2) as (live, other):
        pathfinder(live, "load", str(EAST))
        pathfinder(live, "backup", str(tmp_path / "east.backup"))
        pathfinder(other, "restore", str(tmp_path / "east.backup"))
        audit_before = rows(other, AUDIT)

        done = pathfinder(other, "restore", str(tmp_path / "east.backup"), check=False)
        assert done.returncode == 1
        assert "already holds tables" in done.stderr and "--clean" in done.stderr
        assert "Traceback" not in done.stderr
        assert rows(other, AUDIT) == audit_before

        pathfinder(other, "restore", "--clean", str(tmp_path / "east.backup"))
        assert exported(other, tmp_path / "a") == exported(live, tmp_path / "b")
        assert rows(other, AUDIT) == rows(live, AUDIT)


def test_a_file_that_is_no_backup_is_refused_by_name(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database\n")
    with scratch_databases(tmp_path, 1) as (fresh,):
        done = pathfinder(fresh, "restore", str(bad), check=False)
        assert done.returncode == 1
        assert f"{bad}: not a" in done.stderr and "Traceback" not in done.stderr
        missing = pathfinder(fresh, "restore", str(tmp_path / "nothing"), check=False)
        assert missing.returncode == 1 and "no such backup file" in missing.stderr
        nowhere = pathfinder(fresh, "backup", str(tmp_path / "no" / "f"), check=False)
        assert nowhere.returncode == 1 and "does not exist" in nowhere.stderr
