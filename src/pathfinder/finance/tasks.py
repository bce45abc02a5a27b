"""Tasks of the finance domain on the one task queue (docs/decisions/0130)."""

from django_tasks import task


@task(takes_context=True)
def process_upload(context, upload_id: int) -> str:
    """Check and load a big ledger upload kept in the database; its outcome."""
    from pathfinder.finance.actions import run_queued

    return run_queued(upload_id, str(context.task_result.id))
