"""What a user may see and change: their roles' organisations and those below them.

An organisation is below another when a relationship of a "below" kind links them, at
any date: a cluster lead keeps sight of the cluster's history (docs/decisions/0006).
"""

from functools import cached_property

from pathfinder.core.roles import ROLES, Permission

BELOW_KINDS = ("cluster_member", "delegates_budget", "member_practice", "hosts")
SECOND_FACTOR_PERMISSIONS = (Permission.GOVERN, Permission.ADMINISTER)


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


def second_factor_required() -> bool:
    from django.conf import settings

    return bool(getattr(settings, "PATHFINDER_REQUIRE_2FA", False))


class ScopeCodes(frozenset):
    """The codes of a scope: a set, for `code in codes` in Python, which a queryset's
    `__in` reads as a subquery of the closure `organisations.Below` (a query expression:
    it has `resolve_expression`), never as thousands of literals
    (docs/decisions/0176-scope-as-a-subquery.md)."""

    roots: frozenset

    @classmethod
    def below(cls, roots: frozenset) -> "ScopeCodes":
        from pathfinder.organisations.models import Below

        covered = set(roots)
        if roots:
            covered |= set(
                Below.objects.filter(ancestor__in=sorted(roots)).values_list("code", flat=True)
            )
        codes = cls(covered)
        codes.roots = roots
        return codes

    def subquery(self):
        from pathfinder.organisations.models import Below

        if not self.roots:
            return Below.objects.none().values("code")
        return Below.objects.filter(ancestor__in=sorted(self.roots)).values("code")

    def resolve_expression(self, *args, **kwargs):
        return self.subquery().resolve_expression(*args, **kwargs)


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
    def _by_permission(self) -> dict[Permission, "ScopeCodes"]:
        roots: dict[Permission, set[str]] = {p: set() for p in Permission}
        for assignment in self._assignments:
            if assignment.role in ROLES:
                for perm in ROLES[assignment.role].permissions:
                    roots[perm].add(assignment.org_code)
        self._held_second_factor_roles = any(roots[perm] for perm in SECOND_FACTOR_PERMISSIONS)
        if self._second_factor_pending():
            # The one place two-factor sign-in is enforced (docs/decisions/0141): until
            # the second step is passed, a lead or administrator reads and edits only.
            for perm in SECOND_FACTOR_PERMISSIONS:
                roots[perm] = set()
        # One read of the closure per distinct set of roots: most roles share them.
        out: dict[Permission, ScopeCodes] = {}
        read: dict[frozenset, ScopeCodes] = {}
        for perm, codes in roots.items():
            key = frozenset(codes)
            if key not in read:
                read[key] = ScopeCodes.below(key)
            out[perm] = read[key]
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

    def org_codes(self, perm: Permission = Permission.VIEW) -> ScopeCodes:
        return self._by_permission[perm]

    def can(self, perm: Permission, org_code: str) -> bool:
        allowed = org_code in self._by_permission[perm]
        if not allowed:
            self.refused.append((perm.value, org_code))
        return allowed

    def any(self, perm: Permission) -> bool:
        # From the roles held, without the walk down the relationships: a role's own
        # organisation is always in its scope, so any role granting `perm` is enough.
        def grants(p: Permission) -> bool:
            return any(
                a.role in ROLES and p in ROLES[a.role].permissions for a in self._assignments
            )

        self._held_second_factor_roles = any(grants(p) for p in SECOND_FACTOR_PERMISSIONS)
        if perm in SECOND_FACTOR_PERMISSIONS and self._second_factor_pending():
            return False
        return grants(perm)

    def org_codes_query(self, perm: Permission = Permission.VIEW):
        """The codes of `org_codes(perm)` as a subquery of the closure, for
        `org_id__in=...` where a set would not do (`org_codes` gives the same subquery
        to `__in` by itself): a national scope is never sent as thousands of literals."""
        return self.org_codes(perm).subquery()

    def organisations(self):
        from pathfinder.organisations.models import Organisation

        return Organisation.objects.filter(code__in=self.org_codes_query())

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
