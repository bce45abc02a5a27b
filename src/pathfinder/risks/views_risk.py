"""One risk: its page with history, recording a review, adding and ending controls,
assurances, gaps and actions. Records are reached through `request.scope`; writes go
through `risks.actions`."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from pathfinder.core import versions
from pathfinder.core.date_input import read_dates
from pathfinder.core.errors import UserError
from pathfinder.core.iso_dates import long_date
from pathfinder.core.roles import Permission
from pathfinder.reports.charts import Series, line_chart
from pathfinder.risks import actions
from pathfinder.risks.matrix import matrix_of
from pathfinder.risks.models import (
    AssuranceLevel,
    GapKind,
    Risk,
    RiskAction,
    RiskReview,
)
from pathfinder.risks.register import rows_for

ADD_HEADINGS = {
    "control": "Add a control",
    "assurance": "Add a source of assurance",
    "gap": "Add a gap in control or assurance",
    "action": "Add an action",
}


def risk_in_scope(view):
    """Replace the `risk_id` URL part with the Risk, if the user may view its organisation."""

    @login_required
    @wraps(view)
    def wrapper(request, risk_id, **kwargs):
        risk = Risk.objects.filter(risk_id=risk_id).select_related("org", "owner").first()
        if risk is None or risk.org_id not in request.scope.org_codes():
            raise Http404("No such risk in your scope")
        return view(request, risk, **kwargs)

    return wrapper


def _items(model, risk, d):
    return list(model.objects.in_force(d).filter(risk=risk).order_by("added_on", "id"))


@risk_in_scope
def detail(request, risk):
    d = request.as_at
    can_edit = request.scope.can(Permission.EDIT, risk.org_id)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        _post_item_change(request, risk)
        return redirect(reverse("risks:detail", kwargs={"risk_id": risk.risk_id}))
    found = rows_for([risk.org_id], d, with_baf=True, risk_ids=[risk.risk_id])
    row = found[0] if found else None
    reviews = list(RiskReview.objects.filter(risk=risk).order_by("reviewed_on", "id"))
    history = [rv for rv in reviews if rv.reviewed_on <= d] or reviews[:1]
    chart = None
    if history:
        chart = line_chart(
            title=f"Current score of {risk.risk_id} over time",
            desc=(
                f"The current score at each of {len(history)} reviews, from "
                f"{long_date(history[0].reviewed_on)} to {long_date(history[-1].reviewed_on)}, "
                "with the escalation threshold as a dashed line; the figures are in the "
                "table below."
            ),
            x_labels=[rv.reviewed_on.isoformat() for rv in history],
            series=[Series("Current score", tuple(rv.score for rv in history))],
            reference=Series("Escalation threshold", tuple(rv.threshold for rv in history)),
        )
    actions_list = list(
        RiskAction.objects.filter(risk=risk, added_on__lte=d)
        .select_related("owner")
        .order_by("due", "id")
    )
    items = {
        f"{k}s": _items(actions.ITEM_MODELS[k], risk, d) for k in ("control", "assurance", "gap")
    }
    read_at = {}
    if can_edit:
        for kind, rows in (
            ("control", items["controls"]),
            ("assurance", items["assurances"]),
            ("gap", items["gaps"]),
            ("action", actions_list),
        ):
            read_at[kind] = versions.versions_of(rows)
    return render(
        request,
        "risks/detail.html",
        {
            "title": f"{risk.title} ({risk.risk_id})",
            "risk": risk,
            "row": row,
            "reviews": history,
            "chart": chart,
            **items,
            "actions": actions_list,
            "versions": read_at,
            "refusals": [
                str(m) for m in messages.get_messages(request) if m.level >= messages.ERROR
            ],
            "can_edit": can_edit,
            "today": timezone.localdate(),
        },
    )


def _post_item_change(request, risk):
    from pathfinder.core.iso_dates import parse_date

    kind = request.POST.get("kind", "")
    model = actions.ITEM_MODELS.get(kind)
    if model is None:
        raise Http404("No such entry")
    item = model.objects.filter(risk=risk, pk=request.POST.get("item") or 0).first()
    if item is None:
        raise Http404("No such entry")
    try:
        on = parse_date(request.POST.get("on") or timezone.localdate().isoformat())
    except ValueError:
        on = timezone.localdate()
    read_at = versions.parse_version(request.POST.get("version")) or 0
    try:
        if kind == "action":
            actions.complete_action(item, by=request.user, on=on, expected_version=read_at)
        else:
            actions.end_item(item, by=request.user, on=on, expected_version=read_at)
    except versions.StaleVersion as e:
        messages.error(request, str(e))
    except UserError:
        pass  # already done or ended: nothing to change


def form_page(request, template, context, errors):
    order = list(errors.items())
    return render(
        request,
        template,
        {**context, "errors": errors, "form_errors": order},
        status=400 if errors else 200,
    )


@risk_in_scope
def review(request, risk):
    if not request.scope.can(Permission.EDIT, risk.org_id):
        raise PermissionDenied
    matrix = matrix_of(risk.org_id)
    data = {
        "reviewed_on": min(request.as_at, timezone.localdate()).isoformat(),
        "likelihood": risk.current_likelihood,
        "consequence": risk.current_consequence,
        "target_likelihood": risk.target_likelihood or "",
        "target_consequence": risk.target_consequence or "",
        "note": "",
    }
    errors: dict[str, str] = {}
    read_at = versions.version_of(risk)
    if request.method == "POST":
        data = {k: request.POST.get(k, "") for k in data}
        data, wrong = read_dates(request.POST, data, {"reviewed_on": "Date of the review"})
        read_at = versions.parse_version(request.POST.get("version")) or 0
        _, errors = actions.check_review(risk, data)
        errors = {**errors, **wrong}
        if not errors:
            try:
                actions.record_review(risk, by=request.user, expected_version=read_at, **data)
            except versions.StaleVersion as e:
                # The scores given stay on the form; saving again is a choice made
                # having seen what changed.
                errors = {"version": str(e)}
                risk.refresh_from_db()
                read_at = versions.version_of(risk)
            else:
                return redirect(reverse("risks:detail", kwargs={"risk_id": risk.risk_id}))
    return form_page(
        request,
        "risks/review.html",
        {
            "title": f"Review {risk.title}",
            "risk": risk,
            "data": data,
            "matrix": matrix,
            "version": read_at,
        },
        errors,
    )


OWNER_CHOICES = 300


@risk_in_scope
def add_item(request, risk, kind):
    if not request.scope.can(Permission.EDIT, risk.org_id):
        raise PermissionDenied
    heading = ADD_HEADINGS[kind]
    owners: dict[str, str] = {}
    typed_owner = False
    if kind == "action":
        people = request.scope.people()
        # A choice of everyone is readable for a consortium, not for a nation: beyond
        # OWNER_CHOICES people the owner is typed (their person ID) and looked up.
        chosen = list(people.order_by("name").values_list("person_id", "name")[: OWNER_CHOICES + 1])
        typed_owner = len(chosen) > OWNER_CHOICES
        if not typed_owner:
            owners = dict(chosen)
        elif pid := request.POST.get("owner", "").strip():
            owners = dict(people.filter(person_id=pid).values_list("person_id", "name"))
    data = {
        "description": "",
        "added_on": min(request.as_at, timezone.localdate()).isoformat(),
        "due": "",
        "owner": "",
        "level": "first",
        "positive": "yes",
        "kind": "control",
    }
    errors: dict[str, str] = {}
    if request.method == "POST":
        data = {k: request.POST.get(k, v) for k, v in data.items()}
        dates = {"added_on": "Date in place from"} | (
            {"due": "Due date"} if kind == "action" else {}
        )
        data, wrong = read_dates(request.POST, data, dates)
        _, errors = actions.check_item(kind, data, set(owners))
        if typed_owner and "owner" in errors:
            errors["owner"] = "Enter the person ID of someone in the organisations you cover"
        errors = {**errors, **wrong}
        if not errors:
            actions.add_item(kind, risk, by=request.user, owners=set(owners), **data)
            return redirect(reverse("risks:detail", kwargs={"risk_id": risk.risk_id}))
    return form_page(
        request,
        "risks/item_form.html",
        {
            "title": heading,
            "heading": heading,
            "risk": risk,
            "kind": kind,
            "data": data,
            "owners": owners,
            "typed_owner": typed_owner,
            "levels": AssuranceLevel.choices,
            "gap_kinds": GapKind.choices,
        },
        errors,
    )
