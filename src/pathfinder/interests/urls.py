"""Pages of this domain: self-service declarations, reminders and the public registers."""

from django.urls import path

from pathfinder.interests import views, views_public

app_name = "interests"
urlpatterns = [
    path("declarations/", views.mine, name="mine"),
    path("declarations/interests/new/", views.declare_interest, name="declare_interest"),
    path("declarations/gifts/new/", views.declare_gift, name="declare_gift"),
    path("declarations/return/", views.annual_return, name="annual_return"),
    path("registers/reminders/", views.reminders, name="reminders"),
    path("registers/<str:code>/", views_public.registers, name="public"),
]
