"""Pages for accounts and roles (administrators), and the set-password page."""

from django.urls import path

from pathfinder.core import views_set_password as password
from pathfinder.core import views_users as views

app_name = "users"
urlpatterns = [
    path("users/", views.user_list, name="list"),
    path("users/invite/", views.invite, name="invite"),
    path("users/<str:username>/", views.detail, name="detail"),
    path("users/<str:username>/roles/", views.grant, name="grant"),
    path("users/<str:username>/roles/<str:org_code>/end/", views.end_role, name="end_role"),
    path("users/<str:username>/deactivate/", views.deactivate, name="deactivate"),
    path("users/<str:username>/send-link/", views.send_link, name="send_link"),
    path("set-password/done/", password.password_set, name="password_set"),
    path(
        "set-password/<str:uidb64>/<str:token>/",
        password.SetPasswordView.as_view(),
        name="set_password",
    ),
]
