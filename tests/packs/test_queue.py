"""The one task queue in this process: a build cut short, then put back on the queue by
the worker or by "Try again", completes once; a big ledger upload waits in the database
for the worker; `pathfinder worker` refuses bad options."""

import datetime as dt

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from pathfinder.core.worker import requeue_stale, run_pending
from pathfinder.governance.models import Meeting
from pathfinder.reports import actions, document
from pathfinder.reports.models import BoardPack, PackFile
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


class WorkerStopped(BaseException):
    """Stands for the worker's process ending mid-build: nothing after it runs."""


@pytest.fixture
def stopping_once(monkeypatch):
    """The first build stops midway, as a killed worker's would; later ones run."""
    build = document.pack_pdf
    calls = []

    def stop_once(body_id, as_at, *, progress):
        calls.append(body_id)

        def report(what, percent):
            progress(what, percent)
            if len(calls) == 1 and percent >= 30:
                raise WorkerStopped

        return build(body_id, as_at, progress=report)

    monkeypatch.setattr(document, "pack_pdf", stop_once)
    return calls


def ask() -> BoardPack:
    meeting = Meeting.objects.select_related("body").get(pk="M-PET-11")
    return actions.request_build(
        by="user:lead", body=meeting.body, as_at=meeting.date, meeting=meeting
    )


def test_a_build_cut_short_is_queued_again_when_a_worker_starts(east, stopping_once, settings):
    pack = ask()
    run_pending()
    pack.refresh_from_db()
    assert pack.status == "building" and 0 < pack.percent < 100
    assert not PackFile.objects.filter(pack=pack).exists()
    first_task = pack.task_id
    assert requeue_stale() == 0  # it may yet be alive: its heartbeat is recent
    settings.PATHFINDER = {**settings.PATHFINDER, "stale_task_seconds": 0}
    assert requeue_stale() == 1
    assert run_pending() == 1
    pack.refresh_from_db()
    assert pack.status == "built" and pack.task_id != first_task
    assert PackFile.objects.filter(pack=pack).count() == 1
    assert len(stopping_once) == 2
    # The first task's late end, were its worker alive after all, changes nothing.
    assert actions.run_build(pack.pk, first_task) == "skipped"


def test_try_again_puts_an_abandoned_build_back_on_the_queue(demo_users, stopping_once, settings):
    lead = signed_in(Client(), demo_users["governance_lead"])
    pack = ask()
    run_pending()
    url = f"/bodies/B-PET/packs/{pack.number}/"
    assert "Try again" not in lead.get(url).content.decode()  # not stale yet
    settings.PATHFINDER = {**settings.PATHFINDER, "stale_task_seconds": 0}
    page = lead.get(url).content.decode()
    assert "its worker may have stopped" in page and "Try again" in page
    assert lead.post(url).status_code == 302
    assert BoardPack.objects.get(pk=pack.pk).task_id != pack.task_id
    run_pending()
    assert BoardPack.objects.get(pk=pack.pk).status == "built"


def test_a_big_upload_waits_in_the_database_for_the_worker(demo_users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pathfinder.finance.actions import INLINE_BYTES
    from pathfinder.finance.models import LedgerEntry, LedgerUpload, LedgerUploadPart

    rows = "".join(
        f"2011-11-{1 + i % 28:02d},C-CAM,acute,Queued upload supplier number {i},{i}.25,Q{i}\n"
        for i in range(22_000)
    )
    text = "date,org_code,category,supplier,amount,reference\n" + rows
    assert len(text) > INLINE_BYTES
    editor = signed_in(Client(), demo_users["editor"])
    before = LedgerEntry.objects.count()
    url = "/finance/organisations/C-CAM/uploads/"
    response = editor.post(url, {"file": SimpleUploadedFile("big.csv", text.encode())})
    upload = LedgerUpload.objects.get()
    assert upload.status == "waiting" and upload.task_id
    assert b"".join(bytes(p.data) for p in upload.parts.all()) == text.encode()
    page = editor.get(response["Location"] + "&partial=1").content.decode()
    assert 'data-finished="no"' in page
    assert run_pending() == 1
    upload.refresh_from_db()
    assert upload.status == "loaded" and upload.rows_loaded == 22_000
    assert LedgerEntry.objects.count() == before + 22_000
    assert not LedgerUploadPart.objects.exists()  # only the digest is kept
    assert DBTaskResult.objects.get(pk=upload.task_id).return_value == "loaded"


def test_a_big_upload_cut_short_is_queued_again_after_an_hour(demo_users):
    from django.utils import timezone

    from pathfinder.finance import actions as finance
    from pathfinder.finance.models import LedgerUpload

    text = "date,org_code,category,supplier,amount,reference\n" + "".join(
        f"2011-11-01,C-CAM,acute,Supplier {i:06d} with a long enough name,1.00,R{i}\n"
        for i in range(20_000)
    )
    editor = signed_in(Client(), demo_users["editor"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    editor.post(
        "/finance/organisations/C-CAM/uploads/",
        {"file": SimpleUploadedFile("b.csv", text.encode())},
    )
    upload = LedgerUpload.objects.get()
    task = DBTaskResult.objects.get(pk=upload.task_id)
    task.claim("a-worker-that-is-killed")  # as a worker does before it runs the task
    assert finance.requeue_stale_uploads(by="job:worker") == 0
    LedgerUpload.objects.filter(pk=upload.pk).update(
        heartbeat=timezone.now() - dt.timedelta(hours=2)
    )
    assert finance.requeue_stale_uploads(by="job:worker") == 1
    assert run_pending() == 1
    upload.refresh_from_db()
    assert upload.status == "loaded"
    assert DBTaskResult.objects.get(pk=task.pk).status == "FAILED"


def test_the_worker_command_refuses_bad_options(capsys):
    from pathfinder.cli import main

    with pytest.raises(SystemExit) as e:
        main(["worker", "--max-tasks", "0"])
    assert e.value.code == 1
    assert "--max-tasks 1 or more" in capsys.readouterr().err
