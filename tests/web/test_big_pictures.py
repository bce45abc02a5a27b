"""The structure picture and the accountability map of a big area open at a summary,
each part a link that draws that part; the findings and chains of a big area come a
page at a time. On the synthetic region package (one SHA, 5 clusters, 25 consortia,
800 practices) as an administrator of every organisation with nothing above it."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test import Client

from pathfinder.core import actions
from pathfinder.core.listing import PAGE_SIZE
from pathfinder.core.models import RoleAssignment
from pathfinder.core.scope import BELOW_KINDS
from pathfinder.governance.accountability import map as accountability_map
from pathfinder.governance.accountability.area import load_area
from pathfinder.organisations.models import Organisation, Relationship
from pathfinder.packages.loader import load_package
from pathfinder.packages.synth import write_synthetic
from tests.web.conftest import BACKEND

pytestmark = pytest.mark.django_db
D = dt.date(2011, 10, 1)
SUMMARY = b"too big to draw every organisation"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "region"
    write_synthetic(out, scale="region", seed=1)
    return out


def _client(username, role, codes) -> Client:
    user = actions.create(
        get_user_model(), by="test", username=username, password=make_password(None)
    )
    for code in codes:
        actions.create(RoleAssignment, by="test", user=user, role=role, org_code=code)
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def region(package):
    assert load_package(package, by="test:region").ok
    below = Relationship.objects.filter(kind__in=BELOW_KINDS).values("child_id")
    tops = Organisation.objects.exclude(code__in=below).values_list("code", flat=True)
    return _client("national-admin", "administrator", list(tops))


def _get(client, url, **query):
    return client.get(url, {"as_at": D.isoformat(), **query})


def _roots(html: bytes, path: str) -> list[str]:
    return re.findall(rf'href="{path}\?root=([^"&]+)"'.encode(), html)


def test_the_structure_of_a_big_area_opens_at_a_summary_and_drills_down(region):
    page = _get(region, "/structure/")
    assert page.status_code == 200
    html = page.content
    assert SUMMARY in html
    assert b"GP practice \xc2\xb7" not in html  # no practice is drawn
    assert re.search(rb"\d+ PCTs?, \d+ consortia, \d+ practices", html)
    clusters = set(Organisation.objects.filter(kind="cluster").values_list("code", flat=True))
    drilled = {c.decode() for c in _roots(html, "/structure/")}
    assert clusters <= drilled

    consortium = Organisation.objects.filter(kind="consortium").order_by("code").first()
    part = _get(region, "/structure/", root=consortium.code)
    assert part.status_code == 200
    assert SUMMARY not in part.content
    practices = Relationship.objects.in_force(D).filter(
        parent=consortium, kind="member_practice", child__closed__isnull=True
    )
    assert practices.exists()
    for rel in practices:
        assert f"/organisations/{rel.child_id}/".encode() in part.content
    # Back up: the breadcrumbs lead to the whole structure.
    assert b'class="nhsuk-breadcrumb"' in part.content
    assert b'href="/structure/"' in part.content


def test_an_outsider_cannot_drill_into_another_area(region):
    first, second = Organisation.objects.filter(kind="cluster").order_by("code")[:2]
    editor = _client("one-cluster", "editor", [first.code])
    assert _get(editor, "/structure/", root=first.code).status_code == 200
    assert _get(editor, "/structure/", root=second.code).status_code == 404
    assert _get(editor, "/accountability/", root=second.code).status_code == 404
    assert _get(editor, "/accountability/findings/", root=second.code).status_code == 404
    # A cluster is small enough to draw whole, as the scope of one editor.
    assert SUMMARY not in _get(editor, "/structure/").content


def test_the_map_of_a_big_area_counts_its_parts_from_the_one_analysis(region, monkeypatch):
    monkeypatch.setattr(accountability_map, "MAX_NODES", 60)
    page = _get(region, "/accountability/")
    assert page.status_code == 200
    assert b"too many organisations, bodies and functions to draw" in page.content
    assert b'class="pf-amap"' not in page.content
    codes = _roots(page.content, "/accountability/")
    assert codes
    # Each part's findings are those its own page lists.
    scope = set(Organisation.objects.values_list("code", flat=True))
    rows = re.findall(
        rb'\?root=([^"&]+)">[^<]*<span[^>]*>: draw its map</span></a>.*?</tr>',
        page.content,
        re.S,
    )
    assert rows
    for code in rows[:3]:
        area = load_area(D, scope, code.decode())
        high = sum(1 for f in area.findings if f.severity == "high")
        row = page.content.split(b"?root=" + code + b'">', 1)[1].split(b"</tr>", 1)[0]
        cells = re.findall(rb'<td class="nhsuk-table__cell[^"]*">([^<]*)</td>', row)
        assert int(cells[-3]) == high
    # Drilling down, one part at a time, comes to a part small enough to draw.
    for _ in range(4):
        smallest = min(codes, key=lambda c: len(load_area(D, scope, c.decode()).orgs))
        drawn = _get(region, "/accountability/", root=smallest.decode())
        assert drawn.status_code == 200
        assert b'class="nhsuk-breadcrumb"' in drawn.content
        if b'class="pf-amap"' in drawn.content:
            break
        codes = _roots(drawn.content, "/accountability/")
    assert b'class="pf-amap"' in drawn.content


def test_findings_and_chains_of_a_big_area_are_paged_at_fixed_cost(region, assert_max_queries):
    scope = set(Organisation.objects.values_list("code", flat=True))
    area = load_area(D, scope)
    assert len(area.findings) > PAGE_SIZE
    first = _get(region, "/accountability/findings/")
    assert first.content.count(b'class="pf-finding ') == PAGE_SIZE
    assert f"of {len(area.findings)} findings".encode() in first.content
    assert b"nhsuk-pagination" in first.content
    last_page = -(-len(area.findings) // PAGE_SIZE)
    last = _get(region, "/accountability/findings/", page=last_page)
    assert last.content.count(b'class="pf-finding ') == len(area.findings) - PAGE_SIZE * (
        last_page - 1
    )
    chains = _get(region, "/accountability/chains/")
    assert chains.status_code == 200
    assert b"nhsuk-pagination" in chains.content
    # The same handful of queries as the demo's pages, whatever the page and the area.
    for url in ("/accountability/findings/", "/accountability/chains/", "/accountability/"):
        for page in (1, 2, last_page):
            with assert_max_queries(20, url):
                _get(region, url, page=page)
