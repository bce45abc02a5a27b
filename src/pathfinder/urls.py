"""URL map: each domain app owns its pages; the JSON API lives under /api/."""

from django.urls import include, path

urlpatterns = [
    path("", include("pathfinder.core.urls")),
    path("", include("pathfinder.organisations.urls")),
    path("", include("pathfinder.people.urls")),
    path("api/", include("pathfinder.api.urls")),
]
