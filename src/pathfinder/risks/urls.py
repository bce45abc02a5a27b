"""Pages of the risks domain."""

from django.urls import path

from pathfinder.risks import views_baf, views_register, views_risk

app_name = "risks"
urlpatterns = [
    path("risks/", views_register.index, name="index"),
    path("risks/overdue/", views_register.overdue, name="overdue"),
    path("risks/<str:code>/", views_register.register, name="register"),
    path("risks/<str:code>/heat-map/", views_register.heat_map_page, name="heat_map"),
    path("risks/<str:code>/matrix/", views_baf.matrix_page, name="matrix"),
    path("risks/<str:code>/assurance-framework/", views_baf.baf, name="baf"),
    path("risk/<str:risk_id>/", views_risk.detail, name="detail"),
    path("risk/<str:risk_id>/review/", views_risk.review, name="review"),
    path(
        "risk/<str:risk_id>/controls/add/",
        views_risk.add_item,
        {"kind": "control"},
        name="add_control",
    ),
    path(
        "risk/<str:risk_id>/assurances/add/",
        views_risk.add_item,
        {"kind": "assurance"},
        name="add_assurance",
    ),
    path("risk/<str:risk_id>/gaps/add/", views_risk.add_item, {"kind": "gap"}, name="add_gap"),
    path(
        "risk/<str:risk_id>/actions/add/",
        views_risk.add_item,
        {"kind": "action"},
        name="add_action",
    ),
]
