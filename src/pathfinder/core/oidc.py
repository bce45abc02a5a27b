"""Signing in with the organisation's own OpenID Connect provider (docs/decisions/0141).

Off unless `OIDC_ENABLED`. The provider proves who someone is; Pathfinder decides what
they may do: a sign-in is matched to an active account by email, and no account is made
unless `OIDC_CREATE_USERS` is on (then with no role). On top of the library's checks of
the signature and nonce, the id_token must name this provider as issuer and this client
as audience, and carry an expiry.
"""

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from pathfinder.core import actions, security_audit


class OrganisationBackend(OIDCAuthenticationBackend):
    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("The id_token was issued by another provider")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The id_token was issued for another client")
        if "exp" not in payload:
            raise SuspiciousOperation("The id_token has no expiry")
        return payload

    def verify_claims(self, claims):
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):
        email = claims["email"].strip()
        try:
            return actions.create(
                get_user_model(),
                by="oidc:first-sign-in",
                username=email.lower()[:150],
                email=email,
                # Unusable: this account signs in through the provider only.
                password=make_password(None),
                first_name=(claims.get("given_name") or "")[:150],
                last_name=(claims.get("family_name") or "")[:150],
            )
        except ValidationError as e:
            raise SuspiciousOperation(f"No account could be made for {email}") from e


class _WhenEnabled:
    def dispatch(self, request, *args, **kwargs):
        if not settings.PATHFINDER_OIDC:
            raise Http404("Signing in with an organisation's provider is not set up here")
        return super().dispatch(request, *args, **kwargs)


class StartView(_WhenEnabled, OIDCAuthenticationRequestView):
    """Sends the browser to the provider with state, nonce and a PKCE challenge."""


class CallbackView(_WhenEnabled, OIDCAuthenticationCallbackView):
    """The provider's answer: the code is exchanged, the id_token checked, the account
    matched; a failure goes back to the sign-in page with a message."""

    def get(self, request):
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException) as e:
            # A token that fails a check, or a provider that cannot be reached: the person
            # is told on the sign-in page; the audit keeps the reason.
            reason = f"organisation sign-in: {type(e).__name__}: {e}"[:300]
            security_audit.sign_in_failed(request, "", reason=reason)
            return self.login_failure()
