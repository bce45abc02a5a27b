"""Writes of board pack records: asking for a build, the build itself (run by the task
queue's worker), issuing a pack, and trying a failed or abandoned build again.

Requests, outcomes and issues are audited; progress (percent, stage, heartbeat) is
bookkeeping for the status page and is not. An issued pack is never rebuilt or changed:
building again makes a new pack with the next version (docs/decisions/0133).
"""

import datetime as dt
import hashlib

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from pathfinder.core import actions
from pathfinder.core.audit import actor_name, record
from pathfinder.core.errors import UserError
from pathfinder.reports import document
from pathfinder.reports.models import UNFINISHED, BoardPack, PackFile, PackStatus

# Progress is written at most this often, so a fast build does not spend its time on it.
PROGRESS_EVERY = dt.timedelta(seconds=1)


@transaction.atomic
def request_build(*, by, body, as_at: dt.date, meeting=None) -> BoardPack:
    """A new pack of `body` as at `as_at` (for `meeting`, if given), queued for the
    worker; the next version of that body, meeting and date."""
    from pathfinder.governance.models import Body

    if meeting is not None and meeting.body_id != body.pk:
        raise UserError(f"meeting {meeting.pk} is not a meeting of {body.pk}")
    # Lock the body's row: numbers and versions are counted under it.
    Body.objects.select_for_update().filter(pk=body.pk).first()
    packs = BoardPack.objects.filter(body=body)
    number = (packs.aggregate(n=Max("number"))["n"] or 0) + 1
    same = packs.filter(as_at=as_at, meeting=meeting)
    version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
    now = timezone.now()
    pack = actions.create(
        BoardPack,
        by=by,
        body=body,
        meeting=meeting,
        number=number,
        as_at=as_at,
        version=version,
        status=PackStatus.QUEUED,
        stage="Waiting for the worker",
        heartbeat=now,
        requested_by=actor_name(by),
        requested_at=now,
    )
    return _queue(pack, by=by)


def _queue(pack: BoardPack, *, by) -> BoardPack:
    """Queue a build of the pack; the task's row commits with the caller's transaction."""
    from pathfinder.reports.tasks import build_pack

    result = build_pack.enqueue(pack.pk)
    return actions.update(pack, by=by, task_id=str(result.id))


def _progress(pk: int, task_id: str):
    last = [timezone.now() - PROGRESS_EVERY]

    def report(what: str, percent: int):
        now = timezone.now()
        if now - last[0] < PROGRESS_EVERY:
            return
        last[0] = now
        BoardPack.objects.filter(pk=pk, task_id=task_id).update(
            stage=what[:200], percent=max(0, min(int(percent), 99)), heartbeat=now
        )

    return report


def run_build(pk: int, task_id: str) -> str:
    """The queue's task: build the pack's PDF and keep it, all in one transaction at the
    end, so a worker stopped midway leaves nothing half-written. Does nothing if the pack
    is finished or another task now has it (it was queued again meanwhile)."""
    started = BoardPack.objects.filter(
        pk=pk, task_id=task_id, status__in=UNFINISHED, issued_at__isnull=True
    ).update(status=PackStatus.BUILDING, stage="Starting", percent=0, heartbeat=timezone.now())
    if not started:
        return "skipped"
    pack = BoardPack.objects.select_related("body").get(pk=pk)
    try:
        pdf = document.pack_pdf(pack.body_id, pack.as_at, progress=_progress(pk, task_id))
    except UserError as e:
        _fail(pk, task_id, str(e))
        return "failed"
    except Exception:
        _fail(pk, task_id, "the build stopped on an unexpected error; try again")
        raise
    return _finish(pk, task_id, pdf)


@transaction.atomic
def _finish(pk: int, task_id: str, pdf: bytes) -> str:
    pack = BoardPack.objects.select_for_update().get(pk=pk)
    if pack.task_id != task_id or pack.finished:
        return "skipped"  # queued again while this build ran: that build keeps the pack
    digest = hashlib.sha256(pdf).hexdigest()
    PackFile.objects.create(pack=pack, data=pdf)
    built = actions.update(
        pack,
        by=pack.requested_by,
        status=PackStatus.BUILT,
        percent=100,
        stage="Built",
        sha256=digest,
        size=len(pdf),
        built_at=timezone.now(),
        heartbeat=timezone.now(),
    )
    record(
        by=pack.requested_by,
        operation="build",
        obj=built,
        after={
            "body": built.body_id,
            "as_at": built.as_at.isoformat(),
            "meeting": built.meeting_id,
            "version": built.version,
            "sha256": digest,
            "size": len(pdf),
        },
    )
    return "built"


@transaction.atomic
def _fail(pk: int, task_id: str, problem: str):
    pack = BoardPack.objects.select_for_update().get(pk=pk)
    if pack.task_id != task_id or pack.finished:
        return
    actions.update(
        pack,
        by=pack.requested_by,
        status=PackStatus.FAILED,
        problem=problem[:500],
        stage="Not built",
        heartbeat=timezone.now(),
    )


def is_stale(pack: BoardPack) -> bool:
    from pathfinder.core.worker import stale_before

    return pack.status == PackStatus.BUILDING and pack.heartbeat < stale_before()


@transaction.atomic
def try_again(pack: BoardPack, *, by) -> BoardPack:
    """Queue the build again of a pack that failed, or whose worker stopped midway."""
    pack = BoardPack.objects.select_for_update().get(pk=pack.pk)
    if pack.issued:
        raise UserError("An issued pack is never rebuilt; build the pack again for a new version")
    if pack.status == PackStatus.BUILT:
        raise UserError("This pack is built; build the pack again for a new version")
    if pack.status == PackStatus.QUEUED or (
        pack.status == PackStatus.BUILDING and not is_stale(pack)
    ):
        raise UserError("This pack is still being built; wait for it to finish")
    return _requeue(pack, by=by)


def _requeue(pack: BoardPack, *, by) -> BoardPack:
    from pathfinder.core.worker import mark_lost

    mark_lost([pack.task_id])
    pack = actions.update(
        pack,
        by=by,
        status=PackStatus.QUEUED,
        percent=0,
        stage="Waiting for the worker",
        problem="",
        heartbeat=timezone.now(),
    )
    return _queue(pack, by=by)


def requeue_stale_builds(*, by) -> int:
    """Queue again every build a stopped worker left midway; the number queued."""
    from pathfinder.core.worker import stale_before

    count = 0
    for pk in BoardPack.objects.filter(
        status=PackStatus.BUILDING, heartbeat__lt=stale_before()
    ).values_list("pk", flat=True):
        with transaction.atomic():
            pack = BoardPack.objects.select_for_update().get(pk=pk)
            if is_stale(pack):
                _requeue(pack, by=by)
                count += 1
    return count


@transaction.atomic
def issue(pack: BoardPack, *, by, public: bool) -> BoardPack:
    """Mark a built pack issued, published to anyone when its meeting is held in public."""
    pack = BoardPack.objects.select_for_update().get(pk=pack.pk)
    if pack.issued:
        raise UserError(
            f"This pack was issued on {timezone.localtime(pack.issued_at):%d %B %Y} "
            "and cannot be changed"
        )
    if pack.status != PackStatus.BUILT:
        raise UserError("Only a built pack can be issued")
    issued = actions.update(
        pack, by=by, issued_by=actor_name(by), issued_at=timezone.now(), public=bool(public)
    )
    record(
        by=by,
        operation="issue",
        obj=issued,
        after={"sha256": issued.sha256, "public": issued.public, "version": issued.version},
    )
    return issued
