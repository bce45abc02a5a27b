"""Pages of the core app: home, signing in (password, second step, organisation) and out,
and accounts (`urls_users`)."""

from django.urls import include, path

from pathfinder.core import oidc, views, views_two_factor

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/code/", views_two_factor.code, name="two_factor_code"),
    path("sign-in/set-up/", views_two_factor.setup, name="two_factor_setup"),
    path("sign-in/organisation/", oidc.StartView.as_view(), name="oidc_start"),
    path("sign-in/organisation/callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("", include("pathfinder.core.urls_users")),
]
