"""Who sees which offers, who may book for which organisation, and who takes the register
(docs/decisions/0120-support-programme-access.md).

An offer is seen by anyone whose scope holds its provider, or an organisation the
provider serves: one below it (cluster → PCT → consortium → practice) or one it
`supports`. Bookers book for organisations they may EDIT that the provider serves; the
provider's editors mark attendance.
"""

from collections import defaultdict
from functools import lru_cache

from pathfinder.core.roles import Permission
from pathfinder.core.scope import BELOW_KINDS

SERVES_KINDS = (*BELOW_KINDS, "supports")


def _links() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Parents and children by the serving links, at any date: the nation's links are
    read (about 10,000 rows, 50 ms) once per recorded change, not on every page
    (core/audit.py `last_change`, as in docs/decisions/0177). Read only: callers never
    change them."""
    from pathfinder.core.audit import last_change

    return _links_at(last_change())


@lru_cache(maxsize=1)
def _links_at(change) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    from pathfinder.organisations.models import Relationship

    parents: dict[str, set[str]] = defaultdict(set)
    children: dict[str, set[str]] = defaultdict(set)
    for parent, child in Relationship.objects.filter(kind__in=SERVES_KINDS).values_list(
        "parent_id", "child_id"
    ):
        parents[child].add(parent)
        children[parent].add(child)
    return parents, children


def _reach(start: set[str], edges: dict[str, set[str]]) -> set[str]:
    seen = set(start)
    stack = list(start)
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


class SupportAccess:
    """One user's view of the support programme, worked out with one query."""

    def __init__(self, scope):
        self.scope = scope
        self.view_codes = scope.org_codes(Permission.VIEW)
        self.edit_codes = scope.org_codes(Permission.EDIT)
        self._parents, self._children = _links() if self.view_codes else ({}, {})
        # Providers whose offers the user sees: their own organisations and every
        # organisation above or supporting one of them.
        self.providers_seen = _reach(self.view_codes, self._parents)

    def sees_provider(self, provider_code: str | None) -> bool:
        if provider_code is None:
            return self.scope.is_signed_in and bool(self.view_codes)
        return provider_code in self.providers_seen

    def offers(self):
        """The offers this user sees, as a queryset."""
        from django.db.models import Q

        from pathfinder.support.models import SupportOffer

        q = Q(provider_id__in=self.providers_seen)
        if self.view_codes:
            q |= Q(provider_id__isnull=True)
        return SupportOffer.objects.filter(q)

    def served_by(self, provider_code: str | None) -> set[str]:
        if provider_code is None:
            return set(self.view_codes)
        return _reach({provider_code}, self._children)

    def may_book_for(self, provider_code: str | None) -> set[str]:
        """Organisations the user may book places for on this provider's sessions."""
        return self.edit_codes & self.served_by(provider_code)

    def takes_register(self, provider_code: str | None, booking_orgs=()) -> bool:
        """The provider's editors mark attendance; with no provider, the editors of
        every booking organisation on the session."""
        if provider_code is not None:
            return provider_code in self.edit_codes
        return bool(booking_orgs) and set(booking_orgs) <= self.edit_codes

    def sees_booking(self, provider_code: str | None, org_code: str) -> bool:
        return org_code in self.view_codes or (
            provider_code is not None and provider_code in self.view_codes
        )
