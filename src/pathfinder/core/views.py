"""The home page and signing in and out."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse

from pathfinder.core import two_factor
from pathfinder.core.home import home as assemble_home


def home(request):
    context = {"title": "Home"}
    if request.user.is_authenticated:
        context["home"] = assemble_home(request)
    return render(request, "core/home.html", context)


class SignInView(auth_views.LoginView):
    """The password; then, if the account has an authenticator or its role needs one,
    the second step (docs/decisions/0141). `login()` gives the session a new key."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": "Sign in"}

    def form_valid(self, form):
        response = super().form_valid(form)
        owed = self.request.session.get(two_factor.STEP)
        if owed:
            target = "two_factor_code" if owed == two_factor.CODE else "two_factor_setup"
            query = urlencode({"next": self.get_success_url()})
            return redirect(f"{reverse(target)}?{query}")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc"] = settings.PATHFINDER_OIDC
        context["oidc_provider"] = settings.OIDC_PROVIDER_NAME
        context["oidc_failed"] = self.request.GET.get("organisation") == "failed"
        return context


class SignOutView(auth_views.LogoutView):
    """Signing out is a POST (with its CSRF token) from the header's button."""
