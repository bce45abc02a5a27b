"""Administrator pages for accounts: who holds which role where (with a CSV download),
inviting a user, giving and ending roles, deactivating (docs/decisions/0143).

An administrator sees and changes only the roles on organisations they administer;
anyone else gets 403. Writes go through `accounts_actions`, which refuses the same.
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from pathfinder.core import accounts_actions, invitations
from pathfinder.core.errors import NotFound, UserError
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.core.models import RoleAssignment
from pathfinder.core.roles import ROLES, Permission

COLUMNS = [
    Column("username", "Username", ("user__username", "org_code")),
    Column("name", "Name", ("user__last_name", "user__first_name", "user__username")),
    Column("email", "Email", ("user__email", "org_code")),
    Column("role", "Role", ("role", "user__username")),
    Column("org", "Organisation", ("org_code", "user__username")),
    Column("status", "Status"),
    Column("last_login", "Last signed in", ("user__last_login", "user__username")),
]
CSV_HEADER = [
    "username",
    "first_name",
    "last_name",
    "email",
    "status",
    "role",
    "org_code",
    "organisation",
    "last_login",
]
ROLE_CHOICES = [(r.name, r.title) for r in ROLES.values()]
NOT_ADMINISTRATOR = "Managing users and roles needs the administrator role"


def status_of(user) -> str:
    if not user.is_active:
        return "Deactivated"
    if not user.has_usable_password():
        return "Invited: no password yet"
    return "Active"


def administrators_only(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.scope.any(Permission.ADMINISTER):
            raise PermissionDenied(NOT_ADMINISTRATOR)
        return view(request, *args, **kwargs)

    return wrapper


def user_in_administered_scope(view):
    """Replace the `username` URL part with the user, if they hold a role on an
    organisation the administrator administers."""

    @administrators_only
    @wraps(view)
    def wrapper(request, username, **kwargs):
        user = (
            get_user_model()
            .objects.filter(
                username=username,
                roles__org_code__in=request.scope.org_codes(Permission.ADMINISTER),
            )
            .first()
        )
        if user is None:
            raise Http404("No such user in your scope")
        return view(request, user, **kwargs)

    return wrapper


def _administered(request):
    """The organisations the administrator may grant roles on, by name."""
    return request.scope.organisations().filter(
        code__in=request.scope.org_codes(Permission.ADMINISTER)
    )


# A choice of a consortium's organisations is readable; a nation's 9,000 are not, and
# beyond this many the code is typed and checked by the action (docs/decisions/0178).
ORGANISATION_CHOICES = 300


def _choices(request) -> list | None:
    """The organisations to choose from, by name, or None when there are too many."""
    shown = list(_administered(request).order_by("name")[: ORGANISATION_CHOICES + 1])
    return None if len(shown) > ORGANISATION_CHOICES else shown


def _role_form(request, template: str, data: dict, errors: dict, **context):
    """A form choosing a role on an organisation the administrator administers; 400 when
    it has errors."""
    return render(
        request,
        template,
        {
            **context,
            "data": data,
            "errors": errors,
            "form_errors": errors,
            "roles": ROLE_CHOICES,
            "organisations": _choices(request),
        },
        status=400 if errors else 200,
    )


def _refuse(error: accounts_actions.NotAllowed):
    raise PermissionDenied(str(error))


def _status_filter(queryset, value: str):
    unusable = Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
    if value == "active":
        return queryset.filter(Q(user__is_active=True) & ~unusable)
    if value == "invited":
        return queryset.filter(Q(user__is_active=True) & unusable)
    return queryset.filter(user__is_active=False)


FILTERS = [
    Filter("q", "Name, username or email contains", "search",
           fields=("user__username", "user__email", "user__first_name", "user__last_name")),
    Filter("role", "Role", choices=ROLE_CHOICES, any="Any role"),
    Filter("org", "Organisation code contains", "search", fields=("org_code",)),
    Filter("status", "Status", choices=[("active", "Active"), ("invited", "Invited"),
           ("deactivated", "Deactivated")], any="Any status", apply=_status_filter),
]  # fmt: skip


def _names(codes) -> dict[str, str]:
    from pathfinder.organisations.models import Organisation

    return dict(Organisation.objects.filter(code__in=codes).values_list("code", "name"))


def _csv_rows(assignments):
    names = _names({a.org_code for a in assignments})
    for a in assignments:
        yield [a.user.username, a.user.first_name, a.user.last_name, a.user.email,
               status_of(a.user), a.role, a.org_code, names.get(a.org_code, ""),
               a.user.last_login]  # fmt: skip


@administrators_only
def user_list(request):
    codes = request.scope.org_codes_query(Permission.ADMINISTER)
    listing = Listing(request, COLUMNS, "username", filters=FILTERS, noun="roles")
    rows = listing.apply(RoleAssignment.objects.filter(org_code__in=codes).select_related("user"))
    if listing.download_format:
        return listing.download(rows, "users", _csv_rows, header=CSV_HEADER, title="Roles")
    page = listing.page(rows)
    names = _names({a.org_code for a in page})
    return render(
        request,
        "users/list.html",
        {
            "title": "Users and roles",
            "page": page,
            "listing": listing,
            "rows": [
                {
                    "a": a,
                    "role": ROLES[a.role].title if a.role in ROLES else a.role,
                    "org": names.get(a.org_code, a.org_code),
                    "status": status_of(a.user),
                }
                for a in page
            ],
        },
    )


@administrators_only
def invite(request):
    data, errors = {"role": "viewer"}, {}
    if request.method == "POST":
        data, errors = accounts_actions.check_new_user(request.POST)
        if "org_code" not in errors and not request.scope.can(
            Permission.ADMINISTER, data["org_code"]
        ):
            raise PermissionDenied(
                f"You can only invite users to organisations you administer, "
                f"and {data['org_code']} is not one of them"
            )
        if not errors:
            try:
                user, mail_error = invitations.invite(
                    by=request.user,
                    base_url=request.build_absolute_uri("/"),
                    **data,
                )
            except accounts_actions.NotAllowed as e:
                _refuse(e)
            except UserError as e:
                errors = {"org_code" if isinstance(e, NotFound) else "email": str(e)}
            else:
                url = reverse("users:detail", kwargs={"username": user.username})
                return redirect(url + ("?sent=no" if mail_error else "?sent=yes"))
    return _role_form(request, "users/invite.html", data, errors, title="Invite a user")


def _roles_here(request, user):
    codes = request.scope.org_codes(Permission.ADMINISTER)
    held = [a for a in user.roles.order_by("org_code") if a.org_code in codes]
    names = dict(
        request.scope.organisations()
        .filter(code__in=[a.org_code for a in held])
        .values_list("code", "name")
    )
    return [
        {"a": a, "role": ROLES[a.role].title, "org": names.get(a.org_code, a.org_code)}
        for a in held
    ]


@user_in_administered_scope
def detail(request, user):
    return render(
        request,
        "users/detail.html",
        {
            "title": f"User {user.username}",
            "subject": user,
            "status": status_of(user),
            "roles": _roles_here(request, user),
            "sent": request.GET.get("sent", ""),
            "yourself": user.pk == request.user.pk,
        },
    )


@user_in_administered_scope
def grant(request, user):
    data = {
        "role": request.POST.get("role", "viewer"),
        "org_code": request.POST.get("org_code", ""),
    }
    errors: dict[str, str] = {}
    if request.method == "POST":
        if data["role"] not in ROLES:
            errors["role"] = "Choose a role"
        if not data["org_code"]:
            errors["org_code"] = "Choose an organisation"
        elif not request.scope.can(Permission.ADMINISTER, data["org_code"]):
            raise PermissionDenied(
                f"You can only give roles on organisations you administer, "
                f"and {data['org_code']} is not one of them"
            )
        if not errors:
            try:
                accounts_actions.grant_role(by=request.user, user=user, **data)
            except accounts_actions.NotAllowed as e:
                _refuse(e)
            except UserError as e:
                errors["role"] = str(e)
            else:
                return redirect(reverse("users:detail", kwargs={"username": user.username}))
    return _role_form(
        request,
        "users/grant.html",
        data,
        errors,
        title=f"Give {user.username} a role",
        subject=user,
    )


def _back_to(request, user) -> str:
    """The user's page, or the list once they hold no role the administrator can see."""
    if user.roles.filter(org_code__in=request.scope.org_codes(Permission.ADMINISTER)).exists():
        return reverse("users:detail", kwargs={"username": user.username})
    return reverse("users:list")


def _confirm(request, user, *, title: str, question: str, button: str, act, error_field=""):
    error = ""
    if request.method == "POST":
        try:
            act()
        except accounts_actions.NotAllowed as e:
            _refuse(e)
        except UserError as e:
            error = str(e)
        else:
            return redirect(_back_to(request, user))
    return render(
        request,
        "users/confirm.html",
        {
            "title": title,
            "subject": user,
            "question": question,
            "button": button,
            "error": error,
            "form_errors": error,
        },
        status=400 if error else 200,
    )


@user_in_administered_scope
def end_role(request, user, org_code):
    held = user.roles.filter(
        org_code=org_code, org_code__in=request.scope.org_codes(Permission.ADMINISTER)
    ).first()
    if held is None:
        raise Http404("No such role in your scope")
    org = request.scope.organisations().filter(code=org_code).first()
    role = ROLES[held.role].title.lower()
    return _confirm(
        request,
        user,
        title=f"End {user.username}'s role",
        question=f"End {user.username}'s {role} role on {org.name if org else org_code}?",
        button="End the role",
        act=lambda: accounts_actions.end_role(by=request.user, user=user, org_code=org_code),
    )


@user_in_administered_scope
def deactivate(request, user):
    return _confirm(
        request,
        user,
        title=f"Deactivate {user.username}",
        question=(
            f"Deactivate {user.username}? They will no longer be able to sign in or use "
            "the API, and links already sent to them stop working. Their roles stay on record."
        ),
        button="Deactivate the account",
        act=lambda: accounts_actions.deactivate(by=request.user, user=user),
    )


@user_in_administered_scope
def send_link(request, user):
    def act():
        if not user.is_active:
            raise UserError(f"{user.username} is deactivated")
        if not user.email:
            raise UserError(f"{user.username} has no email address")
        try:
            invitations.send_link(
                user=user,
                link=request.build_absolute_uri(invitations.set_password_path(user)),
                sender=request.user.get_full_name() or request.user.get_username(),
            )
        except OSError as e:
            raise UserError(f"The email could not be sent: {e}") from None

    return _confirm(
        request,
        user,
        title=f"Send {user.username} a set-password link",
        question=(
            f"Email {user.email or 'them'} a new link to set their password? Until they use "
            "it, their present password keeps working."
        ),
        button="Send the link",
        act=act,
    )
