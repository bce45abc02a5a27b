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


def test_the_scope_as_a_subquery_is_the_scope_as_a_set(east):
    from django.contrib.auth import get_user_model

    from pathfinder.core.accounts import ensure_demo_accounts
    from pathfinder.core.roles import Permission
    from pathfinder.core.scope import Scope

    ensure_demo_accounts(by="test:scope")
    for user in get_user_model().objects.all():
        scope = Scope(user)
        for perm in Permission:
            query = Organisation.objects.filter(code__in=scope.org_codes_query(perm))
            assert set(query.values_list("code", flat=True)) == scope.org_codes(perm), user
