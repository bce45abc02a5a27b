"""Given/When/Then: the board pack's cycle in a real browser, with a queue worker running
in a thread against the live server's database, and axe on every page."""

import re
import threading

import pytest
from django.db import connections

from pathfinder.core.worker import ThreadWorker, run_pending
from tests.browser.test_journeys import given_i_am_signed_in, then_the_page_is_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class LiveServerWorker(ThreadWorker):
    """The queue's worker in a thread, on the live server's database: an in-memory
    SQLite database is used through the live server's own connection (two connections
    to it would lock each other out of its tables). One connection cannot hold two
    transactions at once, so the server's requests and the worker's tasks take turns."""

    def __init__(self, live_server):
        super().__init__(interval=0.2)
        self.turns = threading.Lock()
        self.stopping = threading.Event()
        self.shared = live_server.thread.connections_override.get("default")
        if self.shared is not None:
            self.shared.inc_thread_sharing()
        httpd = live_server.thread.httpd
        app = httpd.get_app()

        def in_turn(environ, start_response):
            with self.turns:
                return app(environ, start_response)

        httpd.set_app(in_turn)

    def _run(self):
        if self.shared is not None:
            connections["default"] = self.shared
        while not self.stopping.is_set():
            with self.turns:
                ran = run_pending(max_tasks=1)
            if not ran:
                self.stopping.wait(0.2)

    def stop(self, timeout: float = 30.0):
        self.stopping.set()
        self.thread.join(timeout)
        if self.shared is not None:
            self.shared.dec_thread_sharing()


@pytest.fixture
def worker(live_server):
    running = LiveServerWorker(live_server).start()
    yield running
    running.stop()


@pytest.fixture
def a_private_pack(demo):
    """Pack 1 of Cambridge's board, issued for a meeting not held in public."""
    from pathfinder.governance.models import Meeting
    from pathfinder.reports import actions

    meeting = Meeting.objects.select_related("body").get(pk="M-CAM-11")
    pack = actions.request_build(by="test", body=meeting.body, as_at=meeting.date, meeting=meeting)
    run_pending()
    pack.refresh_from_db()
    return actions.issue(pack, by="test", public=False)


def test_a_pack_is_built_issued_and_read_by_members_and_the_public(
    page, chromium, live_server, demo, a_private_pack, worker, tmp_path
):
    # Given I am the cluster's governance lead, on the Peterborough board's November meeting
    given_i_am_signed_in(page, live_server, "governance_lead", demo)
    page.goto(live_server.url + "/meetings/M-PET-11/")
    then_the_page_is_accessible(page)
    # When I build the board pack
    page.get_by_role("button", name="Build the board pack").click()
    # Then its status page shows the build's progress
    page.wait_for_url(re.compile(r"/bodies/B-PET/packs/1/$"))
    status = page.locator("#pack-status")
    assert re.search(r"Waiting to be built|Being built|Built", status.inner_text())
    then_the_page_is_accessible(page)
    # And, without my reloading, the page says when the pack is built
    download = page.get_by_role("link", name="Download the PDF")
    download.wait_for(timeout=120_000)
    assert status.get_attribute("data-finished") == "yes"
    then_the_page_is_accessible(page)
    # When I download the PDF, Then it is the pack's PDF under a safe name
    with page.expect_download() as d:
        download.click()
    assert re.fullmatch(r"board-pack-B-PET-2011-11-17-v1\.pdf", d.value.suggested_filename)
    saved = tmp_path / "pack.pdf"
    d.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    # When I issue it for a meeting held in public
    page.get_by_role("link", name="Issue this pack").click()
    then_the_page_is_accessible(page)
    page.get_by_label("Yes: publish the pack").check()
    page.get_by_role("button", name="Issue this pack").click()
    # Then it is issued and published, and can no longer be issued again
    assert "published: the meeting is held in public" in page.inner_text("main")
    assert page.get_by_role("link", name="Issue this pack").count() == 0
    then_the_page_is_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # Given I am Umar Vance, lay member of the Peterborough board
    given_i_am_signed_in(page, live_server, "member", demo)
    # When I follow "My boards" from the header
    page.get_by_role("link", name="My boards").click()
    # Then the issued pack is listed, and it downloads
    then_the_page_is_accessible(page)
    link = page.get_by_role("link", name=re.compile(r"Peterborough.*version 1"))
    assert link.get_attribute("href") == "/bodies/B-PET/packs/1/pdf/"
    assert page.request.get(live_server.url + "/bodies/B-PET/packs/1/pdf/").ok
    page.get_by_role("button", name="Sign out").click()

    # Given I read Hunts Health Consortium's records only
    given_i_am_signed_in(page, live_server, "viewer", demo)
    # When I ask for Cambridge's private pack, Then it is not found
    private = f"/bodies/B-CAM/packs/{a_private_pack.number}/"
    assert page.request.get(live_server.url + private + "pdf/").status == 404
    response = page.goto(live_server.url + private)
    assert response.status == 404
    then_the_page_is_accessible(page)

    # Given I am a member of the public, not signed in
    public = chromium.new_context(locale="en-GB")
    anyone = public.new_page()
    try:
        # When I open Peterborough's board papers, Then the issued pack is there to download
        anyone.goto(live_server.url + "/registers/C-PET/packs/")
        then_the_page_is_accessible(anyone)
        listed = anyone.locator("a[href='/bodies/B-PET/packs/1/pdf/']")
        assert listed.count() == 1
        answer = anyone.request.get(live_server.url + "/bodies/B-PET/packs/1/pdf/")
        assert answer.ok and answer.body().startswith(b"%PDF")
        # And Cambridge's private pack is neither listed nor downloadable
        anyone.goto(live_server.url + "/registers/C-CAM/packs/")
        assert "No pack has been published" in anyone.inner_text("main")
        anyone.goto(live_server.url + private + "pdf/")
        assert "/sign-in/" in anyone.url
    finally:
        public.close()
