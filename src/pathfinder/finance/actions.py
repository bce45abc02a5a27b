"""Writes of the finance domain: recording a ledger upload and loading its rows.

Every change of an upload's status is an audited update; the rows of a good file are
written in one transaction with one audit event naming the upload, its file's SHA-256
and the number of rows (a row-by-row audit of a million-line ledger would double it).
Progress counters are bookkeeping for the progress page and are not audited.
"""

import datetime as dt
import threading
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from pathfinder.core import actions
from pathfinder.core.audit import record
from pathfinder.core.errors import UserError
from pathfinder.core.money import from_pence
from pathfinder.finance import monthly, uploads
from pathfinder.finance.models import UNFINISHED, LedgerEntry, LedgerUpload, UploadStatus

BATCH = 5000
# Files up to this size are checked and loaded within the request; bigger ones by a
# background thread while the progress page polls (docs/decisions/0101).
INLINE_BYTES = 1_000_000
STALE = dt.timedelta(hours=1)


def earlier_upload(sha256: str) -> LedgerUpload | None:
    """A loaded, or still running, upload of a file with the same content."""
    # An upload still unfinished after STALE was cut short (the server restarted while
    # its thread ran): it wrote nothing, so it does not block the same file.
    recent = timezone.now() - STALE
    return (
        LedgerUpload.objects.filter(sha256=sha256)
        .filter(Q(status=UploadStatus.LOADED) | Q(status__in=UNFINISHED, uploaded_at__gte=recent))
        .order_by("id")
        .first()
    )


def start_upload(*, by, org, path: Path, filename: str) -> LedgerUpload:
    """Record an upload of the file at `path` and check and load it (now, or in a
    background thread for a big file). Refuses a file already loaded."""
    kind = uploads.kind_of(filename)
    digest = uploads.sha256_of(path)
    earlier = earlier_upload(digest)
    if earlier is not None:
        raise UserError(
            f"This file was already uploaded for {earlier.org_id} on "
            f"{timezone.localtime(earlier.uploaded_at):%d %B %Y at %H:%M} "
            f"({earlier.get_status_display().lower()}); the same file is not loaded twice"
        )
    upload = actions.create(
        LedgerUpload,
        by=by,
        org=org,
        filename=filename[:255],
        sha256=digest,
        size=path.stat().st_size,
        uploaded_by=_actor(by),
        uploaded_at=timezone.now(),
        status=UploadStatus.WAITING,
    )
    if upload.size <= INLINE_BYTES:
        process(upload.pk, path, kind, by=by)
    else:
        thread = threading.Thread(
            target=_in_background, args=(upload.pk, path, kind, by), daemon=True
        )
        # The thread's own connection must see the upload's row: start it once committed.
        transaction.on_commit(thread.start)
    return upload


def _actor(by) -> str:
    from pathfinder.core.audit import actor_name

    return actor_name(by)


def _in_background(pk: int, path: Path, kind: str, by):
    try:
        process(pk, path, kind, by=by)
    finally:
        connection.close()


def _progress(pk: int, **fields):
    LedgerUpload.objects.filter(pk=pk).update(**fields)


def process(pk: int, path: Path, kind: str, *, by) -> LedgerUpload:
    """Check the whole file; load it only if every row is right. Removes the file."""
    upload = LedgerUpload.objects.get(pk=pk)
    try:
        upload = actions.update(upload, by=by, status=UploadStatus.CHECKING)
        check = uploads.check_file(
            path, kind, upload.org_id, progress=lambda p: _progress(pk, percent=p // 2)
        )
        if not check.ok:
            return actions.update(
                upload,
                by=by,
                status=UploadStatus.REJECTED,
                rows_checked=check.rows,
                problems=check.problems,
                truncated=check.truncated,
                percent=100,
            )
        upload = actions.update(
            upload, by=by, status=UploadStatus.LOADING, rows_checked=check.rows, percent=50
        )
        return _load(upload, path, kind, by=by)
    except (UserError, IntegrityError, ValidationError) as e:
        upload.refresh_from_db()
        message = (
            str(e)
            if isinstance(e, UserError)
            else "the same file was loaded by another upload meanwhile"
        )
        return actions.update(
            upload,
            by=by,
            status=UploadStatus.FAILED,
            problems=[{"row": None, "column": None, "message": message}],
            percent=100,
        )
    finally:
        path.unlink(missing_ok=True)


@transaction.atomic
def _load(upload: LedgerUpload, path: Path, kind: str, *, by) -> LedgerUpload:
    check = uploads.Check()
    batch, count = [], 0
    # Inside this transaction progress is invisible to the page polling it, so the
    # loading half reports no counts: the page says how many rows are being loaded.
    for values in uploads.parsed_rows(path, kind, upload.org_id, check, lambda p: None):
        values["amount"] = from_pence(values["amount"])
        batch.append(LedgerEntry(**values))
        if len(batch) >= BATCH:
            LedgerEntry.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        LedgerEntry.objects.bulk_create(batch)
        count += len(batch)
    if not check.ok:  # the file changed between the two readings
        raise UserError("the file changed while it was being loaded; upload it again")
    monthly.refresh([upload.org_id])
    record(
        by=by,
        operation="load",
        model="finance.LedgerEntry",
        object_id=f"upload:{upload.pk}",
        after={"org": upload.org_id, "rows": count, "sha256": upload.sha256},
    )
    return actions.update(upload, by=by, status=UploadStatus.LOADED, rows_loaded=count, percent=100)
