"""The JSON API's URLs (mounted at /api/): the routes, /api/openapi.json and /api/docs."""

from django.urls import path

from pathfinder.api.api import api
from pathfinder.api.docs import asset

urlpatterns = [
    path("docs/assets/<str:name>", asset, name="api-docs-asset"),
    path("", api.urls),
]
