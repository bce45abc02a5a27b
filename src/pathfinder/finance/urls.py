"""Pages of the finance domain."""

from django.urls import path

from pathfinder.finance import views

app_name = "finance"

urlpatterns = [
    path("finance/", views.overview_page, name="overview"),
    path("finance/chart.svg", views.chart, name="chart"),
    path("finance/monthly/", views.monthly_page, name="monthly"),
    path("finance/organisations/<str:code>/", views.organisation_page, name="organisation"),
    path("finance/organisations/<str:code>/spend/", views.spend_page, name="spend"),
    path(
        "finance/organisations/<str:code>/spend-over-25000/",
        views.publication_page,
        name="publication",
    ),
    path("finance/organisations/<str:code>/uploads/", views.uploads_page, name="uploads"),
]
