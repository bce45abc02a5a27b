"""Pages of the risks domain."""

from django.urls import path

from pathfinder.risks import views

app_name = "risks"
urlpatterns = [
    path("risks/", views.index, name="index"),
    path("risks/overdue/", views.overdue, name="overdue"),
    path("risks/<str:code>/", views.register, name="register"),
    path("risks/<str:code>/heat-map/", views.heat_map_page, name="heat_map"),
    path("risks/<str:code>/matrix/", views.matrix_page, name="matrix"),
    path("risks/<str:code>/assurance-framework/", views.baf, name="baf"),
    path("risk/<str:risk_id>/", views.detail, name="detail"),
    path("risk/<str:risk_id>/review/", views.review, name="review"),
    path(
        "risk/<str:risk_id>/controls/add/", views.add_item, {"kind": "control"}, name="add_control"
    ),
    path(
        "risk/<str:risk_id>/assurances/add/",
        views.add_item,
        {"kind": "assurance"},
        name="add_assurance",
    ),
    path("risk/<str:risk_id>/gaps/add/", views.add_item, {"kind": "gap"}, name="add_gap"),
    path("risk/<str:risk_id>/actions/add/", views.add_item, {"kind": "action"}, name="add_action"),
]
