"""Pages of the board pack."""

from django.urls import path

from pathfinder.reports import views_pack

app_name = "reports"
urlpatterns: list = [
    path("bodies/<str:body_id>/pack/", views_pack.pack_page, name="pack"),
]
