"""Audited writes to accounts: adding a user, giving and ending roles, deactivating an
account and setting its password (docs/decisions/0143), and a user's authenticator
app and recovery codes (docs/decisions/0141).

`by` is the actor. A user may only act within their own scope: a role can be given or
ended only on an organisation they hold Permission.ADMINISTER on, and never on their own
account. A string actor (`cli:user`) is a command run by whoever holds the database, who
is not limited. A refusal raises `NotAllowed` and bad input `UserError`, both before
anything is written; `check_new_user` returns the problems by field for forms.
"""

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pathfinder.core import actions, two_factor
from pathfinder.core.audit import record, snapshot
from pathfinder.core.errors import NotFound, UserError
from pathfinder.core.models import RoleAssignment
from pathfinder.core.roles import ROLES, Permission
from pathfinder.core.scope import Scope

ROLE_NAMES = ", ".join(ROLES)
# Words of the Users pages' addresses (/users/invite/), so no account's page hides one.
RESERVED_USERNAMES = {"invite"}


class NotAllowed(UserError):
    """The actor's roles do not let them make this change."""


def find_user(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"no user named {username!r}")
    return user


def _organisation(code: str):
    from pathfinder.organisations.models import Organisation

    found = Organisation.objects.filter(code=code).first()
    if found is None:
        raise NotFound(f"no organisation with code {code!r} in the registry")
    return found


def _role(name: str) -> str:
    if name not in ROLES:
        raise UserError(f"no such role: {name!r}; the roles are {ROLE_NAMES}")
    return name


def _scope(by) -> Scope | None:
    return None if isinstance(by, str) else Scope(by)


def _may_administer(scope: Scope | None, org_code: str) -> None:
    if scope is not None and not scope.can(Permission.ADMINISTER, org_code):
        raise NotAllowed(
            f"You can only give or end roles on organisations you administer, "
            f"and {org_code} is not one of them"
        )


def _not_yourself(by, user, doing: str) -> None:
    if not isinstance(by, str) and by.pk == user.pk:
        raise NotAllowed(f"You cannot {doing} your own account: ask another administrator")


def check_new_user(data: dict) -> tuple[dict, dict[str, str]]:
    """The cleaned fields of a new account and the problems with them, by field."""
    User = get_user_model()
    errors: dict[str, str] = {}
    email = str(data.get("email") or "").strip()
    typed = str(data.get("username") or "").strip()
    username = typed or email.lower()
    clean = {
        "username": username,
        "email": email,
        "role": str(data.get("role") or "").strip(),
        "org_code": str(data.get("org_code") or "").strip(),
        "first_name": str(data.get("first_name") or "").strip(),
        "last_name": str(data.get("last_name") or "").strip(),
    }
    for name, label in (("first_name", "first name"), ("last_name", "last name")):
        if len(clean[name]) > 150:
            errors[name] = f"The {label} must be 150 characters or fewer"
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = "Enter an email address, like name@nhs.net"
    else:
        if User.objects.filter(email__iexact=email).exists():
            errors["email"] = f"An account with the email {email} already exists"
    if not typed and "email" in errors:
        pass  # the username follows the email, whose error says it all
    elif not username:
        errors["username"] = "Enter a username"
    elif len(username) > 150:
        errors["username"] = "The username must be 150 characters or fewer"
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            errors["username"] = "A username has only letters, digits and @ . + - _"
        else:
            if username.lower() in RESERVED_USERNAMES:
                errors["username"] = f"The username {username} is reserved: choose another"
            elif User.objects.filter(username__iexact=username).exists():
                errors["username"] = f"The username {username} is already taken"
    if not clean["role"]:
        errors["role"] = "Choose a role"
    elif clean["role"] not in ROLES:
        errors["role"] = f"No such role: {clean['role']!r}; the roles are {ROLE_NAMES}"
    if not clean["org_code"]:
        errors["org_code"] = "Choose an organisation"
    return clean, errors


@transaction.atomic
def add_user(
    *,
    by,
    username: str,
    email: str,
    role: str,
    org_code: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
):
    """A new account holding `role` on `org_code`; with no password it cannot sign in
    until its holder sets one from a link (`invitations`)."""
    _may_administer(_scope(by), org_code)
    clean, errors = check_new_user(
        {
            "username": username,
            "email": email,
            "role": role,
            "org_code": org_code,
            "first_name": first_name,
            "last_name": last_name,
        }
    )
    if errors:
        raise UserError("; ".join(errors.values()))
    _organisation(clean["org_code"])
    User = get_user_model()
    if password is not None:
        try:
            password_validation.validate_password(
                password, User(username=clean["username"], email=clean["email"])
            )
        except ValidationError as e:
            raise UserError(" ".join(e.messages)) from None
    try:
        user = actions.create(
            User,
            by=by,
            username=clean["username"],
            email=clean["email"],
            first_name=clean["first_name"],
            last_name=clean["last_name"],
            password=make_password(password),
        )
    except ValidationError as e:
        raise UserError(" ".join(e.messages)) from None
    actions.create(RoleAssignment, by=by, user=user, role=clean["role"], org_code=clean["org_code"])
    return user


@transaction.atomic
def grant_role(*, by, user, role: str, org_code: str) -> str | None:
    """Give `user` the role on the organisation, replacing the role they held there
    (one per organisation); return the role replaced, or None."""
    _may_administer(_scope(by), org_code)
    _not_yourself(by, user, "change the roles of")
    _role(role)
    _organisation(org_code)
    if not user.is_active:
        raise UserError(f"{user.username} is deactivated: roles cannot be given to them")
    held = RoleAssignment.objects.filter(user=user, org_code=org_code).first()
    if held is None:
        actions.create(RoleAssignment, by=by, user=user, role=role, org_code=org_code)
        return None
    if held.role == role:
        raise UserError(f"{user.username} already holds the {role} role on {org_code}")
    previous = held.role
    actions.update(held, by=by, role=role)
    return previous


@transaction.atomic
def end_role(*, by, user, org_code: str, role: str | None = None) -> str:
    """End the role `user` holds on the organisation; return its name. The audit trail
    keeps the row as it was."""
    _may_administer(_scope(by), org_code)
    _not_yourself(by, user, "change the roles of")
    held = RoleAssignment.objects.filter(user=user, org_code=org_code).first()
    if held is None:
        raise NotFound(f"{user.username} holds no role on {org_code}")
    if role is not None and held.role != _role(role):
        raise UserError(f"{user.username} holds the {held.role} role on {org_code}, not {role}")
    before = snapshot(held)
    pk = held.pk
    held.delete()
    record(
        by=by,
        operation="delete",
        model=RoleAssignment._meta.label,
        object_id=str(pk),
        before=before,
    )
    return before["role"]


@transaction.atomic
def deactivate(*, by, user):
    """Stop the account signing in, by password, link or API token; its roles stay on
    record. Outstanding set-password links stop working too."""
    _not_yourself(by, user, "deactivate")
    scope = _scope(by)
    if scope is not None:
        for code in RoleAssignment.objects.filter(user=user).values_list("org_code", flat=True):
            if not scope.can(Permission.ADMINISTER, code):
                raise NotAllowed(
                    f"{user.username} also holds roles outside the organisations you "
                    "administer: ask an administrator who covers them all"
                )
    if not user.is_active:
        raise UserError(f"{user.username} is already deactivated")
    return actions.update(user, by=by, is_active=False, password=make_password(None))


@transaction.atomic
def set_password(*, by, user, password: str):
    """Set the account's password after the validators accept it."""
    if not user.is_active:
        raise UserError(f"{user.username} is deactivated")
    try:
        password_validation.validate_password(password, user)
    except ValidationError as e:
        raise UserError(" ".join(e.messages)) from None
    before = snapshot(user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record(by=by, operation="set_password", obj=user, before=before, after=snapshot(user))
    return user


@transaction.atomic
def add_authenticator(*, user, key_hex: str, by) -> tuple[TOTPDevice, list[str]]:
    """Replace the user's authenticator and recovery codes; return the device and the
    new codes, shown once. The audit names the devices, never their secrets."""
    for old in TOTPDevice.objects.filter(user=user):
        record(by=by, operation="delete", obj=old, after={"user": user.get_username()})
        old.delete()
    for old in StaticDevice.objects.filter(user=user):
        record(by=by, operation="delete", obj=old, after={"user": user.get_username()})
        old.delete()
    device = TOTPDevice(user=user, name="Authenticator app", key=key_hex, confirmed=True)
    device.save()
    record(by=by, operation="create", obj=device, after={"user": user.get_username()})
    codes = [StaticToken.random_token() for _ in range(two_factor.RECOVERY_CODES)]
    recovery = StaticDevice(user=user, name="Recovery codes", confirmed=True)
    recovery.save()
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
    record(
        by=by,
        operation="create",
        obj=recovery,
        after={"user": user.get_username(), "codes": len(codes)},
    )
    return device, codes
