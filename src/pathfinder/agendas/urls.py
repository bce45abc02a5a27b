"""Pages of the agendas domain."""

from django.urls import path

from pathfinder.agendas import views

app_name = "agendas"

urlpatterns = [
    path("agendas/", views.proposal_list, name="list"),
    path("agendas/<str:proposal_id>/", views.proposal_detail, name="detail"),
]
