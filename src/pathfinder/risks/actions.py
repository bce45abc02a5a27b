"""Audited writes to risk registers: reviews, the matrix, and what controls, assures
and treats a risk (docs/decisions/0110).

Each write checks its input first (`check_*` return the problems by field, for forms
and the API) and raises UserError when called with something it refuses.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pathfinder.core import actions
from pathfinder.core.audit import actor_name, record
from pathfinder.core.errors import UserError
from pathfinder.risks import matrix as matrices
from pathfinder.risks.models import (
    AssuranceLevel,
    GapKind,
    Risk,
    RiskAction,
    RiskAssurance,
    RiskControl,
    RiskGap,
    RiskMatrix,
    RiskReview,
)

ITEM_MODELS = {
    "control": RiskControl,
    "assurance": RiskAssurance,
    "gap": RiskGap,
    "action": RiskAction,
}


def _refuse(errors: dict[str, str]) -> None:
    if errors:
        raise UserError("; ".join(errors.values()))


def _score(value, label: str, field: str, errors: dict, required: bool = True) -> int | None:
    if value in (None, ""):
        if required:
            errors[field] = f"Choose the {label}, from 1 to 5"
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 5:
        errors[field] = f"The {label} must be a whole number from 1 to 5"
        return None
    return number


def _date(value, label: str, field: str, errors: dict) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        errors[field] = f"Enter the {label} as a date, like 2011-10-01"
        return None


def check_review(risk: Risk, data: dict) -> tuple[dict, dict[str, str]]:
    """The cleaned review and the problems with it, by field."""
    errors: dict[str, str] = {}
    clean = {
        "reviewed_on": _date(data.get("reviewed_on"), "date of the review", "reviewed_on", errors),
        "likelihood": _score(data.get("likelihood"), "current likelihood", "likelihood", errors),
        "consequence": _score(
            data.get("consequence"), "current consequence", "consequence", errors
        ),
        "target_likelihood": _score(
            data.get("target_likelihood"), "target likelihood", "target_likelihood", errors, False
        ),
        "target_consequence": _score(
            data.get("target_consequence"),
            "target consequence",
            "target_consequence",
            errors,
            False,
        ),
        "note": str(data.get("note") or "").strip(),
    }
    if (clean["target_likelihood"] is None) != (clean["target_consequence"] is None) and not (
        {"target_likelihood", "target_consequence"} & errors.keys()
    ):
        errors["target_likelihood"] = "Give both a target likelihood and consequence, or neither"
    on = clean["reviewed_on"]
    if on is not None:
        if on < risk.opened:
            errors["reviewed_on"] = (
                f"The review cannot be before the risk was opened ({risk.opened.isoformat()})"
            )
        elif risk.closed is not None and on >= risk.closed:
            errors["reviewed_on"] = (
                f"The review must be before the risk was closed ({risk.closed.isoformat()})"
            )
        elif on > timezone.localdate():
            errors["reviewed_on"] = "The review cannot be in the future"
    if len(clean["note"]) > 4000:
        errors["note"] = "The note must be 4,000 characters or fewer"
    return clean, errors


def _baseline(risk: Risk, m: matrices.Matrix, by) -> RiskReview:
    """The risk's scores as loaded, kept as the first point of its history."""
    score = risk.current_likelihood * risk.current_consequence
    return RiskReview(
        risk=risk,
        reviewed_on=risk.last_reviewed or risk.opened,
        likelihood=risk.current_likelihood,
        consequence=risk.current_consequence,
        target_likelihood=risk.target_likelihood,
        target_consequence=risk.target_consequence,
        score=score,
        band=m.band(score),
        threshold=m.threshold,
        matrix_id=m.matrix_id,
        note="Scores on the register before the first review recorded here",
        baseline=True,
        recorded_by=actor_name(by),
    )


@transaction.atomic
def record_review(risk: Risk, *, by, expected_version: int | None = None, **data) -> RiskReview:
    """Record new scores for a risk. The register's row takes them (current scores,
    target, last reviewed) unless a later review is already on it. With
    `expected_version` (the risk's version when the form was opened), a risk changed
    since is refused with StaleVersion and nothing is written."""
    risk = actions.current(risk, expected_version, what=f"risk {risk.risk_id}")
    clean, errors = check_review(risk, data)
    _refuse(errors)
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    m = matrices.matrix_of(risk.org_id)
    if not RiskReview.objects.filter(risk=risk).exists():
        baseline = _baseline(risk, m, by)
        baseline.save()
        record(by=by, operation="create", obj=baseline, after={"baseline": True})
    score = clean["likelihood"] * clean["consequence"]
    review = actions.create(
        RiskReview,
        by=by,
        risk=risk,
        score=score,
        band=m.band(score),
        threshold=m.threshold,
        matrix_id=m.matrix_id,
        recorded_by=actor_name(by),
        **clean,
    )
    if risk.last_reviewed is None or clean["reviewed_on"] >= risk.last_reviewed:
        changes = {
            "current_likelihood": clean["likelihood"],
            "current_consequence": clean["consequence"],
            "last_reviewed": clean["reviewed_on"],
        }
        if clean["target_likelihood"] is not None:
            changes["target_likelihood"] = clean["target_likelihood"]
            changes["target_consequence"] = clean["target_consequence"]
        actions.update(risk, by=by, **changes)
    return review


def check_matrix(data: dict) -> tuple[dict, dict[str, str]]:
    """A matrix from form fields likelihood_1..5, consequence_1..5, band_N_name,
    band_N_top (blank bands skipped) and threshold."""
    errors: dict[str, str] = {}
    likelihood = [str(data.get(f"likelihood_{i}") or "").strip() for i in range(1, 6)]
    consequence = [str(data.get(f"consequence_{i}") or "").strip() for i in range(1, 6)]
    bands = []
    for i in range(1, matrices.MAX_BANDS + 1):
        name = str(data.get(f"band_{i}_name") or "").strip()
        top = str(data.get(f"band_{i}_top") or "").strip()
        if not name and not top:
            continue
        n = len(bands) + 1
        try:
            value = int(top)
        except ValueError:
            errors[f"band_{n}_top"] = f"Enter the highest score of band {n} as a whole number"
            value = 0
        bands.append((value, name))
    try:
        threshold = int(str(data.get("threshold") or "").strip())
    except ValueError:
        threshold = 0
    for field, message in matrices.check(likelihood, consequence, bands, threshold).items():
        errors.setdefault(field, message)
    return {
        "likelihood": likelihood,
        "consequence": consequence,
        "bands": bands,
        "threshold": threshold,
    }, errors


@transaction.atomic
def set_matrix(org_code: str, *, by, **data) -> RiskMatrix:
    """Add a version of the organisation's matrix. Risks never reviewed here first get
    their scores recorded under the matrix they were given on, so no recorded score
    changes band or threshold."""
    clean, errors = check_matrix(data)
    _refuse(errors)
    old = matrices.matrix_of(org_code)
    unreviewed = list(
        Risk.objects.filter(org_id=org_code).exclude(
            risk_id__in=RiskReview.objects.values("risk_id")
        )
    )
    if unreviewed:
        RiskReview.objects.bulk_create([_baseline(r, old, by) for r in unreviewed])
        record(
            by=by,
            operation="create",
            model="risks.RiskReview",
            object_id=org_code,
            after={"baselines": [r.risk_id for r in unreviewed]},
        )
    last = RiskMatrix.objects.filter(org_code=org_code).order_by("-version").first()
    return actions.create(
        RiskMatrix,
        by=by,
        org_code=org_code,
        version=(last.version + 1) if last else 1,
        likelihood=clean["likelihood"],
        consequence=clean["consequence"],
        bands=[[top, name] for top, name in clean["bands"]],
        threshold=clean["threshold"],
        created_by=actor_name(by),
    )


def check_item(what: str, data: dict, owners: set[str] | None = None) -> tuple[dict, dict]:
    errors: dict[str, str] = {}
    if what not in ITEM_MODELS:
        raise UserError(f"unknown kind of entry {what!r}")
    description = str(data.get("description") or "").strip()
    if not description:
        errors["description"] = "Enter a description"
    elif len(description) > 4000:
        errors["description"] = "The description must be 4,000 characters or fewer"
    clean: dict = {"description": description}
    clean["added_on"] = _date(data.get("added_on"), "date", "added_on", errors)
    if what == "assurance":
        level = str(data.get("level") or "first")
        if level not in AssuranceLevel.values:
            errors["level"] = "Choose the line of assurance"
        clean["level"] = level
        clean["positive"] = str(data.get("positive", "yes")) in ("yes", "true", "True", "1")
    if what == "gap":
        gap = str(data.get("kind") or "control")
        if gap not in GapKind.values:
            errors["kind"] = "Choose a gap in control or in assurance"
        clean["kind"] = gap
    if what == "action":
        clean["due"] = _date(data.get("due"), "due date", "due", errors)
        owner = str(data.get("owner") or "").strip() or None
        if owner is not None and owners is not None and owner not in owners:
            errors["owner"] = "Choose an owner from the list"
        clean["owner_id"] = owner
        if clean["due"] and clean["added_on"] and clean["due"] < clean["added_on"]:
            errors["due"] = "The due date cannot be before the action was added"
    return clean, errors


def add_item(what: str, risk: Risk, /, *, by, owners: set[str] | None = None, **data):
    """Add a control, source of assurance, gap or action to a risk."""
    clean, errors = check_item(what, data, owners)
    _refuse(errors)
    return actions.create(ITEM_MODELS[what], by=by, risk=risk, **clean)


@transaction.atomic
def end_item(item, *, by, on: dt.date, expected_version: int | None = None):
    """A control, assurance or gap no longer in place from `on`; never deleted."""
    item = actions.current(item, expected_version, what=_item_name(item))
    if item.ended_on is not None:
        raise UserError(f"already ended on {item.ended_on.isoformat()}")
    if on < item.added_on:
        raise UserError(f"cannot end before it was added ({item.added_on.isoformat()})")
    return actions.update(item, by=by, ended_on=on)


@transaction.atomic
def complete_action(
    item: RiskAction, *, by, on: dt.date, expected_version: int | None = None
) -> RiskAction:
    item = actions.current(item, expected_version, what=_item_name(item))
    if item.done_on is not None:
        raise UserError(f"already done on {item.done_on.isoformat()}")
    if on < item.added_on:
        raise UserError(f"cannot be done before it was added ({item.added_on.isoformat()})")
    return actions.update(item, by=by, done_on=on)


def _item_name(item) -> str:
    return f"the {item._meta.verbose_name} “{item.description[:60]}” of risk {item.risk_id}"
