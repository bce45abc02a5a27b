"""The web tests' accounts, for the support pages."""

from tests.web.conftest import admin_client, demo_users, lead_client, outsider_user  # noqa: F401
