"""Recording reviews and changing the matrix, through the actions, on the example."""

import datetime as dt

import pytest

from pathfinder.core.errors import UserError
from pathfinder.core.models import AuditEvent
from pathfinder.risks import actions
from pathfinder.risks.assessment import report
from pathfinder.risks.models import Risk, RiskMatrix, RiskReview

D = dt.date(2011, 10, 1)
NEW_MATRIX = {
    **{
        f"likelihood_{i}": w
        for i, w in enumerate(["Rare", "Unlikely", "Possible", "Likely", "Almost certain"], 1)
    },
    **{
        f"consequence_{i}": w
        for i, w in enumerate(["Minimal", "Minor", "Moderate", "Major", "Severe"], 1)
    },
    "band_1_name": "green",
    "band_1_top": "4",
    "band_2_name": "amber",
    "band_2_top": "9",
    "band_3_name": "red",
    "band_3_top": "25",
    "threshold": "8",
}


def by_risk(as_at):
    return {r["risk"]: r for r in report(as_at)["risks"]}


def test_a_review_lowers_the_score_and_keeps_history(east):
    risk = Risk.objects.get(pk="R01")
    assert by_risk(D)["risk:R01"]["escalate_to_baf"]
    actions.record_review(
        risk, by="test", reviewed_on=D, likelihood=2, consequence=4, note="Activity back on plan"
    )
    risk.refresh_from_db()
    assert (risk.current_likelihood, risk.current_consequence, risk.last_reviewed) == (2, 4, D)
    reviews = list(RiskReview.objects.filter(risk=risk).order_by("reviewed_on"))
    # the scores as loaded are kept as the first point of the history
    assert [(r.reviewed_on, r.score, r.baseline) for r in reviews] == [
        (dt.date(2011, 9, 20), 16, True),
        (D, 8, False),
    ]
    now = by_risk(D)["risk:R01"]
    assert (now["current_score"], now["band"], now["escalate_to_baf"]) == (8, "high", False)
    # as at a date before the review, the risk had its earlier score
    before = by_risk(dt.date(2011, 9, 25))["risk:R01"]
    assert (before["current_score"], before["escalate_to_baf"]) == (16, True)
    assert AuditEvent.objects.filter(model="risks.RiskReview").count() == 2


def test_an_earlier_review_does_not_overwrite_a_later_one(east):
    risk = Risk.objects.get(pk="R01")
    actions.record_review(risk, by="test", reviewed_on=D, likelihood=2, consequence=4)
    actions.record_review(
        risk, by="test", reviewed_on=dt.date(2011, 9, 25), likelihood=5, consequence=4
    )
    risk.refresh_from_db()
    assert (risk.current_likelihood, risk.last_reviewed) == (2, D)
    assert by_risk(dt.date(2011, 9, 28))["risk:R01"]["current_score"] == 20


@pytest.mark.parametrize(
    "data, field",
    [
        ({"reviewed_on": "2011-01-01", "likelihood": 2, "consequence": 2}, "reviewed_on"),
        ({"reviewed_on": "2099-01-01", "likelihood": 2, "consequence": 2}, "reviewed_on"),
        ({"reviewed_on": "2011-10-01", "likelihood": 6, "consequence": 2}, "likelihood"),
        ({"reviewed_on": "2011-10-01", "likelihood": 2, "consequence": ""}, "consequence"),
        (
            {
                "reviewed_on": "2011-10-01",
                "likelihood": 2,
                "consequence": 2,
                "target_likelihood": 1,
            },
            "target_likelihood",
        ),
    ],
)
def test_a_bad_review_is_refused_with_a_message(east, data, field):
    risk = Risk.objects.get(pk="R01")
    _, errors = actions.check_review(risk, data)
    assert field in errors
    with pytest.raises(UserError):
        actions.record_review(risk, by="test", **data)
    assert not RiskReview.objects.exists()


def test_a_review_of_a_closed_risk_must_be_before_it_closed(east):
    risk = Risk.objects.get(pk="R07")  # closed 2011-10-15
    _, errors = actions.check_review(
        risk, {"reviewed_on": "2011-10-15", "likelihood": 1, "consequence": 1}
    )
    assert "reviewed_on" in errors


def test_changing_the_matrix_does_not_change_a_recorded_score(east):
    r01 = Risk.objects.get(pk="R01")
    actions.record_review(r01, by="test", reviewed_on=D, likelihood=3, consequence=4)
    recorded_before = list(RiskReview.objects.values_list("risk_id", "score", "band", "threshold"))
    answers_before = by_risk(D)

    actions.set_matrix("C-CAM", by="test", **NEW_MATRIX)

    assert RiskMatrix.objects.get(org_code="C-CAM").version == 1
    # the reviews already recorded keep their bands and thresholds
    recorded_after = list(
        RiskReview.objects.filter(baseline=False).values_list(
            "risk_id", "score", "band", "threshold"
        )
    )
    assert recorded_after == [r for r in recorded_before if r[0] == "R01" and r[1] == 12]
    # every C-CAM risk keeps its band and escalation; R02 was never reviewed, so its
    # scores were recorded under the matrix they were given on
    answers_after = by_risk(D)
    for key in ("risk:R01", "risk:R02"):
        assert answers_after[key] == answers_before[key]
    assert RiskReview.objects.filter(risk_id="R02", baseline=True, band="high").exists()

    # a new review is scored on the new matrix
    actions.record_review(
        r01, by="test", reviewed_on=dt.date(2011, 10, 2), likelihood=3, consequence=3
    )
    new = RiskReview.objects.latest("id")
    assert (new.band, new.threshold, new.matrix.version) == ("amber", 8, 1)
    got = by_risk(dt.date(2011, 10, 3))["risk:R01"]
    assert (got["band"], got["escalate_to_baf"]) == ("amber", True)
    # and the earlier review still reads on the matrix it was made under
    assert by_risk(D)["risk:R01"]["band"] == "high"


def test_a_second_change_makes_a_new_version(east):
    actions.set_matrix("C-CAM", by="test", **NEW_MATRIX)
    actions.set_matrix("C-CAM", by="test", **{**NEW_MATRIX, "threshold": "12"})
    assert list(RiskMatrix.objects.values_list("version", "threshold")) == [(1, 8), (2, 12)]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"band_3_top": "20"}, "band_3_top"),
        ({"band_2_top": "3"}, "band_2_top"),
        ({"band_2_name": "GREEN"}, "band_2_name"),
        ({"threshold": "30"}, "threshold"),
        ({"likelihood_3": " "}, "likelihood_3"),
    ],
)
def test_a_bad_matrix_is_refused(east, change, field):
    _, errors = actions.check_matrix({**NEW_MATRIX, **change})
    assert field in errors
    with pytest.raises(UserError):
        actions.set_matrix("C-CAM", by="test", **{**NEW_MATRIX, **change})
    assert not RiskMatrix.objects.exists()


def test_items_are_ended_and_actions_done_never_deleted(east):
    risk = Risk.objects.get(pk="R01")
    control = actions.add_item("control", risk, by="test", description="Activity panel", added_on=D)
    task = actions.add_item(
        "action", risk, by="test", description="Audit", added_on=D, due="2011-12-01", owner="P03"
    )
    actions.end_item(control, by="test", on=dt.date(2011, 11, 1))
    actions.complete_action(task, by="test", on=dt.date(2011, 11, 2))
    control.refresh_from_db()
    task.refresh_from_db()
    assert control.ended_on == dt.date(2011, 11, 1)
    assert task.done_on == dt.date(2011, 11, 2)
    with pytest.raises(UserError):
        actions.complete_action(task, by="test", on=dt.date(2011, 11, 3))
    with pytest.raises(UserError):
        actions.add_item("action", risk, by="test", description="x", added_on=D, due="2011-09-01")
