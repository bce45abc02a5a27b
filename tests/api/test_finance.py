"""Budgets, the ledger and QIPP schemes through the API: scope, paging, filters, and
query counts that do not grow with the page."""

from decimal import Decimal

from tests.api.conftest import below, rows

OWNER_SCOPE = "CL-CAP"


def test_anonymous_is_refused(anonymous):
    for url in ("/api/finance/budgets", "/api/finance/ledger", "/api/qipp/schemes"):
        assert anonymous.get(url).status_code == 401, url


def test_budgets_of_the_owners_scope(owner):
    scope = below(OWNER_SCOPE)
    want = sorted(
        (r["org_code"], r["financial_year"], r["category"], r["amount"])
        for r in rows("budgets")
        if r["org_code"] in scope
    )
    body = owner.get("/api/finance/budgets", year="2011-12").json()
    got = [
        (b["org"].removeprefix("org:"), b["financial_year"], b["category"], b["amount"])
        for b in body["items"]
    ]
    assert body["count"] == len(want)
    assert got == [(o, y, c, f"{Decimal(a):.2f}") for o, y, c, a in want]


def test_the_ledger_is_paged_in_date_order(owner):
    scope = below(OWNER_SCOPE)
    want = [r for r in rows("ledger") if r["org_code"] in scope]
    first = owner.get("/api/finance/ledger", limit=10).json()
    second = owner.get("/api/finance/ledger", limit=10, offset=10).json()
    assert first["count"] == len(want)
    items = first["items"] + second["items"]
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)
    assert len({i["id"] for i in items}) == 20


def test_ledger_filters(owner):
    body = owner.get(
        "/api/finance/ledger", org="org:C-CAM", category="acute", **{"from": "2011-06-01"}
    ).json()
    want = [
        r
        for r in rows("ledger")
        if r["org_code"] == "C-CAM" and r["category"] == "acute" and r["date"] >= "2011-06-01"
    ]
    assert body["count"] == len(want)
    total = sum(Decimal(i["amount"]) for i in body["items"])
    assert total == sum(Decimal(r["amount"]) for r in want)


def test_bad_parameters_are_422(owner):
    assert owner.get("/api/finance/ledger", year="2011").status_code == 422
    assert owner.get("/api/finance/ledger", **{"to": "31/10/2011"}).status_code == 422


def test_an_outsider_sees_none_of_the_clusters_money(outsider):
    assert outsider.get("/api/finance/budgets").json()["count"] == 0
    assert outsider.get("/api/finance/ledger").json()["count"] == 0
    assert outsider.get("/api/finance/ledger", org="C-CAM").status_code == 404
    assert outsider.get("/api/qipp/schemes").json()["count"] == 0
    assert outsider.get("/api/qipp/schemes/Q-CAM-1").status_code == 404


def test_qipp_schemes_and_one_schemes_months(owner):
    scope = below(OWNER_SCOPE)
    want = sorted(r["scheme_id"] for r in rows("qipp_schemes") if r["org_code"] in scope)
    body = owner.get("/api/qipp/schemes", year="2011-12").json()
    assert [s["scheme_id"] for s in body["items"]] == want
    one = owner.get("/api/qipp/schemes/Q-CAM-1").json()
    assert one["org"] == "org:C-CAM" and one["signed_off_by"] == "body:B-CAM"
    months = [r for r in rows("qipp_savings") if r["scheme_id"] == "Q-CAM-1"]
    assert [s["month"] for s in one["savings"]] == sorted(r["month"] for r in months)


def test_ledger_page_queries_do_not_grow_with_the_limit(owner, assert_max_queries):
    owner.get("/api/finance/ledger", limit=1)
    with assert_max_queries(8) as small:
        owner.get("/api/finance/ledger", limit=1)
    with assert_max_queries(len(small.captured_queries)):
        assert len(owner.get("/api/finance/ledger", limit=60).json()["items"]) == 60
