"""Finance pages: the overview agrees with the expected answers, scope keeps rows whole
or hides them, the drill-down adds up, and query counts do not grow with the ledger."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.test import Client

from pathfinder.core import actions
from pathfinder.finance.models import LedgerEntry
from tests.conftest import EAST
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def finance_cases() -> list[tuple[dict, dict]]:
    cases = json.loads((EAST / "cases.json").read_text())
    out = []
    for case in cases:
        args = case["args"]
        if args[0] != "finance":
            continue
        opts = dict(zip(args[1::2], args[2::2], strict=True))
        params = {"year": opts["--year"], "by": opts["--by"], "as_at": opts["--as-at"]}
        if "--restate-as-at" in opts:
            params["restate"] = opts["--restate-as-at"]
        out.append((params, json.loads((EAST / case["expected"]).read_text())))
    return out


def money(text: str) -> str:
    value = Decimal(text)
    return f"−£{-value:,.2f}" if value < 0 else f"£{value:,.2f}"


def page_rows(html: str) -> dict[str, list[str]]:
    """Each table row headed by a group's code: its money cells and its status."""
    rows = {}
    for tr in re.findall(r"<tr class=\"nhsuk-table__row[^\"]*\">(.*?)</tr>", html, re.S):
        m = re.search(r"\(([A-Za-z0-9_.-]+)\)</span></th>", tr)
        if not m:
            continue
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        rows[m.group(1)] = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
    return rows


@pytest.fixture
def admin(demo_users):
    return signed_in(Client(), demo_users["administrator"])


@pytest.mark.parametrize("params,expected", finance_cases(), ids=lambda v: str(v)[:60])
def test_overview_shows_the_expected_rows_to_the_penny(admin, params, expected):
    html = admin.get("/finance/", params).content.decode()
    rows = page_rows(html)
    shown = {r["group"].removeprefix("org:"): r for r in expected["rows"]}
    in_scope = {code: r for code, r in shown.items() if code in rows}
    assert in_scope, "the administrator sees the cluster's groups"
    for code, r in in_scope.items():
        budget, actual, forecast, variance, status = rows[code]
        assert [budget, actual, forecast, variance] == [
            money(r[k]) for k in ("budget", "actual", "forecast", "variance")
        ]
        assert (status == "Overspend risk") is r["overspend_risk"]
    assert set(rows) <= set(shown)


def test_restated_overview_says_so(admin):
    params = {"year": "2011-12", "by": "cluster", "as_at": "2011-05-31", "restate": "2011-10-31"}
    html = admin.get("/finance/", params).content.decode()
    assert "Restated" in html
    assert "31 October 2011" in html


def test_a_consortium_editor_sees_only_groups_their_role_covers(demo_users):
    editor = signed_in(Client(), demo_users["editor"])  # C-CAM
    html = editor.get("/finance/", {"year": "2011-12", "by": "organisation"}).content.decode()
    assert set(page_rows(html)) == {"C-CAM"}
    params = {"year": "2011-12", "by": "cluster", "as_at": "2011-10-31"}
    html = editor.get("/finance/", params).content.decode()
    assert page_rows(html) == {}  # CL-CAP's row would show other consortia's money
    assert "belongs to a cluster your role covers" in html


def test_an_outsider_sees_no_money(outsider_user):
    c = signed_in(Client(), outsider_user)
    html = c.get("/finance/", {"year": "2011-12", "by": "organisation"}).content.decode()
    assert page_rows(html) == {}
    assert c.get("/finance/organisations/C-CAM/").status_code == 404
    assert c.get("/finance/chart.svg", {"group": "C-CAM"}).status_code == 404


def test_bad_choices_are_named_in_an_error_summary(admin):
    html = admin.get("/finance/", {"year": "2011", "by": "ward", "restate": "31/10/2011"})
    text = html.content.decode()
    assert "There is a problem" in text
    assert "Enter the financial year like 2011-12" in text
    assert "Choose organisation, statutory body or cluster" in text
    assert "Restatement date must be a real date" in text


def test_the_chart_is_an_accessible_svg_and_its_figures_add_up(admin):
    params = {"year": "2011-12", "by": "statutory", "as_at": "2011-10-31"}
    svg = admin.get("/finance/chart.svg", params)
    assert svg["Content-Type"] == "image/svg+xml"
    body = svg.content.decode()
    assert 'role="img"' in body and "<title" in body and "Budget" in body
    monthly = admin.get("/finance/monthly/", params).content.decode()
    overview = admin.get("/finance/", params).content.decode()
    total_actual = re.search(
        r"Spend to date</dt><dd[^>]*>([^<]*)<",
        overview,
    ).group(1)
    # October's cumulative spend is the spend to date of the overview.
    assert re.search(rf"2011-10</th>\s*<td[^>]*>{re.escape(total_actual)}<", monthly)
    # Months after the as-at date have no spend yet.
    assert re.search(r"2011-11</th>\s*<td[^>]*>–<", monthly)


def test_drill_down_from_group_to_transactions_adds_up(admin):
    params = {"year": "2011-12", "by": "statutory", "as_at": "2011-10-31"}
    group = admin.get("/finance/organisations/5PP/", params).content.decode()
    assert "Cambridge Health Consortium" in group  # a consortium whose money is 5PP's
    org = admin.get("/finance/organisations/C-CAM/", {**params, "by": "organisation"})
    assert "acute" in org.content.decode()
    acute = LedgerEntry.objects.filter(
        org_id="C-CAM", category="acute", date__gte="2011-04-01", date__lte="2011-10-31"
    )
    suppliers = admin.get(
        "/finance/organisations/C-CAM/spend/", {**params, "category": "acute"}
    ).content.decode()
    for name in set(acute.values_list("supplier", flat=True)):
        total = sum(e.amount for e in acute.filter(supplier=name))
        assert f"{money(str(total))}" in suppliers
    name = acute.first().supplier
    payments = admin.get(
        "/finance/organisations/C-CAM/spend/", {**params, "category": "acute", "supplier": name}
    ).content.decode()
    assert f"of {acute.filter(supplier=name).count()} payments" in payments


def add_lines(n: int, supplier="Addenbrooke's test supplier"):
    for i in range(n):
        actions.create(
            LedgerEntry,
            by="test:finance",
            date="2011-06-15",
            org_id="C-CAM",
            category="acute",
            supplier=supplier,
            amount=Decimal("100.00") + i,
            reference=f"T{i:04d}",
        )


def test_transactions_are_paged(admin):
    add_lines(150)
    url = "/finance/organisations/C-CAM/spend/"
    params = {"year": "2011-12", "as_at": "2011-10-31", "category": "acute"}
    params["supplier"] = "Addenbrooke's test supplier"
    first = admin.get(url, params).content.decode()
    assert "Showing 1 to 50 of 150 payments" in first
    second = admin.get(url, {**params, "page": 2}).content.decode()
    assert "Showing 51 to 100 of 150 payments" in second
    csv_body = b"".join(admin.get(url, {**params, "format": "csv"}).streaming_content)
    assert csv_body.decode().count("\n") == 151


@pytest.mark.parametrize(
    "url",
    [
        "/finance/?year=2011-12&by=cluster",
        "/finance/monthly/?year=2011-12",
        "/finance/organisations/5PP/?year=2011-12",
        "/finance/organisations/C-CAM/spend/?year=2011-12&category=acute",
        "/finance/organisations/C-CAM/spend/?year=2011-12&category=acute&supplier=X",
        "/finance/organisations/C-CAM/spend-over-25000/?year=2011-12",
        "/finance/organisations/C-CAM/spend-over-25000/?month=2011-10",
    ],
)
def test_query_counts_do_not_grow_with_the_ledger(admin, assert_max_queries, url):
    add_lines(1, supplier="X")  # so an empty page's skipped query is not counted as growth
    admin.get(url)  # warm the session
    with assert_max_queries(14) as before:
        assert admin.get(url).status_code == 200
    add_lines(120, supplier="X")
    with assert_max_queries(len(before.captured_queries)):
        assert admin.get(url).status_code == 200


def test_the_groups_are_filtered_sorted_and_downloaded(admin):
    params = {"year": "2011-12", "by": "organisation", "as_at": "2011-10-31"}
    every = admin.get("/finance/", params).content.decode()
    assert 'aria-sort="ascending"' in every
    found = admin.get("/finance/", {**params, "q": "C-CAM"}).content.decode()
    assert "Cambridge Health Consortium" in found and "Hunts Health Consortium" not in found
    assert 'name="year" value="2011-12"' in found  # the list's form keeps the year
    body = b"".join(
        admin.get("/finance/", {**params, "sort": "-actual", "format": "csv"}).streaming_content
    )
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    spend = [float(r["actual"]) for r in rows]
    assert len(rows) > 3 and spend == sorted(spend, reverse=True)
