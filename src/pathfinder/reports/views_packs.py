"""Pages of board pack records: building a meeting's pack, its progress, downloading,
issuing and trying again, a body's packs, and the packs published to anyone.

Reading a pack needs VIEW on its body's organisation; building, issuing and trying
again need GOVERN. An issued pack of a meeting held in public may be downloaded by
anyone (docs/decisions/0133); any other pack is a 404 outside the user's scope.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pathfinder.core.decorators import signed_in
from pathfinder.core.errors import UserError
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.core.roles import Permission
from pathfinder.governance.models import Body, Meeting
from pathfinder.reports import actions
from pathfinder.reports.models import BoardPack, PackFile, PackStatus

LISTED = ("meeting", "body")
COLUMNS = [
    Column("number", "Pack", ("number",)),
    Column("body", "Body", ("body__name", "number")),
    Column("meeting", "Meeting", ("meeting__date", "number")),
    Column("as_at", "As at", ("as_at", "number")),
    Column("version", "Version", ("version", "number"), numeric=True),
    Column("status", "State", ("status", "number")),
    Column("pdf", "PDF"),
]
PUBLIC_COLUMNS = [
    Column("number", "Pack", ("body__name", "number")),
    Column("meeting", "Meeting", ("meeting__date", "number")),
    Column("as_at", "As at", ("as_at", "number")),
    Column("version", "Version", ("version", "number"), numeric=True),
    Column("issued", "Issued", ("issued_at", "number")),
    Column("pdf", "PDF"),
]
AS_AT_FILTERS = [
    Filter("from", "As at from", "from", fields=("as_at",)),
    Filter("to", "As at up to", "to", fields=("as_at",)),
]
FILTERS = [
    Filter("status", "State", choices=[*PackStatus.choices, ("issued", "Issued")], any="Any state",
           apply=lambda qs, v: qs.filter(issued_at__isnull=False) if v == "issued"
           else qs.filter(status=v, issued_at__isnull=True)),
    *AS_AT_FILTERS,
]  # fmt: skip
HEADER = ["body", "number", "meeting", "meeting_date", "as_at", "version", "status", "issued_at",
          "public", "size"]  # fmt: skip


def _pack_rows(packs):
    for p in packs:
        meeting_date = p.meeting.date if p.meeting else ""
        yield [p.body_id, p.number, p.meeting_id or "", meeting_date, p.as_at, p.version,
               p.status, p.issued_at, "yes" if p.public else "no", p.size]  # fmt: skip


def _pack_list(request, packs, filename: str, public: bool = False):
    """A list of packs, newest first, through the listing component; or its download."""
    columns, filters = (PUBLIC_COLUMNS, AS_AT_FILTERS) if public else (COLUMNS, FILTERS)
    listing = Listing(request, columns, "-number", filters=filters, noun="packs")
    packs = listing.apply(packs.select_related(*LISTED))
    if listing.download_format:
        return listing.download(packs, filename, _pack_rows, header=HEADER), None
    return listing, listing.page(packs)


def _listed(queryset):
    return queryset.select_related(*LISTED).order_by("-number")


def _forbidden(request, title: str):
    return render(request, "403.html", {"title": title}, status=403)


def _body(request, body_id: str) -> Body:
    body = Body.objects.select_related("org").filter(pk=body_id).first()
    if body is None or not request.scope.can(Permission.VIEW, body.org_id):
        raise Http404("No such body in your scope")
    return body


def _pack(request, body_id: str, number: int) -> BoardPack:
    body = _body(request, body_id)
    pack = _listed(BoardPack.objects.filter(body=body, number=number)).first()
    if pack is None:
        raise Http404("No such pack")
    return pack


def status_url(pack: BoardPack) -> str:
    return reverse("reports:pack_status", kwargs={"body_id": pack.body_id, "number": pack.number})


@signed_in
def meeting_packs(request, meeting_id):
    """The packs built for a meeting, and (POST) building a new one as at its date."""
    meeting = Meeting.objects.select_related("body", "body__org").filter(pk=meeting_id).first()
    if meeting is None or not request.scope.can(Permission.VIEW, meeting.body.org_id):
        raise Http404("No such meeting in your scope")
    can_govern = request.scope.can(Permission.GOVERN, meeting.body.org_id)
    if request.method == "POST":
        if not can_govern:
            return _forbidden(request, "You cannot build this board pack")
        pack = actions.request_build(
            by=request.user, body=meeting.body, as_at=meeting.date, meeting=meeting
        )
        return redirect(status_url(pack))
    listing, page = _pack_list(
        request, BoardPack.objects.filter(meeting=meeting), f"packs-{meeting.meeting_id}"
    )
    if page is None:
        return listing
    return render(
        request,
        "reports/meeting_packs.html",
        {
            "title": f"Board packs: {meeting.body.name}, {meeting.date.day} {meeting.date:%B %Y}",
            "meeting": meeting,
            "listing": listing,
            "page": page,
            "can_govern": can_govern,
        },
    )


@signed_in
def body_packs(request, body_id):
    body = _body(request, body_id)
    listing, page = _pack_list(request, BoardPack.objects.filter(body=body), f"packs-{body_id}")
    if page is None:
        return listing
    return render(
        request,
        "reports/body_packs.html",
        {"title": f"Board packs of {body.name}", "body": body, "listing": listing, "page": page},
    )


@signed_in
def pack_status(request, body_id, number):
    """A pack's progress while it is built (the fragment polled by htmx), then what may
    be done with it; POST tries a failed or abandoned build again."""
    pack = _pack(request, body_id, number)
    can_govern = request.scope.can(Permission.GOVERN, pack.body.org_id)
    error = ""
    if request.method == "POST":
        if not can_govern:
            return _forbidden(request, "You cannot build this board pack")
        try:
            actions.try_again(pack, by=request.user)
        except UserError as e:
            error = str(e)
        else:
            return redirect(status_url(pack))
    context = {
        "title": f"Board pack {pack.number}: {pack.body.name} as at {pack.as_at:%d %B %Y}",
        "pack": pack,
        "can_govern": can_govern,
        "stale": actions.is_stale(pack),
        "error": error,
        "form_errors": [error] if error else [],
    }
    if request.htmx:
        return render(request, "reports/build_status.htmx.html", context)
    return render(request, "reports/build_status.html", context, status=400 if error else 200)


def pack_pdf(request, body_id, number):
    """The PDF: to a user who may view the body, or to anyone if published."""
    pack = (
        BoardPack.objects.select_related("body")
        .filter(body_id=body_id, number=number, issued_at__isnull=False, public=True)
        .first()
    )
    if pack is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        pack = _pack(request, body_id, number)
    data = PackFile.objects.filter(pack=pack).values_list("data", flat=True).first()
    if data is None:
        raise Http404("This pack is not built yet")
    response = HttpResponse(bytes(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@signed_in
def pack_issue(request, body_id, number):
    pack = _pack(request, body_id, number)
    if not request.scope.can(Permission.GOVERN, pack.body.org_id):
        return _forbidden(request, "You cannot issue this board pack")
    error = ""
    if request.method == "POST":
        held = request.POST.get("public", "")
        if held not in ("yes", "no"):
            error = "Say whether the meeting is held in public"
        else:
            try:
                actions.issue(pack, by=request.user, public=held == "yes")
            except UserError as e:
                error = str(e)
            else:
                return redirect(status_url(pack))
    return render(
        request,
        "reports/issue.html",
        {
            "title": f"Issue board pack {pack.number}: {pack.body.name}",
            "pack": pack,
            "error": error,
            "form_errors": [error] if error else [],
        },
        status=400 if error else 200,
    )


def public_packs(request, code):
    """The packs an organisation's bodies issued for meetings held in public: for anyone."""
    from pathfinder.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise Http404("No such organisation")
    packs = BoardPack.objects.filter(body__org=organisation, issued_at__isnull=False, public=True)
    listing, page = _pack_list(request, packs, f"board-papers-{code}", public=True)
    if page is None:
        return listing
    return render(
        request,
        "reports/public_packs.html",
        {
            "title": f"Board papers: {organisation.name}",
            "org": organisation,
            "listing": listing,
            "page": page,
        },
    )
