"""Pages of this domain."""

from django.urls import path

from pathfinder.governance import (
    views_accountability,
    views_bodies,
    views_delegation,
    views_lines,
)

app_name = "governance"
urlpatterns = []

# Bodies, memberships, accountability and delegation.
urlpatterns += [
    path("organisations/<str:code>/bodies/", views_bodies.body_list, name="bodies"),
    path("bodies/<str:body_id>/", views_bodies.body_detail, name="body"),
    path("bodies/<str:body_id>/members/add/", views_bodies.membership_add, name="membership_add"),
    path("bodies/<str:body_id>/members/end/", views_bodies.membership_end, name="membership_end"),
    path("people/<str:person_id>/boards/", views_bodies.person_boards, name="person_boards"),
    path("accountability/", views_accountability.accountability_map, name="map"),
    path("accountability/findings/", views_accountability.findings, name="findings"),
    path("accountability/chains/", views_accountability.chains, name="chains"),
    path("functions/<str:function_id>/", views_accountability.function_detail, name="function"),
    path("organisations/<str:code>/accountability/", views_lines.line_list, name="lines"),
    path("organisations/<str:code>/accountability/add/", views_lines.line_add, name="line_add"),
    path("organisations/<str:code>/accountability/end/", views_lines.line_end, name="line_end"),
    path("organisations/<str:code>/delegation/", views_delegation.scheme, name="delegation"),
    path(
        "organisations/<str:code>/delegation/add/",
        views_delegation.delegation_add,
        name="delegation_add",
    ),
    path(
        "organisations/<str:code>/delegation/end/",
        views_delegation.delegation_end,
        name="delegation_end",
    ),
]

# Meetings, agendas with the conflicts check, attendance and minutes.
from pathfinder.governance import views_meetings  # noqa: E402

urlpatterns += [
    path("meetings/", views_meetings.meeting_list, name="meetings"),
    path("bodies/<str:body_id>/meetings/", views_meetings.body_meetings, name="body_meetings"),
    path("meetings/<str:meeting_id>/", views_meetings.agenda, name="agenda"),
    path("meetings/<str:meeting_id>/attendance/", views_meetings.attendance, name="attendance"),
    path("meetings/<str:meeting_id>/minutes/", views_meetings.minutes, name="minutes"),
]
