"""Creating or upgrading the database schema when a command needs it."""

from django.db import connection


def pending_migrations() -> bool:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _recorded_as_applied() -> bool:
    """Every migration file of every app is recorded as applied: a check that reads one
    table and lists folders, without importing the migrations (most of a command's
    start-up otherwise). Anything unusual answers False, and the full check runs."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    if getattr(settings, "MIGRATION_MODULES", None):
        return False
    on_disk = set()
    for app in apps.get_app_configs():
        folder = Path(app.path) / "migrations"
        for f in folder.glob("[0-9]*.py") if folder.is_dir() else ():
            on_disk.add((app.label, f.stem))
    try:
        with connection.cursor() as c:
            c.execute("SELECT app, name FROM django_migrations")
            applied = set(c.fetchall())
    except Exception:  # no table yet, or no database: let the full check decide
        return False
    return bool(on_disk) and on_disk <= applied


def ensure_schema():
    db = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite" and isinstance(db, str) and db != ":memory:":
        from pathlib import Path

        Path(db).parent.mkdir(parents=True, exist_ok=True)
    if not _recorded_as_applied() and pending_migrations():
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
