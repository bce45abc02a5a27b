"""Two-factor sign-in: authenticator apps (TOTP) and recovery codes, and the step a
signed-in session still owes (docs/decisions/0141). Adding an authenticator is an
account action (core/accounts_actions.py).

A session owes a step when, at sign-in, the user has a confirmed authenticator ("code")
or holds a role that needs one and has none yet ("set-up"). The step is kept in the
session; `SecondFactorMiddleware` sends every page to it until it is passed, and the
Scope withholds governance and administration meanwhile.
"""

import secrets
import time
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

STEP = "pf_second_factor"  # session key: the step owed, "code" or "set-up"
NEW_KEY = "pf_new_totp_key"  # session key: the secret shown on the set-up page
CODE, SET_UP = "code", "set-up"
RECOVERY_CODES = 10


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def step_owed(user) -> str:
    """The second step this user must pass after their password, or ""."""
    from pathfinder.core.scope import Scope

    if has_authenticator(user):
        return CODE
    if Scope(user).needs_second_factor:
        return SET_UP
    return ""


def note_step_owed(request, user) -> None:
    """At sign-in (any route: password, organisation, a test's force_login)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    owed = step_owed(user)
    if owed:
        session[STEP] = owed
    else:
        session.pop(STEP, None)


def new_key() -> str:
    return secrets.token_hex(20)


def provisioning_uri(user, key_hex: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    issuer = settings.OTP_TOTP_ISSUER.replace(":", "")
    label = quote(f"{issuer}:{user.get_username()}")
    params = urlencode({"secret": secret_text(key_hex), "algorithm": "SHA1", "digits": 6})
    return f"otpauth://totp/{label}?{params}&period=30&issuer={quote(issuer)}"


def secret_text(key_hex: str) -> str:
    """The secret as people type it into an app: base32, without padding."""
    return b32encode(unhexlify(key_hex)).decode().rstrip("=")


def qr_code_svg(user, key_hex: str) -> str:
    """The QR code as an SVG data address, for an <img> (no inline markup to escape)."""
    return segno.make(provisioning_uri(user, key_hex), error="m").svg_data_uri(scale=5)


def code_matches_key(key_hex: str, token: str) -> bool:
    token = clean(token)
    if not token.isdigit() or len(token) != 6:
        return False
    totp = TOTP(unhexlify(key_hex), step=30, digits=6)
    totp.time = time.time()
    return totp.verify(int(token), tolerance=1)


def clean(token: str) -> str:
    return "".join((token or "").split()).replace("-", "")


def verify(request, token: str):
    """Check a code or recovery code for the signed-in user; on success mark the session
    verified and clear the step owed. A recovery code works once (the library deletes it);
    each device throttles wrong guesses."""
    device = match_token(request.user, clean(token)) if clean(token) else None
    if device is None:
        return None
    otp_login(request, device)
    request.session.pop(STEP, None)
    return device


def passed(request, device) -> None:
    """Mark the session as having passed its second step with this device."""
    otp_login(request, device)
    request.session.pop(STEP, None)
    request.session.pop(NEW_KEY, None)
