"""Writing a table's checked rows: one small writer per database (docs/decisions/0150).

`writer_for(table)` gives the connection's writer; `bulk_settings()` wraps a whole load
in the database's settings for it, and `key_problems()` checks what they left unchecked.
"""

from django.db import connection

from pathfinder.packages.schema import Table


def writer_for(table: Table):
    if connection.vendor == "postgresql":
        from pathfinder.packages.writers.postgres import PostgresWriter

        return PostgresWriter(table)
    from pathfinder.packages.writers.sqlite import SqliteWriter

    return SqliteWriter(table)


def bulk_settings():
    if connection.vendor == "postgresql":
        from pathfinder.packages.writers.postgres import bulk_settings

        return bulk_settings()
    from pathfinder.packages.writers.sqlite import bulk_settings

    return bulk_settings()


def key_problems() -> list[str]:
    """The database's own reference check, where the load had it off (PostgreSQL)."""
    if connection.vendor == "postgresql":
        from pathfinder.packages.writers.postgres import key_problems

        return key_problems()
    return []


def serving(run):
    """The server's thread that writes tables from their files (PostgreSQL)."""
    from pathfinder.packages.writers.postgres_csv import serving

    return serving(run)
