"""A small OpenID Connect provider for the tests, served over HTTP on 127.0.0.1.

It does the authorization-code flow as a real provider would: /authorize redirects back
with a code (for the person the test chose), /token checks the client secret, the code
and its PKCE verifier and answers an RS256-signed id_token, /jwks publishes the public
key and /userinfo answers the claims for the access token.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, make_server

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "pathfinder-test"
CLIENT_SECRET = "test-client-secret"  # noqa: S105 - the test provider's own
KID = "test-key-1"


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@dataclass
class Provider:
    """Who signs in next (`claims`) and what the provider was asked (`calls`)."""

    claims: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)
    issuer: str = ""
    sign_as_issuer: str = ""  # an id_token naming another issuer, when set
    audience: str = CLIENT_ID
    codes: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)

    def __post_init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def settings(self) -> dict:
        return {
            "PATHFINDER_OIDC": True,
            "OIDC_OP_ISSUER": self.issuer,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_PROVIDER_NAME": "NHS Test Identity",
        }

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        self.calls.append(path)
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if path == "/authorize":
            return self._authorize(query, start_response)
        if path == "/token" and environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(size).decode()).items()}
            return self._token(form, start_response)
        if path == "/jwks":
            public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
            public.update(kid=KID, alg="RS256", use="sig")
            return _json(start_response, {"keys": [public]})
        if path == "/userinfo":
            bearer = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
            if bearer not in self.tokens:
                return _json(start_response, {"error": "invalid_token"}, "401 Unauthorized")
            return _json(start_response, self.tokens[bearer])
        return _json(start_response, {"error": "not_found"}, "404 Not Found")

    def _authorize(self, query, start_response):
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return _json(start_response, {"error": "invalid_request"}, "400 Bad Request")
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": query.get("nonce"),
            "challenge": query.get("code_challenge"),
            "redirect_uri": query["redirect_uri"],
            "claims": dict(self.claims),
        }
        back = query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
        start_response("302 Found", [("Location", back)])
        return [b""]

    def _token(self, form, start_response):
        grant = self.codes.pop(form.get("code", ""), None)
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if (
            grant is None
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != grant["redirect_uri"]
            or challenge.rstrip(b"=").decode() != grant["challenge"]
        ):
            return _json(start_response, {"error": "invalid_grant"}, "400 Bad Request")
        now = int(time.time())
        claims = grant["claims"]
        id_token = jwt.encode(
            {
                "iss": self.sign_as_issuer or self.issuer,
                "aud": self.audience,
                "sub": claims.get("sub", claims.get("email", "someone")),
                "iat": now,
                "exp": now + 300,
                "nonce": grant["nonce"],
                **claims,
            },
            self.key,
            algorithm="RS256",
            headers={"kid": KID},
        )
        access = secrets.token_urlsafe(24)
        self.tokens[access] = claims
        return _json(
            start_response,
            {"access_token": access, "token_type": "Bearer", "id_token": id_token},
        )


def _json(start_response, body, status="200 OK"):
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]


def serve(provider: Provider):
    """Serve the provider on a free port of 127.0.0.1 in a thread; returns the server."""
    server = make_server("127.0.0.1", 0, provider, handler_class=_Quiet)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server
