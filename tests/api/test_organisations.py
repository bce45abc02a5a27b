"""Organisations and relationships: anonymous, outsider and owner, as at a date."""

import pytest

from tests.api.conftest import AS_AT, below, in_force, rows

OWNER_SCOPE = "CL-CAP"


def open_on(org: dict, d: str) -> bool:
    return in_force(org, d, start="opened", end="closed")


def test_anonymous_is_refused(anonymous):
    for url in ("/api/organisations", "/api/organisations/5PP", "/api/relationships"):
        response = anonymous.get(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_owner_lists_their_open_organisations(owner):
    scope = below(OWNER_SCOPE)
    want = sorted(o["code"] for o in rows("organisations") if o["code"] in scope)
    assert all(open_on(o, AS_AT) for o in rows("organisations") if o["code"] in scope)
    body = owner.get("/api/organisations", as_at=AS_AT).json()
    assert body["as_at"] == AS_AT
    assert body["count"] == len(want)
    assert [o["code"] for o in body["items"]] == want
    first = body["items"][0]
    assert first["ref"] == f"org:{first['code']}"
    assert first["open"] is True


def test_closed_organisations_drop_out_of_the_list(owner):
    # The cluster and the PCTs closed on 2013-03-31; the consortia go on.
    after = "2013-04-01"
    scope = below(OWNER_SCOPE)
    want = sorted(
        o["code"] for o in rows("organisations") if o["code"] in scope and open_on(o, after)
    )
    body = owner.get("/api/organisations", as_at=after).json()
    assert [o["code"] for o in body["items"]] == want
    assert "CL-CAP" not in want and "C-CAM" in want


def test_filter_by_kind_search_and_paging(owner):
    practices = sorted(
        o["code"]
        for o in rows("organisations")
        if o["kind"] == "practice" and o["code"] in below(OWNER_SCOPE)
    )
    body = owner.get("/api/organisations", as_at=AS_AT, kind="practice").json()
    assert [o["code"] for o in body["items"]] == practices
    assert {o["kind"] for o in body["items"]} == {"practice"}

    body = owner.get("/api/organisations", as_at=AS_AT, q="consortium").json()
    assert {o["code"] for o in body["items"]} == {"C-CAM", "C-HUN"}

    page = owner.get("/api/organisations", as_at=AS_AT, kind="practice", limit=2, offset=2).json()
    assert page["count"] == len(practices)
    assert [o["code"] for o in page["items"]] == practices[2:4]


def test_bad_parameters_are_422_with_a_clear_message(owner):
    response = owner.get("/api/organisations", as_at="2011-13-01")
    assert response.status_code == 422
    assert "as_at" in response.json()["detail"] and "YYYY-MM-DD" in response.json()["detail"]
    assert owner.get("/api/organisations", as_at="01/10/2011").status_code == 422
    assert owner.get("/api/organisations", kind="hospital").status_code == 422
    assert owner.get("/api/organisations", limit=0).status_code == 422
    assert owner.get("/api/organisations/5PP", as_at="soon").status_code == 422


def test_as_at_defaults_to_today(owner):
    from django.utils import timezone

    body = owner.get("/api/organisations").json()
    assert body["as_at"] == timezone.localdate().isoformat()


def test_outsider_sees_only_their_own(outsider):
    body = outsider.get("/api/organisations", as_at=AS_AT).json()
    assert [o["code"] for o in body["items"]] == ["RGN"]
    assert outsider.get("/api/organisations/5PP").status_code == 404
    assert outsider.get("/api/relationships", as_at=AS_AT).json()["items"] == []


def test_unknown_and_out_of_scope_look_the_same(owner):
    out_of_scope = owner.get("/api/organisations/RGT")
    unknown = owner.get("/api/organisations/NOPE")
    assert out_of_scope.status_code == unknown.status_code == 404
    assert out_of_scope.json() == unknown.json()


@pytest.mark.parametrize("code", ["C-CAM", "D81903", "5PP"])
def test_one_organisation_with_its_relationships_in_force(owner, code):
    org = next(o for o in rows("organisations") if o["code"] == code)
    want = sorted(
        (f"org:{r['parent_code']}", f"org:{r['child_code']}", r["kind"])
        for r in rows("relationships")
        if code in (r["parent_code"], r["child_code"]) and in_force(r, AS_AT)
    )
    response = owner.get(f"/api/organisations/{code}", as_at=AS_AT)
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == org["name"]
    assert body["kind"] == org["kind"]
    assert body["statutory"] == (org["statutory"] == "true")
    assert body["population"] == (int(org["population"]) if org["population"] else None)
    assert body["opened"] == (org["opened"] or None)
    assert body["as_at"] == AS_AT
    assert [(r["parent"], r["child"], r["kind"]) for r in body["relationships"]] == want


def test_a_practice_moves_consortium(owner):
    # D81903 left Cambridge for Hunts on 2011-10-01.
    def parents(d):
        body = owner.get("/api/organisations/D81903", as_at=d).json()
        return [r["parent"] for r in body["relationships"] if r["kind"] == "member_practice"]

    assert parents("2011-09-30") == ["org:C-CAM"]
    assert parents("2011-10-01") == ["org:C-HUN"]


def test_relationships_in_force_touching_scope(owner):
    scope = below(OWNER_SCOPE)
    want = sorted(
        (f"org:{r['parent_code']}", f"org:{r['child_code']}", r["kind"])
        for r in rows("relationships")
        if in_force(r, AS_AT) and (r["parent_code"] in scope or r["child_code"] in scope)
    )
    body = owner.get("/api/relationships", as_at=AS_AT, limit=1000).json()
    assert body["count"] == len(want)
    assert [(r["parent"], r["child"], r["kind"]) for r in body["items"]] == want


def test_relationships_filtered_by_org_and_kind(owner):
    body = owner.get("/api/relationships", as_at=AS_AT, org="org:C-HUN").json()
    assert all("org:C-HUN" in (r["parent"], r["child"]) for r in body["items"])
    assert body["count"] > 0
    body = owner.get("/api/relationships", as_at=AS_AT, kind="cluster_member").json()
    assert sorted(r["child"] for r in body["items"]) == ["org:5PN", "org:5PP"]
    assert owner.get("/api/relationships", kind="friend").status_code == 422


# Token lookup, roles, the scope's relationships, count and page: 5, plus up to 4 while the
# site-wide as-at middleware saves ?as_at in a session.
BUDGET = 9


@pytest.mark.parametrize("url", ["/api/organisations", "/api/relationships"])
def test_lists_use_a_bounded_number_of_queries(owner, url, assert_max_queries):
    with assert_max_queries(BUDGET):
        assert owner.get(url, as_at=AS_AT, limit=1000).status_code == 200
    with assert_max_queries(BUDGET):
        assert owner.get(url, as_at=AS_AT, limit=1).status_code == 200


def test_one_organisation_uses_a_bounded_number_of_queries(owner, assert_max_queries):
    with assert_max_queries(BUDGET):
        assert owner.get("/api/organisations/C-CAM", as_at=AS_AT).status_code == 200
