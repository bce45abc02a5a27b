"""The JSON API: one NinjaAPI with a router per domain, mounted at /api/.

Every route needs a caller (a bearer token or the web session) and answers only within
the caller's scope (docs/decisions/0070-api.md). Errors are `{"detail": "…"}`: a bad
parameter is 422, something outside your scope or unknown is 404, and a check an
analysis refuses is 400 with its message.
"""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from pathfinder.api import (
    agendas,
    analyses,
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
from pathfinder.core.errors import NotFound, UserError

api = NinjaAPI(
    title="Pathfinder API",
    version="1",
    description=(
        "Read the organisations, people and analyses you are allowed to see, as at any "
        "date. Authenticate with `Authorization: Bearer <token>` (create one with "
        "`manage.py create_api_token USERNAME NAME`) or by signing in to the web app."
    ),
    auth=[TokenAuth(), SessionAuth()],
    docs=LocalSwagger(),
    urls_namespace="api",
)
api.add_router("", organisations.router)
api.add_router("", people.router)
api.add_router("", analyses.router)
for domain in (governance, meetings, interests, finance, qipp, risks, support, agendas):
    api.add_router("", domain.router)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError):
    response = api.create_response(request, {"detail": exc.message}, status=exc.status_code)
    response["WWW-Authenticate"] = 'Bearer realm="pathfinder"'
    return response


@api.exception_handler(UserError)
def user_error(request: HttpRequest, exc: UserError):
    status = 404 if isinstance(exc, NotFound) else 400
    return api.create_response(request, {"detail": str(exc)}, status=status)
