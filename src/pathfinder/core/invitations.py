"""One-time set-password links and the invitation email that carries them
(docs/decisions/0143).

A link holds Django's PasswordResetTokenGenerator token: it is signed with the secret
key, stops working once the password is set (the token covers the password hash) and
expires after settings.PASSWORD_RESET_TIMEOUT.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from pathfinder.core import accounts_actions
from pathfinder.core.roles import ROLES


def set_password_path(user) -> str:
    return reverse(
        "users:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def link_expires() -> dt.datetime:
    return timezone.localtime() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def send_link(*, user, link: str, sender: str, about: str = "") -> None:
    """Email the set-password link to the account's address."""
    expires = link_expires()
    lines = [
        f"{sender} has given you a Pathfinder account{about}.",
        "",
        f"Your username is {user.username}. Choose your password here:",
        "",
        link,
        "",
        f"The link works once, until {expires:%H:%M} on {expires.day} {expires:%B %Y}. "
        "If it has expired, ask your administrator for a new one.",
        "If you did not expect this email, you can ignore it.",
    ]
    send_mail(
        "Your Pathfinder account",
        "\n".join(lines),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


def invite(*, by, base_url: str, **fields):
    """Make the account (no password yet; `fields` as `add_user` takes them) and email
    it a set-password link. Return the
    user and, when the mail could not go, the reason: the account stays and the link can
    be sent again."""
    from pathfinder.organisations.models import Organisation

    user = accounts_actions.add_user(by=by, **fields)
    held = user.roles.get()
    org = Organisation.objects.get(code=held.org_code)
    sender = by if isinstance(by, str) else (by.get_full_name() or by.get_username())
    try:
        send_link(
            user=user,
            link=base_url.rstrip("/") + set_password_path(user),
            sender=sender,
            about=f" as {ROLES[held.role].title.lower()} of {org.name}",
        )
    except OSError as e:
        return user, str(e)
    return user, None
