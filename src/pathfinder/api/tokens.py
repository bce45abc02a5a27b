"""Creating API tokens: an audited action that returns the raw token exactly once.

Only the token's sha256 digest is stored, so a lost token cannot be shown again: create
a new one. The audit record names the user and the token's name; it holds the digest,
never the raw token.
"""

from django.db import transaction

from pathfinder.core import actions
from pathfinder.core.errors import UserError
from pathfinder.core.models import ApiToken, hash_token

NAME_MAX = ApiToken._meta.get_field("name").max_length


@transaction.atomic
def create_token(*, user, name: str, by) -> str:
    """Create a token for `user` called `name`; return the raw token to show once."""
    name = (name or "").strip()
    if not name:
        raise UserError("give the token a name that says what it is for")
    if len(name) > NAME_MAX:
        raise UserError(f"a token name has at most {NAME_MAX} characters")
    if not user.is_active:
        raise UserError(f"user {user.get_username()!r} is not active")
    raw = ApiToken.new_raw()
    actions.create(ApiToken, by=by, user=user, name=name, digest=hash_token(raw))
    return raw
