"""The public registers of an organisation: open to anyone, signed in or not. Each
register downloads, whole, through the one listing component (core/listing.py)."""

from django.http import Http404
from django.shortcuts import redirect, render

from pathfinder.core.listing import Column, Listing
from pathfinder.interests.public import TABLES, load_registers


def _download(request, org, r, which: str):
    header, rows = TABLES[which](r)
    # No default order of the component's: the register's own, unless ?sort= asks.
    columns = [Column(h, h, sortable=True) for h in ("", *header)]
    listing = Listing(request, columns, "")
    entries = listing.apply(dict(zip(header, row, strict=True)) for row in rows)
    name = f"{org.code}-{which}-{r.as_at.isoformat()}"

    def cells(chunk):
        return ([e[h] for h in header] for e in chunk)

    return listing.download(entries, name, cells, header=header, title=which)


def registers(request, code):
    from pathfinder.organisations.models import Organisation

    org = Organisation.objects.filter(code=code).first()
    if org is None:
        raise Http404("No such organisation")
    which = request.GET.get("download", "")
    if which in TABLES and "format" not in request.GET:
        # a download link without a format has always meant CSV
        params = request.GET.copy()
        params["format"] = "csv"
        return redirect(f"{request.path}?{params.urlencode()}")
    r = load_registers(org, request.as_at)
    if which in TABLES and request.GET.get("format") in ("csv", "xlsx"):
        return _download(request, org, r, which)
    return render(
        request,
        "interests/public_registers.html",
        {"title": f"Registers of {org.name}", "org": org, "r": r},
    )
