"""Pack pages: a governance lead builds a meeting's pack, follows its progress (htmx
fragment or a plain link), downloads it and issues it; who may see what; query counts."""

import pytest
from django.test import Client

from pathfinder.core.worker import run_pending
from pathfinder.reports.models import BoardPack
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db
MEETING = "/meetings/M-PET-11/"
BUILD = "/meetings/M-PET-11/packs/"
STATUS = "/bodies/B-PET/packs/1/"


@pytest.fixture
def lead(demo_users):
    return signed_in(Client(), demo_users["governance_lead"])


@pytest.fixture
def built(lead):
    lead.post(BUILD)
    run_pending()
    return BoardPack.objects.get(body_id="B-PET", number=1)


def test_the_meeting_page_offers_the_build_to_a_governance_lead_only(lead, demo_users):
    assert 'action="/meetings/M-PET-11/packs/"' in lead.get(MEETING).content.decode()
    member = signed_in(Client(), demo_users["member"])  # a viewer of C-PET
    page = member.get(MEETING).content.decode()
    assert "Build the board pack" not in page
    assert member.post(BUILD).status_code == 403
    assert not BoardPack.objects.exists()


def test_building_goes_to_the_status_page_which_shows_progress_until_built(lead):
    response = lead.post(BUILD)
    assert response.status_code == 302 and response["Location"] == STATUS
    page = lead.get(STATUS).content.decode()
    assert "Waiting to be built" in page and "Check again" in page
    fragment = lead.get(STATUS, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="pack-status"')
    assert 'hx-get="/bodies/B-PET/packs/1/"' in fragment and 'data-finished="no"' in fragment
    assert run_pending() == 1
    fragment = lead.get(STATUS, headers={"HX-Request": "true"}).content.decode()
    assert 'data-finished="yes"' in fragment and "hx-get" not in fragment
    assert "Download the PDF" in fragment and "Issue this pack" in fragment


def test_the_pdf_is_sent_as_an_attachment_with_a_safe_name(lead, built):
    response = lead.get(STATUS + "pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="board-pack-B-PET-{built.as_at.isoformat()}-v1.pdf"'
    )
    assert response.content.startswith(b"%PDF") and len(response.content) == built.size


def test_issuing_asks_whether_the_meeting_is_held_in_public(lead, built):
    response = lead.post(STATUS + "issue/", {})
    assert response.status_code == 400 and "held in public" in response.content.decode()
    assert lead.post(STATUS + "issue/", {"public": "yes"})["Location"] == STATUS
    built.refresh_from_db()
    assert built.issued and built.public and built.issued_by == "user:governance_lead"
    page = lead.get(STATUS).content.decode()
    assert "Issue this pack" not in page and "published" in page
    again = lead.post(STATUS + "issue/", {"public": "no"})
    assert again.status_code == 400 and "cannot be changed" in again.content.decode()


def test_a_private_pack_is_for_its_organisation_only(lead, built, outsider_user):
    lead.post(STATUS + "issue/", {"public": "no"})
    anonymous = Client().get(STATUS + "pdf/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/sign-in/")
    outsider = signed_in(Client(), outsider_user)
    assert outsider.get(STATUS + "pdf/").status_code == 404
    assert outsider.get(STATUS).status_code == 404
    assert "B-PET" not in Client().get("/registers/C-PET/packs/").content.decode()


def test_the_public_downloads_the_issued_pack_of_a_public_meeting(lead, built):
    public_list = "/registers/C-PET/packs/"
    assert "No pack has been published" in Client().get(public_list).content.decode()
    lead.post(STATUS + "issue/", {"public": "yes"})
    page = Client().get(public_list).content.decode()
    assert 'href="/bodies/B-PET/packs/1/pdf/"' in page
    response = Client().get(STATUS + "pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    # Only the PDF is public: the pack's pages still ask for sign-in.
    assert Client().get(STATUS).status_code == 302


def test_a_failed_build_is_tried_again_from_its_status_page(lead, east):
    import datetime as dt

    from pathfinder.governance.models import Body
    from pathfinder.reports import actions

    pack = actions.request_build(
        by="user:governance_lead", body=Body.objects.get(pk="B-PET"), as_at=dt.date(1990, 1, 1)
    )
    run_pending()
    url = f"/bodies/B-PET/packs/{pack.number}/"
    page = lead.get(url).content.decode()
    assert "Try again" in page
    assert lead.post(url)["Location"] == url
    pack.refresh_from_db()
    assert pack.status == "queued" and pack.problem == ""
    refused = lead.post(url)  # it is queued: nothing to try again yet
    assert refused.status_code == 400 and "still being built" in refused.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        BUILD,
        "/bodies/B-PET/packs/",
        STATUS,
        STATUS + "issue/",
        "/registers/C-PET/packs/",
        "/my/boards/",
    ],
)
def test_pack_pages_cost_the_same_queries_whatever_the_number_of_packs(
    demo_users, lead, assert_max_queries, url
):
    from pathfinder.reports import actions

    member = signed_in(Client(), demo_users["member"])
    client = member if url == "/my/boards/" else lead

    def more_packs(n):
        for _ in range(n):
            lead.post(BUILD)
        run_pending()
        for p in BoardPack.objects.filter(issued_at__isnull=True, status="built"):
            actions.issue(p, by="test", public=True)

    more_packs(1)
    with assert_max_queries(20) as one:
        assert client.get(url).status_code == 200
    first = len(one.captured_queries)  # read now: the next requests reset the log
    more_packs(3)
    with assert_max_queries(first):
        assert client.get(url).status_code == 200
