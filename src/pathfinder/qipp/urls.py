"""Pages of the QIPP domain."""

from django.urls import path

from pathfinder.qipp import views

app_name = "qipp"

urlpatterns = [
    path("qipp/", views.overview_page, name="overview"),
    path("qipp/schemes/<str:scheme_id>/", views.scheme_page, name="scheme"),
]
