"""QIPP pages: RAG and ownership as the expected answers say, schemes not owned called
out, scope, and query counts that do not grow with schemes."""

import json
import re

import pytest
from django.test import Client

from tests.conftest import EAST
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db
RAG_TEXT = {"green": "Green", "amber": "Amber", "red": "Red", "grey": "Grey: nothing planned yet"}


@pytest.fixture
def admin(demo_users):
    return signed_in(Client(), demo_users["administrator"])


def scheme_rows(html: str) -> dict[str, str]:
    out = {}
    for tr in re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", html, re.S):
        m = re.search(r'href="/qipp/schemes/([^/]+)/"', tr)
        if m:
            out[m.group(1)] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tr)).strip()
    return out


@pytest.mark.parametrize("as_at", ["2011-06-30", "2011-11-30"])
def test_schemes_show_the_expected_rag_and_ownership(admin, as_at):
    expected = json.loads((EAST / f"expected/qipp-year-2011-12-{as_at}.json").read_text())
    html = admin.get("/qipp/", {"year": "2011-12", "as_at": as_at}).content.decode()
    rows = scheme_rows(html.split("Schemes not owned")[-1])
    for s in expected["schemes"]:
        row = rows[s["scheme"]]
        assert f"£{float(s['planned_ytd']):,.2f}" in row
        assert f"£{float(s['delivered_ytd']):,.2f}" in row
        assert RAG_TEXT[s["rag"]] in row
        assert ("Not owned" in row) is s["not_owned"]
    callout = html.split('class="nhsuk-warning-callout"')[1].split("</div>")[0]
    not_owned = {s["scheme"] for s in expected["schemes"] if s["not_owned"]}
    assert set(re.findall(r"/qipp/schemes/([^/]+)/", callout)) == not_owned


def test_the_chart_and_its_table_are_shown(admin):
    html = admin.get("/qipp/", {"year": "2011-12", "as_at": "2011-11-30"}).content.decode()
    assert 'role="img"' in html
    assert "Cumulative savings by month" in html
    assert re.search(r"2011-12</th><td[^>]*>£[\d,.]+</td><td[^>]*>–</td>", html)


def test_a_consortium_editor_sees_only_their_schemes(demo_users):
    editor = signed_in(Client(), demo_users["editor"])  # C-CAM
    html = editor.get("/qipp/", {"year": "2011-12", "as_at": "2011-11-30"}).content.decode()
    assert {s[:5] for s in scheme_rows(html)} == {"Q-CAM"}
    assert editor.get("/qipp/schemes/Q-PET-1/").status_code == 404


def test_an_outsider_sees_no_scheme(outsider_user):
    c = signed_in(Client(), outsider_user)
    assert scheme_rows(c.get("/qipp/", {"year": "2011-12"}).content.decode()) == {}
    assert c.get("/qipp/schemes/Q-CAM-1/").status_code == 404


def test_a_scheme_page_shows_its_months(admin):
    html = admin.get("/qipp/schemes/Q-CAM-2/", {"as_at": "2011-11-30"}).content.decode()
    assert "Outpatient follow-up reduction" in html
    assert "Not owned on 30 November 2011" in html
    assert html.count('<th scope="row" class="nhsuk-table__header">2011-') == 9


def test_query_counts_do_not_grow_with_schemes(admin, assert_max_queries):
    from pathfinder.core import actions
    from pathfinder.qipp.models import QippSaving, QippScheme

    url = "/qipp/?year=2011-12&as_at=2011-11-30"
    admin.get(url)
    with assert_max_queries(14) as before:
        admin.get(url)
    for i in range(5):
        s = actions.create(
            QippScheme,
            by="test:qipp",
            scheme_id=f"Q-NEW-{i}",
            org_id="C-CAM",
            name=f"New scheme {i}",
            domain="quality",
            financial_year="2011-12",
        )
        actions.create(QippSaving, by="test:qipp", scheme=s, month="2011-05", planned=100)
    with assert_max_queries(len(before.captured_queries)):
        assert "New scheme 4" in admin.get(url).content.decode()
