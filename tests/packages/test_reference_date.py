"""A package may name its reference date in datapackage.json; the app opens on it
(docs/decisions/0180-a-package-names-its-reference-date.md)."""

import datetime as dt
import json
import shutil
import zipfile

import pytest
from django.test import Client
from django.utils import timezone

from pathfinder.core.accounts import ensure_demo_accounts
from pathfinder.demo import DEMO_PACKAGE
from pathfinder.packages.export import export_package
from pathfinder.packages.facts import reference_date
from pathfinder.packages.loader import load_package
from pathfinder.packages.manifest import read_manifest
from tests.conftest import EAST
from tests.web.conftest import signed_in

DEMO_DATE = dt.date(2011, 11, 30)


def test_the_manifest_is_read_and_checked():
    assert read_manifest(None)[0].reference_date is None
    assert read_manifest(b'{"name": "x"}') == (read_manifest(None)[0], [])
    assert read_manifest(b'{"reference_date": "2011-11-30"}')[0].reference_date == DEMO_DATE
    assert read_manifest(b'{"reference_date": "30/11/2011"}')[1] == [
        ("reference_date", "not a date (YYYY-MM-DD): '30/11/2011'")
    ]
    assert read_manifest(b"[1]")[1] == [(None, "must be a JSON object")]
    assert read_manifest(b"{")[1][0][1].startswith("not JSON")


def _client():
    from django.contrib.auth import get_user_model

    ensure_demo_accounts(by="test:reference-date")
    user = get_user_model().objects.get(username="governance_lead")
    return signed_in(Client(), user)


def _shown_on(client, url: str) -> str:
    return client.get(url).content.decode()


@pytest.mark.django_db
def test_a_fresh_demo_database_opens_on_the_demo_date():
    assert load_package(DEMO_PACKAGE, by="test:demo").ok
    assert reference_date() == DEMO_DATE
    client = _client()
    finance = _shown_on(client, "/finance/")
    assert "as at 30 November 2011" in finance
    assert "No budget" not in finance
    assert "£583,200,000.00" in finance  # the demo's budgets of 2011-12
    qipp = _shown_on(client, "/qipp/")
    assert "5 schemes" in qipp
    heat = _shown_on(client, "/risks/C-CAM/heat-map/")
    assert "2 risks open on 30 November 2011" in heat
    # The control shows the date in its three boxes.
    assert 'name="as_at-day" type="text" value="30"' in " ".join(finance.split())


@pytest.mark.django_db
def test_a_database_loaded_without_the_field_opens_on_today():
    assert load_package(EAST, by="test:east").ok
    assert reference_date() is None
    client = _client()
    today = timezone.localdate()
    assert f"as at {today.day} {today:%B %Y}" in _shown_on(client, "/finance/")


@pytest.mark.django_db
def test_a_chosen_date_wins_and_emptying_the_control_goes_back_to_the_package_date():
    assert load_package(DEMO_PACKAGE, by="test:demo").ok
    client = _client()
    chosen = "/finance/?as_at-day=1&as_at-month=10&as_at-year=2011"
    assert "as at 1 October 2011" in _shown_on(client, chosen)
    assert "as at 1 October 2011" in _shown_on(client, "/finance/")  # remembered
    assert "as at 1 October 2011" in _shown_on(client, "/finance/?as_at=2011-10-01")
    emptied = "/finance/?as_at-day=&as_at-month=&as_at-year="
    assert "as at 30 November 2011" in _shown_on(client, emptied)
    wrong = _shown_on(client, "/finance/?as_at-day=31&as_at-month=2&as_at-year=2011")
    assert "Date must be a real date" in wrong
    assert "as at 30 November 2011" in wrong


@pytest.mark.django_db
def test_replacing_with_a_package_without_the_date_drops_it_and_adding_keeps_it(tmp_path):
    assert load_package(DEMO_PACKAGE, by="test:demo").ok
    assert load_package(EAST, by="test:east", replace=True).ok
    assert reference_date() is None
    assert load_package(DEMO_PACKAGE, by="test:demo", replace=True).ok
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "people.csv").write_text("person_id,name,profession\nP-NEW,Ann New,lay\n")
    assert load_package(extra, by="test:extra").ok
    assert reference_date() == DEMO_DATE


@pytest.mark.django_db
def test_the_date_goes_round_trip_and_is_read_from_a_zip(tmp_path):
    assert load_package(DEMO_PACKAGE, by="test:demo").ok
    export_package(tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "datapackage.json").read_text())
    assert manifest["reference_date"] == "2011-11-30"
    zipped = tmp_path / "demo.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        for f in sorted((tmp_path / "out").iterdir()):
            z.write(f, f"demo/{f.name}")
    assert load_package(zipped, by="test:zip", replace=True).ok
    assert reference_date() == DEMO_DATE


@pytest.mark.django_db
def test_a_wrong_reference_date_is_named_and_nothing_is_loaded(tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(DEMO_PACKAGE, bad)
    (bad / "datapackage.json").write_text('{"reference_date": "2011-02-30"}')
    result = load_package(bad, by="test:bad")
    assert not result.ok
    assert [str(p) for p in result.errors] == [
        "datapackage.json:reference_date: not a date (YYYY-MM-DD): '2011-02-30'"
    ]
    assert reference_date() is None
