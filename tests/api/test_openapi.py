"""The OpenAPI document lists every route, and the docs page works without the internet."""

import re

from django.urls import reverse

from pathfinder.api.api import api
from pathfinder.api.docs import ASSETS
from pathfinder.cli import ANALYSES

READS = [
    "/api/organisations",
    "/api/organisations/{code}",
    "/api/relationships",
    "/api/people",
    "/api/people/{person_id}",
    "/api/posts",
    "/api/risks",
    "/api/risks/{risk_id}",
    "/api/risks/{risk_id}/reviews",
    "/api/risks/{risk_id}/actions",
    "/api/risk-matrices/{code}",
    "/api/support/offers",
    "/api/support/offers/{offer_id}",
    "/api/support/sessions",
    "/api/support/sessions/{session_id}",
    "/api/support/bookings",
    "/api/support/assessments",
    "/api/agendas/proposals",
    "/api/agendas/proposals/{proposal_id}",
    "/api/agendas/positions",
    "/api/bodies",
    "/api/bodies/{body_id}",
    "/api/memberships",
    "/api/accountability-lines",
    "/api/delegations",
    "/api/meetings",
    "/api/meetings/{meeting_id}",
    "/api/decisions/{decision_id}",
    "/api/interests",
    "/api/gifts",
    "/api/returns",
    "/api/registers/{code}/interests",
    "/api/finance/budgets",
    "/api/finance/ledger",
    "/api/qipp/schemes",
    "/api/qipp/schemes/{scheme_id}",
]


def test_the_document_lists_every_route(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    routes = READS + [f"/api/analyses/{name}" for name in ANALYSES]
    assert sorted(doc["paths"]) == sorted(routes)
    # Nothing registered is missing from the list above.
    registered = {
        "/api" + prefix.rstrip("/") + path
        for prefix, router in api._routers
        for path in router.path_operations
    }
    assert registered == set(routes)


def test_every_route_needs_a_caller(client, db):
    doc = client.get("/api/openapi.json").json()
    schemes = doc["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"
    for path, operations in doc["paths"].items():
        for operation in operations.values():
            assert {"TokenAuth": []} in operation["security"], path
            assert "401" in operation["responses"], path


def test_the_docs_page_loads_nothing_from_elsewhere(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(u.startswith("/api/docs/assets/") for u in urls), urls
    assert "http://" not in html and "https://" not in html
    assert '"validatorUrl": null' in html
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert b"".join(asset.streaming_content)


def test_only_the_docs_assets_are_served(client, db):
    assert (
        client.get(reverse("api-docs-asset", kwargs={"name": "swagger-ui.css"})).status_code == 200
    )
    assert "swagger-ui-bundle.js" in ASSETS
    for name in ("redoc.standalone.js", "..%2Fconf.py", "conf.py"):
        assert client.get(f"/api/docs/assets/{name}").status_code == 404, name
