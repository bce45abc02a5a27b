"""The pack page: who may see it, its link from the body page, and a number of queries
that does not grow with the size of the package."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test import Client

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


def _counts(assert_max_queries) -> dict[str, int]:
    out = {}
    for kind, body in _boards().items():
        client = viewer(Body.objects.get(pk=body).org_id)
        client.get(url(body))  # the session and the user's scope are read once
        with assert_max_queries(QUERY_BUDGET, url(body)) as ctx:
            assert client.get(url(body)).status_code == 200
        out[kind] = len(ctx)
    return out


@pytest.mark.django_db
def test_the_page_queries_do_not_grow_with_the_package(tmp_path, grow_east, assert_max_queries):
    assert load_package(EAST, by="test:pack").ok
    small = _counts(assert_max_queries)
    grow_east(3000)
    assert Risk.objects.count() > 3000
    assert small == _counts(assert_max_queries)
    # Another package of another shape stays within the same budget.
    write_synthetic(tmp_path / "synth", scale="small", seed=1)
    assert load_package(tmp_path / "synth", by="test:pack", replace=True).ok
    assert {"pct", "consortium", "cluster"} <= _counts(assert_max_queries).keys()
