import csv

from pathfinder.packages.export import export_package
from pathfinder.packages.loader import load_package, wipe
from pathfinder.packages.schema import TABLES
from tests.conftest import EAST


def read_tables(folder):
    return {t.name: (folder / t.file).read_text(encoding="utf-8") for t in TABLES}


def test_east_loads_every_table(east):
    present = {p.stem for p in EAST.glob("*.csv")}
    assert set(east.loaded) == present
    for table in present:
        with open(EAST / f"{table}.csv", encoding="utf-8-sig", newline="") as f:
            assert east.loaded[table] == sum(1 for _ in csv.reader(f)) - 1, table


def test_export_load_export_is_identical(east, tmp_path):
    export_package(tmp_path / "one")
    wipe()
    again = load_package(tmp_path / "one", by="test")
    assert again.ok, [str(p) for p in again.errors]
    export_package(tmp_path / "two")
    assert read_tables(tmp_path / "one") == read_tables(tmp_path / "two")
    assert sum(again.loaded.values()) == sum(east.loaded.values())
