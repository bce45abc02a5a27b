"""The OpenAPI document lists every route, and the docs page works without the internet."""

import copy
import re

import jsonschema_rs
import schemathesis
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
    urls = [u for u in re.findall(r'(?:src|href)="([^"]+)"', html) if not u.startswith("#")]
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    swagger = {u.rsplit("/", 1)[1] for u in urls if u.startswith("/api/docs/assets/")}
    assert {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js"} <= swagger
    assert "https://" not in html
    assert '"validatorUrl": null' in html
    for url in urls:
        if not url.startswith(("/api/docs/assets/", "/static/")):
            continue  # the site's own pages, linked from its header and footer
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


DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas_in(doc: dict):
    """Every JSON Schema in the document: components, parameters, bodies and answers."""
    yield from doc["components"]["schemas"].values()
    for operations in doc["paths"].values():
        for op in operations.values():
            yield from (p["schema"] for p in op.get("parameters", []))
            for part in [op.get("requestBody", {}), *op["responses"].values()]:
                yield from (c["schema"] for c in part.get("content", {}).values())


def valid_31(doc: dict) -> bool:
    """The OpenAPI 3.1 meta-schema, and JSON Schema 2020-12 (3.1's dialect) for each schema."""
    try:
        schemathesis.openapi.from_dict(doc).validate()
    except jsonschema_rs.ValidationError:
        return False
    return all(jsonschema_rs.meta.is_valid({"$schema": DIALECT, **s}) for s in schemas_in(doc))


def test_the_document_is_valid_openapi_3_1(client, db):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1.")
    assert valid_31(doc)
    # The check can fail: a list of schemas as `items`, or answers that are not a map.
    broken = copy.deepcopy(doc)
    broken["components"]["schemas"]["MatrixOut"]["properties"]["bands"]["items"] = [
        {"type": "integer"},
        {"type": "string"},
    ]
    assert not valid_31(broken)
    broken = copy.deepcopy(doc)
    broken["paths"]["/api/people"]["get"]["responses"] = ["200"]
    assert not valid_31(broken)
