"""The pack page: who may see it, its link from the body page, and a number of queries
that does not grow with the size of the package."""

import csv
import datetime as dt
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pathfinder.core import actions
from pathfinder.core.models import RoleAssignment
from pathfinder.governance.models import Body
from pathfinder.packages.loader import load_package
from pathfinder.packages.synth import write_synthetic
from pathfinder.risks.models import Risk
from tests.conftest import EAST
from tests.web.conftest import signed_in

AS_AT = "2011-10-15"
QUERY_BUDGET = 80


def url(body: str, as_at: str = AS_AT) -> str:
    return f"/bodies/{body}/pack/?as_at={as_at}"


def viewer(org: str):
    user = actions.create(
        get_user_model(),
        by="test:pack",
        username=f"viewer-{org}-{get_user_model().objects.count()}",
        password=make_password(None),
    )
    actions.create(RoleAssignment, by="test:pack", user=user, role="viewer", org_code=org)
    return signed_in(Client(), user)


def test_a_viewer_of_the_organisation_reads_the_pack(east):
    client = viewer("5PP")
    page = client.get(url("B-5PP")).content.decode()
    assert "NHS Cambridgeshire Board" in page and "Declarations of interest" in page
    assert "reports/pack.css" in page and "Records as at" in page
    body_page = client.get(f"/bodies/B-5PP/?as_at={AS_AT}").content.decode()
    assert f'href="/bodies/B-5PP/pack/?as_at={AS_AT}"' in body_page


def test_the_pack_of_a_body_outside_the_scope_is_not_found(east, outsider_user):
    outsider = signed_in(Client(), outsider_user)
    assert outsider.get(url("B-5PP")).status_code == 404
    assert outsider.get(url("B-NONE")).status_code == 404
    anonymous = Client().get(url("B-5PP"))
    assert anonymous.status_code == 302 and "/sign-in/" in anonymous["Location"]


def test_a_date_with_no_data_says_so(east):
    page = viewer("5PP").get(url("B-5PP", "1999-01-01"))
    assert page.status_code == 200
    assert "has no members on 1999-01-01" in page.content.decode()


def _queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(address).status_code == 200
    return len(ctx.captured_queries)


def _boards() -> dict[str, str]:
    """A board of each kind of organisation that has one, with a meeting after D."""
    out = {}
    for body, kind in (
        Body.objects.filter(kind="board", meetings__date__gte=dt.date.fromisoformat(AS_AT))
        .order_by("body_id")
        .values_list("body_id", "org__kind")
    ):
        out.setdefault(kind, body)
    return out


def _grown(tmp_path, n: int):
    """The example with n more risks, ledger lines, QIPP schemes and interests in the
    cluster (Cambridge consortium)."""
    pkg = tmp_path / "grown"
    shutil.copytree(EAST, pkg, ignore=shutil.ignore_patterns("expected", "cases.json"))

    def add(name, rows):
        with (pkg / name).open("a", newline="") as f:
            csv.writer(f).writerows(rows)

    add("risks.csv", [
        [f"X{i:05d}", "C-CAM", f"Grown risk {i}", "operational", "P03", 1 + i % 5,
         1 + (i // 5) % 5, 1 + i % 5, 1 + (i // 5) % 5, 1, 1, "2011-05-01", "2011-08-01", 90, ""]
        for i in range(n)
    ])  # fmt: skip
    add("ledger.csv", [
        [f"2011-{4 + i % 6:02d}-{1 + i % 28:02d}", "C-CAM", "community", f"Supplier {i % 50}",
         f"{100 + i}.25", f"GROWN{i:06d}"]
        for i in range(n)
    ])  # fmt: skip
    add("qipp_schemes.csv", [
        [f"Q-X{i:04d}", "C-CAM", f"Grown scheme {i}", "productivity", "P03", "2011-12", "", ""]
        for i in range(n // 10)
    ])  # fmt: skip
    add(
        "qipp_savings.csv",
        [[f"Q-X{i:04d}", "2011-06", "1000.00", "900.00"] for i in range(n // 10)],
    )
    add("interests.csv", [
        [f"IX{i:05d}", "P03", "non_financial_personal", "", f"Grown interest {i}", "2011-01-01", "",
         "2011-01-10"]
        for i in range(n // 10)
    ])  # fmt: skip
    return pkg


def _counts(django_assert_max_num_queries) -> dict[str, int]:
    out = {}
    for kind, body in _boards().items():
        client = viewer(Body.objects.get(pk=body).org_id)
        client.get(url(body))  # the session and the user's scope are read once
        with django_assert_max_num_queries(QUERY_BUDGET):
            out[kind] = _queries(client, url(body))
    return out


@pytest.mark.django_db
def test_the_page_queries_do_not_grow_with_the_package(tmp_path, django_assert_max_num_queries):
    assert load_package(EAST, by="test:pack").ok
    small = _counts(django_assert_max_num_queries)
    assert load_package(_grown(tmp_path, 3000), by="test:pack", replace=True).ok
    assert Risk.objects.count() > 3000
    assert small == _counts(django_assert_max_num_queries)
    # Another package of another shape stays within the same budget.
    write_synthetic(tmp_path / "synth", scale="small", seed=1)
    assert load_package(tmp_path / "synth", by="test:pack", replace=True).ok
    assert {"pct", "consortium", "cluster"} <= _counts(django_assert_max_num_queries).keys()
