"""Pages of the board pack."""

from django.urls import path

app_name = "reports"
urlpatterns: list = []
