"""Tasks of the board pack on the one task queue (docs/decisions/0130)."""

from django_tasks import task


@task(takes_context=True)
def build_pack(context, pack_id: int) -> str:
    """Build a board pack's PDF and keep it with its digest; the outcome."""
    from pathfinder.reports.actions import run_build

    return run_build(pack_id, str(context.task_result.id))
