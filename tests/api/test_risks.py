"""The risks API: registers, reviews and actions in the caller's scope, against the
example's CSV files and the assessment."""

import datetime as dt
import json

from pathfinder.api.tokens import create_token
from pathfinder.risks.assessment import report
from pathfinder.risks.models import RiskReview
from tests.api.conftest import AS_AT, Caller, make_user, rows


def post(caller: Caller, url: str, body: dict, **headers):
    return caller.client.post(
        url,
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {caller.token}", **headers},
    )


def review(caller: Caller, risk_id: str, body: dict):
    """Record a review as a client does: read the risk's ETag, send it as If-Match."""
    tag = caller.get(f"/api/risks/{risk_id}", as_at=AS_AT).headers.get("ETag", '"0"')
    return post(caller, f"/api/risks/{risk_id}/reviews", body, **{"If-Match": tag})


def test_risks_match_the_assessment(owner):
    got = owner.get("/api/risks", as_at=AS_AT).json()
    everything = report(dt.date.fromisoformat(AS_AT))["risks"]
    # the cluster's governance lead does not cover the commissioning hub
    want = {r["risk"]: r for r in everything if r["org"] != "org:HUB-CAP"}
    assert len(want) < len(everything)
    assert got["count"] == len(got["items"]) == len(want)
    for item in got["items"]:
        expected = want[item["risk"]]
        assert (item["current_score"], item["band"], item["escalate_to_baf"]) == (
            expected["current_score"],
            expected["band"],
            expected["escalate_to_baf"],
        )
    csv_titles = {f"risk:{r['risk_id']}": r["title"] for r in rows("risks")}
    assert all(csv_titles[i["risk"]] == i["title"] for i in got["items"])


def test_filters_by_organisation_and_status(owner):
    got = owner.get("/api/risks", as_at=AS_AT, org="org:C-CAM", status="escalated").json()
    assert [i["risk"] for i in got["items"]] == ["risk:R01"]


def test_outsider_sees_nothing(outsider):
    assert outsider.get("/api/risks", as_at=AS_AT).json()["count"] == 0
    assert outsider.get("/api/risks/R01", as_at=AS_AT).status_code == 404
    assert outsider.get("/api/risks/R01/reviews").status_code == 404


def test_record_a_review_and_read_the_history(owner):
    response = review(
        owner, "R01", {"reviewed_on": AS_AT, "likelihood": 2, "consequence": 4, "note": "On plan"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["band"] == "high"
    history = owner.get("/api/risks/R01/reviews").json()
    assert [(h["score"], h["baseline"]) for h in history] == [(16, True), (8, False)]
    assert owner.get("/api/risks/R01", as_at=AS_AT).json()["escalate_to_baf"] is False


def test_a_bad_review_is_422_with_the_fields(owner):
    # A score out of range is the document's own rule, checked first; a date before the
    # risk was opened is the domain's.
    for likelihood, field in ((9, "likelihood"), (2, "reviewed_on")):
        response = review(
            owner, "R01", {"reviewed_on": "2011-01-01", "likelihood": likelihood, "consequence": 1}
        )
        assert response.status_code == 422
        assert field in response.json()["errors"]
    assert not RiskReview.objects.exists()


def test_a_viewer_may_not_record(client, east):
    viewer = Caller(client, create_token(user=make_user("v", "viewer", "C-HUN"), name="t", by="t"))
    response = review(
        viewer, "R07", {"reviewed_on": "2011-09-01", "likelihood": 1, "consequence": 1}
    )
    assert response.status_code == 403


def test_actions_and_matrix(owner):
    response = post(
        owner,
        "/api/risks/R01/actions",
        {
            "description": "Audit coding",
            "added_on": AS_AT,
            "due": "2011-12-01",
            "owner": "person:P03",
        },
    )
    assert response.status_code == 201, response.content
    assert owner.get("/api/risks/R01/actions").json()[0]["owner"] == "person:P03"
    matrix = owner.get("/api/risk-matrices/C-CAM").json()
    assert matrix["version"] is None and matrix["threshold"] == 15
    assert matrix["likelihood"][4] == "Almost certain"
