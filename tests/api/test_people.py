"""People and posts: anonymous, outsider and owner, as at a date."""

import pytest

from tests.api.conftest import AS_AT, below, in_force, rows
from tests.api.test_organisations import BUDGET

OWNER_SCOPE = "CL-CAP"


def bodies_of(codes: set[str]) -> set[str]:
    return {b["body_id"] for b in rows("bodies") if b["org_code"] in codes}


def people_in_force(codes: set[str], d: str) -> list[str]:
    bodies = bodies_of(codes)
    ids = {p["person_id"] for p in rows("posts") if p["org_code"] in codes and in_force(p, d)}
    ids |= {
        m["person_id"] for m in rows("memberships") if m["body_id"] in bodies and in_force(m, d)
    }
    return sorted(ids)


def test_anonymous_is_refused(anonymous):
    for url in ("/api/people", "/api/people/P03", "/api/posts"):
        assert anonymous.get(url).status_code == 401, url


def test_owner_lists_people_in_post_on_the_date(owner):
    for d in ("2011-05-15", AS_AT):
        want = people_in_force(below(OWNER_SCOPE), d)
        body = owner.get("/api/people", as_at=d, limit=1000).json()
        assert body["count"] == len(want), d
        assert [p["person_id"] for p in body["items"]] == want, d
    person = body["items"][0]
    assert person["ref"] == f"person:{person['person_id']}"
    names = {p["person_id"]: p["name"] for p in rows("people")}
    assert all(p["name"] == names[p["person_id"]] for p in body["items"])


def test_people_filtered_by_org_and_name(owner):
    want = sorted(
        {p["person_id"] for p in rows("posts") if p["org_code"] == "C-CAM" and in_force(p, AS_AT)}
    )
    body = owner.get("/api/people", as_at=AS_AT, org="C-CAM").json()
    assert [p["person_id"] for p in body["items"]] == want
    # An organisation outside the scope gives nobody.
    assert owner.get("/api/people", as_at=AS_AT, org="RGT").json()["items"] == []
    carol = owner.get("/api/people", as_at=AS_AT, q="carol").json()["items"]
    assert [p["person_id"] for p in carol] == ["P03"]


def test_outsider_sees_nobody(outsider):
    assert outsider.get("/api/people", as_at=AS_AT).json()["items"] == []
    assert outsider.get("/api/posts", as_at=AS_AT).json()["items"] == []
    assert outsider.get("/api/people/P03", as_at=AS_AT).status_code == 404


@pytest.mark.parametrize("person_id", ["P03", "P06", "P07", "P09"])
def test_one_person_with_posts_in_force_in_scope(owner, person_id):
    scope = below(OWNER_SCOPE)
    for d in ("2011-08-31", AS_AT, "2011-12-01"):
        want = sorted(
            (f"org:{p['org_code']}", p["title"], p["fte"] and f"{float(p['fte']):.2f}")
            for p in rows("posts")
            if p["person_id"] == person_id and p["org_code"] in scope and in_force(p, d)
        )
        response = owner.get(f"/api/people/{person_id}", as_at=d)
        assert response.status_code == 200
        body = response.json()
        assert body["as_at"] == d
        assert body["ref"] == f"person:{person_id}"
        got = sorted((p["org"], p["title"], p["fte"] or "") for p in body["posts"])
        assert got == want, (person_id, d)
        assert all(p["person"] == f"person:{person_id}" for p in body["posts"])


def test_posts_outside_scope_are_not_shown(owner):
    # P07 is a lay member at C-CAM and a non-executive at RGT, a trust outside the scope.
    body = owner.get("/api/people/P07", as_at=AS_AT).json()
    assert [p["org"] for p in body["posts"]] == ["org:C-CAM"]
    # P08 holds a post only at RGT, P22 only at the hub, which supports the consortia
    # but is not below the cluster.
    assert owner.get("/api/people/P08", as_at=AS_AT).status_code == 404
    assert owner.get("/api/people/P22", as_at=AS_AT).status_code == 404
    assert owner.get("/api/people/NOPE", as_at=AS_AT).status_code == 404


def test_posts_in_force_in_scope(owner):
    scope = below(OWNER_SCOPE)
    want = sorted(
        (f"person:{p['person_id']}", f"org:{p['org_code']}", p["valid_from"])
        for p in rows("posts")
        if p["org_code"] in scope and in_force(p, AS_AT)
    )
    body = owner.get("/api/posts", as_at=AS_AT, limit=1000).json()
    assert body["count"] == len(want)
    assert [(p["person"], p["org"], p["valid_from"]) for p in body["items"]] == want
    seconded = [p for p in body["items"] if p["assigned_from"]]
    assert seconded and all(p["assigned_from"].startswith("org:") for p in seconded)
    assert all(p["fte"] is None or len(p["fte"].split(".")[1]) == 2 for p in body["items"])


def test_posts_filtered_by_org_and_person(owner):
    body = owner.get("/api/posts", as_at="2011-12-01", org="org:HUB-CAP").json()
    assert body["items"] == []  # the hub supports the consortia but is not below the cluster
    body = owner.get("/api/posts", as_at="2011-12-01", org="C-CAM", person="P10").json()
    assert [(p["person"], p["org"], p["fte"]) for p in body["items"]] == [
        ("person:P10", "org:C-CAM", "0.80")
    ]


def test_bad_date_is_422(owner):
    for url in ("/api/people", "/api/people/P03", "/api/posts"):
        response = owner.get(url, as_at="31/03/2012")
        assert response.status_code == 422, url
        assert "as_at" in response.json()["detail"]


@pytest.mark.parametrize("url", ["/api/people", "/api/posts", "/api/people/P03"])
def test_bounded_queries(owner, url, assert_max_queries):
    with assert_max_queries(BUDGET):
        assert owner.get(url, as_at=AS_AT, limit=1000).status_code == 200
