"""Pages of the support domain: the programme, readiness and management capacity."""

from django.urls import path

from pathfinder.support import views

app_name = "support"

urlpatterns = [
    path("support/", views.programme, name="programme"),
    path("support/offers/<str:offer_id>/", views.offer_detail, name="offer"),
    path("support/sessions/<str:session_id>/", views.session_detail, name="session"),
    path("support/sessions/<str:session_id>/book/", views.book, name="book"),
    path("support/sessions/<str:session_id>/attendance/", views.attendance, name="attendance"),
    path("capacity/", views.capacity, name="capacity"),
    path("readiness/", views.readiness_overview, name="readiness"),
    path("readiness/<str:code>/", views.readiness_detail, name="readiness_org"),
]
