"""Pages of the board pack."""

from django.urls import path

from pathfinder.reports import views_pack

app_name = "reports"
urlpatterns: list = [
    path("bodies/<str:body_id>/pack/", views_pack.pack_page, name="pack"),
]

# Pack records: building, progress, downloads, issuing; the member's own boards.
from pathfinder.reports import views_my_boards, views_packs  # noqa: E402

urlpatterns += [
    path("meetings/<str:meeting_id>/packs/", views_packs.meeting_packs, name="meeting_packs"),
    path("bodies/<str:body_id>/packs/", views_packs.body_packs, name="packs"),
    path("bodies/<str:body_id>/packs/<int:number>/", views_packs.pack_status, name="pack_status"),
    path("bodies/<str:body_id>/packs/<int:number>/pdf/", views_packs.pack_pdf, name="pack_pdf"),
    path(
        "bodies/<str:body_id>/packs/<int:number>/issue/", views_packs.pack_issue, name="pack_issue"
    ),
    path("registers/<str:code>/packs/", views_packs.public_packs, name="public_packs"),
    path("my/boards/", views_my_boards.my_boards, name="my_boards"),
]
