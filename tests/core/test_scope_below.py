"""The organisations below a role's: every relationship of a "below" kind, at any date,
followed transitively — checked against a closure worked out here from all the rows."""

import datetime as dt
from collections import defaultdict

import pytest

from pathfinder.core import actions
from pathfinder.core.scope import BELOW_KINDS, organisations_below
from pathfinder.organisations.models import Below, Organisation, Relationship

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


def closure_table(code: str) -> set[str]:
    return set(Below.objects.filter(ancestor=code).values_list("code", flat=True))


def test_the_closure_table_holds_what_the_walk_finds_after_a_load(east):
    codes = list(Organisation.objects.values_list("code", flat=True))
    for code in codes:
        assert closure_table(code) == closure({code}), code


def test_the_closure_table_follows_a_relationship_added_one_at_a_time(east):
    top = next(
        c for c in Organisation.objects.values_list("code", flat=True) if closure({c}) != {c}
    )
    bottom = sorted(closure({top}) - {top})[0]
    assert top not in closure_table(bottom)
    link = actions.create(
        Relationship, by="test:scope", parent_id=bottom, child_id=top, kind="hosts",
        valid_from=dt.date(2011, 4, 1),
    )  # fmt: skip
    assert closure_table(bottom) == closure({bottom}) >= {top, bottom}
    actions.update(link, by="test:scope", child_id=bottom)
    assert top not in closure_table(bottom)


def test_a_scope_filters_by_a_subquery_not_by_its_codes(east):
    from django.contrib.auth import get_user_model

    from pathfinder.core.accounts import ensure_demo_accounts
    from pathfinder.core.scope import Scope

    ensure_demo_accounts(by="test:scope")
    scope = Scope(get_user_model().objects.get(username="governance_lead"))
    codes = scope.org_codes()
    assert len(codes) > 5 and codes == closure({"CL-CAP"})
    sql, params = scope.organisations().query.sql_with_params()
    assert "organisations_below" in sql and len(params) < 5, (sql, params)
    assert set(scope.organisations().values_list("code", flat=True)) == codes


def _user_with(roles: list[tuple[str, str]]):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from pathfinder.core.models import RoleAssignment

    user = actions.create(
        get_user_model(), by="test:scope", username="scoped", password=make_password(None)
    )
    for role, code in roles:
        actions.create(RoleAssignment, by="test:scope", user=user, role=role, org_code=code)
    return user


def test_the_subquery_of_a_scope_holds_the_codes_of_its_walk(east):
    from pathfinder.core.roles import Permission
    from pathfinder.core.scope import Scope

    codes = sorted(c for c in Organisation.objects.values_list("code", flat=True) if closure({c}))
    top = max(codes, key=lambda c: len(closure({c})))
    other = next(c for c in codes if c not in closure({top}))
    scope = Scope(_user_with([("administrator", top), ("viewer", other)]))

    def via_query(perm):
        rows = Organisation.objects.filter(code__in=scope.org_codes_query(perm))
        return set(rows.values_list("code", flat=True))

    assert via_query(Permission.VIEW) == scope.org_codes() == closure({top, other})
    assert via_query(Permission.ADMINISTER) == closure({top})


def test_the_subquery_of_no_roles_holds_nothing(east):
    from django.contrib.auth.models import AnonymousUser

    from pathfinder.core.scope import Scope

    assert not Organisation.objects.filter(code__in=Scope(AnonymousUser()).org_codes_query())
    assert not Organisation.objects.filter(code__in=Scope(_user_with([])).org_codes_query())


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
            found = Organisation.objects.filter(code__in=scope.org_codes_query(perm))
            want = {
                c for c in scope.org_codes(perm) if Organisation.objects.filter(code=c).exists()
            }
            assert set(found.values_list("code", flat=True)) == want, (user.username, perm)
        assert set(scope.organisations().values_list("code", flat=True)) <= scope.org_codes()
