"""Audit events for signing in and for refusals: who tried what, from where, and why it
was refused. Passwords, codes and tokens are never recorded, only the username typed."""

from pathfinder.core.audit import record

ANONYMOUS = "anonymous"
USERNAME_LENGTH = 150


def client_address(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "") if request is not None else ""


def actor_of(request) -> str:
    # `request.auth` is the API's caller (a token's user); `request.user` the session's.
    for user in (getattr(request, "auth", None), getattr(request, "user", None)):
        if user is not None and getattr(user, "is_authenticated", False):
            return f"user:{user.get_username()}"
    return ANONYMOUS


def _user_id(username: str) -> str:
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(username=username).values_list("pk", flat=True)
    return str(found.first() or "")


def _by_anyone(operation: str, username: str, **after) -> None:
    """An event before sign-in, about the account the username names (if any)."""
    username = (username or "")[:USERNAME_LENGTH]
    record(
        by=ANONYMOUS,
        operation=operation,
        model="auth.User",
        object_id=_user_id(username) if username else "",
        after={"username": username, **after},
    )


def sign_in_failed(request, username: str, *, reason: str) -> None:
    _by_anyone(
        "sign_in_failed",
        username,
        reason=reason,
        address=client_address(request),
        path=request.path if request is not None else "",
    )


def signed_in(request, user, *, how: str) -> None:
    record(
        by=f"user:{user.get_username()}",
        operation="sign_in",
        obj=user,
        after={"how": how, "address": client_address(request)},
    )


def locked_out(request, username: str) -> None:
    _by_anyone("locked_out", username, address=client_address(request))


def second_factor(request, *, ok: bool, device=None) -> None:
    user = request.user
    record(
        by=f"user:{user.get_username()}",
        operation="second_factor" if ok else "second_factor_failed",
        obj=user,
        after={
            "device": device._meta.label if device is not None else "",
            "address": client_address(request),
        },
    )


def refused(request, *, status: int, reason: str) -> None:
    """A 403: which URL, which permission the page last found missing, the reason."""
    scope = getattr(request, "api_scope", None) or getattr(request, "scope", None)
    checks = list(getattr(scope, "refused", []) or []) if scope is not None else []
    permission, org_code = checks[-1] if checks else ("", "")
    record(
        by=actor_of(request),
        operation="refused",
        model="http.Request",
        object_id=request.path[:200],
        after={
            "status": status,
            "method": request.method,
            "path": request.path,
            "permission": permission,
            "org": org_code,
            "reason": reason,
            "address": client_address(request),
        },
    )


def connect() -> None:
    """Listen to Django's and django-axes' sign-in signals (called from the app's ready)."""
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_login_failed

    user_login_failed.connect(_on_failed, dispatch_uid="pathfinder-sign-in-failed")
    user_logged_in.connect(_on_signed_in, dispatch_uid="pathfinder-signed-in")
    user_locked_out.connect(_on_locked_out, dispatch_uid="pathfinder-locked-out")


def _on_failed(sender, credentials, request=None, **kwargs):
    # `credentials` has the password masked by Django; only the username is kept.
    username = credentials.get("username") or ""
    reason = "organisation sign-in refused" if "username" not in credentials else "wrong password"
    if request is not None and getattr(request, "axes_locked_out", False):
        reason = "locked out"
    sign_in_failed(request, username, reason=reason)


def _on_signed_in(sender, request, user, **kwargs):
    from pathfinder.core import two_factor

    backend = getattr(user, "backend", "") or ""
    how = "organisation" if backend.endswith("OrganisationBackend") else "password"
    if request is not None:
        two_factor.note_step_owed(request, user)
        signed_in(request, user, how=how)


def _on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    locked_out(request, username or "")
