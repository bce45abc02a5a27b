"""The worker of the one task queue (django-tasks with its database backend).

`run` is what `pathfinder worker` runs: first it hands back to the queue the work a
killed worker left unfinished, then it runs django-tasks-db's own worker loop.
`start_in_thread` runs the same loop beside the web server for the embedded default, and
`run_pending` runs what is ready in the caller's thread and connection (docs/decisions/0130).
"""

import datetime as dt
import threading

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import get_random_string

QUEUE = "default"
BACKEND = "default"


class WorkerLost(Exception):
    """Recorded on a task whose worker stopped (was killed) while running it."""


def stale_before() -> dt.datetime:
    """Work whose last sign of life is older than this was left by a stopped worker."""
    return timezone.now() - dt.timedelta(seconds=settings.PATHFINDER["stale_task_seconds"])


def mark_lost(task_ids: list[str]) -> None:
    """Record as failed the tasks a stopped worker left running: django-tasks-db keeps
    them RUNNING for ever, and their work has been queued again as new tasks."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id__in=[t for t in task_ids if t], status="RUNNING").update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path=f"{__name__}.WorkerLost",
        traceback="The worker stopped while it ran this task; it was queued again.",
    )


def requeue_stale() -> int:
    """Put back on the queue every build and upload a stopped worker left unfinished."""
    from pathfinder.finance.actions import requeue_stale_uploads
    from pathfinder.reports.actions import requeue_stale_builds

    return requeue_stale_builds(by="job:worker") + requeue_stale_uploads(by="job:worker")


def _worker(*, batch: bool, interval: float, max_tasks: int | None, worker_id: str = ""):
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=[QUEUE],
        interval=interval,
        batch=batch,
        backend_name=BACKEND,
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id or get_random_string(32),
        excluded_queue_names=[],
    )


def run(*, batch: bool = False, interval: float = 1.0, max_tasks: int | None = None) -> int:
    """Run the worker in this process until stopped (or, with batch, until the queue is
    empty). SIGINT and SIGTERM let the running task finish first."""
    requeued = requeue_stale()
    if requeued:
        print(f"pathfinder worker: {requeued} unfinished task(s) put back on the queue")
    worker = _worker(batch=batch, interval=interval, max_tasks=max_tasks)
    worker.configure_signals()
    worker.run()
    return 0


def run_pending(max_tasks: int | None = None) -> int:
    """Run the ready tasks here, in this thread's connection and transaction, the
    way the worker claims and runs them; the number run. (The worker's loop closes the
    connection between tasks, which a caller inside a transaction cannot allow.)"""
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    worker = _worker(batch=True, interval=0, max_tasks=max_tasks)
    done = 0
    while max_tasks is None or done < max_tasks:
        tasks = DBTaskResult.objects.ready().filter(backend_name=BACKEND, queue_name=QUEUE)
        with exclusive_transaction(tasks.db):
            result = tasks.get_locked()
            if result is not None:
                result.claim(worker.worker_id)
        if result is None:
            break
        worker.run_task(result)
        done += 1
    return done


class ThreadWorker:
    """A worker loop in a daemon thread of this process, stopped by `stop()`."""

    def __init__(self, interval: float = 1.0):
        self.worker = _worker(batch=False, interval=interval, max_tasks=None)
        self.thread = threading.Thread(target=self._run, name="pathfinder-worker", daemon=True)

    def _run(self):
        from django.db import connection

        try:
            requeue_stale()
            self.worker.run()
        finally:
            connection.close()

    def start(self) -> "ThreadWorker":
        self.thread.start()
        return self

    def stop(self, timeout: float = 30.0):
        self.worker.running = False
        self.thread.join(timeout)


def start_in_thread(interval: float = 1.0) -> ThreadWorker:
    return ThreadWorker(interval).start()
