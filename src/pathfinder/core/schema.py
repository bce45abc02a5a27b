"""Creating or upgrading the database schema when a command needs it."""

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def ensure_schema():
    db = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite" and isinstance(db, str) and db != ":memory:":
        from pathlib import Path

        Path(db).parent.mkdir(parents=True, exist_ok=True)
    if pending_migrations():
        call_command("migrate", interactive=False, verbosity=0)
