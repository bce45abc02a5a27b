"""Meeting pages: the meetings of the bodies in scope, a body's meetings, a meeting's
agenda with the conflicts check of each decision, recording attendance, and the minutes
of declarations and how each was managed."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render

from pathfinder.core.decorators import signed_in
from pathfinder.core.errors import UserError
from pathfinder.core.jinja import long_date
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.core.roles import Permission
from pathfinder.governance.actions import record_attendance
from pathfinder.governance.agenda import load_agenda
from pathfinder.governance.attendance import eligible
from pathfinder.governance.models import Body, BodyKind, Decision, Meeting


def _columns(body) -> list[Column]:
    return [
        Column("date", "Date", ("date", "meeting_id")),
        *(
            []
            if body
            else [
                Column("body", "Body", ("body__name", "date", "meeting_id")),
                Column("organisation", "Organisation", ("body__org__name", "date", "meeting_id")),
            ]
        ),
        Column("decisions", "Decisions", ("decision_count", "date", "meeting_id"), numeric=True),
        Column("papers", "Papers"),
    ]


def _filters(d, body) -> list[Filter]:
    out = [
        Filter(
            "when",
            "Show",
            choices=[
                ("upcoming", f"Upcoming, on or after {long_date(d)}"),
                ("past", f"Held before {long_date(d)}"),
                ("all", "All dates"),
            ],
            any=None,
            default="upcoming",
            apply=lambda qs, v: qs.filter(
                {"upcoming": Q(date__gte=d), "past": Q(date__lt=d)}.get(v, Q())
            ),
        ),
        Filter("from", "On or after", "from", fields=("date",)),
        Filter("to", "On or before", "to", fields=("date",)),
    ]
    if body is None:
        out[1:1] = [
            Filter(
                "q", "Body name or ID contains", "search", fields=("body__name", "body__body_id")
            ),
            Filter(
                "org",
                "Organisation code or name contains",
                "search",
                fields=("body__org__code", "body__org__name"),
            ),
            Filter(
                "kind",
                "Kind of body",
                choices=BodyKind.choices,
                any="Any kind",
                lookup="body__kind",
            ),
        ]
    return out


# A subquery, not a join and GROUP BY: a page of 50 counts its own rows' decisions.
_DECISIONS = Coalesce(
    Subquery(
        Decision.objects.filter(meeting=OuterRef("pk"))
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    ),
    0,
)


def _download_rows(meetings):
    for m in meetings:
        yield [m.meeting_id, m.date, m.body_id, m.body.name, m.body.org_id, m.body.org.name,
               m.decision_count]  # fmt: skip


def _meetings_page(request, queryset, body, title: str, filename: str):
    """Meetings as the one listing: upcoming first by default, soonest first; past ones
    latest first unless a column is chosen."""
    d = request.as_at
    default = "-date" if request.GET.get("when") == "past" else "date"
    listing = Listing(request, _columns(body), default, filters=_filters(d, body), noun="meetings")
    meetings = listing.apply(
        queryset.select_related("body", "body__org").annotate(decision_count=_DECISIONS)
    )
    if listing.download_format:
        header = ["meeting", "date", "body", "body_name", "org", "org_name", "decisions"]
        return listing.download(meetings, filename, _download_rows, header=header)
    page = listing.page(meetings)
    return render(
        request,
        "governance/meetings.html",
        {
            "title": title,
            "body": body,
            "listing": listing,
            "page": page,
        },
    )


@signed_in
def meeting_list(request):
    scope = request.scope.org_codes_query()
    meetings = Meeting.objects.filter(body__org_id__in=scope)
    return _meetings_page(request, meetings, None, "Meetings", f"meetings-{request.as_at}")


@signed_in
def body_meetings(request, body_id):
    scope = request.scope.org_codes_query()
    body = Body.objects.select_related("org").filter(pk=body_id, org_id__in=scope).first()
    if body is None:
        raise Http404("No such body in your scope")
    return _meetings_page(
        request,
        Meeting.objects.filter(body=body),
        body,
        f"Meetings of {body.name}",
        f"meetings-{body.body_id}-{request.as_at}",
    )


def _meeting(request, meeting_id):
    meeting = Meeting.objects.select_related("body", "body__org").filter(pk=meeting_id).first()
    if meeting is None or not request.scope.can(Permission.VIEW, meeting.body.org_id):
        raise Http404("No such meeting in your scope")
    return meeting


@signed_in
def agenda(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    return render(
        request,
        "governance/agenda.html",
        {
            "title": f"Agenda: {meeting.body.name}, {meeting.date.day} {meeting.date:%B %Y}",
            "meeting": meeting,
            "agenda": load_agenda(meeting.meeting_id),
            "upcoming": meeting.date >= request.as_at,
            "can_govern": request.scope.can(Permission.GOVERN, meeting.body.org_id),
        },
    )


@signed_in
def attendance(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    if not request.scope.can(Permission.GOVERN, meeting.body.org_id):
        return render(
            request,
            "403.html",
            {"title": "You cannot record attendance"},
            status=403,
        )
    people = eligible(meeting)
    error = ""
    if request.method == "POST":
        chosen = request.POST.getlist("person")
        try:
            record_attendance(meeting, chosen, by=request.user)
        except UserError as e:
            error = str(e)
        else:
            return redirect("governance:agenda", meeting_id=meeting.meeting_id)
    present = set(meeting.attendance.values_list("person_id", flat=True))
    if request.method == "POST":
        present = set(request.POST.getlist("person"))
    return render(
        request,
        "governance/meeting_attendance.html",
        {
            "title": f"Attendance: {meeting.body.name}, {meeting.date.day} {meeting.date:%B %Y}",
            "meeting": meeting,
            "people": sorted(people.items(), key=lambda p: (p[1], p[0])),
            "present": present,
            "error": error,
            "form_errors": [error] if error else [],
        },
    )


@signed_in
def minutes(request, meeting_id):
    meeting = _meeting(request, meeting_id)
    held = meeting.date <= request.as_at
    return render(
        request,
        "governance/minutes.html",
        {
            "title": f"Minutes: {meeting.body.name}, {meeting.date.day} {meeting.date:%B %Y}",
            "meeting": meeting,
            "held": held,
            "agenda": load_agenda(meeting.meeting_id) if held else None,
        },
    )
