"""Lines of accountability of an organisation (those whose subject is the organisation,
one of its bodies or one of its functions), and the forms to add and end them."""

from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse

from pathfinder.core.decorators import organisation_in_scope
from pathfinder.core.roles import Permission
from pathfinder.governance import actions
from pathfinder.governance.forms import EndForm, LineForm
from pathfinder.governance.models import AccountabilityLine, Body, Function


def subjects_of(organisation) -> list[tuple[str, str]]:
    """The organisation, its bodies and its functions, as (reference, label) choices."""
    out = [(f"org:{organisation.code}", f"{organisation.name} (the organisation)")]
    out += [
        (f"body:{b}", f"{name} ({b})")
        for b, name in Body.objects.filter(org=organisation)
        .order_by("name")
        .values_list("body_id", "name")
    ]
    out += [
        (f"function:{f}", f"{name} ({f})")
        for f, name in Function.objects.filter(org=organisation)
        .order_by("name")
        .values_list("function_id", "name")
    ]
    return out


def _require_govern(request, organisation) -> None:
    if not request.scope.can(Permission.GOVERN, organisation.code):
        raise PermissionDenied("Changing lines of accountability needs the governance lead role")


@organisation_in_scope
def line_list(request, organisation):
    d = request.as_at
    subjects = subjects_of(organisation)
    names = dict(subjects)
    lines = list(
        AccountabilityLine.objects.in_force(d)
        .filter(subject__in=names.keys())
        .order_by("subject", "kind", "holder")
    )
    held = list(
        AccountabilityLine.objects.in_force(d)
        .filter(holder__in=names.keys())
        .order_by("holder", "subject")
    )
    return render(
        request,
        "governance/lines.html",
        {
            "title": f"Lines of accountability of {organisation.name}",
            "notices": list(get_messages(request)),
            "org": organisation,
            "lines": [(x, names.get(x.subject, x.subject)) for x in lines],
            "held": [(x, names.get(x.holder, x.holder)) for x in held],
            "can_govern": request.scope.can(Permission.GOVERN, organisation.code),
        },
    )


@organisation_in_scope
def line_add(request, organisation):
    _require_govern(request, organisation)
    subjects = subjects_of(organisation)
    form = LineForm(
        request.POST or None,
        subjects=subjects,
        initial={"valid_from": request.as_at, "subject": request.GET.get("subject", "")},
    )
    back = reverse("governance:lines", kwargs={"code": organisation.code})
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_line(by=request.user, **form.cleaned_data)
        except ValidationError as e:
            for name, errors in e.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, "Line of accountability added")
            return redirect(back)
    return render(
        request,
        "governance/line_add.html",
        {
            "title": f"Add a line of accountability for {organisation.name}",
            "org": organisation,
            "form": form,
            "form_errors": form.errors,
            "back": back,
        },
    )


@organisation_in_scope
def line_end(request, organisation):
    _require_govern(request, organisation)
    d = request.as_at
    names = dict(subjects_of(organisation))
    current = list(
        AccountabilityLine.objects.filter(subject__in=names.keys())
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=d))
        .order_by("subject", "holder", "id")
    )
    choices = [
        (
            x.pk,
            f"{names.get(x.subject, x.subject)} {x.kind} to {x.holder}"
            + (f" for {x.scope}" if x.scope else "")
            + f", from {x.valid_from.isoformat()} (accountability:{x.pk})",
        )
        for x in current
    ]
    form = EndForm(
        request.POST or None,
        choices=choices,
        noun="line",
        initial={"record": request.GET.get("line", ""), "valid_to": d},
    )
    back = reverse("governance:lines", kwargs={"code": organisation.code})
    if request.method == "POST" and form.is_valid():
        row = next(x for x in current if x.pk == form.cleaned_data["record"])
        try:
            actions.end_row(row, by=request.user, on=form.cleaned_data["valid_to"])
        except ValidationError as e:
            form.add_error("valid_to", e.message_dict["valid_to"])
        else:
            messages.success(request, "Line of accountability ended")
            return redirect(back)
    return render(
        request,
        "governance/record_end.html",
        {
            "title": f"End a line of accountability of {organisation.name}",
            "heading": f"End a line of accountability of {organisation.name}",
            "intro": "The line stays on the record until the last day you give; nothing is "
            "deleted.",
            "form": form,
            "form_errors": form.errors,
            "noun": "line",
            "back": back,
            "empty": "No line of this organisation is in force on or after this date.",
        },
    )
