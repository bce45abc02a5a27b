"""The API fuzzed from its own OpenAPI document: every operation, every role and nobody.

Schemathesis generates requests from the document (its examples, the boundaries of every
parameter, and random valid and deliberately broken ones) and runs all its checks on each
answer: no server error, a documented status code, content type and headers, a body
matching the documented schema, bad input refused, good input accepted, auth enforced.
The east-2011 package and the demo accounts are loaded once for the module, inside a
transaction rolled back at its end (docs/decisions/0140-api-errors-and-limits.md).
Deselect with `-m "not fuzz"` while working on something else; `make test` runs it.
"""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from pathfinder.api.api import api
from pathfinder.api.tokens import create_token
from pathfinder.core.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from pathfinder.core.roles import ROLES
from tests.conftest import EAST

CALLERS = [*ROLES, "anonymous"]
# Random examples per operation and caller, beside the examples and boundary cases: a
# few minutes in all on two cores.
EXAMPLES = 3

pytestmark = pytest.mark.fuzz

# Rules of the domain JSON Schema cannot state (0140), by the fields a 422 names: a
# schema-valid write may be refused for these, and for nothing else.
RULES_BEYOND_THE_SCHEMA = {
    "POST /api/risks/{risk_id}/reviews": {"reviewed_on", "target_likelihood"},
    "POST /api/risks/{risk_id}/actions": {"description", "due", "owner"},
    "POST /api/support/bookings": set(),
}

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()
# Each caller's credentials are the test's own; generated ones would replace them.
schema.config.generation.update(with_security_parameters=False)


@pytest.fixture(scope="module")
def tokens(django_db_setup, django_db_blocker):
    """A bearer token per role, on the east-2011 package, for the whole module."""
    from pathfinder.packages.loader import load_package

    # The WSGI app runs in this thread on this connection; Django's test client keeps
    # the connection open across requests the same way, so the module's data survives.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            assert load_package(EAST, by="test:fuzz").ok
            ensure_demo_accounts(by="test:fuzz")
            users = get_user_model().objects
            made = {}
            for account in DEMO_ACCOUNTS:
                if account.username == account.role:
                    user = users.get(username=account.username)
                    made[account.role] = create_token(user=user, name="fuzz", by="test:fuzz")
            assert set(made) == set(ROLES)
            yield made
            transaction.set_rollback(True)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("caller", CALLERS)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_answers_as_documented(case, caller, tokens, db):
    """Every check schemathesis has (its default set) on every answer; for a write, a
    refusal of schema-valid data only for a rule the schema cannot state."""
    headers = {"Authorization": f"Bearer {tokens[caller]}"} if caller in tokens else {}
    rules = RULES_BEYOND_THE_SCHEMA.get(case.operation.label)
    if rules is None:
        case.call_and_validate(headers=headers)
        return
    response = case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
    if case.meta.generation.mode.is_positive and response.status_code == 422:
        assert set(response.json()["errors"]) <= rules, response.json()
