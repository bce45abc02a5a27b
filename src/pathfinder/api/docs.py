"""The interactive API docs (Swagger UI) served from the copy inside django-ninja.

Ninja's default page loads Swagger UI from a CDN unless `ninja` is an installed app;
Pathfinder must work without the internet, so the page here points at the same files,
served from the installed package by `asset` (docs/decisions/0071-api-docs-offline.md).
"""

import json
import mimetypes
from pathlib import Path

import ninja
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_safe
from ninja.openapi.docs import DocsBase

ASSET_DIR = Path(ninja.__file__).resolve().parent / "static" / "ninja"
ASSETS = frozenset(
    {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.svg", "favicon.png"}
)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="{css}">
<link rel="icon" href="{icon}" type="image/svg+xml">
</head>
<body data-csrf-token="{csrf}" data-api-csrf="true">
<script type="application/json" id="swagger-settings">{settings}</script>
<div id="swagger-ui"></div>
<script src="{bundle}"></script>
<script src="{init}"></script>
</body>
</html>
"""


def asset_url(name: str) -> str:
    return reverse("api-docs-asset", kwargs={"name": name})


class LocalSwagger(DocsBase):
    def render_page(self, request, api, **kwargs) -> HttpResponse:
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
            # Swagger UI would otherwise send the document to an online validator.
            "validatorUrl": None,
        }
        html = PAGE.format(
            title=escape(api.title),
            css=asset_url("swagger-ui.css"),
            icon=asset_url("favicon.svg"),
            csrf=escape(get_token(request)),
            # JSON inside <script>: "<" escaped so the text can never close the element.
            settings=json.dumps(settings).replace("<", "\\u003c"),
            bundle=asset_url("swagger-ui-bundle.js"),
            init=asset_url("swagger-ui-init.js"),
        )
        return HttpResponse(html)


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
