"""The interactive API docs (Swagger UI) served from the copy inside django-ninja.

Ninja's default page loads Swagger UI from a CDN unless `ninja` is an installed app;
Pathfinder must work without the internet, so the page here points at the same files,
served from the installed package by `asset` (docs/decisions/0071-api-docs-offline.md),
inside the site's own NHS.UK frame with a heading (docs/decisions/0186).
"""

import json
import mimetypes
from pathlib import Path

import ninja
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from ninja.openapi.docs import DocsBase

ASSET_DIR = Path(ninja.__file__).resolve().parent / "static" / "ninja"
ASSETS = frozenset(
    {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.svg", "favicon.png"}
)


def asset_url(name: str) -> str:
    return reverse("api-docs-asset", kwargs={"name": name})


class LocalSwagger(DocsBase):
    def render_page(self, request, api, **kwargs) -> HttpResponse:
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            # Deep links put an <a> inside each operation's toggle button, a control
            # within a control that screen readers cannot reach (axe: nested-interactive).
            "deepLinking": False,
            # Swagger UI would otherwise send the document to an online validator.
            "validatorUrl": None,
        }
        get_token(request)  # the page's data attribute carries it; the cookie must match
        return render(
            request,
            "api/docs.html",
            {
                "title": api.title,
                "api_version": api.version,
                "openapi_url": settings["url"],
                # JSON inside <script>: "<" escaped so the text can never close the element.
                "swagger_settings": json.dumps(settings).replace("<", "\\u003c"),
                "swagger_css": asset_url("swagger-ui.css"),
                "swagger_bundle": asset_url("swagger-ui-bundle.js"),
                "swagger_init": asset_url("swagger-ui-init.js"),
            },
        )


@require_safe
def asset(request, name: str):
    if name not in ASSETS:
        raise Http404("No such docs asset")
    path = ASSET_DIR / name
    if not path.is_file():
        raise Http404("No such docs asset")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(path.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response
