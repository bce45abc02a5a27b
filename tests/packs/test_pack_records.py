"""Board pack records: a build asked for, run by the queue's worker, kept with its digest;
issued once and never rebuilt; audited."""

import datetime as dt
import hashlib

import pytest

from pathfinder.core.errors import UserError
from pathfinder.core.models import AuditEvent
from pathfinder.core.worker import run_pending
from pathfinder.governance.models import Meeting
from pathfinder.reports import actions
from pathfinder.reports.models import BoardPack, PackFile

pytestmark = pytest.mark.django_db
MEETING = "M-CAM-11"


def build(by="user:lead", meeting_id=MEETING) -> BoardPack:
    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    return actions.request_build(by=by, body=meeting.body, as_at=meeting.date, meeting=meeting)


def test_a_build_is_queued_then_run_by_the_worker_and_kept_with_its_digest(east):
    pack = build()
    assert pack.status == "queued" and pack.number == 1 and pack.version == 1
    assert run_pending() == 1
    pack.refresh_from_db()
    assert pack.status == "built" and pack.percent == 100
    data = bytes(PackFile.objects.get(pack=pack).data)
    assert data.startswith(b"%PDF")
    assert pack.sha256 == hashlib.sha256(data).hexdigest() and pack.size == len(data)
    assert pack.as_at == Meeting.objects.get(pk=MEETING).date and pack.built_at is not None


def test_the_build_and_the_issue_are_audited_with_who_did_them(east):
    pack = build(by="user:secretary")
    run_pending()
    pack.refresh_from_db()
    actions.issue(pack, by="user:chair", public=True)
    built = AuditEvent.objects.get(
        model="reports.BoardPack", object_id=str(pack.pk), operation="build"
    )
    assert built.actor == "user:secretary" and built.after["sha256"] == pack.sha256
    issued = AuditEvent.objects.get(
        model="reports.BoardPack", object_id=str(pack.pk), operation="issue"
    )
    assert issued.actor == "user:chair" and issued.after["public"] is True


def test_a_rebuild_is_a_new_version_and_an_issued_pack_is_never_changed(east):
    first = build()
    run_pending()
    first.refresh_from_db()
    issued = actions.issue(first, by="user:lead", public=False)
    with pytest.raises(UserError, match="cannot be changed"):
        actions.issue(issued, by="user:lead", public=True)
    with pytest.raises(UserError, match="never rebuilt"):
        actions.try_again(issued, by="user:lead")
    second = build()
    assert (second.number, second.version) == (2, 2)
    run_pending()
    issued.refresh_from_db()
    assert issued.sha256 == first.sha256 and issued.public is False
    # A stray task for the issued pack does nothing to it.
    assert actions.run_build(issued.pk, issued.task_id) == "skipped"
    assert PackFile.objects.filter(pack=issued).count() == 1


def test_only_a_built_pack_is_issued(east):
    pack = build()
    with pytest.raises(UserError, match="Only a built pack"):
        actions.issue(pack, by="user:lead", public=False)


def test_versions_count_per_body_meeting_and_date(east):
    a = build()
    meeting = Meeting.objects.select_related("body").get(pk=MEETING)
    other_date = actions.request_build(by="user:lead", body=meeting.body, as_at=dt.date(2011, 6, 1))
    b = build()
    assert [p.version for p in (a, other_date, b)] == [1, 1, 2]
    assert [p.number for p in (a, other_date, b)] == [1, 2, 3]


def test_an_unknown_date_fails_the_build_with_its_message_and_keeps_no_file(east):
    meeting = Meeting.objects.select_related("body").get(pk=MEETING)
    pack = actions.request_build(by="user:lead", body=meeting.body, as_at=dt.date(1990, 1, 1))
    run_pending()
    pack.refresh_from_db()
    assert pack.status == "failed" and pack.problem
    assert not PackFile.objects.filter(pack=pack).exists()
