"""Fixtures of the risk page tests: the web tests' demo accounts and outsider."""

from tests.web.conftest import demo_users, outsider_user  # noqa: F401 - fixtures
