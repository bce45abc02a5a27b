"""The second sign-in step: a code from the authenticator app (or a recovery code), and
setting an authenticator up (docs/decisions/0141)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from pathfinder.core import accounts_actions, security_audit, two_factor


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _step(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


@login_required
@require_http_methods(["GET", "POST"])
def code(request):
    context = {"title": "Enter your security code", "next": _next(request), "error": ""}
    if not two_factor.has_authenticator(request.user):
        return redirect(_step("two_factor_setup", context["next"]))
    if request.method == "POST":
        device = two_factor.verify(request, request.POST.get("code", ""))
        security_audit.second_factor(request, ok=device is not None, device=device)
        if device is not None:
            return redirect(context["next"])
        context["error"] = (
            "The code is wrong or has expired. Enter the 6 numbers your authenticator app "
            "shows now, or one of your recovery codes."
        )
    return render(request, "registration/two_factor_code.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    has_one = two_factor.has_authenticator(user)
    if has_one and not user.is_verified():
        # Replacing an authenticator needs the one in use first.
        return redirect(_step("two_factor_code", reverse("two_factor_setup")))
    key = request.session.get(two_factor.NEW_KEY)
    if not key:
        key = request.session[two_factor.NEW_KEY] = two_factor.new_key()
    context = {
        "title": "Set up two-factor sign-in",
        "next": _next(request),
        "error": "",
        "has_one": has_one,
        "required": request.scope.needs_second_factor,
        "qr": two_factor.qr_code_svg(user, key),
        "secret": two_factor.secret_text(key),
    }
    if request.method == "POST":
        if two_factor.code_matches_key(key, request.POST.get("code", "")):
            device, codes = accounts_actions.add_authenticator(user=user, key_hex=key, by=user)
            two_factor.passed(request, device)
            security_audit.second_factor(request, ok=True, device=device)
            context.update(title="Your recovery codes", codes=codes)
            return render(request, "registration/two_factor_recovery.html", context)
        security_audit.second_factor(request, ok=False)
        context["error"] = (
            "The code does not match. Check the app shows Pathfinder and enter the "
            "6 numbers it shows now."
        )
    return render(request, "registration/two_factor_setup.html", context)
