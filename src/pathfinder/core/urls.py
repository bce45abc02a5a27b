"""Pages of the core app: home, sign in and sign out, and accounts (`urls_users`)."""

from django.urls import include, path

from pathfinder.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("", include("pathfinder.core.urls_users")),
]
