"""The public registers of an organisation: open to anyone, signed in or not."""

from django.http import Http404
from django.shortcuts import render

from pathfinder.core.downloads import csv_response
from pathfinder.interests.public import TABLES, load_registers
from pathfinder.interests.spreadsheets import xlsx_response


def registers(request, code):
    from pathfinder.organisations.models import Organisation

    org = Organisation.objects.filter(code=code).first()
    if org is None:
        raise Http404("No such organisation")
    d = request.as_at
    r = load_registers(org, d)
    which = request.GET.get("download", "")
    fmt = request.GET.get("format", "csv")
    if which in TABLES and fmt in ("csv", "xlsx"):
        header, rows = TABLES[which](r)
        name = f"{org.code}-{which}-{d.isoformat()}.{fmt}"
        if fmt == "xlsx":
            return xlsx_response(name, which, header, rows)
        return csv_response(name, header, rows)
    return render(
        request,
        "interests/public_registers.html",
        {"title": f"Registers of {org.name}", "org": org, "r": r},
    )
