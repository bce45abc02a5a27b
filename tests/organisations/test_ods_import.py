"""Importing real ODS extracts into the database: counts, idempotence, audit."""

import zipfile

import pytest

from pathfinder.core.models import AuditEvent
from pathfinder.organisations.models import Organisation, Relationship
from pathfinder.organisations.ods import import_ods
from tests.conftest import SHARED

DATA = SHARED / "data"
ECCG = DATA / "ods-eccg" / "eccg_2025.csv"
EPRACCUR = DATA / "ods-epraccur" / "epraccur_2019-12.csv"
ETR = DATA / "ods-etr" / "etr_2025.csv"

pytestmark = pytest.mark.skipif(not EPRACCUR.exists(), reason="shared NHS data not present")


def state():
    orgs = list(
        Organisation.objects.values_list("code", "name", "kind", "statutory", "opened", "closed")
    )
    links = list(
        Relationship.objects.values_list(
            "id", "parent_id", "child_id", "kind", "valid_from", "valid_to"
        )
    )
    return orgs, links


def changed(counts):
    return {k: v for k, v in counts.items() if k.endswith(("_created", "_updated")) and v}


@pytest.mark.django_db
def test_ccgs_then_practices_and_again_changes_nothing():
    seen = []
    first = [
        import_ods(path, by="test:ods", progress=lambda *a: seen.append(a))
        for path in (ECCG, EPRACCUR)
    ]
    assert first[0]["file_type"] == "eccg" and first[1]["file_type"] == "epraccur"
    assert Organisation.objects.filter(kind="practice").count() == 8204
    assert first[1]["kind_practice"] == 8204
    # every practice's commissioner is in the eccg file, so each has its membership
    assert Relationship.objects.filter(kind="member_practice").count() == 8204
    assert first[1]["unknown_commissioner"] == 0
    assert AuditEvent.objects.filter(operation="import").count() == 2
    event = AuditEvent.objects.filter(operation="import", object_id=EPRACCUR.name).get()
    assert event.actor == "test:ods"
    assert event.after["organisations_created"] == first[1]["organisations_created"]
    assert any(what == "organisations created" for what, *_ in seen)

    closed = Organisation.objects.get(code="A81003")
    assert str(closed.closed) == "2017-10-31" and str(closed.opened) == "1974-04-01"
    membership = Relationship.objects.get(child_id="A81003", kind="member_practice")
    assert (membership.parent_id, str(membership.valid_from), str(membership.valid_to)) == (
        "00K",
        "2013-04-01",
        "2017-10-31",
    )

    before = state()
    again = [import_ods(path, by="test:ods") for path in (ECCG, EPRACCUR)]
    assert [changed(c) for c in again] == [{}, {}]
    assert again[1]["organisations_unchanged"] == first[1]["organisations_created"]
    assert again[1]["relationships_unchanged"] == 8204
    assert state() == before
    assert AuditEvent.objects.filter(operation="import").count() == 2


@pytest.mark.django_db
def test_practices_before_their_commissioners_get_no_memberships(tmp_path):
    path = tmp_path / "epraccur.csv"
    lines = EPRACCUR.read_text().splitlines(keepends=True)[:200]
    path.write_text("".join(lines))
    practices = sum(1 for line in lines if line.rstrip().endswith('"4",""'))
    counts = import_ods(path, by="test:ods")
    assert counts["relationships_created"] == 0
    assert counts["unknown_commissioner"] == counts["kind_practice"] == practices > 0


@pytest.mark.django_db
def test_trusts_from_a_zip(tmp_path):
    path = tmp_path / "etr.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.write(ETR, "etr.csv")
    counts = import_ods(path, by="test:ods")
    assert counts["file_type"] == "etr"
    assert counts["organisations_created"] == counts["rows"] == 273
    assert Organisation.objects.filter(kind="trust", statutory=True).count() == 273
    assert changed(import_ods(path, by="test:ods")) == {}


@pytest.mark.django_db
def test_import_into_a_loaded_package_keeps_its_names(east, tmp_path):
    path = tmp_path / "mine.csv"
    row = ['"RGT"', '"CAMBRIDGE UNIVERSITY HOSPITALS NHS FOUNDATION TRUST"'] + ['""'] * 25
    row[10], row[23] = '"20040701"', '"C"'
    path.write_text(",".join(row) + "\n")
    counts = import_ods(path, by="test:ods")
    assert counts["organisations_unchanged"] == 1
    assert Organisation.objects.get(code="RGT").name.startswith("Cambridge University")
