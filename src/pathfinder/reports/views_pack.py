"""The board pack as a web page: `/bodies/<body_id>/pack/?as_at=D`, for signed-in users
who may view the body's organisation (404 otherwise, docs/decisions/0005). The page and
the PDF are one template (docs/decisions/0132)."""

from django.http import Http404
from django.shortcuts import render

from pathfinder.core.decorators import signed_in
from pathfinder.core.errors import UserError
from pathfinder.core.roles import Permission
from pathfinder.governance.models import Body
from pathfinder.reports.sections import build_pack


@signed_in
def pack_page(request, body_id):
    org = Body.objects.filter(pk=body_id).values_list("org_id", flat=True).first()
    if org is None or not request.scope.can(Permission.VIEW, org):
        raise Http404("No such body in your scope")
    try:
        pack = build_pack(body_id, request.as_at)
    except UserError as e:
        body = Body.objects.select_related("org").get(pk=body_id)
        return render(
            request,
            "reports/pack_missing.html",
            {"title": f"Board pack of {body.name}", "body": body, "message": str(e)},
        )
    return render(request, "reports/pack.html", {"pack": pack, "title": pack.title})
