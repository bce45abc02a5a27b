"""Pages of the organisations domain."""

from django.urls import path

from pathfinder.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisations/", views.organisation_list, name="list"),
    path("organisations/<str:code>/", views.organisation_detail, name="detail"),
    path("structure/", views.structure, name="structure"),
    path("changes/", views.changes, name="changes"),
]
