"""Pages of the core app: home, sign in and sign out."""

from django.urls import path

from pathfinder.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
]
