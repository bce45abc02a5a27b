"""Synthetic packages: the same seed gives the same files; every table is there and loads."""

import csv

import pytest

from pathfinder.packages.loader import load_package
from pathfinder.packages.schema import TABLES
from pathfinder.packages.synth import SCALES, money, write_synthetic


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "small-7"
    counts = write_synthetic(out, scale="small", seed=7)
    return out, counts


def test_same_seed_same_bytes(small, tmp_path):
    first, _ = small
    again = tmp_path / "again"
    write_synthetic(again, scale="small", seed=7)
    for table in TABLES:
        assert (again / table.file).read_bytes() == (first / table.file).read_bytes(), table.file


def test_another_seed_differs(small, tmp_path):
    first, _ = small
    other = tmp_path / "other"
    write_synthetic(other, scale="small", seed=8)
    assert (other / "people.csv").read_bytes() != (first / "people.csv").read_bytes()


def test_every_table_has_rows_and_the_schema_header(small):
    out, counts = small
    assert set(counts) == {t.name for t in TABLES}
    for table in TABLES:
        with open(out / table.file, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == [c.name for c in table.columns], table.file
        assert len(rows) - 1 == counts[table.name] > 0, table.file
    assert counts["ledger"] == SCALES["small"].ledger


def test_progress_is_reported_per_table(tmp_path):
    seen = []
    write_synthetic(tmp_path / "p", scale="small", seed=1, progress=lambda *a: seen.append(a))
    finished = {what for what, n, total in seen if n == total}
    assert finished == {t.name for t in TABLES}


@pytest.mark.django_db
def test_validates_and_loads(small):
    out, counts = small
    checked = load_package(out, by="test", dry_run=True)
    assert checked.ok, [str(p) for p in checked.errors[:10]]
    loaded = load_package(out, by="test")
    assert loaded.ok, [str(p) for p in loaded.errors[:10]]
    assert loaded.loaded == counts
    for table in TABLES:
        assert table.get_model().objects.count() == counts[table.name], table.name


@pytest.mark.django_db
def test_effective_dates_are_within_the_organisations_lives(small):
    from pathfinder.organisations.models import Organisation
    from pathfinder.people.models import Post

    out, _ = small
    assert load_package(out, by="test").ok
    for post in Post.objects.select_related("org"):
        org = post.org
        assert org.opened is None or post.valid_from >= org.opened
        if org.closed:
            assert post.valid_to is not None and post.valid_to <= org.closed
    assert Organisation.objects.filter(kind="consortium").count() == SCALES["small"].consortia


def test_money_text():
    assert money(123456) == "1234.56"
    assert money(-5) == "-0.05"
    assert money(0) == "0.00"
