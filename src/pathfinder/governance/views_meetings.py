"""Meeting pages: the meetings of the bodies in scope, a body's meetings, a meeting's
agenda with the conflicts check of each decision, recording attendance, and the minutes
of declarations and how each was managed."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render

from pathfinder.core.decorators import signed_in
from pathfinder.core.errors import UserError
from pathfinder.core.roles import Permission
from pathfinder.governance.actions import record_attendance
from pathfinder.governance.agenda import load_agenda
from pathfinder.governance.attendance import eligible
from pathfinder.governance.models import Body, Meeting


def _meetings_table(queryset):
    return list(
        queryset.select_related("body", "body__org")
        .annotate(decision_count=Count("decisions"))
        .order_by("date", "meeting_id")
    )


@signed_in
def meeting_list(request):
    d = request.as_at
    meetings = _meetings_table(Meeting.objects.filter(body__org_id__in=request.scope.org_codes()))
    return render(
        request,
        "governance/meetings.html",
        {
            "title": "Meetings",
            "body": None,
            "upcoming": [m for m in meetings if m.date >= d],
            "past": list(reversed([m for m in meetings if m.date < d])),
        },
    )


@signed_in
def body_meetings(request, body_id):
    body = Body.objects.select_related("org").filter(pk=body_id).first()
    if body is None or not request.scope.can(Permission.VIEW, body.org_id):
        raise Http404("No such body in your scope")
    d = request.as_at
    meetings = _meetings_table(Meeting.objects.filter(body=body))
    return render(
        request,
        "governance/meetings.html",
        {
            "title": f"Meetings of {body.name}",
            "body": body,
            "upcoming": [m for m in meetings if m.date >= d],
            "past": list(reversed([m for m in meetings if m.date < d])),
        },
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
