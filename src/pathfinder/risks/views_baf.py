"""An organisation's Board Assurance Framework and its risk matrix."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from pathfinder.core.decorators import organisation_in_scope
from pathfinder.core.roles import Permission
from pathfinder.organisations.models import Organisation
from pathfinder.risks import actions
from pathfinder.risks.baf import load_baf
from pathfinder.risks.matrix import MAX_BANDS, matrix_of
from pathfinder.risks.models import RiskMatrix
from pathfinder.risks.views_risk import form_page


@organisation_in_scope
def baf(request, organisation):
    framework = load_baf(organisation.code, request.as_at, request.scope.org_codes())
    shown = sorted({e.row.org for e in framework.entries})
    names = dict(Organisation.objects.filter(code__in=shown).values_list("code", "name"))
    return render(
        request,
        "risks/baf.html",
        {
            "title": f"Board Assurance Framework of {organisation.name}",
            "org": organisation,
            "rows": [(e.row, e.items) for e in framework.entries],
            "hidden": framework.hidden,
            "names": names,
        },
    )


@organisation_in_scope
def matrix_page(request, organisation):
    code = organisation.code
    can_change = request.scope.can(Permission.ADMINISTER, code)
    current = matrix_of(code)
    data = {}
    for i in range(1, 6):
        data[f"likelihood_{i}"] = current.likelihood[i - 1]
        data[f"consequence_{i}"] = current.consequence[i - 1]
    for i in range(1, MAX_BANDS + 1):
        top, name = current.bands[i - 1] if i <= len(current.bands) else ("", "")
        data[f"band_{i}_top"], data[f"band_{i}_name"] = top, name
    data["threshold"] = current.threshold
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        data = {k: request.POST.get(k, "") for k in data}
        _, errors = actions.check_matrix(data)
        if not errors:
            actions.set_matrix(code, by=request.user, **data)
            return redirect(reverse("risks:matrix", kwargs={"code": code}))
    versions = list(RiskMatrix.objects.filter(org_code=code).order_by("-version"))
    return form_page(
        request,
        "risks/matrix.html",
        {
            "title": f"Risk matrix of {organisation.name}",
            "org": organisation,
            "matrix": current,
            "data": data,
            "versions": versions,
            "can_change": can_change,
            "band_numbers": range(1, MAX_BANDS + 1),
        },
        errors,
    )
