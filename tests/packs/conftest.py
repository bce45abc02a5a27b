"""The web fixtures (demo accounts, an outsider) for the pack records' tests."""

from tests.web.conftest import demo_users, outsider_user  # noqa: F401
