"""The JSON API: one NinjaAPI with a router per domain, mounted at /api/.

Every route needs a caller (a bearer token or the web session) and answers only within
the caller's scope (docs/decisions/0070-api.md). Every error is `{"detail": "…",
"errors": {…}}` (`errors.py`): a bad parameter is 422, something outside your scope or
unknown is 404, and a check an analysis refuses is 400 with its message.
"""

from ninja import NinjaAPI

from pathfinder.api import (
    agendas,
    analyses,
    errors,
    finance,
    governance,
    interests,
    meetings,
    organisations,
    people,
    qipp,
    risks,
    support,
)
from pathfinder.api.auth import SessionAuth, TokenAuth
from pathfinder.api.docs import LocalSwagger
from pathfinder.api.params import LIMIT_MAX, OFFSET_MAX, QueryParser


class PathfinderAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """The document, with the one rule every text parameter shares declared on each
        that has no tighter one: no NUL character (`errors.NO_NUL`)."""
        doc = super().get_openapi_schema(*args, **kwargs)
        for operations in doc["paths"].values():
            for op in operations.values():
                for param in op.get("parameters", []):
                    for schema in [param["schema"], *param["schema"].get("anyOf", [])]:
                        tighter = {"format", "pattern", "enum"} & set(schema)
                        if schema.get("type") == "string" and not tighter:
                            schema["pattern"] = errors.NO_NUL
        return doc


api = PathfinderAPI(
    title="Pathfinder API",
    version="1",
    description=(
        "Read the organisations, people and analyses you are allowed to see, as at any "
        "date. Authenticate with `Authorization: Bearer <token>` (create one with "
        "`manage.py create_api_token USERNAME NAME`) or by signing in to the web app.\n\n"
        'Every error answers `{"detail": "…", "errors": {"field": "…"}}`: 400 a body '
        "that cannot be read or a question an analysis refuses, 401 no caller, 403 a role "
        "that may not, 404 nothing by that name in your scope, 409 a conflicting change, "
        "422 a parameter or field missing, malformed or out of range. Lists take `limit` "
        f"(1 to {LIMIT_MAX}) and `offset` (0 to {OFFSET_MAX:,}); beyond either is 422."
    ),
    auth=[TokenAuth(), SessionAuth()],
    docs=LocalSwagger(),
    parser=QueryParser(),
    urls_namespace="api",
)
api.add_router("", organisations.router)
api.add_router("", people.router)
api.add_router("", analyses.router)
for domain in (governance, meetings, interests, finance, qipp, risks, support, agendas):
    api.add_router("", domain.router)

errors.install(api)
