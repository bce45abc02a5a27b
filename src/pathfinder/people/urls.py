"""Pages of the people domain."""

from django.urls import path

from pathfinder.people import views

app_name = "people"

urlpatterns = [
    path("people/", views.person_list, name="list"),
    path("people/<str:person_id>/", views.person_detail, name="detail"),
]
