"""The organisations below a role's: every relationship of a "below" kind, at any date,
followed transitively — checked against a closure worked out here from all the rows."""

import datetime as dt
from collections import defaultdict

import pytest

from pathfinder.core import actions
from pathfinder.core.scope import BELOW_KINDS, organisations_below
from pathfinder.organisations.models import Organisation, Relationship

pytestmark = pytest.mark.django_db


def closure(codes: set[str]) -> set[str]:
    children = defaultdict(set)
    for r in Relationship.objects.all():
        if r.kind in BELOW_KINDS:
            children[r.parent_id].add(r.child_id)
    seen, todo = set(codes), list(codes)
    while todo:
        for child in children[todo.pop()] - seen:
            seen.add(child)
            todo.append(child)
    return seen


def test_every_organisation_of_the_example(east):
    codes = list(Organisation.objects.values_list("code", flat=True))
    assert any(len(closure({c})) > 2 for c in codes)
    for code in codes:
        assert organisations_below({code}) == closure({code}), code
    assert organisations_below(set(codes[:3])) == closure(set(codes[:3]))


def test_a_code_with_nothing_below_is_itself_and_no_codes_is_nothing(east):
    assert organisations_below({"NO-SUCH-ORG"}) == {"NO-SUCH-ORG"}
    assert organisations_below(set()) == set()


def test_a_loop_of_relationships_ends(east):
    top = next(
        c for c in Organisation.objects.values_list("code", flat=True) if closure({c}) != {c}
    )
    bottom = sorted(closure({top}) - {top})[0]
    actions.create(
        Relationship,
        by="test:scope",
        parent_id=bottom,
        child_id=top,
        kind="hosts",
        valid_from=dt.date(2011, 4, 1),
    )
    assert organisations_below({bottom}) == closure({bottom}) >= {top, bottom}


def test_the_subquery_of_a_scope_holds_its_codes(east):
    from django.contrib.auth import get_user_model

    from pathfinder.core.accounts import ensure_demo_accounts
    from pathfinder.core.roles import Permission
    from pathfinder.core.scope import Scope

    ensure_demo_accounts(by="test:scope")
    users = list(get_user_model().objects.all())
    assert len(users) > 3
    for user in users:
        scope = Scope(user)
        for perm in Permission:
            found = Organisation.objects.filter(code__in=scope.codes_query(perm))
            want = {
                c for c in scope.org_codes(perm) if Organisation.objects.filter(code=c).exists()
            }
            assert set(found.values_list("code", flat=True)) == want, (user.username, perm)
        assert set(scope.organisations().values_list("code", flat=True)) <= scope.org_codes()
