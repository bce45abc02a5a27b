"""The command's start-up check: migrations recorded as applied skip the full check;
one not recorded sends the command through the full check and `migrate`."""

import pytest
from django.db import connection

from pathfinder.core.schema import _recorded_as_applied, pending_migrations

pytestmark = pytest.mark.django_db


def test_a_current_schema_needs_no_full_check():
    assert _recorded_as_applied()
    assert not pending_migrations()


def test_a_migration_not_recorded_is_noticed():
    with connection.cursor() as c:
        c.execute("DELETE FROM django_migrations WHERE app = 'finance'")
    assert not _recorded_as_applied()
    assert pending_migrations()
