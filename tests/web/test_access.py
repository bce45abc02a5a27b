"""Every page, as anonymous, as an outsider and as an owner, gets what its role allows."""

import pytest
from django.test import Client

from tests.web.conftest import OWNER_ORG_NAME, signed_in
from tests.web.pages import ANONYMOUS_STATUS, SIGNED_IN_STATUS, all_pages

PAGES = all_pages()


@pytest.fixture(autouse=True)
def a_board_pack(request):
    """Pack 1 of B-CAM for a page that names one, asked for through the actions (and
    built by the queue's worker where the page is its PDF)."""
    callspec = getattr(request.node, "callspec", None)
    page = callspec.params.get("page") if callspec else None
    if page is None or "number" not in page.kwargs:
        return
    request.getfixturevalue("east")
    from pathfinder.core.worker import run_pending
    from pathfinder.governance.models import Meeting
    from pathfinder.reports.actions import request_build

    meeting = Meeting.objects.select_related("body").get(pk="M-CAM-11")
    request_build(by="test:web", body=meeting.body, as_at=meeting.date, meeting=meeting)
    if page.name == "reports:pack_pdf":
        run_pending()


def test_the_walk_finds_the_pages():
    names = {p.name for p in PAGES}
    assert {"home", "login", "organisations:list", "organisations:detail", "people:detail"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_anonymous(page, east):
    response = Client().get(page.url)
    if page.name in ANONYMOUS_STATUS:
        assert response.status_code == ANONYMOUS_STATUS[page.name]
    elif page.public:
        assert response.status_code == 200
    else:
        assert response.status_code == 302, f"{page.url} must ask for sign-in"
        assert response["Location"].startswith("/sign-in/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_outsider(page, outsider_user):
    response = signed_in(Client(), outsider_user).get(page.url)
    if page.name in SIGNED_IN_STATUS:
        assert response.status_code == SIGNED_IN_STATUS[page.name]
    elif page.public:
        assert response.status_code == 200
    elif page.is_object_page:
        assert response.status_code in (403, 404), f"{page.url} leaks to an outsider"
    else:
        assert response.status_code in (200, 403)
        if response.status_code == 200 and not response.streaming:
            assert OWNER_ORG_NAME not in response.content.decode(), (
                f"{page.url} shows an outsider records outside their scope"
            )


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_owner(page, demo_users):
    response = signed_in(Client(), demo_users["administrator"]).get(page.url)
    expected = SIGNED_IN_STATUS.get(page.name, 200)
    assert response.status_code == expected, page.url
