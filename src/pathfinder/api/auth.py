"""Who is calling the API: a bearer token, or the web app's signed-in session.

`Authorization: Bearer <token>` is looked up by its sha256 digest (only the digest is
stored). A header that names the bearer scheme with a wrong token is refused outright,
even when a session cookie is also sent, so a client never silently runs as someone else.
Both methods give `request.auth` = the user; `caller_scope(request)` is that user's Scope.
"""

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from pathfinder.core.models import ApiToken, hash_token
from pathfinder.core.scope import Scope


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        token = token.strip()
        found = (
            ApiToken.objects.select_related("user").filter(digest=hash_token(token)).first()
            if token
            else None
        )
        if found is None or not found.user.is_active:
            raise AuthenticationError(message="Unknown or revoked API token")
        request.api_token = found
        return found.user


class SessionAuth(NinjaSessionAuth):
    """The web app's session; Django's CSRF check applies to unsafe methods."""

    def authenticate(self, request: HttpRequest, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


def caller_scope(request: HttpRequest) -> Scope:
    """The caller's Scope, built once per request from the authenticated user."""
    scope = getattr(request, "api_scope", None)
    if scope is None:
        scope = request.api_scope = Scope(request.auth)
    return scope
