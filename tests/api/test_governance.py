"""Bodies, memberships, lines and delegations: anonymous, outsider and owner, as at a
date, compared with the east-2011 CSV files."""

import pytest

from tests.api.conftest import AS_AT, below, in_force, rows

OWNER_SCOPE = "CL-CAP"
URLS = (
    "/api/bodies",
    "/api/bodies/B-CAM",
    "/api/memberships",
    "/api/accountability-lines",
    "/api/delegations",
)


def test_anonymous_is_refused(anonymous):
    for url in URLS:
        assert anonymous.get(url).status_code == 401, url


def test_an_outsider_sees_nothing_of_the_cluster(outsider):
    assert outsider.get("/api/bodies/B-CAM").status_code == 404
    for url in URLS[:1] + URLS[2:]:
        body = outsider.get(url, as_at=AS_AT).json()
        assert body["count"] == 0, url


def test_owner_gets_bodies_and_members_in_force(owner):
    codes = below(OWNER_SCOPE)
    want = sorted(b["body_id"] for b in rows("bodies") if b["org_code"] in codes)
    body = owner.get("/api/bodies", limit=1000).json()
    assert [b["body_id"] for b in body["items"]] == want
    for d in ("2011-05-15", AS_AT):
        detail = owner.get("/api/bodies/B-5PP", as_at=d).json()
        members = sorted(
            m["person_id"]
            for m in rows("memberships")
            if m["body_id"] == "B-5PP" and in_force(m, d)
        )
        assert sorted(m["person"].removeprefix("person:") for m in detail["members"]) == members
        assert all(m["row"] == f"membership:{m['id']}" for m in detail["members"])


def test_owner_gets_lines_and_delegations_in_force(owner):
    lines = owner.get("/api/accountability-lines", as_at=AS_AT, limit=1000).json()
    codes = below(OWNER_SCOPE)
    refs = {f"org:{c}" for c in codes}
    refs |= {f"body:{b['body_id']}" for b in rows("bodies") if b["org_code"] in codes}
    refs |= {f"function:{f['function_id']}" for f in rows("functions") if f["org_code"] in codes}
    want = [
        x
        for x in rows("accountability")
        if in_force(x, AS_AT) and (x["subject"] in refs or x["holder"] in refs)
    ]
    assert lines["count"] == len(want)
    assert {(x["subject"], x["holder"], x["kind"]) for x in lines["items"]} == {
        (x["subject"], x["holder"], x["kind"]) for x in want
    }
    held = owner.get("/api/accountability-lines", as_at=AS_AT, holder="body:B-CLB").json()
    assert {x["subject"] for x in held["items"]} == {"body:B-CLX", "body:B-CAM", "body:B-SEN"}
    scheme = owner.get("/api/delegations", as_at=AS_AT, org="5PP").json()
    assert [(g["delegate"], g["limit"]) for g in scheme["items"]] == [
        ("body:B-5PP", None),
        ("role:chief_executive", "250000.00"),
    ]


def test_a_bad_date_names_the_parameter(owner):
    response = owner.get("/api/memberships", as_at="01/10/2011")
    assert response.status_code == 422
    assert "as_at" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/bodies", "/api/memberships", "/api/delegations"])
def test_the_routes_are_documented(owner, path):
    spec = owner.get("/api/openapi.json").json()
    assert path in spec["paths"]
