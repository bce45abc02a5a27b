"""What every PostgreSQL connection of the application is set to."""

import pytest
from django.db import connection


def test_queries_are_not_jit_compiled(db):
    # Compiling costs a short query 100-300 ms once its estimate passes jit_above_cost
    # (docs/decisions/0216); the application's connections turn it off.
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://…")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
