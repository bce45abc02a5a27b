"""What a user may see and change: their roles' organisations and those below them.

An organisation is below another when a relationship of a "below" kind links them, at
any date: a cluster lead keeps sight of the cluster's history (docs/decisions/0006).
"""

from collections import defaultdict
from functools import cached_property

from pathfinder.core.roles import ROLES, Permission

BELOW_KINDS = ("cluster_member", "delegates_budget", "member_practice", "hosts")


def organisations_below(codes: set[str]) -> set[str]:
    """The codes given and every organisation below them, transitively: one recursive
    query down the relationships' parent index, so a user's scope costs what it covers,
    not the whole register."""
    from django.db import connection

    from pathfinder.organisations.models import Relationship

    if not codes:
        return set()
    q = connection.ops.quote_name
    table = q(Relationship._meta.db_table)
    parent, child, kind = q("parent_id"), q("child_id"), q("kind")
    kinds = ", ".join(["%s"] * len(BELOW_KINDS))
    roots = sorted(codes)
    sql = f"""
        WITH RECURSIVE below(code) AS (
            SELECT r.{child} FROM {table} r
            WHERE r.{parent} IN ({", ".join(["%s"] * len(roots))}) AND r.{kind} IN ({kinds})
            UNION
            SELECT r.{child} FROM {table} r JOIN below ON r.{parent} = below.code
            WHERE r.{kind} IN ({kinds})
        )
        SELECT code FROM below
    """  # noqa: S608 - names are the models' own, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*roots, *BELOW_KINDS, *BELOW_KINDS])
        return set(codes) | {code for (code,) in cursor.fetchall()}


class Scope:
    """The organisations a user may act on, per permission."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def _assignments(self) -> list:
        if not getattr(self.user, "is_authenticated", False) or not self.user.is_active:
            return []
        return list(self.user.roles.all())

    @property
    def person_id(self) -> str:
        """The person the user is linked to (docs/decisions/0090), or "" for none or an
        account naming two people."""
        ids = {a.person_id for a in self._assignments if a.person_id}
        return ids.pop() if len(ids) == 1 else ""

    @cached_property
    def _by_permission(self) -> dict[Permission, set[str]]:
        out: dict[Permission, set[str]] = {p: set() for p in Permission}
        # One walk per role, not per assignment: a user may hold a role at many places.
        codes_by_role: dict[str, set[str]] = defaultdict(set)
        for assignment in self._assignments:
            if assignment.role in ROLES:
                codes_by_role[assignment.role].add(assignment.org_code)
        for name, codes in codes_by_role.items():
            covered = organisations_below(codes)
            for perm in ROLES[name].permissions:
                out[perm] |= covered
        return out

    @property
    def is_signed_in(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    def org_codes(self, perm: Permission = Permission.VIEW) -> set[str]:
        return self._by_permission[perm]

    def can(self, perm: Permission, org_code: str) -> bool:
        return org_code in self._by_permission[perm]

    def any(self, perm: Permission) -> bool:
        return bool(self._by_permission[perm])

    def organisations(self):
        from pathfinder.organisations.models import Organisation

        return Organisation.objects.filter(code__in=self.org_codes())

    def people(self):
        """People holding, or having held, a post or membership in the user's scope."""
        from django.db.models import Q

        from pathfinder.people.models import Person

        codes = self.org_codes()
        return Person.objects.filter(
            Q(posts__org_id__in=codes) | Q(memberships__body__org_id__in=codes)
        ).distinct()


class ScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = Scope(request.user)
        return self.get_response(request)
