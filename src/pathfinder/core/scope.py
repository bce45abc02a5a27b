"""What a user may see and change: their roles' organisations and those below them.

An organisation is below another when a relationship of a "below" kind links them, at
any date: a cluster lead keeps sight of the cluster's history (docs/decisions/0006).
"""

from collections import defaultdict
from functools import cached_property

from pathfinder.core.roles import ROLES, Permission

BELOW_KINDS = ("cluster_member", "delegates_budget", "member_practice", "hosts")
SECOND_FACTOR_PERMISSIONS = (Permission.GOVERN, Permission.ADMINISTER)


def _below_sql(roots: list[str], with_roots: bool = False) -> tuple[str, list]:
    """The recursive query of the codes below `roots` (and `roots` themselves, when
    `with_roots`)."""
    from django.db import connection

    from pathfinder.organisations.models import Organisation, Relationship

    q = connection.ops.quote_name
    table = q(Relationship._meta.db_table)
    parent, child, kind = q("parent_id"), q("child_id"), q("kind")
    kinds = ", ".join(["%s"] * len(BELOW_KINDS))
    marks = ", ".join(["%s"] * len(roots))
    if with_roots:
        orgs = q(Organisation._meta.db_table)
        seed = f"SELECT o.{q('code')} FROM {orgs} o WHERE o.{q('code')} IN ({marks})"  # noqa: S608
        seed_params = roots
    else:
        seed = (
            f"SELECT r.{child} FROM {table} r "  # noqa: S608 - the models' names
            f"WHERE r.{parent} IN ({marks}) AND r.{kind} IN ({kinds})"
        )
        seed_params = [*roots, *BELOW_KINDS]
    sql = f"""
        WITH RECURSIVE below(code) AS (
            {seed}
            UNION
            SELECT r.{child} FROM {table} r JOIN below ON r.{parent} = below.code
            WHERE r.{kind} IN ({kinds})
        )
        SELECT code FROM below
    """  # noqa: S608 - names are the models' own, values are parameters
    return sql, [*seed_params, *BELOW_KINDS]


def organisations_below(codes: set[str]) -> set[str]:
    """The codes given and every organisation below them, transitively: one recursive
    query down the relationships' parent index, so a user's scope costs what it covers,
    not the whole register."""
    from django.db import connection

    if not codes:
        return set()
    sql, params = _below_sql(sorted(codes))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return set(codes) | {code for (code,) in cursor.fetchall()}


def second_factor_required() -> bool:
    from django.conf import settings

    return bool(getattr(settings, "PATHFINDER_REQUIRE_2FA", False))


class Scope:
    """The organisations a user may act on, per permission."""

    def __init__(self, user):
        self.user = user
        self._held_second_factor_roles = False

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
        self._held_second_factor_roles = any(out[perm] for perm in SECOND_FACTOR_PERMISSIONS)
        if self._second_factor_pending():
            # The one place two-factor sign-in is enforced (docs/decisions/0141): until
            # the second step is passed, a lead or administrator reads and edits only.
            for perm in SECOND_FACTOR_PERMISSIONS:
                out[perm] = set()
        return out

    def _second_factor_pending(self) -> bool:
        # A caller without `is_verified` (an API token, its own credential) is not asked.
        if not (self._held_second_factor_roles and second_factor_required()):
            return False
        verified = getattr(self.user, "is_verified", None)
        return verified is not None and not verified()

    @property
    def needs_second_factor(self) -> bool:
        """The user holds a role that may change governance records, and this
        deployment asks those roles for a second factor."""
        self._by_permission  # noqa: B018 - computed once; it notes the roles held
        return self._held_second_factor_roles and second_factor_required()

    @property
    def awaits_second_factor(self) -> bool:
        """True while such a user has not given their second factor in this session."""
        self._by_permission  # noqa: B018
        return self._second_factor_pending()

    @cached_property
    def refused(self) -> list[tuple[str, str]]:
        """The checks `can` answered no to, for the audit of a refusal."""
        return []

    @property
    def is_signed_in(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    def org_codes(self, perm: Permission = Permission.VIEW) -> set[str]:
        return self._by_permission[perm]

    def org_codes_query(self, perm: Permission = Permission.VIEW):
        """The codes of `org_codes(perm)` as a subquery (`org__in=scope.org_codes_query()`),
        so a scope of thousands of organisations is not sent as thousands of literals."""
        from django.db.models.expressions import RawSQL

        from pathfinder.organisations.models import Organisation

        if not self._by_permission[perm]:
            return Organisation.objects.none().values("code")
        roots = sorted(
            {a.org_code for a in self._assignments
             if a.role in ROLES and perm in ROLES[a.role].permissions}
        )  # fmt: skip
        below = RawSQL(*_below_sql(roots, with_roots=True))  # noqa: S611 - names are the models'
        return Organisation.objects.filter(code__in=below).values("code")

    def can(self, perm: Permission, org_code: str) -> bool:
        allowed = org_code in self._by_permission[perm]
        if not allowed:
            self.refused.append((perm.value, org_code))
        return allowed

    def any(self, perm: Permission) -> bool:
        return bool(self._by_permission[perm])

    def organisations(self):
        from pathfinder.organisations.models import Organisation

        return Organisation.objects.filter(code__in=self.org_codes())

    def people(self):
        """People holding, or having held, a post or membership in the user's scope."""
        from django.db.models import Q

        from pathfinder.governance.models import Membership
        from pathfinder.people.models import Person, Post

        # Subqueries, not a join: no DISTINCT over every post and seat, and no list of
        # thousands of codes.
        codes = self.org_codes_query()
        posts = Post.objects.filter(org_id__in=codes).values("person_id")
        seats = Membership.objects.filter(body__org_id__in=codes).values("person_id")
        return Person.objects.filter(Q(person_id__in=posts) | Q(person_id__in=seats))


class ScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = Scope(request.user)
        return self.get_response(request)
