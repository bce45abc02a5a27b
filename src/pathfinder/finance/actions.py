"""Writes of the finance domain: recording a ledger upload and loading its rows.

Every change of an upload's status is an audited update; the rows of a good file are
written in one transaction with one audit event naming the upload, its file's SHA-256
and the number of rows (a row-by-row audit of a million-line ledger would double it).
Progress counters are bookkeeping for the progress page and are not audited. A big file
is kept in the database in parts and processed by the task queue's worker
(docs/decisions/0101, 0130).

The monthly totals (LedgerMonth) are a derived table kept here with the ledger and
written nowhere else: an upload refreshes its organisation's months, the package loader
adds the totals of the rows it writes (`Tally`), and a line saved or deleted one at a
time refreshes its organisation by signal. They are not audited: the ledger write they
follow is, and they can be summed again from the ledger at any time (docs/decisions/0161).
"""

import datetime as dt
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from pathfinder.core import actions
from pathfinder.core.audit import record
from pathfinder.core.errors import UserError
from pathfinder.core.money import from_pence
from pathfinder.finance import monthly, uploads
from pathfinder.finance.models import (
    UNFINISHED,
    LedgerEntry,
    LedgerMonth,
    LedgerUpload,
    LedgerUploadPart,
    UploadStatus,
)

BATCH = 5000
# Files up to this size are checked and loaded within the request; bigger ones by the
# task queue's worker while the progress page polls (docs/decisions/0101, 0130).
INLINE_BYTES = 1_000_000
PART_BYTES = 1 << 20
# Loading a big file runs in one transaction that reports no progress, so an upload is
# taken for cut short (its worker stopped) only after an hour without a sign of life.
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
    """Record an upload of the file at `path` and check and load it (now, or on the task
    queue for a big file, whose content is then kept in the database until processed).
    Refuses a file already loaded."""
    kind = uploads.kind_of(filename)
    digest = uploads.sha256_of(path)
    earlier = earlier_upload(digest)
    if earlier is not None:
        raise UserError(
            f"This file was already uploaded for {earlier.org_id} on "
            f"{timezone.localtime(earlier.uploaded_at):%d %B %Y at %H:%M} "
            f"({earlier.get_status_display().lower()}); the same file is not loaded twice"
        )
    now = timezone.now()
    upload = actions.create(
        LedgerUpload,
        by=by,
        org=org,
        filename=filename[:255],
        sha256=digest,
        size=path.stat().st_size,
        uploaded_by=_actor(by),
        uploaded_at=now,
        status=UploadStatus.WAITING,
        heartbeat=now,
    )
    if upload.size <= INLINE_BYTES:
        process(upload.pk, path, kind, by=by)
    else:
        _queue(upload, path, by=by)
    return upload


@transaction.atomic
def _queue(upload: LedgerUpload, path: Path, *, by):
    """Keep the file's content in the database and queue its processing: the task's row
    is written in this transaction, so the worker sees the upload and its parts."""
    from pathfinder.finance.tasks import process_upload

    try:
        with open(path, "rb") as f:
            for number, data in enumerate(iter(lambda: f.read(PART_BYTES), b"")):
                LedgerUploadPart.objects.create(upload=upload, number=number, data=data)
    finally:
        path.unlink(missing_ok=True)
    result = process_upload.enqueue(upload.pk)
    return actions.update(upload, by=by, task_id=str(result.id))


def _actor(by) -> str:
    from pathfinder.core.audit import actor_name

    return actor_name(by)


def run_queued(pk: int, task_id: str) -> str:
    """The queue's task: process the upload from its parts, unless it is finished or
    another task now has it (it was put back on the queue meanwhile)."""
    upload = LedgerUpload.objects.filter(pk=pk).first()
    if upload is None or upload.finished or upload.task_id != task_id:
        return "skipped"
    kind = uploads.kind_of(upload.filename)
    with tempfile.NamedTemporaryFile(prefix="ledger-upload-", suffix=kind, delete=False) as out:
        for data in LedgerUploadPart.objects.filter(upload_id=pk).values_list("data", flat=True):
            out.write(data)
        path = Path(out.name)
    upload = process(pk, path, kind, by=upload.uploaded_by)
    # Finished, one way or the other: the content is no longer needed (only its digest).
    LedgerUploadPart.objects.filter(upload_id=pk).delete()
    return upload.status


def requeue_stale_uploads(*, by) -> int:
    """Queue again each big upload a stopped worker left unfinished (its parts are still
    in the database); the number queued."""
    from pathfinder.core.worker import mark_lost
    from pathfinder.finance.tasks import process_upload

    LedgerUploadPart.objects.exclude(upload__status__in=UNFINISHED).delete()
    stale = LedgerUpload.objects.filter(
        status__in=UNFINISHED, heartbeat__lt=timezone.now() - STALE, parts__number=0
    ).exclude(task_id="")
    count = 0
    for upload in stale:
        with transaction.atomic():
            mark_lost([upload.task_id])
            result = process_upload.enqueue(upload.pk)
            actions.update(upload, by=by, task_id=str(result.id), heartbeat=timezone.now())
        count += 1
    return count


def _progress(pk: int, **fields):
    LedgerUpload.objects.filter(pk=pk).update(heartbeat=timezone.now(), **fields)


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
    refresh_months([upload.org_id])
    record(
        by=by,
        operation="load",
        model="finance.LedgerEntry",
        object_id=f"upload:{upload.pk}",
        after={"org": upload.org_id, "rows": count, "sha256": upload.sha256},
    )
    return actions.update(upload, by=by, status=UploadStatus.LOADED, rows_loaded=count, percent=100)


def refresh_months(orgs: Iterable[str] | None = None) -> None:
    """Sum the ledger again for these organisations (None: every organisation)."""
    months = LedgerMonth.objects.all()
    lines = LedgerEntry.objects.all()
    if orgs is not None:
        orgs = set(orgs)
        months, lines = months.filter(org_id__in=orgs), lines.filter(org_id__in=orgs)
    months.delete()
    rows = (
        lines.annotate(m=TruncMonth("date"))
        .values("org_id", "category", "m")
        .annotate(p=monthly.pence_sum(), n=Count("id"))
        .order_by()
        .values_list("org_id", "category", "m", "p", "n")
    )
    LedgerMonth.objects.bulk_create(
        (
            LedgerMonth(org_id=org, category=cat, month=m, amount=p, lines=n)
            for org, cat, m, p, n in rows.iterator()
        ),
        batch_size=2000,
    )


class Tally:
    """Totals of the ledger rows a load writes, added to LedgerMonth when it ends.

    `columns` names the fields of each row, in order, as the loader writes them; a row's
    date is ISO text or a date, its amount pence.
    """

    def __init__(self, columns: list[str]):
        self.at = [columns.index(c) for c in ("org_id", "category", "date", "amount")]
        self.totals: dict[tuple[str, str, str], list[int]] = {}

    def add(self, rows: list) -> None:
        o, c, d, a = self.at
        totals = self.totals
        for row in rows:
            day = row[d]
            key = (row[o], row[c], (day if day.__class__ is str else day.isoformat())[:7])
            t = totals.get(key)
            if t is None:
                totals[key] = [row[a], 1]
            else:
                t[0] += row[a]
                t[1] += 1

    def merge(self, totals: dict) -> None:
        """Add totals kept by another Tally (of rows loaded elsewhere)."""
        for key, (pence, n) in totals.items():
            t = self.totals.get(key)
            if t is None:
                self.totals[key] = [pence, n]
            else:
                t[0] += pence
                t[1] += n

    def save(self) -> None:
        """Add the totals to LedgerMonth, month by month (an upsert that adds)."""
        if not self.totals:
            return
        table = connection.ops.quote_name(LedgerMonth._meta.db_table)
        sql = (
            f"INSERT INTO {table} (org_id, category, month, amount, lines) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (org_id, category, month) DO UPDATE "
            f"SET amount = {table}.amount + excluded.amount, "
            f"lines = {table}.lines + excluded.lines"
        )
        rows = [
            (org, cat, dt.date.fromisoformat(f"{month}-01"), pence, n)
            for (org, cat, month), (pence, n) in self.totals.items()
        ]
        with connection.cursor() as c:
            if connection.vendor == "postgresql":  # one statement, not one per month
                c.execute(
                    sql.replace(
                        "VALUES (%s, %s, %s, %s, %s)",
                        "SELECT * FROM unnest(%s::varchar[], %s::varchar[], %s::date[], "
                        "%s::bigint[], %s::int[])",
                    ),
                    [list(col) for col in zip(*rows, strict=True)],
                )
            else:
                c.executemany(sql, rows)
        self.totals = {}

    @staticmethod
    def clear() -> None:
        LedgerMonth.objects.all().delete()
