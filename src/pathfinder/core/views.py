"""The home page and signing in and out."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render

from pathfinder.core.presenters import home_roles, navigation


def home(request):
    context = {"title": "Home"}
    if request.user.is_authenticated:
        context["roles"] = home_roles(request.user)
        context["shortcuts"] = navigation(request)[1:]
    return render(request, "core/home.html", context)


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": "Sign in"}


class SignOutView(auth_views.LogoutView):
    """Signing out is a POST (with its CSRF token) from the header's button."""
