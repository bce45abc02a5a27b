"""URL map: each domain app owns its pages; the JSON API lives under /api/."""

from django.urls import include, path

urlpatterns = [
    path("", include("pathfinder.core.urls")),
    path("", include("pathfinder.organisations.urls")),
    path("", include("pathfinder.people.urls")),
    path("", include("pathfinder.governance.urls")),
    path("", include("pathfinder.interests.urls")),
    path("", include("pathfinder.finance.urls")),
    path("", include("pathfinder.qipp.urls")),
    path("", include("pathfinder.risks.urls")),
    path("", include("pathfinder.support.urls")),
    path("", include("pathfinder.agendas.urls")),
    path("", include("pathfinder.reports.urls")),
    path("api/", include("pathfinder.api.urls")),
]
